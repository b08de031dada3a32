// A finding of validation: rule id, severity, the cells involved, both sides of the comparison.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "xxgk/source.hpp"

namespace xxgk {

enum class Severity { error, warning };
std::string_view to_string(Severity s);

struct Finding {
  std::string rule;  // A1–A8, B4, Y1, F1–F8 (see include/xxgk/rules.hpp)
  Severity severity = Severity::warning;
  std::vector<std::string> keys;  // canonical cell keys; the first one is where the finding points
  std::string message;
  SourcePos pos;
  std::optional<double> value;     // the number the document prints in the cell
  std::optional<double> expected;  // what the rule derives from other cells or the prose states
};

}  // namespace xxgk
