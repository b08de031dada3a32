// The arithmetic of the format's tables (spec §5), written once: lowering reads damaged rows by it
// (which reading of split or run-together numbers, which placement of blank cells holds) and
// validation checks what the report says against it (src/rules/validate_arithmetic.cpp).
#pragma once

#include <cmath>
#include <span>
#include <vector>

#include "xxgk/keys.hpp"

namespace xxgk::relations {

// Counts are whole numbers and amounts have four decimals: two sums that mean the same number
// agree within this, whatever the order they were added in.
inline constexpr double kTolerance = 1e-9;
inline bool agree(double a, double b) {
  return std::fabs(a - b) <= kTolerance;
}

// A row whose last cell is the total of the others: A1 (a row of table 三: six applicant columns
// and 总计) and A5–A7 (a group of table 四: four results and 总计).
inline bool parts_make_total(std::span<const double> row) {
  if (row.empty()) return false;
  double sum = 0;
  for (std::size_t i = 0; i + 1 < row.size(); ++i) sum += row[i];
  return agree(sum, row.back());
}

// A1 on the seven cells of a row of table 三, as a reading of them gives them.
inline bool table3_row_holds(const std::vector<double>& row) {
  return row.size() == kTable3Columns.size() && parts_make_total(row);
}

// A5–A7 on table 四's one line of fifteen cells, group by group.
inline bool table4_line_holds(const std::vector<double>& line) {
  const std::size_t width = kTable4Columns.size();
  if (line.size() != kTable4Groups.size() * width) return false;
  for (std::size_t g = 0; g < line.size(); g += width) {
    if (!parts_make_total(std::span<const double>(line).subspan(g, width))) return false;
  }
  return true;
}

// A5–A7 with group `skipped` left out: which group alone breaks its total, when no reading of the
// line keeps all three (src/lower/run_together.cpp).
template <std::size_t skipped>
bool table4_line_holds_but(const std::vector<double>& line) {
  const std::size_t width = kTable4Columns.size();
  if (line.size() != kTable4Groups.size() * width) return false;
  for (std::size_t g = 0; g < kTable4Groups.size(); ++g) {
    if (g != skipped && !parts_make_total(std::span<const double>(line).subspan(g * width, width))) return false;
  }
  return true;
}

// A3, column by column: 新收 + 上年结转 = 总计 + 结转下年度.
inline bool balance_holds(double received, double carried_over, double total, double carried_forward) {
  return agree(received + carried_over, total + carried_forward);
}

}  // namespace xxgk::relations
