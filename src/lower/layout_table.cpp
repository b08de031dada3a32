#include "src/lower/layout_table.hpp"
#include "src/lower/number.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "src/lower/label_match.hpp"
#include "src/lower/split_cells.hpp"
#include "src/rules/relations.hpp"
#include "src/text.hpp"

namespace xxgk {
namespace {

struct Segment {
  std::string text;
  std::size_t offset;  // into the normalised text
  int x;               // character column where it starts
  bool number;
};

using Line = std::vector<Segment>;

// `1.` before a label (numbered `1. 属于…`, a space after the point) is numbering, not a number.
bool is_number(std::string_view s) {
  return !s.empty() && s.front() != '.' && s.back() != '.' &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

std::size_t numbers_in(const Line& line) {
  return static_cast<std::size_t>(std::count_if(line.begin(), line.end(), [](const Segment& s) { return s.number; }));
}

// Segments of a line: text split at runs of two or more spaces; numbers split at any space.
Line split_line(std::string_view text, std::size_t begin, std::size_t end) {
  Line line;
  int x = 0;
  std::size_t i = begin;
  while (i < end) {
    while (i < end && text[i] == ' ') ++i, ++x;
    if (i >= end) break;
    // The segment is the bytes from `start` to `i`, made into a string once it ends.
    const std::size_t start = i;
    const int start_x = x;
    while (i < end) {
      if (text[i] == ' ') {
        std::size_t run = 1;
        while (i + run < end && text[i + run] == ' ') ++run;
        if (run >= 2 || is_number(text.substr(start, i - start)) ||
            (i + run < end && text[i + run] >= '0' && text[i + run] <= '9')) {
          break;
        }
      }
      char32_t cp = 0;
      const std::size_t len = decode_utf8(text, i, cp);
      x += 1;  // pdftotext -layout places text on a grid of characters, wide or not
      i += len == 0 ? 1 : len;
    }
    const std::string_view piece = text.substr(start, i - start);
    line.push_back(Segment{std::string(piece), start, start_x, is_number(piece)});
  }
  return line;
}

std::vector<Segment> numbers_of(const Line& line) {
  std::vector<Segment> out;
  for (const Segment& s : line) {
    if (s.number) out.push_back(s);
  }
  return out;
}

struct LayoutRow {
  LayoutRow(std::size_t main_line, std::size_t first_line, std::size_t last_line, std::vector<Segment> row_cells)
      : main(main_line), first(first_line), last(last_line), cells(std::move(row_cells)) {}
  std::size_t main;            // line index of the row's line
  std::size_t first, last;     // its lines, pieces included
  std::vector<Segment> cells;  // 7 in column order; 4 to 6 where blank cells are left to place
  bool unresolved = false;     // the rest of a wrapped number may or may not be past the page break
  std::vector<bool> known =
      std::vector<bool>(kTable3Columns.size(), false);  // unresolved rows: cells all readings agree on
  std::vector<std::string> readings;                    // unresolved rows: the readings
};

std::vector<std::string> tokens_of(const std::vector<Segment>& cells) {
  std::vector<std::string> out;
  for (const auto& c : cells) out.push_back(c.text);
  return out;
}

// A row that more than one reading fits: the cells they all read alike are known, the others open.
void mark_open(const std::vector<std::vector<std::string>>& readings, LayoutRow& row) {
  row.unresolved = true;
  for (const auto& reading : readings) {
    std::string text;
    for (std::size_t c = 0; c < reading.size(); ++c) text += (c ? " " : "") + reading[c];
    row.readings.push_back(std::move(text));
  }
  for (std::size_t c = 0; c < row.cells.size(); ++c) {
    row.known[c] = std::all_of(readings.begin(), readings.end(), [&](const auto& r) { return r[c] == readings[0][c]; });
  }
}

bool is_page_break(const Line& line) {
  return line.size() == 1 && line.front().text == "\f";
}

double centre_of(const Segment& s) {
  return s.x + static_cast<double>(s.text.size()) / 2.0;
}

std::vector<double> values_of(const std::vector<std::string>& numbers) {
  std::vector<double> values;
  for (const auto& n : numbers) values.push_back(number_value(n));
  return values;
}

// Numbers joined from pieces that a table could have written: none starts with 0 but 0 itself.
bool holds_as_written(const std::vector<std::string>& numbers) {
  return std::none_of(numbers.begin(), numbers.end(),
                      [](const std::string& n) { return n.size() > 1 && n[0] == '0'; }) &&
         relations::table3_row_holds(values_of(numbers));
}

// A page break between a row and the rest of its wrapped numbers takes a footer, blank lines and
// the repeated header of table 三 (up to 8 lines in pdftotext -layout's text): the rest is looked
// for this far down.
constexpr std::size_t kLinesToNextPage = 40;

// Numbers wrapped on more lines than their row's own (src/lower/layout_table.hpp): the PDF centres
// a number in its cell, so a number of three lines puts its first piece above the row's line and
// its last below, beside the label's wrapped words and the group label's characters (`59` above
// `… 0 71`, `1` below: 59711). The lines around a row that may hold them: up to a blank line, a
// page break or another row's lines, a few at most, with at most 3 numbers each.
constexpr std::size_t kBandLines = 4;
constexpr double kPieceColumnReach = 3.0;  // characters between a piece's centre and its column's

struct Piece {
  std::size_t line;
  std::size_t column;
  std::string text;
};

struct Around {
  const std::vector<Line>& lines;
  const std::vector<bool>& used;
  const std::vector<std::size_t>& page_of;
  const std::vector<std::vector<double>>& page_centres;

  // The column whose centre (`centres`) a number stands under, if it stands under one.
  static std::optional<std::size_t> column_of(const Segment& s, const std::vector<double>& centres) {
    if (centres.empty()) return std::nullopt;
    std::size_t best = 0;
    for (std::size_t c = 1; c < centres.size(); ++c) {
      if (std::abs(centres[c] - centre_of(s)) < std::abs(centres[best] - centre_of(s))) best = c;
    }
    if (std::abs(centres[best] - centre_of(s)) > kPieceColumnReach) return std::nullopt;
    return best;
  }

  bool may_hold_pieces(std::size_t line) const {
    const Line& l = lines[line];
    return !l.empty() && !is_page_break(l) && !used[line] && numbers_in(l) <= 3;
  }

  // The pieces on the lines from `line` stepping by `step` (-1 up, +1 down) in the row's band, each
  // in the column of the row's cell it stands over or under; nothing when one stands under none.
  // A number's pieces stand on consecutive lines, the first of them past the label's words at
  // most: a line of words after pieces ends the band (the next row's pieces may follow).
  std::optional<std::vector<Piece>> band(const std::vector<double>& cell_centres, std::size_t line, int step) const {
    std::vector<Piece> out;
    for (std::size_t n = 0;
         n < kBandLines && line < lines.size() && may_hold_pieces(line) && (out.empty() || numbers_in(lines[line]) > 0);
         ++n, line += static_cast<std::size_t>(step)) {
      for (const Segment& s : lines[line]) {
        if (!s.number) continue;
        const auto column = column_of(s, cell_centres);
        if (!column) return std::nullopt;
        out.push_back({line, *column, s.text});
      }
    }
    return out;
  }

  // The first line of numbers past the next page break below `line` (its footer, page number and
  // the repeated header passed), when no row took it and no row follows it in one band: the rest
  // of numbers the break cut, each piece in the column it stands under on its page.
  std::vector<Piece> past_page_break(std::size_t line) const {
    std::size_t i = line;
    const std::size_t limit = std::min(lines.size(), line + kLinesToNextPage);
    while (i < limit && !is_page_break(lines[i])) {
      const std::size_t k = numbers_in(lines[i]);
      if (used[i] || k > 1 || (k == 1 && lines[i].size() > 1)) return {};  // a row's, or pieces before the break
      ++i;
    }
    while (i < limit && numbers_in(lines[i]) == 0) ++i;
    if (i >= limit || used[i] || numbers_in(lines[i]) >= kTable3Columns.size()) return {};
    for (std::size_t j = i + 1; j < lines.size() && !lines[j].empty(); ++j) {
      if (used[j]) return {};  // pieces above a row of that page: its own
    }
    std::vector<Piece> out;
    for (const Segment& s : lines[i]) {
      if (!s.number) continue;
      const auto column = column_of(s, page_centres[page_of[i]]);
      if (!column) return {};
      out.push_back({i, *column, s.text});
    }
    return out;
  }
};

// A row of seven cells that does not hold takes the pieces in its band, all of them (each stands
// under its cell), and may take the rest of its numbers past the next page break too. A row that
// holds may still be short of a rest past the page break. The readings that hold decide: one is
// taken; two leave the cells they disagree on open (X2); none leaves the row as written.
void take_pieces_around(std::vector<LayoutRow>& rows, const Around& around, std::vector<bool>& used) {
  constexpr std::size_t kColumns = kTable3Columns.size();
  for (auto& row : rows) {
    if (row.cells.size() != kColumns || row.unresolved) continue;
    std::vector<std::string> base = tokens_of(row.cells);
    std::size_t first = row.first, last = row.last;
    if (!relations::table3_row_holds(values_of(base))) {
      std::vector<double> cell_centres;
      for (const auto& c : row.cells) cell_centres.push_back(centre_of(c));
      const auto above = row.first > 0 ? around.band(cell_centres, row.first - 1, -1) : std::vector<Piece>{};
      const auto below = around.band(cell_centres, row.last + 1, +1);
      if (!above || !below) continue;
      for (const auto& p : *above) base[p.column] = p.text + base[p.column], first = std::min(first, p.line);
      for (const auto& p : *below) base[p.column] += p.text, last = std::max(last, p.line);
    }
    std::vector<std::vector<std::string>> fits;
    if (holds_as_written(base)) fits.push_back(base);
    const auto rest = around.past_page_break(last + 1);
    if (!rest.empty()) {
      std::vector<std::string> with_rest = base;
      for (const auto& p : rest) with_rest[p.column] += p.text;
      if (holds_as_written(with_rest)) {
        fits.push_back(std::move(with_rest));
        last = rest.front().line;
      }
    }
    if (fits.empty()) continue;
    for (std::size_t c = 0; c < kColumns; ++c) row.cells[c].text = fits.front()[c];
    if (fits.size() > 1) mark_open(fits, row);
    row.first = first, row.last = last;
    std::fill(used.begin() + static_cast<long>(first), used.begin() + static_cast<long>(last) + 1, true);
  }
}

}  // namespace

std::optional<LayoutTable3> find_layout_table3(std::size_t begin, std::size_t end, std::size_t more_than,
                                               const LowerContext& cx) {
  const std::string_view text = cx.source.text();
  std::vector<Line> lines;
  for (std::size_t i = begin; i < end;) {
    std::size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos || nl > end) nl = end;
    lines.push_back(split_line(text, i, nl));
    i = nl + 1;
  }
  // Text set in columns by runs of spaces (pdftotext -layout) is read by where things stand; text
  // whose cells a single space sets apart (-raw, a viewer's copy) says nothing by position, and the
  // grammar reads it.
  std::size_t gaps = 0, wide_gaps = 0;
  for (const Line& line : lines) {
    const Segment* previous = nullptr;  // the number before, on this line
    for (const Segment& number : line) {
      if (!number.number) continue;
      if (previous != nullptr) {
        ++gaps;
        wide_gaps += number.x - previous->x - static_cast<int>(previous->text.size()) >= 2 ? 1 : 0;
      }
      previous = &number;
    }
  }
  if (lines.empty() || wide_gaps * 2 < gaps) return std::nullopt;
  constexpr std::size_t kColumns = kTable3Columns.size();
  // Where the columns stand, from the lines that fill all seven: over the whole table, and on
  // each page (pdftotext sets each page's grid apart: a table's columns may move at a page break).
  std::vector<std::size_t> page_of(lines.size(), 0);
  for (std::size_t i = 1; i < lines.size(); ++i) page_of[i] = page_of[i - 1] + (is_page_break(lines[i - 1]) ? 1 : 0);
  using ColumnXs = std::vector<std::vector<int>>;
  ColumnXs all_xs(kColumns);
  std::vector<ColumnXs> page_xs(page_of.back() + 1, ColumnXs(kColumns));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (numbers_in(lines[i]) != kColumns) continue;
    const auto numbers = numbers_of(lines[i]);
    for (std::size_t c = 0; c < kColumns; ++c) {
      all_xs[c].push_back(numbers[c].x);
      page_xs[page_of[i]][c].push_back(numbers[c].x);
    }
  }
  const auto medians = [](ColumnXs& xs) {
    std::vector<double> centres;
    for (auto& column : xs) {
      if (column.empty()) return std::vector<double>{};
      std::nth_element(column.begin(), column.begin() + static_cast<long>(column.size() / 2), column.end());
      centres.push_back(column[column.size() / 2]);
    }
    return centres;
  };
  const std::vector<double> centres = medians(all_xs);
  std::vector<std::vector<double>> page_centres;
  for (auto& xs : page_xs) page_centres.push_back(medians(xs));
  const auto is_triple = [&](std::size_t i) {
    const std::size_t k = numbers_in(lines[i]);
    return k > 0 && k < kColumns && i + 2 < lines.size() && numbers_in(lines[i + 1]) + k == kColumns &&
           numbers_in(lines[i + 2]) == k;
  };
  // Rows: a line of 7 numbers (with the rest of a wrapped number on the next line, rejoined by the
  // row's total); three lines of k, 7 − k and k numbers; or a line of 4–6 numbers whose blanks the
  // column positions place.
  std::vector<LayoutRow> rows;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::size_t n = numbers_in(lines[i]);
    if (n == 0) continue;
    if (is_triple(i)) {
      const auto above = numbers_of(lines[i]);
      const auto below = numbers_of(lines[i + 2]);
      std::vector<Segment> cells = numbers_of(lines[i + 1]);
      for (std::size_t p = 0; p < above.size(); ++p) {
        Segment joined = above[p];
        joined.text += below[p].text;
        cells.push_back(joined);
      }
      std::sort(cells.begin(), cells.end(), [](const Segment& a, const Segment& b) { return a.x < b.x; });
      rows.push_back({i + 1, i, i + 2, std::move(cells)});
      i += 2;
    } else if (n == kColumns) {
      LayoutRow row{i, i, i, numbers_of(lines[i])};
      // The rest of a wrapped number may stand further down: on the next line, or past a page
      // break (footer, repeated header) on the next page's first line of numbers. The row's total
      // decides which cells those pieces continue; only a single reading is taken.
      std::vector<double> values;
      for (const auto& c : row.cells) values.push_back(number_value(c.text));
      const bool balances = relations::table3_row_holds(values);
      // Pieces on the very next line belong to this row whether or not it balances without them
      // (two numbers cut alike can balance). Past a page break they come after the footer and the
      // repeated header, on the next line with numbers.
      const auto readings_with = [&](std::size_t line) {
        std::vector<std::string> tokens = tokens_of(row.cells);
        for (const auto& c : numbers_of(lines[line])) tokens.push_back(c.text);
        return readings_that_hold(tokens, kColumns, relations::table3_row_holds);
      };
      std::size_t next = i + 1;
      const bool adjacent = next < lines.size() && numbers_in(lines[next]) > 0;
      if (!adjacent) {
        // The pieces stand alone on their line, or beside the rest of the label (`法案卷 64`); a
        // running head's number (its year) beside its text is passed: no reading takes it. So is
        // a number alone on its line that no reading takes when the row does not hold without
        // its rest: the page's number, which comes before the next page's pieces.
        const auto holds_pieces = [&](std::size_t line) {
          const std::size_t k = numbers_in(lines[line]);
          return k > 3 || (k > 0 && ((k == lines[line].size() && balances) || !readings_with(line).empty()));
        };
        while (next < lines.size() && next <= i + kLinesToNextPage && !holds_pieces(next)) ++next;
      }
      // Up to 3 pieces on the next line (more would be a row with blank cells); past a page break,
      // where a row that does not hold without them looks for its rest, up to 6 (every number but
      // one wrapped: `（七）总计 90 1060 0 991 5 86 292`, then `9 2 78 94` on the next page).
      const std::size_t pieces = next < lines.size() ? numbers_in(lines[next]) : 0;
      const std::size_t most_pieces = !adjacent && !balances ? kColumns - 1 : 3;
      if (pieces > 0 && pieces <= most_pieces && !is_triple(next)) {
        const auto fits = readings_with(next);
        if ((adjacent || !balances) && fits.size() == 1) {
          for (std::size_t c = 0; c < kColumns; ++c) row.cells[c].text = fits[0].numbers[c];
          row.last = next;
          i = next;
        } else if (!adjacent && balances && !fits.empty()) {
          // The row holds as it stands and with the pieces after the page break as the rest of
          // its numbers (`107 … 107`, then `92 92`): either may be what was printed, so the cells
          // the readings disagree on are left open (X2).
          std::vector<std::vector<std::string>> readings{tokens_of(row.cells)};
          for (const auto& fit : fits) readings.push_back(fit.numbers);
          mark_open(readings, row);
          row.last = next;
          i = next;
        }
      }
      rows.push_back(std::move(row));
    } else if (n >= 4 && n < kColumns && centres.size() == kColumns) {
      // Blank cells: pdftotext shifts whole rows, so the gaps between numbers tell their columns
      // (the row builder places them by the centres; where they do not, by the row's total).
      rows.push_back({i, i, i, numbers_of(lines[i])});
    }
  }
  std::vector<bool> used(lines.size(), false);
  for (const auto& row : rows) {
    std::fill(used.begin() + static_cast<long>(row.first), used.begin() + static_cast<long>(row.last) + 1, true);
  }
  take_pieces_around(rows, Around{lines, used, page_of, page_centres}, used);
  if (rows.size() <= more_than) return std::nullopt;

  LayoutTable3 found;
  found.column_x = centres;
  // The text around each row that may hold its label, for a label that continues past a page
  // break too: every line from the previous row's to the next row's. (The lines up to the blank
  // lines that set rows apart are a part of it, and a wording finds at least as many of its
  // characters in a text as in any part of it: that part would score no better.)
  std::vector<std::vector<std::u32string>> windows;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::size_t from = rows[r].first;
    while (from > 0 && (r == 0 || from - 1 > rows[r - 1].last)) --from;
    std::size_t to = rows[r].last;
    while (to + 1 < lines.size() && (r + 1 == rows.size() || to + 1 < rows[r + 1].first)) ++to;
    std::u32string around;
    for (std::size_t i = from; i <= to; ++i) {
      for (const Segment& s : lines[i]) {
        if (s.number) continue;
        // Decoded in place (as code_points would, a bad byte read as U+FFFD).
        for (std::size_t k = 0; k < s.text.size();) {
          char32_t cp = 0;
          const std::size_t length = decode_utf8(s.text, k, cp);
          around.push_back(length == 0 ? U'\uFFFD' : cp);
          k += length == 0 ? 1 : length;
        }
      }
    }
    windows.push_back({std::move(around)});
  }
  const std::vector<LabelMatch> labels = match_labels_in_order(windows, table3_rows());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (labels[r].row == nullptr) continue;
    LayoutTable3::FoundRow row;
    row.spec = labels[r].row;
    row.written.label = std::string(row.spec->label);  // found in order around the row, other text between
    row.written.offset = lines[rows[r].main].front().offset;
    row.written.label_end = row.written.offset;
    for (std::size_t c = 0; c < rows[r].cells.size(); ++c) {
      const Segment& s = rows[r].cells[c];
      const bool open = rows[r].unresolved && !rows[r].known[c];
      row.written.cells.push_back({open ? CellState::unresolved : CellState::number, open ? "" : s.text, s.offset});
      row.written.cell_x.push_back(s.x);
    }
    row.written.column_x = page_centres[page_of[rows[r].main]];
    if (rows[r].unresolved) {
      for (const Segment& seg : lines[rows[r].main]) {
        if (seg.number) row.numbers_written += (row.numbers_written.empty() ? "" : " ") + seg.text;
      }
      row.readings = rows[r].readings;
    }
    found.rows.push_back(std::move(row));
  }
  if (found.rows.size() <= more_than) return std::nullopt;
  return found;
}

void lower_layout_table3(LayoutTable3 found, LowerContext& cx) {
  cx.column_centers = std::move(found.column_x);
  for (auto& r : found.rows) {
    const bool open = !r.readings.empty();
    Row row = make_row("table3", *r.spec, std::move(r.written), cx);
    if (open) {
      ExtractionNote note;
      note.rule = "X2";
      for (const Cell& cell : row.cells) note.keys.emplace_back(cell.key);
      note.written = std::move(r.numbers_written);
      note.readings = std::move(r.readings);
      note.pos = row.pos;
      cx.report.extraction_notes.push_back(std::move(note));
    }
    add_row(cx.report.table3, std::move(row), cx);
  }
}

}  // namespace xxgk
