// Tables drawn in text with `|` between cells and `_` as the rule under them, as C html2text
// writes them:
//
//    ____________________________
//   |一、本年新收政府信息公开   |13557|12566|
//   |申请数量__________________|_____|_____|
//
// A cell's text takes as many lines as it needs; its padding is blanks on every line but its
// last, where `_` draws the rule under it. So a row is the lines up to one where a cell ends with
// `_` (or, when no cell has padding, a line that does not show blank padding either). Each cell is
// its pieces joined, written as any table row is (markdown::write_row): cells joined by tabs.
//
// A converter that measures cells in bytes cuts characters apart at the `|` it writes over them;
// read with --lossy, the cut bytes are U+FFFD, and what follows one in a cell is the rest of the
// cut character's text spilled out of the cell before (`|保护第三方合法权益|5范�|`): a cell's text
// ends at its first U+FFFD, and a number's cell at its number.
#include <algorithm>

#include "src/read/markdown_text.hpp"

namespace xxgk::markdown {
namespace {

constexpr std::string_view kReplacement = "\uFFFD";

// The cells of a line that starts with `|`: the text between each two `|` (text after the last
// one spilled out of the table and is not a cell).
std::vector<Piece> pieces_of(std::string_view doc, const Line& line) {
  std::vector<Piece> pieces;
  std::size_t from = line.begin + 1;
  for (std::size_t bar; (bar = doc.substr(0, line.end).find('|', from)) != std::string_view::npos; from = bar + 1) {
    pieces.push_back({from, bar});
  }
  return pieces;
}

bool ends_with_rule(std::string_view doc, const Piece& p) {
  return p.end > p.begin && doc[p.end - 1] == '_';
}

// Text, then blank padding: the cell goes on in the next line.
bool ends_with_blank_padding(std::string_view doc, const Piece& p) {
  if (p.end == p.begin || doc[p.end - 1] != ' ') return false;
  return std::any_of(doc.begin() + static_cast<long>(p.begin), doc.begin() + static_cast<long>(p.end),
                     [](char c) { return c != ' '; });
}

bool ends_row(std::string_view doc, const std::vector<Piece>& pieces) {
  const auto rule = [&](const Piece& p) { return ends_with_rule(doc, p); };
  const auto padding = [&](const Piece& p) { return ends_with_blank_padding(doc, p); };
  return std::any_of(pieces.begin(), pieces.end(), rule) || std::none_of(pieces.begin(), pieces.end(), padding);
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// A piece of a cell as the grid shows it: up to its first U+FFFD, without its padding.
Piece text_of(std::string_view doc, Piece p) {
  p.end = std::min(p.end, doc.substr(0, p.end).find(kReplacement, p.begin));
  while (p.begin < p.end && (doc[p.begin] == ' ' || doc[p.begin] == '_')) ++p.begin;
  while (p.end > p.begin && (doc[p.end - 1] == ' ' || doc[p.end - 1] == '_')) --p.end;
  return p;
}

// The end of the number a piece starts with (`13`, `0.0235`), or its start when it starts with none.
std::size_t number_end(std::string_view doc, const Piece& p) {
  std::size_t i = p.begin;
  while (i < p.end && is_digit(doc[i])) ++i;
  if (i > p.begin && i + 1 < p.end && doc[i] == '.' && is_digit(doc[i + 1])) {
    for (++i; i < p.end && is_digit(doc[i]);) ++i;
  }
  return i;
}

bool is_number(std::string_view doc, const Piece& p) {
  return p.end > p.begin && number_end(doc, p) == p.end;
}

// A number with text run on to it: spilled text (`0罚`, `0)`), unless the number is a label's
// numbering (`1.属于…`, `1、`, `1)`, `1 属于`: a mark, then words).
bool is_number_with_spill(std::string_view doc, const Piece& p) {
  const std::size_t end = number_end(doc, p);
  if (end == p.begin || end == p.end) return false;
  const std::string_view rest = doc.substr(end, p.end - end);
  for (const std::string_view mark : {".", "、", "．", ")", "）", " ", "_"}) {
    if (rest.size() > mark.size() && rest.substr(0, mark.size()) == mark) return false;
  }
  return true;
}

using Row = std::vector<Cell>;

// In a damaged table, a cell after the row's label (its first cell with text) that starts with a
// number holds that number and nothing else: text after it (`|0机|`, `|0)__|`), or on the row's
// other lines (`|5  |` above `|形)|`), spilled out of the label before it.
void drop_spilled_text(std::string_view doc, Row& row) {
  const auto label = std::find_if(row.begin(), row.end(), [](const Cell& c) { return !c.pieces.empty(); });
  if (label == row.end()) return;
  for (auto cell = label + 1; cell != row.end(); ++cell) {
    std::vector<Piece>& pieces = cell->pieces;
    const auto number = [&](const Piece& p) { return is_number(doc, p) || is_number_with_spill(doc, p); };
    if (std::none_of(pieces.begin(), pieces.end(), number)) continue;
    for (Piece& p : pieces) p.end = number_end(doc, p);  // a piece with no number is left empty
  }
}

bool is_table_line(std::string_view doc, const Line& line) {
  return line.end > line.begin && doc[line.begin] == '|';
}

}  // namespace

bool starts_grid_table(std::string_view doc, const std::vector<Line>& lines, std::size_t i) {
  if (i + 1 >= lines.size() || !is_table_line(doc, lines[i + 1])) return false;
  std::size_t begin = lines[i].begin, end = lines[i].end;
  trim_blanks(doc, begin, end);
  return end - begin >= 3 && std::all_of(doc.begin() + static_cast<long>(begin), doc.begin() + static_cast<long>(end),
                                         [](char c) { return c == '_'; });
}

std::size_t write_grid_table(std::string_view doc, const std::vector<Line>& lines, std::size_t i, Writer& out) {
  std::vector<Row> rows;
  Row cells;
  bool damaged = false;
  for (++i; i < lines.size() && is_table_line(doc, lines[i]); ++i) {
    const std::vector<Piece> pieces = pieces_of(doc, lines[i]);
    damaged |= doc.substr(lines[i].begin, lines[i].end - lines[i].begin).find(kReplacement) != std::string_view::npos;
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      if (k == cells.size()) cells.push_back({pieces[k].begin, {}});
      if (const Piece text = text_of(doc, pieces[k]); text.end > text.begin) cells[k].pieces.push_back(text);
    }
    const bool last = i + 1 == lines.size() || !is_table_line(doc, lines[i + 1]);
    if ((last || ends_row(doc, pieces)) && !cells.empty()) rows.push_back(std::move(cells)), cells.clear();
  }
  for (Row& row : rows) {
    if (damaged) drop_spilled_text(doc, row);
    write_row(doc, row, out, true);
  }
  return i;
}

}  // namespace xxgk::markdown
