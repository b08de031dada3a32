// What each character becomes in the text the grammar reads (internal to the library): one
// character at a time, so every byte of the result maps back to one character of the original.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/text.hpp"
#include "xxgk/source.hpp"  // normalise_code_point

namespace xxgk {

// normalise_code_point for the Basic Multilingual Plane, remembered per thread: ICU's NFKC and the
// Traditional→Simplified lookup cost more than the rest of reading a report put together. Defined
// in the header: the normalising pass asks for every character of a report.
class NormalisedCharacters {
 public:
  std::string_view operator()(char32_t cp) {
    if (cp > 0xFFFF) {
      other_ = normalise_code_point(cp);
      return other_;
    }
    Entry& e = entries_[cp];
    if (e.size == kUnknown) {
      const std::string s = normalise_code_point(cp);
      if (s.size() <= sizeof e.bytes) {
        std::copy(s.begin(), s.end(), e.bytes);
        e.size = static_cast<std::uint8_t>(s.size());
      } else {
        e.size = kLong;
      }
    }
    if (e.size == kLong) {
      other_ = normalise_code_point(cp);  // the few that NFKC expands at length (U+FDFA)
      return other_;
    }
    return {e.bytes, e.size};
  }
  // True when the code point normalises to itself, from a bitmap that stays in the L1 cache
  // (the table of entries does not).
  bool unchanged(char32_t cp) {
    if (cp > 0xFFFF) return false;
    const std::uint64_t bit = std::uint64_t{1} << (cp % 64);
    if ((known_[cp / 64] & bit) == 0) {
      std::string encoded;
      append_utf8(encoded, cp);
      if ((*this)(cp) == encoded) unchanged_[cp / 64] |= bit;
      known_[cp / 64] |= bit;
    }
    return (unchanged_[cp / 64] & bit) != 0;
  }

 private:
  static constexpr std::uint8_t kUnknown = 0xFF;
  static constexpr std::uint8_t kLong = 0xFE;
  struct Entry {
    std::uint8_t size = kUnknown;
    char bytes[11] = {};
  };
  std::vector<Entry> entries_ = std::vector<Entry>(0x10000);
  std::string other_;
  std::vector<std::uint64_t> known_ = std::vector<std::uint64_t>(0x10000 / 64);
  std::vector<std::uint64_t> unchanged_ = std::vector<std::uint64_t>(0x10000 / 64);
};

// This thread's table: look it up once a text, not once a character.
NormalisedCharacters& normalised_characters();

}  // namespace xxgk
