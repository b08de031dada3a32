// Tables as html2text 1.3 prints them (internal to the library): `|label___|13____|2_____|`, one
// line a row, `|` between cells and `_` as padding. It measures cells in bytes, so it cuts Chinese
// characters apart and spills a label's rest into the cells after it (`|行政�|5范�|1��件|0___|`):
// such text is read with --lossy, and no line grammar can match its labels. What survives is the
// layout: every value cell starts with its number, and the rows come in the regulated order.
// This reads the three tables from that: rows are the lines whose last cells start with numbers,
// matched to the format's rows in order, and taken only when their count and arity fit the format
// and the readable start of each label agrees with the row it is matched to.
#pragma once

#include "src/lower/lower.hpp"

namespace xxgk {

// Reads tables 二, 三 and 四 from html2text rows where the grammar found them short or not at all.
// Returns whether it read any.
bool read_html2text_tables(LowerContext& cx);

}  // namespace xxgk
