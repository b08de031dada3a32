// Lowering: parse tree → typed AST (internal to the library). Tables in lower_tables.cpp.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "src/tree/parse_tree.hpp"
#include "xxgk/ast.hpp"
#include "xxgk/keys.hpp"

namespace xxgk {

struct LowerContext {
  LowerContext(const Source& s, Report& r) : source(s), report(r) {}

  const Source& source;
  Report& report;

  [[nodiscard]] std::size_t offset(const TreeNode& node) const {
    return static_cast<std::size_t>(node.m_begin.data - source.text().data());
  }
  [[nodiscard]] SourcePos pos(const TreeNode& node) const { return source.position(offset(node)); }
  // The same for the rows of tables and their cells, asked in the order of the text: each found
  // on from the one asked before (Source::Cursor).
  [[nodiscard]] SourcePos position(std::size_t offset) { return positions_.position(offset); }

  // Where the columns of the table being lowered stand, in display columns of the normalised
  // text (text aligned by runs of spaces); empty when the table is not laid out that way.
  std::vector<double> column_centers;

  // The offset of each digit of a row whose cells ran together, by the key of the row's first cell:
  // a cell read later from the table's column sums stands at its first digit.
  std::map<std::string, std::vector<std::size_t>, std::less<>> run_digit_offsets;

  // Where table 三 stands in the text (from its first node to the next known heading or table):
  // when it is set as label and number blocks (PDF text in reading order), a row of it without a
  // cell has its numbers among the number paragraphs, not blank (src/lower/rows_apart.cpp).
  std::size_t table3_begin = 0, table3_end = 0;

  // Display column (East Asian wide characters count 2) of a byte offset in its line of the
  // normalised text. Cells are asked for in reading order, so counting goes on from the offset
  // asked last instead of from the line start each time.
  [[nodiscard]] double display_x(std::size_t offset);

 private:
  std::size_t display_offset_ = 0;
  double display_x_ = 0;
  Source::Cursor positions_{source};
};

void lower_table2(const TreeNode& table, LowerContext& cx);
// Table 三 is read one way: by the grammar's rows, or, where they are short and the table is set
// in columns, by where its numbers stand (src/lower/layout_table.cpp); then the grammar gives its
// header only. The choice is made before any cell is built.
enum class Table3Reading { grammar, header_only };
void lower_table3(const TreeNode& table, LowerContext& cx, Table3Reading reading = Table3Reading::grammar);
// How many rows of the format the grammar's reading of table 三 gives, and in which format (2019
// when (六)其他处理 holds numbers): counted from the tree, before anything is lowered.
struct Table3RowCount {
  std::vector<bool> taken;  // by table3_rows()
  FormatVersion format = FormatVersion::v2021;
  [[nodiscard]] std::size_t read() const;
};
// Adds the rows of one table 三 node (a table may come in several, cut by page breaks).
void count_table3_rows(const TreeNode& table, const LowerContext& cx, Table3RowCount& count);
void lower_table4(const TreeNode& table, LowerContext& cx);
// Table 四's one data row as its three rows, one per group: the i-th cell gets the key of group
// i / 5, column i % 5. A row cut off keeps the cells it has.
std::vector<Row> table4_rows(std::vector<Cell> cells);
// Rows of table 三 left open (X2) whose readings the other rows' column sums (A2, A3) narrow:
// the cells the remaining readings agree on are read; one reading left is used (X1).
// Rows whose readings were too many to list are derived from the others (src/lower/column_sums.cpp).
void settle_by_column_sums(LowerContext& cx);
// Table 三 set apart in paragraphs (labels and numbers in separate blocks, src/lower/written_row.cpp):
// rows not found, or found without a cell, are left unresolved (X2) (src/lower/rows_apart.cpp).
void open_rows_set_apart(LowerContext& cx);
// Table 四 in such text that the grammar did not find, where its groups' labels stand in order after
// table 三 (other words set among its header's, its numbers in paragraphs): present, its cells
// unresolved (X2), not missing (F6) (src/lower/rows_apart.cpp).
void open_table4_set_apart(LowerContext& cx);
// The statistics a pre-2019 report states in its prose (src/lower_pre2019.cpp).
void extract_pre2019_statistics(LowerContext& cx);

// `table3.granted.` for ("table3", "granted").
std::string fmt_key_prefix(std::string_view table, std::string_view row);

}  // namespace xxgk
