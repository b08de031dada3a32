// Table 三 as `pdftotext -layout` prints it (internal to the library). The PDF centres cells
// vertically: a number wrapped in its cell puts its first digits on the line above the row and
// the rest below, and a wrapped label continues above and below, sharing lines with group labels.
// No line grammar follows that; this reads the table's lines in two dimensions instead:
//  - a row is a line of 7 numbers, or three lines of k, 7 − k and k numbers (the k wrapped
//    numbers' halves above and below, joined pairwise, put in column order by their x position);
//  - its label is the canonical label whose characters appear, in order, in the text around it.
#pragma once

#include <cstddef>

#include "src/lower/lower.hpp"

namespace xxgk {

// Reads table 三 from the normalised text between byte offsets `begin` and `end`, and replaces
// the grammar's reading when it finds more rows. Returns whether it did.
bool read_layout_table3(std::size_t begin, std::size_t end, LowerContext& cx);

}  // namespace xxgk
