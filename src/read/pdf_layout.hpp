// A PDF page's words read by their geometry into the lines the grammar reads (internal to the
// library; used by the PDF reader): prose as lines, and each table row as one line of cells.
#pragma once

#include <cstdint>
#include <vector>

#include "src/read/pdf_words.hpp"

namespace xxgk::pdf {

// A cell of an output line: the words it shows, as the visual lines they sit on (a label that
// wraps inside its cell has several), and where the cell is (for an empty cell, the place of its
// column band in its row): the words' page and the cell's top-left.
struct Cell {
  std::vector<std::vector<const Word*>> lines;
  std::uint32_t page = 0;
  float x = 0, y = 0;
};

// One line of the text the grammar reads: prose has one cell, a table row one a column.
struct Line {
  std::vector<Cell> cells;
  std::size_t labels = 0;  // a table row: its first `labels` cells are its labels, the rest its values
  bool row = false;
};

// The pages' lines in reading order: on each page, top to bottom, a table's rows where the table
// is. The words stay owned by `pages`.
std::vector<Line> lay_out(const std::vector<Page>& pages);

}  // namespace xxgk::pdf
