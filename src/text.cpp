#include "src/text.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

#include <unicode/uchar.h>

namespace xxgk {

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(s, i, cp);
    out.push_back(len == 0 ? U'\uFFFD' : cp);
    i += len == 0 ? 1 : len;
  }
  return out;
}

std::string first_characters(std::string_view s, std::size_t count) {
  std::size_t end = 0;
  for (std::size_t seen = 0; end < s.size() && seen < count; ++seen) {
    char32_t cp = 0;
    const std::size_t length = decode_utf8(s, end, cp);
    end += length == 0 ? 1 : length;
  }
  return std::string(s.substr(0, end));
}

std::string without_whitespace(std::string_view s) {
  // Written through a pointer, not pushed a byte at a time: lowering calls this on every label.
  std::string out(s.size(), '\0');
  char* end = out.data();
  for (const char c : s) {
    *end = c;
    end += (c != ' ' && c != '\t' && c != '\n' && c != '\r') ? 1 : 0;
  }
  out.resize(static_cast<std::size_t>(end - out.data()));
  return out;
}

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\n\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\n\r");
  return std::string(s.substr(first, last - first + 1));
}

int display_width(char32_t cp) {
  // The two cases of nearly every character, without a property lookup: below U+1100 nothing is
  // wide, and the CJK ideographs all are.
  if (cp < 0x1100) return 1;
  if (cp >= 0x4E00 && cp <= 0x9FFF) return 2;
  const auto width = u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_EAST_ASIAN_WIDTH);
  return (width == U_EA_WIDE || width == U_EA_FULLWIDTH) ? 2 : 1;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  return edit_distance(code_points(a), code_points(b));
}

namespace {

// Levenshtein distance by the dynamic programme, a row at a time.
std::size_t edit_distance_by_rows(const std::vector<char32_t>& x, const std::vector<char32_t>& y) {
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

}  // namespace

// Labels are compared with every wording of a table (src/lower/label_match.cpp): for a text of
// at most 64 characters, a column of the programme is one machine word (Myers' bit-parallel form,
// as Hyyrö writes it for the whole distance), the same number in a fraction of the work.
std::size_t edit_distance(const std::vector<char32_t>& x, const std::vector<char32_t>& y) {
  const std::size_t m = x.size();
  if (m == 0 || m > 64) return m == 0 ? y.size() : edit_distance_by_rows(x, y);
  // For each character of x, where it stands in x, as bits.
  std::vector<std::pair<char32_t, std::uint64_t>> where;
  where.reserve(m);
  for (std::size_t i = 0; i < m; ++i) {
    const auto found = std::find_if(where.begin(), where.end(), [&](const auto& w) { return w.first == x[i]; });
    if (found == where.end()) {
      where.emplace_back(x[i], std::uint64_t{1} << i);
    } else {
      found->second |= std::uint64_t{1} << i;
    }
  }
  const std::uint64_t last = std::uint64_t{1} << (m - 1);
  std::uint64_t plus = ~std::uint64_t{0}, minus = 0;  // vertical deltas +1 and -1
  std::size_t distance = m;
  for (const char32_t c : y) {
    const auto found = std::find_if(where.begin(), where.end(), [&](const auto& w) { return w.first == c; });
    const std::uint64_t equal = found == where.end() ? 0 : found->second;
    const std::uint64_t xv = equal | minus;
    const std::uint64_t xh = (((equal & plus) + plus) ^ plus) | equal;
    std::uint64_t h_plus = minus | ~(xh | plus);
    std::uint64_t h_minus = plus & xh;
    if ((h_plus & last) != 0) {
      ++distance;
    } else if ((h_minus & last) != 0) {
      --distance;
    }
    h_plus = (h_plus << 1) | 1;  // the first row grows by one each column
    h_minus <<= 1;
    plus = h_minus | ~(xv | h_plus);
    minus = h_plus & xv;
  }
  return distance;
}

namespace {

// The line breaks of `bytes` read as UTF-16 in one byte order, or -1 when they do not read as
// text: an odd length, a surrogate out of its pair, or a control character other than the
// whitespace of text (binary data has them: 00 00 is U+0000).
long utf16_line_breaks(std::string_view bytes, bool little_endian) {
  if (bytes.size() % 2 != 0) return -1;
  long breaks = 0;
  bool low_due = false;  // a high surrogate came: the next unit must be a low one
  for (std::size_t i = 0; i < bytes.size(); i += 2) {
    const auto first = static_cast<unsigned char>(bytes[i]), second = static_cast<unsigned char>(bytes[i + 1]);
    const auto unit = static_cast<char16_t>(little_endian ? (second << 8) | first : (first << 8) | second);
    const bool low = unit >= 0xDC00 && unit <= 0xDFFF;
    if (low != low_due) return -1;
    low_due = unit >= 0xD800 && unit <= 0xDBFF;
    if (unit < 0x20 && unit != u'\t' && unit != u'\n' && unit != u'\v' && unit != u'\f' && unit != u'\r') return -1;
    breaks += unit == u'\n' || unit == u'\r';
  }
  return low_due ? -1 : breaks;
}

}  // namespace

// A line break is 0A 00 in UTF-16LE and 00 0A in UTF-16BE. Read in the wrong order it is U+0A00,
// no character of Chinese text, so only the right order has line breaks; Chinese text read in
// the wrong order also strays into surrogates (付 U+4ED8 becomes U+D84E) and seldom reads at all.
std::string_view utf16_byte_order(std::string_view bytes) {
  const long le = utf16_line_breaks(bytes, true), be = utf16_line_breaks(bytes, false);
  if (le > 0 && be <= 0) return "UTF-16LE";
  if (be > 0 && le <= 0) return "UTF-16BE";
  return {};
}

std::vector<std::uint32_t> character_indexes(std::string_view text, const std::vector<std::uint32_t>& at) {
  std::vector<std::uint32_t> chars;
  chars.reserve(at.size());
  // The characters before `byte`, moved along as the offsets go (forwards nearly always).
  std::size_t byte = 0;
  std::uint32_t before = 0;
  const auto is_lead = [&](std::size_t i) { return (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80; };
  for (const std::uint32_t offset : at) {
    if (offset > byte + 8 && byte < text.size()) {  // markup stepped over: counted eight bytes at a time
      const std::size_t to = std::min<std::size_t>(offset, text.size());
      before += static_cast<std::uint32_t>(code_point_count(text.substr(byte, to - byte)));
      byte = to;
    }
    for (; byte < offset && byte < text.size(); ++byte) before += is_lead(byte);
    for (; byte > offset; --byte) before -= is_lead(byte - 1);
    chars.push_back(before);
  }
  return chars;
}

}  // namespace xxgk
