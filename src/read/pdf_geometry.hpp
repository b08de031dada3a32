// Geometry shared by the PDF reader's layout and table reading (internal): visual lines, bands
// of values, and the distances that decide them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "src/read/pdf_layout.hpp"
#include "src/read/pdf_words.hpp"

namespace xxgk::pdf {

// Distances in fractions of a line's height, so that every font size reads alike.
inline constexpr float kSameLine = 0.3F;   // words whose middles are this close sit on one visual line
inline constexpr float kTouching = 0.25F;  // lines of one cell are set this close (their boxes overlap)
inline constexpr float kCellGap = 1.0F;    // a lone number this far right of text is in a cell of its own
inline constexpr float kTabGap = 2.0F;     // a gap this wide in a line outside a table separates cells
inline constexpr float kSpaceGap = 0.5F;   // at most this between a numbering and its label's words
inline constexpr float kMargin = 0.1F;     // top and bottom of a page where page numbers stand
inline constexpr float kSlack = 2.0F;      // points: edges this close are aligned

bool is_number(const Word& w);
// A number, or a dash or slash written in a cell for "nothing": a value of its column, not a label.
bool is_value(const Word& w);

// Words on one visual line, left to right.
struct VisualLine {
  std::vector<const Word*> words;
  float y0 = 0, y1 = 0, height = 0;
};

// Words grouped into visual lines (their middles level), top to bottom.
std::vector<VisualLine> visual_lines(std::vector<const Word*> words);

// Two lines of one cell: the lower starts (almost) where the upper ends.
bool touching(float upper_bottom, float lower_top, float height);

// Every word of the line ends left of `left` (a table's labels are left of its values).
bool in_label_area(const VisualLine& line, float left);

// Lines [first, last] of a page that hold a table; `left` is where its first column of numbers
// starts (labels are left of it).
struct Region {
  std::size_t first = 0, last = 0;
  float left = 0;
};

struct Band {
  float x0 = 0, x1 = 0;
};

// Columns of values: the spans where values overlap horizontally.
std::vector<Band> value_bands(std::vector<const Word*> values);
// The band a word is in, or nearest to.
std::size_t band_of(const std::vector<Band>& bands, const Word& w);

// A cell of these lines of words: its place is the top-left of its words.
Cell cell_of(std::vector<std::vector<const Word*>> lines, std::uint32_t page);

}  // namespace xxgk::pdf
