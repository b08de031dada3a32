// A web page's text as a browser's copy of it gives it (internal to the library; used by the
// page reader): the form the grammar reads, as it reads text copied from a page.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "src/read/html_tree.hpp"

namespace xxgk::html {

struct PageText {
  std::string text;
  std::vector<std::uint32_t> text_at;  // for each byte of text: the byte offset in the page it shows
};

// Blocks' text as lines; each table row one line, its cells' text joined by tabs (a cell spanned
// from a row above is not repeated, as in a copy); the pieces of a cell (<p>, <br>, <div>) joined
// into one cell text, with a space only between two ASCII letters or digits (labels of narrow
// columns are split one character per <p>); blanks and no-break spaces collapsed, none at the
// start or end of a line or cell; empty lines and rows of empty cells left out. A cell that holds
// a table (a page laid out with tables) is laid out as lines, not joined. A list of nothing but
// links (a site menu, a breadcrumb) is one line. A tab stands at the start of the cell after it,
// or in the empty cell before it; a line break at the last character of its line.
PageText copy_text(const Tree& tree);

}  // namespace xxgk::html
