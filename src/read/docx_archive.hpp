// The parts of a Word file (DOCX: a zip archive of XML parts) read from memory with libzip, each
// with its size bounded (internal to the library; used by the Word reader).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

struct zip;  // libzip's archive (zip_t)

namespace xxgk::docx {

// A part larger than this is refused: a report's word/document.xml is 0.1 to 2 MB, so this leaves
// a wide margin while a zip bomb (a few KB that inflate to gigabytes) is stopped after 64 MB read.
inline constexpr std::size_t kMaxPartBytes = std::size_t{64} << 20;
// Deflate cannot shrink data more than about 1032 times; a part whose header claims more than
// this is a crafted archive, refused before anything is inflated. Real XML parts shrink 5 to 50
// times; a part under kSmallPart bytes is never refused for its ratio (a tiny part of blanks).
inline constexpr double kMaxCompressionRatio = 1100.0;
inline constexpr std::size_t kSmallPart = std::size_t{1} << 20;

// A zip archive opened in memory. The bytes must outlive it.
class Archive {
 public:
  // InputError when the bytes are not a zip archive that libzip can open (truncated, damaged).
  explicit Archive(std::string_view bytes);
  ~Archive();
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  // The bytes of the part named `name` (such as "word/document.xml"), or nullopt when there is
  // none. InputError when it is encrypted, larger than max_bytes (by its header or by what
  // inflating it actually gives), compressed beyond kMaxCompressionRatio, or damaged (a CRC that
  // does not match, a size other than its header's).
  [[nodiscard]] std::optional<std::string> part(const char* name, std::size_t max_bytes = kMaxPartBytes) const;

 private:
  ::zip* zip_ = nullptr;
};

}  // namespace xxgk::docx
