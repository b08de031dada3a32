// Visual lines, bands of values and cells: the geometry the layout and the tables share.
#include "src/read/pdf_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace xxgk::pdf {
namespace {

bool is_digit(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

bool is_blank_mark(const Word& w) {
  if (w.glyphs.size() > 3) return false;
  return std::all_of(w.glyphs.begin(), w.glyphs.end(), [](const Glyph& g) {
    return g.cp == '-' || g.cp == '/' || g.cp == 0x2013 || g.cp == 0x2014 || g.cp == 0x2015 || g.cp == 0xFF0D ||
           g.cp == 0xFF0F;
  });
}

}  // namespace

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

bool is_value(const Word& w) {
  return is_number(w) || is_blank_mark(w);
}

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

bool in_label_area(const VisualLine& line, float left) {
  return std::all_of(line.words.begin(), line.words.end(), [&](const Word* w) { return w->x1 <= left + kSlack; });
}

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

}  // namespace xxgk::pdf
