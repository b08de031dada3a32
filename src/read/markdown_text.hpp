// What the markdown reader's parts share (internal to src/read/markdown*.cpp): the document's
// lines, the text being written with each byte's place in the document, and inline markup
// (emphasis, escapes, links, <br>) dropped from a piece of text as it is written.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk::markdown {

struct Line {
  std::size_t begin = 0, end = 0;  // byte offsets in the document, without the line end
};

// The lines of a document, ending at LF, CR LF or CR (as normalisation counts them).
std::vector<Line> lines_of(std::string_view doc);

bool is_blank(std::string_view doc, const Line& line);
// Blanks trimmed from both ends of [begin, end).
void trim_blanks(std::string_view doc, std::size_t& begin, std::size_t& end);
bool is_ascii_word(char c);

// The text the grammar reads, and for each of its bytes the byte offset in the document it shows.
struct Writer {
  std::string text;
  std::vector<std::uint32_t> at;

  void put(char c, std::size_t where) {
    text.push_back(c);
    at.push_back(static_cast<std::uint32_t>(where));
  }
  void copy(std::string_view doc, std::size_t begin, std::size_t end) {
    text.append(doc.substr(begin, end - begin));
    for (std::size_t i = begin; i < end; ++i) at.push_back(static_cast<std::uint32_t>(i));
  }
  // Ends the line being written, if it has any text; `where` is the line break's place.
  void end_line(std::size_t where) {
    if (!text.empty() && text.back() != '\n') put('\n', where);
  }
};

// Writes doc[begin, end) without its inline markdown: `**` and `__` (strong), `*x*` (emphasis),
// a backslash before ASCII punctuation (`1\.`, `\-`, `\|`) or at the end (a hard line break),
// `[text](url)` as its text, `![alt](url)` as its alt text. A `<br>` inside a cell joins the
// pieces as a browser's copy does (a space only between two ASCII words); in prose it ends the line.
void write_inline(std::string_view doc, std::size_t begin, std::size_t end, bool in_cell, Writer& out);

// One row of a table: its cells, each a list of pieces (byte ranges of the document, one a line
// the cell takes), written as the browser's copy of a row is: the cells' text joined by tabs, a
// tab standing in the empty cell before it or at the start of the cell after it; a row of empty
// cells is left out. `cell_at` is where each cell starts in the document (an empty cell's place).
struct Piece {
  std::size_t begin = 0, end = 0;
};
struct Cell {
  std::size_t at = 0;
  std::vector<Piece> pieces;
};
// `grid`: a grid table's cells (grid_table.cpp), whose text holds no markup and whose `_` are blanks.
void write_row(std::string_view doc, const std::vector<Cell>& cells, Writer& out, bool grid = false);

// A grid table (`|` between cells, `_` the rule under them, as C html2text draws tables) whose top
// rule is lines[i]; and its rows written as write_row writes them, returning the line after it.
bool starts_grid_table(std::string_view doc, const std::vector<Line>& lines, std::size_t i);
std::size_t write_grid_table(std::string_view doc, const std::vector<Line>& lines, std::size_t i, Writer& out);

}  // namespace xxgk::markdown
