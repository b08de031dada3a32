// Helpers the rule files share (internal).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "xxgk/ast.hpp"
#include "xxgk/finding.hpp"
#include "xxgk/keys.hpp"
#include "xxgk/rules.hpp"

namespace xxgk {

inline Finding make_finding(std::string_view rule, std::vector<std::string> keys, std::string message, SourcePos pos,
                            std::optional<double> value = std::nullopt, std::optional<double> expected = std::nullopt) {
  Finding f;
  f.rule = std::string(rule);
  f.severity = rule_info(rule).severity;
  f.keys = std::move(keys);
  f.message = std::move(message);
  f.pos = pos;
  f.value = value;
  f.expected = expected;
  return f;
}

// A cell's number for arithmetic. `-`, `/` and `无` say "none" and count as 0; a blank or
// missing cell says nothing, so rules that need it are not applied (F5/F6 report it instead).
inline std::optional<double> arithmetic_value(const Cell* cell) {
  if (cell == nullptr) return std::nullopt;
  switch (cell->state) {
    case CellState::number:
      return cell->value;
    case CellState::dash:
    case CellState::slash:
    case CellState::none:
      return 0.0;
    default:
      return std::nullopt;
  }
}

inline std::string number_text(double v) {
  return fmt::format("{:.15g}", v);  // every digit of a count; sums of decimals without float noise
}

// The layout the report's tables show: the keys and rules follow it.
inline FormatVersion version_of(const Report& r) {
  return r.format_version == "2019" ? FormatVersion::v2019 : FormatVersion::v2021;
}

}  // namespace xxgk
