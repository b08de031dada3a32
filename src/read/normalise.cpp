// The normalising pass: line ends become '\n', extraction debris goes (rule lines, html2text's
// heading marks, [bookmark: …]), page breaks become line breaks and each character becomes what
// normalise_code_point makes of it; every byte written keeps the index of its original character.
#include "src/read/normalise.hpp"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <limits>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "src/read/normalise_character.hpp"
#include "src/text.hpp"

namespace xxgk {
namespace {

// Markup that exporters leave in the text and that no report means to say.
constexpr std::string_view kBookmarkDebris = "[bookmark:";

// A line made only of dashes and blanks (`---------	---`): a horizontal rule from HTML or Word.
bool is_rule_line(std::string_view line) {
  int dashes = 0;
  for (char c : line) {
    if (c == '-') {
      ++dashes;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      return false;
    }
  }
  return dashes >= 3;
}

// html2text marks headings with asterisks (`***** 一、总体情况 *****`): the byte counts of the
// marks before and after the heading text, spaces included, or {0, 0} for any other line.
std::pair<std::size_t, std::size_t> heading_marks(std::string_view line) {
  const std::size_t before = line.find_first_not_of('*');
  if (before == std::string_view::npos || before < 3 || line[before] != ' ') return {0, 0};
  const std::size_t last = line.find_last_not_of('*');
  const std::size_t after = line.size() - 1 - last;
  if (after < 3 || line[last] != ' ' || last <= before) return {0, 0};
  return {before + 1, after + 1};
}

// Word-at-a-time tests on eight bytes of text (in memory order; the tests do not depend on it).
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
constexpr std::uint64_t kLowBits = 0x0101010101010101ULL;
std::uint64_t load_word(const char* p) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, sizeof word);
  return word;
}
// Whether a byte of the word is `c`: the bytes equal to it are zero after the XOR, and the
// classic test for a zero byte (subtract one from each, keep the high bits that were clear) says
// whether there is one, exactly.
bool has_byte(std::uint64_t ascii_word, char c) {
  const std::uint64_t x = ascii_word ^ (kLowBits * static_cast<unsigned char>(c));
  return ((x - kLowBits) & ~x & kHighBits) != 0;
}

// The offset of the first '\n' or '\r' from `from` on, or the text's size. (Not find_first_of:
// libstdc++ calls memchr on the set for every byte.) A '\r' is rare: it is looked for only
// before the '\n'.
std::size_t line_end_in(std::string_view text, std::size_t from) {
  const char* begin = text.data() + from;
  const std::size_t left = text.size() - from;
  const void* newline = std::memchr(begin, '\n', left);
  const std::size_t n = newline == nullptr ? left : static_cast<std::size_t>(static_cast<const char*>(newline) - begin);
  const void* cr = std::memchr(begin, '\r', n);
  return from + (cr == nullptr ? n : static_cast<std::size_t>(static_cast<const char*>(cr) - begin));
}

SourcePos position_in(const std::string& original, const std::vector<std::uint32_t>& line_starts, std::size_t offset) {
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - line_starts.begin());
  const std::size_t start = line_starts[line - 1];
  std::uint32_t column = 1;
  for (std::size_t i = start; i < offset && i < original.size(); ++i) {
    if ((static_cast<unsigned char>(original[i]) & 0xC0) != 0x80) ++column;
  }
  return {line, column};
}

}  // namespace

std::optional<Normalised> normalise(const std::string& in, InvalidBytes invalid, bool stop_at_invalid) {
  Normalised s;

  // Line starts in bytes first, for the position of a NUL byte found before reading; their
  // character indexes are taken on the way through the text below.
  s.line_starts.push_back(0);
  s.line_start_chars.push_back(0);
  for (std::size_t start = 0, end; start < in.size(); start = end) {
    end = line_end_in(in, start);
    if (end == in.size()) break;
    end += in[end] == '\r' && end + 1 < in.size() && in[end + 1] == '\n' ? 2 : 1;
    s.line_starts.push_back(static_cast<std::uint32_t>(end));
  }
  auto pos = [&](std::size_t offset) { return position_in(in, s.line_starts, offset); };

  if (const auto nul = in.find('\0'); nul != std::string::npos) {
    throw InputError("binary file: NUL byte; a report is text", pos(nul));
  }
  if (in.size() > std::numeric_limits<std::uint32_t>::max() / 2) {
    throw InputError("file too large (over 2 GiB)", {1, 1});
  }

  std::size_t i = 0;
  if (in.size() >= 3 && in.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;

  s.text.reserve(in.size());
  PositionMap::Builder map;
  map.reserve(in.size());
  // Characters of the original before a byte offset; asked for in increasing order.
  std::size_t counted_to = 0;
  std::uint32_t counted = 0;
  auto char_index = [&](std::size_t offset) {
    for (; counted_to < offset; ++counted_to) counted += (static_cast<unsigned char>(in[counted_to]) & 0xC0) != 0x80;
    return counted;
  };
  auto emit = [&](std::string_view piece, std::size_t from) {
    s.text.append(piece);
    map.push(piece, char_index(from));
  };

  NormalisedCharacters& normalised = normalised_characters();  // one thread-local lookup, not one a character
  std::size_t line_end = 0;                    // end of the current original line, to spot rule lines once per line
  std::size_t marks_end = 0, marks_begin = 0;  // heading marks of the current line: dropped
  while (i < in.size()) {
    if (i >= line_end) {
      line_end = line_end_in(in, i);
      const std::string_view line = std::string_view(in).substr(i, line_end - i);
      if (is_rule_line(line)) {
        i = line_end;
        continue;
      }
      const auto [before, after] = heading_marks(line);
      marks_end = i + before;
      marks_begin = before == 0 ? line_end : line_end - after;
    }
    if (i < marks_end || (i >= marks_begin && i < line_end)) {
      ++i;
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(in[i]);
    // A form feed is a page break (pdftotext puts one before each page): kept, on a line of its own,
    // where the grammar reads it as a blank line and knows the page ended there.
    if (c == '\f' || c == '\v') {
      emit("\f\n", i);
      ++i;
      line_end = i;
      continue;
    }
    // Every line break of the original passes here (rule lines, heading marks and runs stop
    // before it): the next line starts at i.
    if (c == '\r' || c == '\n') {
      emit("\n", i);
      i += (c == '\r' && i + 1 < in.size() && in[i + 1] == '\n') ? 2 : 1;
      line_end = i;
      s.line_start_chars.push_back(char_index(i));
      continue;
    }
    if (c == '[' && in.compare(i, kBookmarkDebris.size(), kBookmarkDebris) == 0) {
      const auto close = in.find(']', i);
      if (close != std::string::npos && close < line_end) {
        i = close + 1;
        continue;
      }
    }
    // The rest of the line (up to its heading marks), or up to a byte that means more (page
    // breaks, bookmark debris; the '[' looked at above may start it) or one that is not UTF-8.
    // Characters that stay as they are (most of a report) are copied a stretch at a time; those
    // that change (full-width punctuation, w3m's box-drawing rules) are replaced on the way.
    const std::size_t stop = std::min(marks_begin, line_end);
    std::uint32_t index = char_index(i);  // characters of the original before `copied`
    std::size_t copied = i;               // the text before this byte is in s.text
    // Inlined by force: it runs for every stretch of text, and GCC 12 leaves it a call in a pass
    // of this size (max-inline-insns-single), 2% more instructions for reading a report.
    const auto copy_to = [&](std::size_t end) __attribute__((always_inline)) {
      if (end == copied) return;
      s.text.append(in, copied, end - copied);
      map.push_copied(std::string_view(in).substr(copied, end - copied), index);  // a byte maps to its character
      copied = end;
    };
    std::size_t j = i;
    while (j < stop) {
      const unsigned char b = static_cast<unsigned char>(in[j]);
      if (b < 0x80) {
        // Eight bytes at a time while they are ASCII and none means more ('[', '\f', '\v').
        if (j > i && stop - j >= 8) {
          const std::uint64_t word = load_word(in.data() + j);
          if ((word & kHighBits) == 0 && !has_byte(word, '[') && !has_byte(word, '\f') && !has_byte(word, '\v')) {
            j += 8;
            continue;
          }
        }
        if ((b == '[' && j > i) || b == '\f' || b == '\v') break;
        ++j;
        continue;
      }
      char32_t run_cp = 0;
      std::size_t run_len = 0;
      // A character of three bytes (the Chinese of a report) decoded here; others by decode_utf8.
      if ((b & 0xF0) == 0xE0 && stop - j >= 3) {
        const auto b1 = static_cast<unsigned char>(in[j + 1]), b2 = static_cast<unsigned char>(in[j + 2]);
        run_cp = static_cast<char32_t>(((b & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F));
        if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && run_cp >= 0x800 && (run_cp < 0xD800 || run_cp > 0xDFFF))
          run_len = 3;
      }
      if (run_len == 0) run_len = decode_utf8(in, j, run_cp);
      if (run_len == 0) break;
      if (!normalised.unchanged(run_cp)) {
        copy_to(j);
        const std::string_view piece = normalised(run_cp);
        s.text.append(piece);
        map.push(piece, index);
        ++index;
        copied = j + run_len;
      }
      j += run_len;
    }
    if (j > i) {
      copy_to(j);
      counted_to = j, counted = index;
      i = j;
      continue;
    }
    // Only a byte that is not UTF-8 stops a run at its first byte.
    if (stop_at_invalid) return std::nullopt;
    if (invalid == InvalidBytes::refuse) {
      throw InputError(
          fmt::format("invalid UTF-8 (byte 0x{:02X}); is the file in another encoding? (--lossy reads it anyway)", c),
          pos(i));
    }
    if (s.replaced_bytes++ == 0) s.first_replaced = pos(i);
    emit("\uFFFD", i);
    ++i;
  }
  s.original_char = std::move(map).finish(char_index(in.size()));
  assert(s.line_start_chars.size() == s.line_starts.size());  // a character index for each line start

  if (s.text.find_first_not_of(" \t\n") == std::string::npos) {
    throw InputError("empty file: no text to parse", {1, 1});
  }
  return s;
}

}  // namespace xxgk
