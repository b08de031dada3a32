// Table 三 as `pdftotext -layout` prints it (internal to the library). The PDF centres cells
// vertically: a number wrapped in its cell puts its first digits on the line above the row and
// the rest below, and a wrapped label continues above and below, sharing lines with group labels.
// No line grammar follows that; this reads the table's lines in two dimensions instead:
//  - a row is a line of 7 numbers, or three lines of k, 7 − k and k numbers (the k wrapped
//    numbers' halves above and below, joined pairwise, put in column order by their x position);
//  - a row whose total does not hold takes the pieces of numbers wrapped on more lines, above
//    and below it, each in the column it stands in, and the rest past a page break, when the
//    total then holds (two readings that hold leave the cells they disagree on open, X2);
//  - its label is the canonical label whose characters appear, in order, in the text around it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "src/lower/lower.hpp"
#include "src/lower/written_row.hpp"

namespace xxgk {

// Table 三 as found by where its numbers stand: each row with the format's row its label names,
// and what it wrote. Nothing of it is in the report yet: lowering chooses this reading or the
// grammar's before any cell is built.
struct LayoutTable3 {
  struct FoundRow {
    const RowSpec* spec = nullptr;
    WrittenRow written;
    // A row the reader leaves open (the rest of a wrapped number may or may not stand past the
    // page break): the numbers on its line and the readings, for its X2 note.
    std::string numbers_written;
    std::vector<std::string> readings;
  };
  std::vector<FoundRow> rows;
  std::vector<double> column_x;  // where the columns stand, in characters of their lines
};

// Finds table 三 in the normalised text between byte offsets `begin` and `end`, when it is set in
// columns by runs of spaces and more than `more_than` of its rows are found.
std::optional<LayoutTable3> find_layout_table3(std::size_t begin, std::size_t end, std::size_t more_than,
                                               const LowerContext& cx);

// Its rows into the report, through the one row builder (blank cells placed by the columns, or by
// the row's total).
void lower_layout_table3(LayoutTable3 found, LowerContext& cx);

}  // namespace xxgk
