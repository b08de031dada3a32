// What each character becomes in the text the grammar reads (internal to the library): one
// character at a time, so every byte of the result maps back to one character of the original.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "src/text.hpp"
#include "xxgk/source.hpp"  // normalise_code_point

namespace xxgk {

// normalise_code_point for the Basic Multilingual Plane, remembered per thread: ICU's NFKC costs
// more than the rest of reading a report put together. Defined in the header: the normalising pass
// asks for every character of a report. Only characters that change are kept, in blocks of 256
// code points made when first needed: a report changes a few hundred characters (full-width
// punctuation, traditional ones) in a handful of blocks, and a table of all 65,536 cost one report
// from the command line 0.5 ms, a quarter of its time, in page faults.
class NormalisedCharacters {
 public:
  std::string_view operator()(char32_t cp) {
    if (cp > 0xFFFF) {
      other_ = normalise_code_point(cp);
      return other_;
    }
    if (unchanged(cp)) {
      other_.clear();
      append_utf8(other_, cp);
      return other_;
    }
    const Entry& e = block(cp)[cp % kBlock];
    if (e.size == kLong) {
      other_ = normalise_code_point(cp);  // the few that NFKC expands at length (U+FDFA)
      return other_;
    }
    return {e.bytes, e.size};
  }
  // True when the code point normalises to itself, from a bitmap that stays in the L1 cache.
  bool unchanged(char32_t cp) {
    if (cp > 0xFFFF) return false;
    const std::uint64_t bit = std::uint64_t{1} << (cp % 64);
    if ((unchanged_[cp / 64] & bit) != 0) return true;  // most characters: one look
    if ((known_[cp / 64] & bit) == 0) {
      known_[cp / 64] |= bit;
      const std::string s = normalise_code_point(cp);
      std::string encoded;
      append_utf8(encoded, cp);
      if (s == encoded) {
        unchanged_[cp / 64] |= bit;
      } else {
        Entry& e = block(cp)[cp % kBlock];
        if (s.size() <= sizeof e.bytes) {
          std::copy(s.begin(), s.end(), e.bytes);
          e.size = static_cast<std::uint8_t>(s.size());
        } else {
          e.size = kLong;
        }
      }
    }
    return (unchanged_[cp / 64] & bit) != 0;
  }

 private:
  static constexpr std::uint8_t kLong = 0xFE;
  static constexpr std::size_t kBlock = 256;
  struct Entry {
    std::uint8_t size = 0;
    char bytes[11] = {};
  };
  Entry* block(char32_t cp) {
    std::unique_ptr<Entry[]>& b = blocks_[cp / kBlock];
    if (!b) b = std::make_unique<Entry[]>(kBlock);
    return b.get();
  }
  std::vector<std::unique_ptr<Entry[]>> blocks_ = std::vector<std::unique_ptr<Entry[]>>(0x10000 / kBlock);
  std::string other_;
  std::vector<std::uint64_t> known_ = std::vector<std::uint64_t>(0x10000 / 64);
  std::vector<std::uint64_t> unchanged_ = std::vector<std::uint64_t>(0x10000 / 64);
};

// This thread's table: look it up once a text, not once a character.
NormalisedCharacters& normalised_characters();

}  // namespace xxgk
