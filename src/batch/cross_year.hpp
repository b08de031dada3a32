// B1 and B2 (spec §5): one agency's reports of consecutive years compared. The summaries of every
// report of the batch wait in a private temporary SQLite database (on disk, removed when it is
// closed), so the memory the checks take does not grow with the number of files.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "src/batch/result.hpp"
#include "src/batch/sqlite.hpp"

namespace xxgk::batch {

// The B1 and B2 findings of one report (the later of the two years).
struct CrossYearFindings {
  std::string path;    // printable path of the report
  std::string status;  // its status before these findings
  std::vector<Finding> findings;
};

class YearSummaries {
 public:
  YearSummaries();
  void add(const std::vector<Result>& chunk);
  // Every report whose agency has a report of the year before (the first one read, when there
  // are several) and that differs from it, in the order the reports were read; given to `found`
  // at most `at_once` reports at a time.
  void check(std::size_t at_once, const std::function<void(std::vector<CrossYearFindings>&)>& found);

 private:
  Connection db_;
};

}  // namespace xxgk::batch
