// Rules A1–A8: the arithmetic the format fixes (spec §5).
#include <algorithm>
#include <cmath>

#include "src/rules/findings.hpp"
#include "src/rules/relations.hpp"
#include "xxgk/keys.hpp"
#include "xxgk/validate.hpp"

namespace xxgk {
namespace {

bool differ(double a, double b) {
  return !relations::agree(a, b);
}

// Sums the cells; nullopt when any of them says nothing.
std::optional<double> sum(const std::vector<const Cell*>& cells) {
  double total = 0;
  for (const Cell* c : cells) {
    const auto v = arithmetic_value(c);
    if (!v) return std::nullopt;
    total += *v;
  }
  return total;
}

std::vector<std::string> keys_of(const Cell* first, const std::vector<const Cell*>& rest) {
  std::vector<std::string> keys{std::string(first->key)};
  for (const Cell* c : rest) keys.emplace_back(c->key);
  return keys;
}

// Total cell against the sum of its parts: one finding when they differ.
void check_sum(std::string_view rule, const Cell* total, const std::vector<const Cell*>& parts, std::string_view what,
               std::vector<Finding>& out) {
  const auto stated = arithmetic_value(total);
  const auto computed = sum(parts);
  if (!stated || !computed || !differ(*stated, *computed)) return;
  out.push_back(make_finding(
      rule, keys_of(total, parts),
      fmt::format("{} is {} but {} add up to {}", total->key, number_text(*stated), what, number_text(*computed)),
      total->pos, stated, computed));
}

void check_table3(const Report& r, std::vector<Finding>& out) {
  const Table& t = r.table3;
  // A1: each row's total column.
  for (const Row& row : t.rows) {
    const Cell* total = row.cell("total");
    if (total == nullptr) continue;
    std::vector<const Cell*> parts;
    for (std::size_t c = 0; c + 1 < kTable3Columns.size(); ++c) parts.push_back(row.cell(kTable3Columns[c]));
    check_sum("A1", total, parts, "the six applicant columns", out);
  }
  for (const auto column : kTable3Columns) {
    // A2: results total against the leaf rows.
    std::vector<const Cell*> leaves;
    for (const auto leaf : table3_result_leaves(version_of(r))) leaves.push_back(t.cell(leaf, column));
    if (const Cell* total = t.cell("total", column)) {
      check_sum("A2", total, leaves, "the result rows (一)–(六)", out);
    }
    // A3: new + carried over = total + carried forward.
    const Cell* received = t.cell("new_received", column);
    const Cell* carried_over = t.cell("carried_over", column);
    const Cell* total = t.cell("total", column);
    const Cell* carried_forward = t.cell("carried_forward", column);
    const auto in = sum({received, carried_over});
    const auto outgoing = sum({total, carried_forward});
    if (in && outgoing &&
        !relations::balance_holds(*arithmetic_value(received), *arithmetic_value(carried_over),
                                  *arithmetic_value(total), *arithmetic_value(carried_forward))) {
      out.push_back(make_finding(
          "A3",
          {std::string(received->key), std::string(carried_over->key), std::string(total->key),
           std::string(carried_forward->key)},
          fmt::format("新收 {} + 上年结转 {} = {}, but 总计 {} + 结转下年度 {} = {}",
                      number_text(*arithmetic_value(received)), number_text(*arithmetic_value(carried_over)),
                      number_text(*in), number_text(*arithmetic_value(total)),
                      number_text(*arithmetic_value(carried_forward)), number_text(*outgoing)),
          received->pos, in, outgoing));
    }
  }
  // A4: subtotals on group labels.
  for (const Row& subtotal : r.table3_subtotals) {
    const std::string group = subtotal.key;
    for (const Cell& cell : subtotal.cells) {
      const std::string_view column = std::string_view(cell.key).substr(cell.key.rfind('.') + 1);
      std::vector<const Cell*> items;
      if (group == "results") {
        for (const auto leaf : table3_result_leaves(version_of(r))) items.push_back(t.cell(leaf, column));
      } else {
        for (const auto& spec : table3_rows()) {
          if (spec.group == group) items.push_back(t.cell(spec.key, column));
        }
      }
      check_sum("A4", &cell, items, "the group's items", out);
    }
  }
}

void check_table4(const Report& r, std::vector<Finding>& out) {
  constexpr std::string_view rules[] = {"A5", "A6", "A7"};
  for (std::size_t g = 0; g < kTable4Groups.size(); ++g) {
    const auto group = kTable4Groups[g];
    std::vector<const Cell*> parts;
    for (std::size_t c = 0; c + 1 < kTable4Columns.size(); ++c)
      parts.push_back(r.table4.cell(group, kTable4Columns[c]));
    check_sum(rules[g], r.table4.cell(group, "total"), parts, "结果维持 + 结果纠正 + 其他结果 + 尚未审结", out);
  }
}

// A8: what a number in each cell may be.
constexpr std::size_t kMaxExactDigits = 15;

void check_domain(const Cell& cell, bool is_money, std::vector<Finding>& out) {
  if (cell.state != CellState::number || !cell.value) return;
  const double v = *cell.value;
  // Past 15 digits no count or amount is meant, and a double no longer holds the number exactly:
  // the sums that use it are approximate, so say so before they are read.
  const auto digits = static_cast<std::size_t>(
      std::count_if(cell.raw.begin(), cell.raw.end(), [](char c) { return c >= '0' && c <= '9'; }));
  if (digits > kMaxExactDigits) {
    out.push_back(
        make_finding("A8", {std::string(cell.key)},
                     fmt::format("{} has {} digits, more than any count or amount; rules that add it are approximate",
                                 cell.key, digits),
                     cell.pos, v));
    return;
  }
  // 2019's 本年增/减 is a signed change; 2019's 采购总金额 is money in whatever unit it states.
  const bool signed_change = cell.key.size() > 7 && cell.key.compare(cell.key.size() - 7, 7, ".change") == 0;
  if (cell.key == "table2.procurement.amount") {
    if (v < 0)
      out.push_back(make_finding("A8", {std::string(cell.key)}, fmt::format("{} is negative ({})", cell.key, cell.raw),
                                 cell.pos, v));
    return;
  }
  if (v < 0 && signed_change) return;
  if (v < 0) {
    out.push_back(make_finding("A8", {std::string(cell.key)}, fmt::format("{} is negative ({})", cell.key, cell.raw),
                               cell.pos, v));
  } else if (!is_money && differ(v, std::floor(v))) {
    out.push_back(make_finding("A8", {std::string(cell.key)},
                               fmt::format("{} counts items but is not a whole number ({})", cell.key, cell.raw),
                               cell.pos, v));
  } else if (is_money && !cell.unit.empty() && cell.unit != "万元") {
    out.push_back(make_finding(
        "A8", {std::string(cell.key)},
        fmt::format("{} is written in {} but the column is in 万元 ({})", cell.key, cell.unit, cell.raw), cell.pos, v));
  } else if (!is_money && (cell.unit == "元" || cell.unit == "万元")) {
    out.push_back(make_finding("A8", {std::string(cell.key)},
                               fmt::format("{} counts items but carries a money unit ({})", cell.key, cell.raw),
                               cell.pos, v));
  }
}

// A header cut at its cells' width (C html2text: `信息` of 信息内容, `本年收费金额(` of the fee
// column's note): what was cut off may have named the unit.
bool cut_at_cell_width(const std::string& header, std::size_t fee_column) {
  const std::size_t note = header.find('(', fee_column);
  const bool note_cut = note != std::string::npos && header.find(')', note) == std::string::npos;
  const bool first_column_cut =
      header.find("信息内容") == std::string::npos && header.find("信息") != std::string::npos;
  return note_cut || first_column_cut;
}

// The fee column of 二 is in 万元: a header that names another unit puts every fee in doubt.
void check_fee_unit(const Report& r, std::vector<Finding>& out) {
  const Cell* fee = r.table2.cell("fees", "amount");
  const std::size_t column = r.table2.header.find("收费金额");
  if (fee == nullptr || column == std::string::npos) return;
  if (cut_at_cell_width(r.table2.header, column)) return;
  if (r.table2.header.find("万元") == std::string::npos) {
    out.push_back(make_finding("A8", {std::string(fee->key)}, "the fee column's header does not give the unit 万元",
                               fee->pos, fee->value));
  }
}

}  // namespace

void check_arithmetic(const Report& report, std::vector<Finding>& out) {
  check_fee_unit(report, out);
  check_table3(report, out);
  check_table4(report, out);
  for (const Table* table : {&report.table2, &report.table3, &report.table4}) {
    for (const Row& row : table->rows) {
      for (const Cell& cell : row.cells) check_domain(cell, cell.key == "table2.fees.amount", out);
    }
  }
}

}  // namespace xxgk
