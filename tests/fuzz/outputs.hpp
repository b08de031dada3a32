// What every fuzz target does with a report once it is read: validation and everything the CLI and
// the batch write of it (the JSON of the report and its findings, the cell dump, each finding with
// its source line and caret).
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "xxgk/xxgk.hpp"

namespace xxgk::fuzz {

inline void write_everything(const Source& source, const Report& report) {
  const std::vector<Finding> findings = validate(report, source);
  std::string json = to_json(report).dump();
  for (const Finding& finding : findings) json += to_json(finding, source.name()).dump();
  std::ostringstream printed;
  write_cells(report, printed);
  for (const Finding& finding : findings) write_diagnostic(finding, source, printed);
}

}  // namespace xxgk::fuzz
