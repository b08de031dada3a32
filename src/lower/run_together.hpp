// Rows whose cells a crawler ran together (src/lower/run_together.cpp), and the pieces of the row
// builder (src/lower/written_row.cpp) that reading them shares. Internal to lowering.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/lower/split_cells.hpp"
#include "src/lower/written_row.hpp"

namespace xxgk {

bool same_line(std::string_view text, std::size_t a, std::size_t b);
bool is_digits(const std::string& s);

// Every placement of the written cells in the row's columns, in order, the others blank, that the
// row's rule accepts with a blank read as 0; with each, the reading as text (`1 _ 0 …`).
struct Placements {
  std::vector<std::vector<WrittenCell>> cells;
  std::vector<std::string> readings;
};
Placements blank_placements_that_hold(const std::vector<WrittenCell>& written, std::size_t columns, ReadingCheck check);

// Notes how a row's cells were read (X1) or could not be (X2), with the readings that fit.
void note_readings(std::string rule, const std::vector<WrittenCell>& written, std::vector<std::string> readings,
                   const std::string& key_prefix, std::span<const std::string_view> column_keys, LowerContext& cx);

// Cells a crawler ran together with a space here and there (`2100000 21`, `1 0 00 0 0 1`).
bool spaced_run_together(const std::vector<WrittenCell>& written, std::size_t columns, const LowerContext& cx);

// The digits of a row whose cells ran together as a reader found them, or a single number with
// more digits than the row has columns and nothing else (it ended at a blank).
std::optional<std::vector<WrittenCell>> run_together_of(const WrittenRow& row, std::size_t columns);

// The digits of a row whose cells ran together: a run_together_cells node, each space-separated
// piece a written cell (a space may stand between two cells, or not).
std::optional<std::vector<WrittenCell>> run_together_node(const TreeNode& node, const LowerContext& cx);

// The row's cells read from run-together pieces by the row's rule (X1), or left open (X2).
std::vector<WrittenCell> read_pieces(const std::vector<WrittenCell>& pieces, std::size_t columns, ReadingCheck check,
                                     const std::string& key_prefix, std::span<const std::string_view> column_keys,
                                     LowerContext& cx);

}  // namespace xxgk
