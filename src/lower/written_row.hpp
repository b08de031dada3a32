// A row as written, into a Row of the AST (src/lower/written_row.cpp): what every table's
// lowering shares.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/lower/lower.hpp"

namespace xxgk {

// One cell as written, before it gets its key.
struct WrittenCell {
  CellState state = CellState::blank;
  std::string raw;
  std::size_t offset = 0;
};

// A row as a reader wrote it, whichever reader found it (the grammar's row node, or the numbers
// that table 三 in columns shows by where they stand): what the row builder needs.
struct WrittenRow {
  std::string label;          // as written, without whitespace
  std::size_t offset = 0;     // where the row is said to be
  std::size_t label_end = 0;  // where a blank cell of a row without any cell is said to be
  std::vector<WrittenCell> cells;
  // The digits of cells that ran together when whitespace was collapsed (`350000035`), each piece
  // a crawler's stray space left apart a written cell.
  std::optional<std::vector<WrittenCell>> run_together;
  // Where the reader measured each cell, in the units of LowerContext::column_centers; empty when
  // the row's place in the text tells (display columns of its line).
  std::vector<double> cell_x;
  // Where the columns stand around this row, when the reader knows better than the table's
  // column_centers (a PDF's page sets its own grid); empty: the table's.
  std::vector<double> column_x;
};

// The cells of a row node as written: numbers, `-`, `/`, `无`, and the blanks between tabs.
std::vector<WrittenCell> written_cells(const TreeNode& row, const LowerContext& cx);

// Centre of each column, from rows that fill every column on one line: in text aligned by runs
// of spaces (pandoc, lynx, w3m) a short row's cells can then be put in their columns.
std::vector<double> column_centers_of(const std::vector<std::vector<WrittenCell>>& rows, std::size_t columns,
                                      LowerContext& cx);

// A row node of the grammar as written, with its cells (written_cells of the node, which the
// caller may already have).
WrittenRow written_row(const TreeNode& node, std::vector<WrittenCell> cells, const LowerContext& cx);

// The one row builder: a row from its spec and what was written. Blank cells are placed, split
// and run-together numbers rejoined by the row's rule (X1) or left unresolved (X2), numbers read
// by the one number parser; cells past the columns go to extra_cells. `key_prefix` replaces the
// spec's key in the cells' keys (a group's subtotal: `denied.subtotal`).
Row make_row(std::string_view table, const RowSpec& spec, WrittenRow written, LowerContext& cx,
             std::string_view key_prefix = {});

// Table 四's one data row of 15 cells (`keys`: group.column, in order), split and run-together
// numbers resolved by A5–A7; the cells get their keys from table4_rows.
std::vector<Cell> table4_cells(const TreeNode& node, std::span<const std::string_view> keys, LowerContext& cx);

// The label child of a row or group node (the rule that carries the row's key); null if none.
const TreeNode* label_child(const TreeNode& node);

// Adds the row, or keeps it as a duplicate (F7) when the table has that row already.
void add_row(Table& table, Row row, LowerContext& cx);

}  // namespace xxgk
