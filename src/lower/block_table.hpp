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

#include <string>
#include <vector>

#include "src/lower/layout_table.hpp"
#include "src/lower/lower.hpp"
#include "src/lower/written_row.hpp"

namespace xxgk {

// Table 三 read from label and number blocks: each row of the format in the regulated order (its
// label confirmed by the label matcher), with its cells as the arithmetic reads them.
struct BlockTable3 {
  struct FoundRow {
    const RowSpec* spec = nullptr;
    // Numbers and blanks every reading the arithmetic keeps fills alike; unresolved where they
    // differ (a blank the text does not show, among zeros).
    std::vector<WrittenCell> cells;
    std::vector<std::string> readings;  // the row in each such reading, `_` a blank
    std::string written;                // its numbers, as the first reading takes them
    std::size_t offset = 0;             // its first number
  };
  std::vector<FoundRow> rows;
};

// Finds table 三 in the normalised text between byte offsets `begin` and `end` when it is written
// as label and number blocks and the arithmetic reads it (A1 for each row, A2 and A3 for its
// columns): nothing when no reading keeps them or too many do.
std::optional<BlockTable3> find_block_table3(std::size_t begin, std::size_t end, const LowerContext& cx);

// Its rows into the report (src/lower/rows_apart.cpp): cells read as found, each row with its note
// (X1 when one reading is kept, X2 with the readings when more are).
void lower_block_table3(BlockTable3 found, LowerContext& cx);

// Whether table 三 between `begin` and `end` is set as label and number blocks: paragraphs of
// numbers alone, three or more (one is a row wrapped at a page turn). Its rows' numbers may then
// stand anywhere among them, whatever reading of the table is used.
bool numbers_set_apart(std::size_t begin, std::size_t end, const LowerContext& cx);

}  // namespace xxgk
