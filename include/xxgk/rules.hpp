// The catalogue of rule ids: the spec's A1–A8 and B1–B5, plus year (Y) and format (F) checks.
#pragma once

#include <span>
#include <string_view>

#include "xxgk/finding.hpp"

namespace xxgk {

struct RuleInfo {
  std::string_view id;
  Severity severity;
  std::string_view category;  // the evaluators' category (spec §6)
  std::string_view summary;
};

std::span<const RuleInfo> rule_catalogue();
const RuleInfo& rule_info(std::string_view id);

}  // namespace xxgk
