// A table's lines read as rows of cells (internal to the PDF reader).
#pragma once

#include <vector>

#include "src/read/pdf_geometry.hpp"

namespace xxgk::pdf {

// The lines of `region` as rows: label cells left to right, then one cell a band of values (an
// empty cell where a band has no value in the row). A label block beside no values, in a column
// where the nearest row has its own label, is a row of its own without values.
std::vector<Line> read_table(const std::vector<VisualLine>& lines, const Region& region, const Page& page);

}  // namespace xxgk::pdf
