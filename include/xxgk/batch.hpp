// Batch runs: whole corpora into SQLite, CSV, JSON Lines or Excel, every input accounted for. On
// top of the library, not part of its umbrella header: include it by name.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "xxgk/source.hpp"

namespace xxgk {

struct BatchOptions {
  std::vector<std::string> inputs;  // files, folders (recursive) and "-" (a list of paths on stdin)
  std::string output;               // .sqlite (.db), .csv, .jsonl or .xlsx; "" for none (a review alone)
  std::string review;               // a folder for review pages (index.html and a page a file); "" for none
  unsigned jobs = 0;                // 0: all cores
  bool long_csv = false;            // CSV and Excel: one row per cell instead of one per report
  std::string encoding = "auto";
  std::size_t max_bytes = kMaxReportBytes;  // larger files are `unreadable`
  InvalidBytes invalid_bytes = InvalidBytes::refuse;
  // A file still being parsed after this long gets the status `timeout`; 0: no limit. Generous:
  // a report takes milliseconds, the slowest hostile input of the size limit seconds.
  double timeout_seconds = 60;
  bool progress = false;  // a progress line on standard error
  std::string arguments;  // the command line as a JSON array, recorded in the SQLite runs table
};

struct BatchSummary {
  std::size_t files = 0, unreadable = 0, timeout = 0;
};

// Runs the batch. Throws std::runtime_error, before any work, for an output that is an input or
// lies inside an input folder, or that another batch is writing; and when an output cannot be
// written (the message names it and gives the system's reason). Files that fail do not throw:
// each gets its status.
BatchSummary run_batch(const BatchOptions& options, std::ostream& log);

}  // namespace xxgk
