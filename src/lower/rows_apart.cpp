// Table 三 in PDF text whose labels and numbers stand in separate paragraphs: the rows the grammar
// could not gather stay open (X2), not missing (F6) nor blank.
#include <algorithm>
#include <vector>

#include "src/lower/block_table.hpp"
#include "src/lower/lower.hpp"
#include "src/lower/number.hpp"
#include "src/lower/written_row.hpp"
#include "src/text.hpp"

namespace xxgk {
namespace {

bool table3_set_apart(const Report& report) {
  return std::any_of(report.extraction_notes.begin(), report.extraction_notes.end(), [](const ExtractionNote& n) {
    return n.apart && !n.keys.empty() && n.keys.front().starts_with("table3.");
  });
}

bool table3_is_set_apart(const LowerContext& cx) {
  return table3_set_apart(cx.report) || numbers_set_apart(cx.table3_begin, cx.table3_end, cx);
}

bool nothing_written(const Row& row) {
  return std::all_of(row.cells.begin(), row.cells.end(), [](const Cell& c) { return c.state == CellState::blank; });
}

}  // namespace

void lower_block_table3(BlockTable3 found, LowerContext& cx) {
  for (BlockTable3::FoundRow& r : found.rows) {
    Row row;
    row.key = std::string(r.spec->key);
    row.canonical_label = std::string(r.spec->label);
    row.written_label = std::string(r.spec->label);  // found in order in the region, other text between
    row.pos = cx.source.position(r.offset);
    const auto keys = cell_keys("table3", *r.spec);
    ExtractionNote note{std::string(r.readings.size() == 1 ? "X1" : "X2"), {}, {}, {}, {}, {}, true, false};
    note.written = std::move(r.written);
    note.readings = std::move(r.readings);
    note.pos = row.pos;
    for (std::size_t c = 0; c < keys.size() && c < r.cells.size(); ++c) {
      Cell cell;
      cell.key = keys[c];
      cell.state = r.cells[c].state;
      cell.raw = std::move(r.cells[c].raw);
      if (cell.state == CellState::number) cell.value = number_value(cell.raw);
      cell.pos = cx.source.position(r.cells[c].offset);
      row.cells.push_back(std::move(cell));
      note.keys.emplace_back(keys[c]);
    }
    cx.report.extraction_notes.push_back(std::move(note));
    add_row(cx.report.table3, std::move(row), cx);
  }
}

void open_table4_set_apart(LowerContext& cx) {
  Report& report = cx.report;
  if (report.table4.present || !report.table3.present) return;
  const std::string_view text = cx.source.text();
  if (cx.table3_begin >= text.size()) return;
  // The group labels in order after table 三, whatever stands between (a line break inside one).
  const std::string after = without_whitespace(text.substr(cx.table3_begin));
  std::size_t at = 0;
  for (const std::string_view label : kTable4GroupLabels) {
    at = after.find(label, at);
    if (at == std::string::npos) return;
    at += label.size();
  }
  if (!table3_is_set_apart(cx)) return;
  const std::size_t first = text.find(kTable4GroupLabels.front(), cx.table3_begin);
  Table& table = report.table4;
  table.present = true;
  table.pos = cx.source.position(first == std::string_view::npos ? cx.table3_begin : first);
  ExtractionNote note;
  note.rule = "X2";
  note.apart = true;
  note.pos = table.pos;
  std::vector<Cell> cells(kTable4Groups.size() * kTable4Columns.size());
  for (Cell& cell : cells) {
    cell.state = CellState::unresolved;
    cell.pos = table.pos;
  }
  table.rows = table4_rows(std::move(cells));
  for (const Row& row : table.rows) {
    for (const Cell& cell : row.cells) note.keys.emplace_back(cell.key);
  }
  report.extraction_notes.push_back(std::move(note));
}

void open_rows_set_apart(LowerContext& cx) {
  Report& report = cx.report;
  Table& table = report.table3;
  if (!table.present) return;
  // Where one row's numbers stood apart from it, any row's may have: a row without a cell, or
  // with a label the grammar did not find among the pieces, has its numbers somewhere in the
  // table's number paragraphs, which the text does not tie to it.
  const bool v2019 = table.row("other") != nullptr;
  std::vector<const RowSpec*> to_open;
  for (const RowSpec& spec : table3_rows(v2019 ? FormatVersion::v2019 : FormatVersion::v2021)) {
    const Row* row = nullptr;
    for (const Row& r : table.rows) {
      if (r.key == spec.key) row = &r;
    }
    // A label met twice (`其他`, a column's header word too) names the row whose numbers stand
    // apart from it twice: which numbers are its, the text does not show.
    const bool twice = std::any_of(report.duplicate_rows.begin(), report.duplicate_rows.end(), [&](const Row& d) {
      return d.key == spec.key && !d.cells.empty() && d.cells.front().key.starts_with("table3.");
    });
    if (row != nullptr && !nothing_written(*row) && !twice) continue;
    if (row != nullptr && std::all_of(row->cells.begin(), row->cells.end(),
                                      [](const Cell& c) { return c.state == CellState::unresolved; }))
      continue;  // left open already, with its note
    to_open.push_back(&spec);
  }
  // Whether the table is set so is asked only when some row would be opened: most tables have all
  // their rows.
  if (to_open.empty() || !table3_is_set_apart(cx)) {
    return;
  }
  for (const RowSpec* spec : to_open) {
    Row* row = nullptr;
    for (Row& r : table.rows) {
      if (r.key == spec->key) row = &r;
    }
    if (row == nullptr) {
      table.rows.push_back({std::string(spec->key), std::string(spec->label), "", table.pos, {}});
      row = &table.rows.back();
    }
    const std::string prefix = fmt_key_prefix("table3", spec->key);
    row->cells.clear();
    ExtractionNote note;
    note.rule = "X2";
    note.apart = true;
    note.pos = row->pos;
    for (const auto column : spec->columns) {
      Cell cell;
      cell.key = intern_key({prefix, column});
      cell.state = CellState::unresolved;
      cell.pos = row->pos;
      row->cells.push_back(std::move(cell));
      note.keys.push_back(prefix + std::string(column));
    }
    report.extraction_notes.push_back(std::move(note));
  }
}

}  // namespace xxgk
