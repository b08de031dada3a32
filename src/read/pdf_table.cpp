// Tables by geometry: values in bands, rows where values stand level, labels as blocks of touching
// lines at a column's left edge, each given to the row it stands beside.
#include "src/read/pdf_table.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

namespace xxgk::pdf {
namespace {

bool is_chinese_numeral(char32_t c) {
  static constexpr std::u32string_view kNumerals = U"一二三四五六七八九十";
  return kNumerals.find(c) != std::u32string_view::npos;
}

}  // namespace

bool starts_numbering(const std::vector<const Word*>& line) {
  std::u32string start;
  for (const Word* w : line) {
    for (const Glyph& g : w->glyphs) {
      if (start.size() < 4) start += g.cp;
    }
  }
  const auto is_numeral = [](char32_t c) { return is_chinese_numeral(c) || (c >= U'0' && c <= U'9'); };
  if (start.empty()) return false;
  if (start[0] >= U'①' && start[0] <= U'⑳') return true;  // ⑦
  std::size_t k = start[0] == U'（' || start[0] == U'(' ? 1 : 0;
  const std::size_t first = k;
  while (k < start.size() && is_numeral(start[k])) ++k;
  if (k == first || k == start.size()) return false;
  if (first == 1) return start[k] == U'）' || start[k] == U')';  // （三）, (1)
  // 三、, 1、, 1.
  return start[k] == U'、' || ((start[k] == U'.' || start[k] == U'．') && !is_chinese_numeral(start[0]));
}

namespace {

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
// numbering a space before them on their baseline, or one word a cell's gap after another; a word belongs to the
// rightmost column edge at or left of it.
std::vector<float> label_columns(const std::vector<const Word*>& labels) {
  std::vector<const Word*> by_baseline = labels;
  std::sort(by_baseline.begin(), by_baseline.end(), [](const Word* x, const Word* y) { return x->y0 < y->y0; });
  std::vector<std::pair<float, bool>> starts;  // a left edge, and whether a cell's gap is before it
  for (std::size_t a = 0; a < by_baseline.size();) {
    std::size_t b = a + 1;
    while (b < by_baseline.size() && by_baseline[b]->y0 - by_baseline[a]->y0 < kSlack) ++b;
    std::sort(by_baseline.begin() + static_cast<std::ptrdiff_t>(a),
              by_baseline.begin() + static_cast<std::ptrdiff_t>(b),
              [](const Word* x, const Word* y) { return x->x0 < y->x0; });
    for (std::size_t k = a; k < b; ++k) {
      const Word& w = *by_baseline[k];
      const Word* before = k > a ? by_baseline[k - 1] : nullptr;
      // A numbering followed by another (`三、` `(一)予以公开`, `(三)` `1.`) ends its label: the next
      // starts a cell, as surely as one a cell's gap apart.
      const bool after_numbering = before != nullptr && is_numbering_word(*before);
      const bool numbered = starts_numbering({&w}) || is_numbering_word(w);
      const bool apart =
          before != nullptr && (w.x0 - before->x1 > kSpaceGap * w.height() || (after_numbering && numbered));
      if (!after_numbering || apart) starts.emplace_back(w.x0, apart);
    }
    a = b;
  }
  std::sort(starts.begin(), starts.end());
  std::vector<float> columns;
  for (std::size_t a = 0; a < starts.size();) {
    std::size_t b = a + 1;
    bool apart = starts[a].second;
    while (b < starts.size() && starts[b].first - starts[a].first <= kSlack) {
      apart = apart || starts[b].second;
      ++b;
    }
    if (b - a >= 2 || apart || columns.empty()) columns.push_back(starts[a].first);
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

}  // namespace

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
  // A chain of rests (a number wrapped over three lines or more, centred in its row) is one number
  // too when its middle is level with a value of another band, though its middle piece is.
  const auto level_with_other_bands = [&](float middle, float height, std::size_t band) {
    const float reach = kSameLine * height;
    auto it = std::lower_bound(levels.begin(), levels.end(), std::make_pair(middle - reach, std::size_t{0}));
    for (; it != levels.end() && it->first <= middle + reach; ++it) {
      if (it->second != band) return true;
    }
    return false;
  };
  std::vector<ValueCell> cells;
  for (std::size_t b = 0; b < bands.size(); ++b) {
    std::sort(in_band[b].begin(), in_band[b].end(), [](const Word* x, const Word* y) { return x->y0 < y->y0; });
    for (std::size_t k = 0; k < in_band[b].size();) {
      std::size_t end = k + 1;  // the chain of rests after in_band[b][k]
      while (end < in_band[b].size() && is_rest(in_band[b][end])) ++end;
      const Word& first = *in_band[b][k];
      const float middle = (first.y0 + in_band[b][end - 1]->y1) / 2;
      const bool whole = end - k > 2 && level_with_other_bands(middle, first.height(), b) &&
                         !level_with_other_bands(first.middle(), first.height(), b);
      cells.push_back({{&first}, first.y0, first.y1, b});
      for (std::size_t j = k + 1; j < end; ++j) {
        const Word* w = in_band[b][j];
        if (whole || !beside_other_bands(*w, b)) {
          cells.back().words.push_back(w);
          cells.back().y1 = std::max(cells.back().y1, w->y1);
        } else {
          cells.push_back({{w}, w->y0, w->y1, b});
        }
      }
      k = end;
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

std::vector<Band> table_bands(const std::vector<VisualLine>& lines, const Region& region) {
  std::vector<const Word*> values;
  for (std::size_t i = region.first; i <= region.last; ++i) {
    for (const Word* w : lines[i].words) {
      if (is_value(*w) && w->x0 >= region.left - kSlack) values.push_back(w);
    }
  }
  return value_bands(std::move(values));
}

std::vector<Line> read_header(const std::vector<VisualLine>& lines, std::size_t from, std::size_t to,
                              const Region& region, const std::vector<Band>& bands, const Page& page) {
  // Each word's column: the label area (first = last = bands.size()), or the first and last band
  // it overlaps (the nearest when it overlaps none).
  struct HeaderCell {
    std::size_t first = 0, last = 0;
    float y0 = 0, y1 = 0;
    std::vector<std::vector<const Word*>> lines;
  };
  std::vector<HeaderCell> cells;
  for (std::size_t i = from; i < to; ++i) {
    for (const Word* w : lines[i].words) {
      std::size_t first = bands.size();
      std::size_t last = bands.size();
      if (w->x1 > region.left + kSlack && !bands.empty()) {
        for (std::size_t b = 0; b < bands.size(); ++b) {
          if (w->x0 < bands[b].x1 && w->x1 > bands[b].x0) {
            if (first == bands.size()) first = b;
            last = b;
          }
        }
        if (first == bands.size()) first = last = band_of(bands, *w);
      }
      // The word goes on the line it shares with the cell's last word, or continues the cell when
      // its line touches the cell's last line, or starts a cell.
      HeaderCell* into = nullptr;
      for (HeaderCell& c : cells) {
        if (c.first != first || c.last != last) continue;
        const Word& end = *c.lines.back().back();
        if (std::abs(end.middle() - w->middle()) <= kSameLine * w->height()) {
          c.lines.back().push_back(w);
          into = &c;
          break;
        }
        if (w->y0 >= end.y0 && touching(c.y1, w->y0, w->height())) {
          c.lines.push_back({w});
          into = &c;
          break;
        }
      }
      if (into == nullptr) {
        cells.push_back({first, last, w->y0, w->y1, {{w}}});
        into = &cells.back();
      }
      into->y0 = std::min(into->y0, w->y0);
      into->y1 = std::max(into->y1, w->y1);
    }
  }
  // Lines: cells whose heights overlap, left to right (the label area first).
  std::sort(cells.begin(), cells.end(), [](const HeaderCell& a, const HeaderCell& b) { return a.y0 < b.y0; });
  std::vector<Line> out;
  std::vector<HeaderCell*> group;
  float group_bottom = std::numeric_limits<float>::lowest();
  const auto flush = [&] {
    std::stable_sort(group.begin(), group.end(), [&](const HeaderCell* a, const HeaderCell* b) {
      const std::size_t ka = a->first == bands.size() ? 0 : a->first + 1;
      const std::size_t kb = b->first == bands.size() ? 0 : b->first + 1;
      return ka < kb;
    });
    Line line;
    for (HeaderCell* c : group) line.cells.push_back(cell_of(std::move(c->lines), page.number));
    if (!line.cells.empty()) out.push_back(std::move(line));
    group.clear();
  };
  for (HeaderCell& c : cells) {
    if (!group.empty() && c.y0 >= group_bottom) flush();
    group.push_back(&c);
    group_bottom = std::max(group.size() == 1 ? c.y1 : group_bottom, c.y1);
  }
  flush();
  return out;
}

}  // namespace xxgk::pdf
