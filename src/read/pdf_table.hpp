// A table's lines read as rows of cells (internal to the PDF reader).
#pragma once

#include <vector>

#include "src/read/pdf_geometry.hpp"

namespace xxgk::pdf {

// The lines of `region` as rows: label cells left to right, then one cell a band of values (an
// empty cell where a band has no value in the row). A label block beside no values, in a column
// where the nearest row has its own label, is a row of its own without values.
std::vector<Line> read_table(const std::vector<VisualLine>& lines, const Region& region, const Page& page);

// A line that starts a numbered label, `（三）…`, `三、…`, `1、…`, `1.`, `(1)`, `⑦`: a new cell even
// where cells touch.
bool starts_numbering(const std::vector<const Word*>& line);

// The bands of values of a table.
std::vector<Band> table_bands(const std::vector<VisualLine>& lines, const Region& region);

// The header above a table, lines [from, to) of the page: each cell's lines that touch are joined
// (a header wrapped in its cell, or set one character a line), a cell's column being the label
// area or the bands it spans; cells whose heights overlap make one line, left to right.
std::vector<Line> read_header(const std::vector<VisualLine>& lines, std::size_t from, std::size_t to,
                              const Region& region, const std::vector<Band>& bands, const Page& page);

}  // namespace xxgk::pdf
