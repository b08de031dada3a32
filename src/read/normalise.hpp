// UTF-8 to the text the grammar parses, with the map from each of its bytes back to a line and
// column of the original (internal to the library; used by Source).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "xxgk/position_map.hpp"
#include "xxgk/source.hpp"

namespace xxgk {

struct Normalised {
  std::string text;  // NFKC-normalised, LF line ends, extraction debris removed
  // For each byte of text, and past its end: the index of the original character it comes from,
  // counted from the start of the original (sparse). With the first character index of each line,
  // a position is a binary search, not a count along the line.
  PositionMap original_char;
  std::vector<std::uint32_t> line_starts;       // byte offsets of line starts in the original
  std::vector<std::uint32_t> line_start_chars;  // character indexes of the same line starts
  std::size_t replaced_bytes = 0;               // bytes replaced by U+FFFD (InvalidBytes::replace)
  SourcePos first_replaced;
};

// Normalises `original` (UTF-8). Nothing when stop_at_invalid and a byte is not UTF-8 (the caller
// then looks for the file's encoding); otherwise a bad byte is refused (InputError at its place)
// or replaced. InputError too for a NUL byte and for a text with nothing but blanks.
std::optional<Normalised> normalise(const std::string& original, InvalidBytes invalid, bool stop_at_invalid);

}  // namespace xxgk
