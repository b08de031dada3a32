#pragma once

#include <vector>

#include "xxgk/ast.hpp"
#include "xxgk/finding.hpp"

namespace xxgk {

// Every rule on one report, findings sorted by source position.
std::vector<Finding> validate(const Report& report, const Source& source);

// The parts, for tests and for callers that want one family.
void check_arithmetic(const Report& report, std::vector<Finding>& out);                       // A1–A8
void check_format(const Report& report, std::vector<Finding>& out);                           // F1–F8, Y2
void check_narrative(const Report& report, const Source& source, std::vector<Finding>& out);  // B4, Y1

}  // namespace xxgk
