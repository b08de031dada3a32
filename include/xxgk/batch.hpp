// Batch runs: whole corpora into SQLite, CSV or JSON Lines, every input accounted for.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "xxgk/source.hpp"

namespace xxgk {

struct BatchOptions {
  std::vector<std::string> inputs;  // files, folders (recursive) and "-" (a list of paths on stdin)
  std::string output;               // .sqlite, .csv or .jsonl
  unsigned jobs = 0;                // 0: all cores
  bool long_csv = false;            // one row per cell instead of one per report
  std::string encoding = "auto";
  std::size_t max_bytes = kMaxReportBytes;  // larger files are `unreadable`
  InvalidBytes invalid_bytes = InvalidBytes::refuse;
  bool progress = false;  // a progress line on standard error
};

// Runs the batch; returns the number of inputs that could not be read at all.
std::size_t run_batch(const BatchOptions& options, std::ostream& log);

}  // namespace xxgk
