// A page read by geometry, as pdfplumber and camelot read tables, never by the order of the text
// in the file: words sit on visual lines (they overlap vertically); a table is a run of lines that
// end in numbers, with the text of its labels to their left; its columns are bands where numbers
// overlap horizontally from row to row (whether a column aligns them left, right or centred); its
// rows are where numbers sit side by side. A label that wraps inside its cell is a block of lines
// at one left edge that touch each other, and goes to the row whose numbers it stands beside.
#include "src/read/pdf_layout.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>

#include "src/read/pdf_geometry.hpp"
#include "src/read/pdf_table.hpp"
#include "xxgk/deadline.hpp"

namespace xxgk::pdf {
namespace {

// The words at the end of a line that are values (numbers, dashes), when at least one is a number.
std::size_t trailing_values(const VisualLine& line) {
  std::size_t n = 0;
  bool number = false;
  for (auto it = line.words.rbegin(); it != line.words.rend() && is_value(**it); ++it) {
    ++n;
    number = number || is_number(**it);
  }
  return number ? n : 0;
}

// A line that is a table row's line of numbers: two values or more at its end, or one set apart
// from the text before it as a cell is, or a line of values alone that is not a page number.
bool is_number_line(const VisualLine& line, const Page& page) {
  const std::size_t n = trailing_values(line);
  if (n == 0) return false;
  if (n == line.words.size()) {
    const bool margin = line.y1 < page.height * kMargin || line.y0 > page.height * (1 - kMargin);
    return !(margin && n <= 3);
  }
  if (n >= 2) return true;
  const Word& before = *line.words[line.words.size() - 2];
  const Word& value = *line.words.back();
  return value.x0 - before.x1 >= kCellGap * value.height();
}

float leftmost_value(const VisualLine& line) {
  float left = std::numeric_limits<float>::max();
  for (std::size_t k = line.words.size() - trailing_values(line); k < line.words.size(); ++k) {
    left = std::min(left, line.words[k]->x0);
  }
  return left;
}

// Tables: from a line of numbers down over more of them and over lines of label text left of the
// numbers, until a line reaches into the numbers' columns without numbers (a heading, a table's
// header, prose). Label lines before the first and after the last line of numbers belong to the
// table only when they touch it (a label wrapped around its row's numbers).
std::vector<Region> find_tables(const std::vector<VisualLine>& lines, const Page& page) {
  std::vector<Region> regions;
  std::size_t i = 0;
  while (i < lines.size()) {
    if (!is_number_line(lines[i], page)) {
      ++i;
      continue;
    }
    Region r{i, i, leftmost_value(lines[i])};
    std::size_t last_numbers = i;
    std::size_t j = i + 1;
    for (; j < lines.size(); ++j) {
      if (is_number_line(lines[j], page)) {
        r.left = std::min(r.left, leftmost_value(lines[j]));
        last_numbers = j;
      } else if (!in_label_area(lines[j], r.left)) {
        break;
      }
    }
    r.last = last_numbers;
    while (r.last + 1 < j && touching(lines[r.last].y1, lines[r.last + 1].y0, lines[r.last + 1].height)) ++r.last;
    const std::size_t floor = regions.empty() ? 0 : regions.back().last + 1;
    while (r.first > floor && in_label_area(lines[r.first - 1], r.left) &&
           touching(lines[r.first - 1].y1, lines[r.first].y0, lines[r.first].height)) {
      --r.first;
    }
    regions.push_back(r);
    i = r.last + 1;
  }
  return regions;
}

// A line outside tables: one cell, or several where a wide gap separates its words (a table's
// header, a line of a form).
Line read_line(const VisualLine& visual, const Page& page) {
  Line line;
  std::vector<const Word*> current;
  for (const Word* w : visual.words) {
    if (!current.empty() && w->x0 - current.back()->x1 >= kTabGap * visual.height) {
      line.cells.push_back(cell_of({std::move(current)}, page.number));
      current.clear();
    }
    current.push_back(w);
  }
  line.cells.push_back(cell_of({std::move(current)}, page.number));
  return line;
}

// A row cut by a page break: the rest of its labels stands at the top of the next page, below the
// table's header when it is repeated and above the first row there. Those label lines go into the
// label cell at their left edge of that row, or of a row above it in the table (a group label
// begun beside an earlier row), else into the row's last label cell.
constexpr std::size_t kRowsBack = 64;
void continue_row(std::vector<Line>& out, std::size_t cut, const std::vector<VisualLine>& lines, const Region& region) {
  std::size_t from = region.first;
  while (from > 0 && in_label_area(lines[from - 1], region.left)) --from;
  for (std::size_t i = from; i < region.first; ++i) {
    for (const Word* w : lines[i].words) {
      Cell* into = &out[cut].cells[out[cut].labels - 1];
      for (std::size_t r = cut + 1; r-- > 0 && cut - r < kRowsBack && out[r].row;) {
        const auto at =
            std::find_if(out[r].cells.begin(), out[r].cells.begin() + static_cast<std::ptrdiff_t>(out[r].labels),
                         [&](const Cell& c) { return std::abs(c.x - w->x0) <= kSlack; });
        if (at != out[r].cells.begin() + static_cast<std::ptrdiff_t>(out[r].labels)) {
          into = &*at;
          break;
        }
      }
      if (into->lines.empty() || into->lines.back().front()->page != w->page ||
          std::abs(into->lines.back().front()->y0 - w->y0) >= kSlack) {
        into->lines.emplace_back();
      }
      into->lines.back().push_back(w);
    }
  }
}

// A group label cut by the page break (`（四）无` above it, `法提供` beside the next rows below it,
// in the same column left of their own labels) is joined again in the row cut by the break.
void continue_group_labels(Line& cut, std::vector<Line>::iterator first, std::vector<Line>::iterator last) {
  std::vector<bool> joined(cut.labels, false);
  for (auto row = first; row != last; ++row) {
    for (std::size_t c = 0; c + 1 < row->labels; ++c) {
      for (std::size_t k = 0; k + 1 < cut.labels; ++k) {
        if (joined[k] || std::abs(cut.cells[k].x - row->cells[c].x) > kSlack ||
            starts_numbering(row->cells[c].lines.front())) {
          continue;
        }
        joined[k] = true;
        for (auto& line : row->cells[c].lines) cut.cells[k].lines.push_back(std::move(line));
        row->cells.erase(row->cells.begin() + static_cast<std::ptrdiff_t>(c));
        --row->labels;
        --c;
        break;
      }
    }
  }
}

// Numbers cut by the page break, wrapped in their narrow cells: the first row on the next page
// has no label, only some of its cells have values, and each stands within a number of the cut row
// in its column. They are joined to those numbers; true when the row was taken.
bool continue_wrapped_values(Line& cut, Line& rest) {
  if (rest.labels != 0 || cut.labels == 0 || cut.cells.size() - cut.labels != rest.cells.size()) return false;
  bool empty_cell = false;
  for (std::size_t b = 0; b < rest.cells.size(); ++b) {
    const Cell& cell = rest.cells[b];
    if (cell.lines.empty()) {
      empty_cell = true;
      continue;
    }
    const Cell& above = cut.cells[cut.labels + b];
    if (above.lines.empty() || !is_number(*above.lines.back().back()) || !is_number(*cell.lines.front().front())) {
      return false;
    }
    const Word& number = *above.lines.back().back();
    const Word& piece = *cell.lines.front().front();
    if (cell.lines.size() != 1 || piece.x0 < number.x0 - kSlack || piece.x1 > number.x1 + kSlack) return false;
  }
  if (!empty_cell) return false;
  for (std::size_t b = 0; b < rest.cells.size(); ++b) {
    for (auto& line : rest.cells[b].lines) cut.cells[cut.labels + b].lines.push_back(std::move(line));
  }
  return true;
}

// The characters of lines, to recognise a header repeated on the next page.
std::u32string text_of(const std::vector<Line>& lines) {
  std::u32string text;
  for (const Line& line : lines) {
    for (const Cell& cell : line.cells) {
      for (const auto& words : cell.lines) {
        for (const Word* w : words) {
          for (const Glyph& g : w->glyphs) text += g.cp;
        }
      }
      text += U'\t';
    }
  }
  return text;
}

// Where a table's header starts: the lines above `to` (down to `floor`) that no word crosses from
// the label area into the values' columns (as prose does), set no further apart than a header's
// rows are, at most kHeaderLines of them, less the text before the table.
constexpr std::size_t kHeaderLines = 16;
constexpr float kHeaderGap = 2.5F;
std::size_t header_start(const std::vector<VisualLine>& lines, std::size_t floor, std::size_t to,
                         const Region& region) {
  std::size_t from = to;
  while (from > floor && to - from < kHeaderLines) {
    const VisualLine& line = lines[from - 1];
    const bool crosses = std::any_of(line.words.begin(), line.words.end(), [&](const Word* w) {
      return w->x0 < region.left - kSlack && w->x1 > region.left + kSlack;
    });
    const float below = from < lines.size() ? lines[from].y0 : line.y1;
    if (crosses || below - line.y1 > kHeaderGap * line.height) break;
    --from;
  }
  // Lines at its top wholly left of the values are the text before the table (a heading, a
  // sentence), unless they touch the line below without starting a numbered heading (the first
  // lines of a header cell in the label column).
  while (from < to && in_label_area(lines[from], region.left) &&
         (starts_numbering(lines[from].words) || from + 1 == to ||
          !touching(lines[from].y1, lines[from + 1].y0, lines[from + 1].height))) {
    ++from;
  }
  return from;
}

// Where the text of a page ends, above its footer: the last line that is not in the page's
// bottom margin.
bool ends_page(const std::vector<VisualLine>& lines, std::size_t last, const Page& page) {
  for (std::size_t i = last + 1; i < lines.size(); ++i) {
    if (lines[i].y0 < page.height * (1 - kMargin)) return false;
  }
  return true;
}

}  // namespace

std::vector<Line> lay_out(const std::vector<Page>& pages) {
  std::vector<Line> out;
  std::size_t open_row = 0;    // out[open_row - 1]: a row at the foot of the page before, cut by the break
  std::u32string last_header;  // of the last table with a header
  for (const Page& page : pages) {
    check_deadline();
    std::vector<const Word*> words;
    words.reserve(page.words.size());
    for (const Word& w : page.words) words.push_back(&w);
    const std::vector<VisualLine> lines = visual_lines(std::move(words));
    const std::vector<Region> regions = find_tables(lines, page);
    const std::size_t cut = open_row;
    open_row = 0;
    const bool continuing = cut != 0 && !regions.empty() && out[cut - 1].labels > 0;
    std::size_t skip_to = 0;  // lines from here to the first table went into the row cut by the break
    if (continuing) {
      continue_row(out, cut - 1, lines, regions.front());
      skip_to = regions.front().first;
      while (skip_to > 0 && in_label_area(lines[skip_to - 1], regions.front().left)) --skip_to;
    }
    // Each table with its header above it, and the lines between tables.
    std::size_t i = 0;
    for (std::size_t r = 0; r < regions.size(); ++r) {
      const Region& region = regions[r];
      const std::size_t top = r == 0 && continuing ? skip_to : region.first;
      const std::size_t header = header_start(lines, i, top, region);
      for (; i < header; ++i) out.push_back(read_line(lines[i], page));
      const std::vector<Band> bands = table_bands(lines, region);
      // A header repeated above the rest of a table cut by the page break is left out, as a web
      // page's table has it once (the first time, the lines above the table may have joined it).
      std::vector<Line> header_lines = read_header(lines, header, top, region, bands, page);
      std::u32string header_text = text_of(header_lines);
      if (!(r == 0 && continuing && !header_text.empty() && last_header.ends_with(header_text))) {
        for (Line& line : header_lines) out.push_back(std::move(line));
      }
      if (!header_text.empty()) last_header = std::move(header_text);
      const std::size_t first_row = out.size();
      for (Line& row : read_table(lines, region, page)) out.push_back(std::move(row));
      if (r == 0 && continuing && first_row < out.size() && continue_wrapped_values(out[cut - 1], out[first_row])) {
        out.erase(out.begin() + static_cast<std::ptrdiff_t>(first_row));
      }
      if (r == 0 && continuing) {
        continue_group_labels(out[cut - 1], out.begin() + static_cast<std::ptrdiff_t>(first_row), out.end());
      }
      if (ends_page(lines, region.last, page) && out.back().row) open_row = out.size();
      i = region.last + 1;
    }
    for (; i < lines.size(); ++i) out.push_back(read_line(lines[i], page));
  }
  return out;
}

}  // namespace xxgk::pdf
