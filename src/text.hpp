// Small text helpers shared by decoding, normalisation, lowering and diagnostics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 when it is not valid UTF-8.
// Inline: it runs once per character of every report, in normalisation and in lowering.
inline std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  std::size_t len = 0;
  char32_t min = 0;
  if (c < 0x80) {
    cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}
void append_utf8(std::string& out, char32_t cp);
std::vector<char32_t> code_points(std::string_view s);
// code_points(s).size(), without building the vector.
// For each byte offset of `text` in `at`, the index of the character it is in: a reader's map from
// its output back to the characters of the file (offsets past the end count every character).
std::vector<std::uint32_t> character_indexes(std::string_view text, const std::vector<std::uint32_t>& at);

inline std::size_t code_point_count(std::string_view s) {
  // Eight bytes at a time: a byte that continues a character has its high bit set and the next
  // one clear; the marks of those bytes, moved to the low bit of each byte, are summed by a multiply.
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL, kLow = 0x0101010101010101ULL;
  std::size_t n = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, s.data() + i, sizeof word);
    const std::uint64_t continuing = (word & ~(word << 1) & kHigh) >> 7;
    n += 8 - static_cast<std::size_t>((continuing * kLow) >> 56);
  }
  for (; i < s.size(); ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// The first `count` characters of UTF-8 text (all of it when shorter), never cutting one apart.
std::string first_characters(std::string_view s, std::size_t count);

// The text with every space, tab and line break removed: how a label reads once extraction
// damage (broken lines, spaces between characters) is undone.
std::string without_whitespace(std::string_view s);
std::string trim(std::string_view s);

// Columns a terminal gives the code point (2 for East Asian wide and full-width characters).
int display_width(char32_t cp);

// Levenshtein distance over code points.
std::size_t edit_distance(std::string_view a, std::string_view b);
std::size_t edit_distance(const std::vector<char32_t>& x, const std::vector<char32_t>& y);

// The byte order of UTF-16 text that has no byte order mark: "UTF-16LE" or "UTF-16BE" when the
// bytes read as text in that order and not in the other, else "" (not UTF-16, or undecided).
std::string_view utf16_byte_order(std::string_view bytes);

}  // namespace xxgk
