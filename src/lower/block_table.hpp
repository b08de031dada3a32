// Table 三 as PDF text in reading order gives it (pdftotext without options, a copy from a PDF
// viewer; internal to the library). Narrow columns make every cell a block of its own: the numbers
// come one a paragraph, row after row, while the first cell or two of a row, set close to its
// label, come inside the label's paragraph, often before or after the row's other numbers and
// interleaved with other rows' labels. No line of the text is a row, so neither the grammar nor
// the column reader finds one; this reads the region as two streams of numbers instead:
//  - the numbers inside paragraphs with label text (a row's first cells), in order;
//  - the numbers that stand alone in paragraphs (a row's other cells), in order;
// and gives each row of the format, in the regulated order, the next k numbers of the first stream
// and 7 − k of the second, for every k whose reading keeps the row's total (A1). The table is read
// only when the counts fit the format exactly, every row has one reading, and the table's column
// relations (A2, A3) hold; anything less proves nothing, and the table is left to the other readings.
#pragma once

#include <cstddef>
#include <optional>

#include "src/lower/layout_table.hpp"
#include "src/lower/lower.hpp"

namespace xxgk {

// Finds table 三 in the normalised text between byte offsets `begin` and `end` when it is written
// as label and number blocks and the arithmetic settles every cell; its rows (by the regulated
// order, labels confirmed by the label matcher) are lowered like the column reader's.
std::optional<LayoutTable3> find_block_table3(std::size_t begin, std::size_t end, const LowerContext& cx);

// Whether table 三 between `begin` and `end` is set as label and number blocks: paragraphs of
// numbers alone, three or more (one is a row wrapped at a page turn). Its rows' numbers may then
// stand anywhere among them, whatever reading of the table is used.
bool numbers_set_apart(std::size_t begin, std::size_t end, const LowerContext& cx);

}  // namespace xxgk
