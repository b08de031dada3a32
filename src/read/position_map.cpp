// The sparse map from bytes of normalised text to original characters (include/xxgk/position_map.hpp).
#include "xxgk/position_map.hpp"

#include <algorithm>
#include <utility>

#include "src/text.hpp"

namespace xxgk {
namespace {

constexpr std::uint32_t starts_character(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
}

}  // namespace

void PositionMap::Builder::push_copied(std::string_view bytes, std::uint32_t& chars_before) {
  if (bytes.empty()) return;
  // The first byte may follow a jump; the rest follow from the byte before, so only the indexes
  // at checkpoints are stored and the bytes between them only counted.
  chars_before += starts_character(bytes[0]);
  push(static_cast<unsigned char>(bytes[0]), chars_before - 1);
  for (std::size_t k = 1; k < bytes.size();) {
    if (size_ % kStride == 0) {
      chars_before += starts_character(bytes[k++]);
      map_.checkpoints_.push_back(chars_before - 1);
      ++size_;
      continue;
    }
    const std::size_t n = std::min(kStride - size_ % kStride, bytes.size() - k);
    std::uint32_t characters = 0;
    for (std::size_t i = k; i < k + n; ++i) characters += starts_character(bytes[i]);
    chars_before += characters;
    k += n;
    size_ += n;
  }
  last_ = chars_before - 1;
}

PositionMap PositionMap::Builder::finish(std::uint32_t end_char) && {
  map_.size_ = size_;
  map_.end_ = end_char;
  return std::move(map_);
}

std::uint32_t PositionMap::Reader::next() {
  std::uint32_t c = 0;
  if (at_ >= map_.size_) {
    c = map_.end_;
  } else if (at_ % kStride == 0) {
    c = map_.checkpoints_[at_ / kStride];
  } else if (jump_ < map_.jump_at_.size() && map_.jump_at_[jump_] == at_) {
    c = map_.jump_char_[jump_++];
  } else {
    c = char_ + starts_character(text_[at_]);
  }
  char_ = c;
  ++at_;
  return c;
}

std::uint32_t PositionMap::at(std::string_view text, std::size_t offset) const {
  if (offset >= size_) return end_;
  // The nearest exact index at or before the offset: its checkpoint, or a jump after that.
  std::size_t from = offset / kStride * kStride;
  std::uint32_t c = checkpoints_[offset / kStride];
  const auto after = std::upper_bound(jump_at_.begin(), jump_at_.end(), offset);
  if (after != jump_at_.begin() && *(after - 1) > from) {
    from = *(after - 1);
    c = jump_char_[static_cast<std::size_t>(after - 1 - jump_at_.begin())];
  }
  return c + static_cast<std::uint32_t>(code_point_count(text.substr(from + 1, offset - from)));
}

std::uint32_t PositionMap::Cursor::at(std::size_t offset) {
  if (offset >= map_.size_) return map_.end_;
  const auto& jumps = map_.jump_at_;
  if (!started_ || offset < offset_) {
    started_ = true;
    jump_ = static_cast<std::size_t>(std::upper_bound(jumps.begin(), jumps.end(), offset) - jumps.begin());
    offset_ = offset;
    char_ = map_.at(text_, offset);
    return char_;
  }
  while (jump_ < jumps.size() && jumps[jump_] <= offset) ++jump_;
  // The nearest exact index at or before the offset: the last offset's, its checkpoint's, or the
  // last jump's, whichever is the latest.
  std::size_t from = offset_;
  std::uint32_t c = char_;
  if (const std::size_t checkpoint = offset / kStride * kStride; checkpoint > from) {
    from = checkpoint;
    c = map_.checkpoints_[offset / kStride];
  }
  if (jump_ > 0 && jumps[jump_ - 1] > from) {
    from = jumps[jump_ - 1];
    c = map_.jump_char_[jump_ - 1];
  }
  offset_ = offset;
  char_ = c + static_cast<std::uint32_t>(code_point_count(text_.substr(from + 1, offset - from)));
  return char_;
}

}  // namespace xxgk
