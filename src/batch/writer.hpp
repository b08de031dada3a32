// Where a batch's results go: SQLite, CSV, JSON Lines or Excel. Every write is checked: an output
// that cannot be written ends the batch with a message naming it and the system's reason, and a
// file output is never left half written under its own name.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "src/batch/cross_year.hpp"
#include "src/batch/result.hpp"
#include "xxgk/batch.hpp"

namespace xxgk::batch {

struct RunCounts {
  std::size_t files = 0;
  std::map<std::string, std::size_t> by_status;
};

class Writer {
 public:
  virtual ~Writer() = default;
  virtual void write(const std::vector<Result>& chunk) = 0;
  // B1 and B2, known once every report has been read: only SQLite has a place for them (and for
  // the warning counts they change); the other outputs are complete without them.
  virtual void add_cross_year(const std::vector<CrossYearFindings>& /*findings*/) {}
  // Rows of files under these folders (as the walk spelled them) that this run did not read.
  virtual void forget_missing(const std::vector<std::string>& /*folders*/) {}
  // Completes the output; until then a file output exists only under a temporary name.
  virtual void finish(const RunCounts& counts) = 0;
  // The run failed: records it where the output has a place for it.
  virtual void failed(const std::string& /*reason*/) noexcept {}
};

std::unique_ptr<Writer> open_writer(const BatchOptions& options);

std::unique_ptr<Writer> open_sqlite_writer(const BatchOptions& options);
std::unique_ptr<Writer> open_csv_writer(const BatchOptions& options);
std::unique_ptr<Writer> open_jsonl_writer(const BatchOptions& options);
std::unique_ptr<Writer> open_xlsx_writer(const BatchOptions& options);

// The columns of a report row in CSV and Excel, before one column per cell key.
inline constexpr const char* kReportColumns[] = {"path",           "status", "reason",   "agency", "year",
                                                 "format_version", "errors", "warnings", "kind",   "content_hash"};
// Their values for one report ("" where there is none).
std::vector<std::string> report_fields(const Result& r);
// One column per canonical key of every layout, in the spec's order, pre-2019 statistics last.
const std::vector<std::string>& wide_keys();

// Writes to a temporary file beside the output and renames it into place when complete: readers
// never see half a file, and a failed run leaves the previous output as it was.
class TemporaryOutput {
 public:
  explicit TemporaryOutput(std::string path);
  TemporaryOutput(const TemporaryOutput&) = delete;
  TemporaryOutput& operator=(const TemporaryOutput&) = delete;
  ~TemporaryOutput();  // removes the temporary unless committed

  void write(std::string_view bytes);
  // For libraries that write the file themselves: closes our descriptor, checked.
  void close();
  // Flushes, syncs, closes and renames into place; each step checked.
  void commit();
  [[nodiscard]] const std::string& temporary() const { return temporary_; }
  [[noreturn]] void fail(std::string_view reason) const;

 private:
  std::string path_, temporary_;
  int fd_ = -1;
  bool committed_ = false;
  std::string buffer_;
  void flush();
};

}  // namespace xxgk::batch
