// Review pages: a static HTML page per report, with its three tables drawn in the regulated layout
// and every finding marked on the cell it names, and an index of the files. Self-contained (CSS and
// script inline, nothing fetched), for the offices that check reports and the evaluators who grade
// them. On top of the library, not part of its umbrella header: include it by name.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "xxgk/ast.hpp"
#include "xxgk/finding.hpp"
#include "xxgk/output.hpp"
#include "xxgk/source.hpp"

namespace xxgk {

// A stretch of the normalised text (bytes) a finding refers to: the sentence of the prose it
// points into.
struct ProseMark {
  std::size_t begin = 0, end = 0;
  std::size_t finding = 0;  // index into the findings
};

// What a page needs of the source, taken while it is at hand (a batch keeps the report and its
// findings, not the source): the line each finding quotes, and the sentences findings point into.
struct ReviewContext {
  std::vector<Quote> quotes;  // one per finding; an empty line when the finding has no position
  std::vector<ProseMark> marks;
};
ReviewContext review_context(const Report& report, const std::vector<Finding>& findings, const Source& source);

// One file of a review, as the batch knows it.
struct ReviewFile {
  std::string path;  // printable (printable_path)
  std::string kind;  // text, html, docx, pdf, …
  std::string status;
  std::string reason;
  const Report* report = nullptr;  // null when the file could not be read
  const std::vector<Finding>* findings = nullptr;
  const ReviewContext* context = nullptr;
};

// The page of one file. `index` is the link back to the index page.
std::string review_page(const ReviewFile& file, std::string_view index);

// What the index shows of a file.
struct ReviewIndexEntry {
  std::string page;  // file name of its page, beside index.html
  std::string path, kind, status, reason, agency, format_version;
  std::optional<int> year;
  std::size_t errors = 0, warnings = 0;
  std::map<std::string, std::size_t> rules;  // findings by rule id
  std::optional<double> received;            // table3.new_received.total, when a number
};
ReviewIndexEntry review_index_entry(const ReviewFile& file, std::string page);
std::string review_index(const std::vector<ReviewIndexEntry>& entries);

// Writes the pages of a review into a folder (created when missing): one page a file as it is
// added, index.html when finished. Throws std::runtime_error naming the file and the system's
// reason when one cannot be written.
class ReviewWriter {
 public:
  explicit ReviewWriter(std::string folder);
  void add(const ReviewFile& file);
  void finish();

 private:
  std::string folder_;
  std::vector<ReviewIndexEntry> entries_;
};

}  // namespace xxgk
