// Small UTF-8 helpers shared by normalisation, lowering and diagnostics.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 when it is not valid UTF-8.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp);
void append_utf8(std::string& out, char32_t cp);
std::vector<char32_t> code_points(std::string_view s);

// The text with every space, tab and line break removed: how a label reads once extraction
// damage (broken lines, spaces between characters) is undone.
std::string without_whitespace(std::string_view s);
std::string trim(std::string_view s);

// Columns a terminal gives the code point (2 for East Asian wide and full-width characters).
int display_width(char32_t cp);

// Levenshtein distance over code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace xxgk
