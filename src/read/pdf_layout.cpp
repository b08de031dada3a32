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

namespace xxgk::pdf {
namespace {

// Distances in fractions of a line's height, so that every font size reads alike.
constexpr float kSameLine = 0.3F;   // words whose middles are this close sit on one visual line
constexpr float kTouching = 0.25F;  // lines of one cell are set this close (their boxes overlap)
constexpr float kCellGap = 1.0F;    // a lone number this far right of text is in a cell of its own
constexpr float kTabGap = 2.0F;     // a gap this wide in a line outside a table separates cells
constexpr float kSpaceGap = 0.5F;   // at most this between a numbering and its label's words
constexpr float kMargin = 0.1F;     // top and bottom of a page where page numbers stand
constexpr float kSlack = 2.0F;      // points: edges this close are aligned

bool is_digit(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

bool is_number(const Word& w) {
  bool digit = false;
  for (std::size_t i = 0; i < w.glyphs.size(); ++i) {
    const char32_t c = w.glyphs[i].cp;
    if (is_digit(c)) {
      digit = true;
    } else if (c != ',' && c != '.' && c != '%' && c != 0xFF0C && c != 0xFF0E && c != 0xFF05 &&
               !(i == 0 && (c == '-' || c == 0xFF0D))) {
      return false;
    }
  }
  return digit;
}

// A dash or slash written in a cell for "nothing": a value of its column, not a label.
bool is_blank_mark(const Word& w) {
  if (w.glyphs.size() > 3) return false;
  return std::all_of(w.glyphs.begin(), w.glyphs.end(), [](const Glyph& g) {
    return g.cp == '-' || g.cp == '/' || g.cp == 0x2013 || g.cp == 0x2014 || g.cp == 0x2015 || g.cp == 0xFF0D ||
           g.cp == 0xFF0F;
  });
}

bool is_value(const Word& w) {
  return is_number(w) || is_blank_mark(w);
}

bool is_chinese_numeral(char32_t c) {
  static constexpr std::u32string_view kNumerals = U"一二三四五六七八九十";
  return kNumerals.find(c) != std::u32string_view::npos;
}

// A line that starts a numbered label, `（三）…` or `三、…`: a new cell even where cells touch.
bool starts_numbering(const std::vector<const Word*>& line) {
  std::u32string start;
  for (const Word* w : line) {
    for (const Glyph& g : w->glyphs) {
      if (start.size() < 4) start += g.cp;
    }
  }
  if (start.size() >= 2 && is_chinese_numeral(start[0]) && start[1] == U'、') return true;
  if (start.empty() || (start[0] != U'（' && start[0] != U'(')) return false;
  std::size_t k = 1;
  while (k < start.size() && is_chinese_numeral(start[k])) ++k;
  return k > 1 && k < start.size() && (start[k] == U'）' || start[k] == U')');
}

// Words on one visual line, left to right.
struct VisualLine {
  std::vector<const Word*> words;
  float y0 = 0, y1 = 0, height = 0;
};

std::vector<VisualLine> visual_lines(std::vector<const Word*> words) {
  std::stable_sort(words.begin(), words.end(), [](const Word* a, const Word* b) { return a->middle() < b->middle(); });
  std::vector<VisualLine> lines;
  for (const Word* w : words) {
    if (!lines.empty()) {
      const Word* first = lines.back().words.front();
      if (std::abs(w->middle() - first->middle()) <= kSameLine * std::min(first->height(), w->height())) {
        lines.back().words.push_back(w);
        continue;
      }
    }
    lines.push_back({{w}, 0, 0, 0});
  }
  for (VisualLine& line : lines) {
    std::stable_sort(line.words.begin(), line.words.end(), [](const Word* a, const Word* b) { return a->x0 < b->x0; });
    line.y0 = std::numeric_limits<float>::max();
    line.y1 = std::numeric_limits<float>::lowest();
    for (const Word* w : line.words) {
      line.y0 = std::min(line.y0, w->y0);
      line.y1 = std::max(line.y1, w->y1);
      line.height = std::max(line.height, w->height());
    }
  }
  return lines;
}

bool touching(float upper_bottom, float lower_top, float height) {
  return lower_top - upper_bottom < kTouching * height;
}

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

bool in_label_area(const VisualLine& line, float left) {
  return std::all_of(line.words.begin(), line.words.end(), [&](const Word* w) { return w->x1 <= left + kSlack; });
}

// Lines [first, last] of a page that hold a table; `left` is where its first column of numbers
// starts (labels are left of it).
struct Region {
  std::size_t first = 0, last = 0;
  float left = 0;
};

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

struct Band {
  float x0 = 0, x1 = 0;
};

// Columns of numbers: the spans where values overlap horizontally.
std::vector<Band> value_bands(std::vector<const Word*> values) {
  std::sort(values.begin(), values.end(), [](const Word* a, const Word* b) { return a->x0 < b->x0; });
  std::vector<Band> bands;
  for (const Word* w : values) {
    if (!bands.empty() && w->x0 <= bands.back().x1) {
      bands.back().x1 = std::max(bands.back().x1, w->x1);
    } else {
      bands.push_back({w->x0, w->x1});
    }
  }
  return bands;
}

std::size_t band_of(const std::vector<Band>& bands, const Word& w) {
  std::size_t best = 0;
  float best_distance = std::numeric_limits<float>::max();
  for (std::size_t b = 0; b < bands.size(); ++b) {
    const float distance = std::max({0.0F, bands[b].x0 - w.x1, w.x0 - bands[b].x1});
    if (distance < best_distance) {
      best = b;
      best_distance = distance;
    }
  }
  return best;
}

// A label cell's text: lines of words at one left edge that touch each other.
struct Block {
  std::size_t column = 0;
  float x0 = 0, y0 = 0, y1 = 0;
  std::vector<std::vector<const Word*>> lines;
  [[nodiscard]] float middle() const { return (y0 + y1) / 2; }
};

struct Row {
  float middle = 0, y0 = 0, height = 0;
  std::vector<Cell> values;  // one per band
  std::vector<const Block*> labels;
  bool has_values = true;
};

// A numbering written apart from its label (`1.`, `(1)`, `⑦`): the word after it continues the
// cell and starts no column.
bool is_numbering_word(const Word& w) {
  if (w.glyphs.empty() || w.glyphs.size() > 4) return false;
  const char32_t last = w.glyphs.back().cp;
  if (w.glyphs.size() == 1) return last >= 0x2460 && last <= 0x2473;  // ① to ⑳
  return last == '.' || last == 0xFF0E || last == 0x3001 || last == ')' || last == 0xFF09;
}

// The left edges of label columns: edges where two words or more start that do not follow a
// numbering a space before them on their baseline; a word belongs to the rightmost column edge at or left of it.
std::vector<float> label_columns(const std::vector<const Word*>& labels) {
  std::vector<const Word*> by_baseline = labels;
  std::sort(by_baseline.begin(), by_baseline.end(), [](const Word* a, const Word* b) {
    return std::abs(a->y0 - b->y0) >= kSlack ? a->y0 < b->y0 : a->x0 < b->x0;
  });
  std::vector<float> starts;
  const Word* before = nullptr;
  for (const Word* w : by_baseline) {
    if (before != nullptr && std::abs(w->y0 - before->y0) >= kSlack) before = nullptr;
    if (before == nullptr || !is_numbering_word(*before) || before->x1 > w->x0 + kSlack ||
        w->x0 - before->x1 > kSpaceGap * w->height()) {
      starts.push_back(w->x0);
    }
    before = w;
  }
  std::sort(starts.begin(), starts.end());
  std::vector<float> columns;
  for (std::size_t a = 0; a < starts.size();) {
    std::size_t b = a + 1;
    while (b < starts.size() && starts[b] - starts[a] <= kSlack) ++b;
    if (b - a >= 2 || columns.empty()) columns.push_back(starts[a]);
    a = b;
  }
  return columns;
}

std::size_t column_of(const std::vector<float>& columns, const Word& w) {
  std::size_t column = 0;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c] <= w.x0 + kSlack) column = c;
  }
  return column;
}

std::vector<Block> label_blocks(const std::vector<const Word*>& labels) {
  const std::vector<float> columns = label_columns(labels);
  std::vector<std::vector<const Word*>> by_column(columns.size());
  for (const Word* w : labels) by_column[column_of(columns, *w)].push_back(w);
  std::vector<Block> blocks;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    for (VisualLine& line : visual_lines(by_column[c])) {
      Block* last = blocks.empty() || blocks.back().column != c ? nullptr : &blocks.back();
      if (last != nullptr && touching(last->y1, line.y0, line.height) && !starts_numbering(line.words)) {
        last->y1 = std::max(last->y1, line.y1);
        last->x0 = std::min(last->x0, line.words.front()->x0);
        last->lines.push_back(std::move(line.words));
      } else {
        const float x0 = line.words.front()->x0;
        blocks.push_back({c, x0, line.y0, line.y1, {std::move(line.words)}});
      }
    }
  }
  return blocks;
}

Cell cell_of(std::vector<std::vector<const Word*>> lines, std::uint32_t page) {
  Cell cell;
  cell.page = page;
  cell.x = std::numeric_limits<float>::max();
  cell.y = std::numeric_limits<float>::max();
  for (const auto& line : lines) {
    for (const Word* w : line) {
      cell.x = std::min(cell.x, w->x0);
      cell.y = std::min(cell.y, w->y0);
    }
  }
  cell.lines = std::move(lines);
  return cell;
}

// A table's lines read as rows: values in their bands, labels beside them.
std::vector<Line> read_table(const std::vector<VisualLine>& lines, const Region& region, const Page& page) {
  std::vector<const Word*> values;
  std::vector<const Word*> labels;
  for (std::size_t i = region.first; i <= region.last; ++i) {
    for (const Word* w : lines[i].words) {
      (is_value(*w) && w->x0 >= region.left - kSlack ? values : labels).push_back(w);
    }
  }
  const std::vector<Band> bands = value_bands(values);
  // Cells: in each band, a value whose line touches a value above it that fills the band (the
  // widest a number gets in that column) is the rest of a number wrapped in its narrow cell, unless
  // it stands level with a value of another band that is no such rest (then it is the next row of a
  // table whose rows touch).
  std::vector<std::vector<const Word*>> in_band(bands.size());
  for (const Word* w : values) in_band[band_of(bands, *w)].push_back(w);
  std::vector<const Word*> rests;
  for (std::size_t b = 0; b < bands.size(); ++b) {
    auto& column = in_band[b];
    std::sort(column.begin(), column.end(), [](const Word* x, const Word* y) { return x->y0 < y->y0; });
    const float width = bands[b].x1 - bands[b].x0;
    for (std::size_t k = 1; k < column.size(); ++k) {
      const Word& above = *column[k - 1];
      if (is_number(*column[k]) && is_number(above) && touching(above.y1, column[k]->y0, column[k]->height()) &&
          above.x1 - above.x0 >= width - 0.6F * above.height()) {
        rests.push_back(column[k]);
      }
    }
  }
  std::sort(rests.begin(), rests.end());
  const auto is_rest = [&](const Word* w) { return std::binary_search(rests.begin(), rests.end(), w); };
  std::vector<std::pair<float, std::size_t>> levels;  // the middle of every value that is no rest, with its band
  for (const Word* w : values) {
    if (!is_rest(w)) levels.emplace_back(w->middle(), band_of(bands, *w));
  }
  std::sort(levels.begin(), levels.end());
  const auto beside_other_bands = [&](const Word& w, std::size_t band) {
    const float reach = kSameLine * w.height();
    auto it = std::lower_bound(levels.begin(), levels.end(), std::make_pair(w.middle() - reach, std::size_t{0}));
    for (; it != levels.end() && it->first <= w.middle() + reach; ++it) {
      if (it->second != band) return true;
    }
    return false;
  };
  struct ValueCell {
    std::vector<const Word*> words;
    float y0 = 0, y1 = 0;
    std::size_t band = 0;
    [[nodiscard]] float middle() const { return (y0 + y1) / 2; }
  };
  std::vector<ValueCell> cells;
  for (std::size_t b = 0; b < bands.size(); ++b) {
    std::sort(in_band[b].begin(), in_band[b].end(), [](const Word* x, const Word* y) { return x->y0 < y->y0; });
    for (const Word* w : in_band[b]) {
      ValueCell* last = cells.empty() || cells.back().band != b ? nullptr : &cells.back();
      if (last != nullptr && is_rest(w) && !beside_other_bands(*w, b)) {
        last->words.push_back(w);
        last->y1 = std::max(last->y1, w->y1);
      } else {
        cells.push_back({{w}, w->y0, w->y1, b});
      }
    }
  }
  // Rows from the cells of one line; then each wrapped cell joins the row level with its middle
  // (the row's values centred) or with its first line (set at the top), or makes a row of its own.
  std::sort(cells.begin(), cells.end(), [](const ValueCell& a, const ValueCell& b) { return a.middle() < b.middle(); });
  std::vector<std::vector<const ValueCell*>> row_cells;
  for (const ValueCell& cell : cells) {
    if (cell.words.size() > 1) continue;
    if (!row_cells.empty()) {
      const ValueCell& first = *row_cells.back().front();
      if (std::abs(cell.middle() - first.middle()) <= kSameLine * first.words.front()->height()) {
        row_cells.back().push_back(&cell);
        continue;
      }
    }
    row_cells.push_back({&cell});
  }
  for (const ValueCell& cell : cells) {
    if (cell.words.size() == 1) continue;
    const float reach = kSameLine * cell.words.front()->height();
    const auto level = std::find_if(row_cells.begin(), row_cells.end(), [&](const auto& row) {
      const float middle = row.front()->middle();
      return std::abs(middle - cell.middle()) <= reach || std::abs(middle - cell.words.front()->middle()) <= reach;
    });
    if (level != row_cells.end()) {
      level->push_back(&cell);
    } else {
      row_cells.push_back({&cell});
    }
  }
  std::sort(row_cells.begin(), row_cells.end(),
            [](const auto& a, const auto& b) { return a.front()->middle() < b.front()->middle(); });
  std::vector<Row> rows;
  for (const auto& level : row_cells) {
    Row row;
    row.values.resize(bands.size());
    row.y0 = std::numeric_limits<float>::max();
    float middles = 0;
    for (const ValueCell* cell : level) {
      row.y0 = std::min(row.y0, cell->y0);
      row.height = std::max(row.height, cell->words.front()->height());
      middles += cell->middle();
      for (const Word* w : cell->words) row.values[cell->band].lines.push_back({w});
    }
    row.middle = middles / static_cast<float>(level.size());
    rows.push_back(std::move(row));
  }
  // Each label block goes to the first row whose numbers it stands beside; one beside none goes to
  // the nearest row, unless that row has its own label in the block's column: then it is a row
  // without numbers.
  const std::vector<Block> blocks = label_blocks(labels);
  std::vector<const Block*> beside_none;
  std::vector<std::vector<bool>> own_label(rows.size());
  for (const Block& block : blocks) {
    const auto row = std::find_if(rows.begin(), rows.end(),
                                  [&](const Row& r) { return r.middle >= block.y0 && r.middle <= block.y1; });
    if (row == rows.end()) {
      beside_none.push_back(&block);
      continue;
    }
    row->labels.push_back(&block);
    auto& own = own_label[static_cast<std::size_t>(row - rows.begin())];
    own.resize(std::max(own.size(), block.column + 1));
    own[block.column] = true;
  }
  for (const Block* block : beside_none) {
    std::size_t nearest = 0;
    float best = std::numeric_limits<float>::max();
    for (std::size_t r = 0; r < rows.size() && rows[r].has_values; ++r) {
      const float distance = rows[r].middle < block->y0 ? block->y0 - rows[r].middle : rows[r].middle - block->y1;
      if (distance < best) {
        best = distance;
        nearest = r;
      }
    }
    const auto& own = own_label[nearest];
    if (block->column < own.size() && own[block->column]) {
      Row alone;
      alone.middle = block->middle();
      alone.y0 = block->y0;
      alone.labels.push_back(block);
      alone.has_values = false;
      rows.push_back(std::move(alone));
    } else {
      rows[nearest].labels.push_back(block);
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.middle < b.middle; });
  std::vector<Line> out;
  for (Row& row : rows) {
    Line line;
    std::stable_sort(row.labels.begin(), row.labels.end(), [](const Block* a, const Block* b) {
      return a->column != b->column ? a->column < b->column : a->y0 < b->y0;
    });
    for (const Block* block : row.labels) line.cells.push_back(cell_of(block->lines, page.number));
    line.labels = line.cells.size();
    line.row = true;
    if (row.has_values) {
      for (std::size_t b = 0; b < bands.size(); ++b) {
        Cell cell = cell_of(std::move(row.values[b].lines), page.number);
        if (cell.lines.empty()) {
          cell.x = bands[b].x0;
          cell.y = row.y0;
        }
        line.cells.push_back(std::move(cell));
      }
    }
    out.push_back(std::move(line));
  }
  return out;
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
// row's label cells whose left edges they share (else the last one).
void continue_row(Line& row, const std::vector<VisualLine>& lines, const Region& region) {
  std::size_t from = region.first;
  while (from > 0 && in_label_area(lines[from - 1], region.left)) --from;
  for (std::size_t i = from; i < region.first; ++i) {
    for (const Word* w : lines[i].words) {
      Cell* into = &row.cells[row.labels - 1];
      for (std::size_t c = 0; c < row.labels; ++c) {
        if (row.cells[c].x <= w->x0 + kSlack) into = &row.cells[c];
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
        if (joined[k] || std::abs(cut.cells[k].x - row->cells[c].x) > kSlack) continue;
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
  std::size_t open_row = 0;  // out[open_row - 1]: a row at the foot of the page before, cut by the break
  for (const Page& page : pages) {
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
      continue_row(out[cut - 1], lines, regions.front());
      skip_to = regions.front().first;
      while (skip_to > 0 && in_label_area(lines[skip_to - 1], regions.front().left)) --skip_to;
    }
    std::size_t next_region = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (next_region < regions.size() && regions[next_region].first == i) {
        const std::size_t first_row = out.size();
        for (Line& row : read_table(lines, regions[next_region], page)) out.push_back(std::move(row));
        if (next_region == 0 && continuing) {
          continue_group_labels(out[cut - 1], out.begin() + static_cast<std::ptrdiff_t>(first_row), out.end());
        }
        i = regions[next_region].last;
        if (ends_page(lines, i, page) && out.back().row) open_row = out.size();
        ++next_region;
        continue;
      }
      if (continuing && i >= skip_to && i < regions.front().first) continue;
      out.push_back(read_line(lines[i], page));
    }
  }
  return out;
}

}  // namespace xxgk::pdf
