// Source: a file's bytes decoded (src/read/decode.cpp), normalised with the map back to the
// original (src/read/normalise.cpp), and positions and original lines looked up in that map.
#include "xxgk/source.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "src/read/decode.hpp"
#include "src/read/normalise.hpp"
#include "src/read/read_file.hpp"

namespace xxgk {

Source Source::from_file(const std::string& path, const std::string& encoding, std::size_t max_bytes,
                         InvalidBytes invalid) {
  return from_bytes(read_report_bytes(path, max_bytes), path == "-" ? "<stdin>" : path, encoding, max_bytes, invalid);
}

Source Source::from_bytes(std::string bytes, std::string name, const std::string& encoding, std::size_t max_bytes,
                          InvalidBytes invalid) {
  if (bytes.size() > max_bytes) throw too_large(bytes.size(), max_bytes);
  Source s;
  s.name_ = printable_path(name);
  Decoded decoded = decode(std::move(bytes), encoding);
  // Most reports are UTF-8: read as such, and only when a byte is not is the encoding detected
  // (one pass over the text, not a check and then a read).
  std::optional<Normalised> normalised = normalise(decoded.text, invalid, decoded.unchecked_utf8);
  if (!normalised) {
    decoded = decode_undeclared(std::move(decoded.text));
    normalised = normalise(decoded.text, invalid, false);
  }
  s.encoding_ = decoded.encoding.empty() ? "UTF-8" : std::move(decoded.encoding);
  s.original_ = std::move(decoded.text);
  s.text_ = std::move(normalised->text);
  s.original_char_ = std::move(normalised->original_char);
  s.line_starts_ = std::move(normalised->line_starts);
  s.line_start_chars_ = std::move(normalised->line_start_chars);
  s.replaced_bytes_ = normalised->replaced_bytes;
  s.first_replaced_ = normalised->first_replaced;
  return s;
}

SourcePos Source::position(std::size_t text_offset) const {
  const std::uint32_t c = original_char_[std::min(text_offset, original_char_.size() - 1)];
  const auto after = std::upper_bound(line_start_chars_.begin(), line_start_chars_.end(), c);
  const auto line = static_cast<std::uint32_t>(after - line_start_chars_.begin());
  return {line, c - line_start_chars_[line - 1] + 1};
}

std::string_view Source::original_line(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  const std::size_t start = line_starts_[line - 1];
  std::size_t end = line < line_starts_.size() ? line_starts_[line] : original_.size();
  while (end > start && (original_[end - 1] == '\n' || original_[end - 1] == '\r')) --end;
  return std::string_view(original_).substr(start, end - start);
}

}  // namespace xxgk
