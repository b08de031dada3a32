// For each byte of a report's normalised text, the character of the original it comes from, kept
// sparse: a dense map (4 bytes a byte of text) was most of the memory of reading a big file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace xxgk {

// Most of a text is copied from the original as it is, and there the character index of a byte is
// that of the byte before it, plus one when the byte starts a character. So only the bytes where
// that does not hold are stored (jumps: text dropped, a character replaced by several, a line
// break inserted), and the exact index at every kStride-th byte (a checkpoint), so that a look-up
// counts at most kStride bytes of the text from the nearest of the two: about 0.1 byte a byte of
// text instead of 4. The map needs the text it describes for a look-up.
class PositionMap {
 public:
  static constexpr std::size_t kStride = 64;

  class Builder;
  class Reader;
  class Cursor;

  // The original character of byte `offset` of `text` (the text the map was built for); offsets at
  // or past its end give the end index.
  [[nodiscard]] std::uint32_t at(std::string_view text, std::size_t offset) const;
  [[nodiscard]] std::size_t size() const noexcept { return size_; }  // bytes of text
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return (checkpoints_.capacity() + jump_at_.capacity() + jump_char_.capacity()) * sizeof(std::uint32_t);
  }

 private:
  std::vector<std::uint32_t> checkpoints_;  // the index of byte k * kStride
  std::vector<std::uint32_t> jump_at_;      // increasing byte offsets where the index jumps
  std::vector<std::uint32_t> jump_char_;    // the index there
  std::size_t size_ = 0;
  std::uint32_t end_ = 0;
};

// Filled a byte at a time, in order: the byte of text and the index of its original character.
class PositionMap::Builder {
 public:
  void reserve(std::size_t text_bytes) { map_.checkpoints_.reserve(text_bytes / kStride + 1); }
  void push(unsigned char byte, std::uint32_t original_char) {
    if (size_ % kStride == 0) {
      map_.checkpoints_.push_back(original_char);
    } else if (original_char != last_ + static_cast<std::uint32_t>((byte & 0xC0) != 0x80)) {
      map_.jump_at_.push_back(static_cast<std::uint32_t>(size_));
      map_.jump_char_.push_back(original_char);
    }
    last_ = original_char;
    ++size_;
  }
  // The same index for each byte of `piece`.
  void push(std::string_view piece, std::uint32_t original_char) {
    for (const char c : piece) push(static_cast<unsigned char>(c), original_char);
  }
  // Bytes copied from the original as they are: `chars_before` is the number of original
  // characters before the first of them, and is moved past them.
  void push_copied(std::string_view bytes, std::uint32_t& chars_before);
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  // The map, with the index that offsets at or past the end of the text stand for.
  PositionMap finish(std::uint32_t end_char) &&;

 private:
  PositionMap map_;
  std::size_t size_ = 0;
  std::uint32_t last_ = 0;
};

// Reads the map forwards, a byte at a time, in the time of a dense one.
class PositionMap::Reader {
 public:
  Reader(const PositionMap& map, std::string_view text) : map_(map), text_(text) {}
  // The index of byte `at_`, then moves to the next byte.
  std::uint32_t next();

 private:
  const PositionMap& map_;
  std::string_view text_;
  std::size_t at_ = 0;
  std::size_t jump_ = 0;
  std::uint32_t char_ = 0;
};

// Looks offsets up in increasing order (a row's cells), each counted on from the one before when
// no checkpoint or jump lies between: no search. An offset before the last is looked up as at().
class PositionMap::Cursor {
 public:
  Cursor(const PositionMap& map, std::string_view text) : map_(map), text_(text) {}
  [[nodiscard]] std::uint32_t at(std::size_t offset);

 private:
  const PositionMap& map_;
  std::string_view text_;
  bool started_ = false;
  std::size_t offset_ = 0;  // the offset looked up last (below the map's size)
  std::uint32_t char_ = 0;  // its index
  std::size_t jump_ = 0;    // jumps at or before it
};

}  // namespace xxgk
