// Source: a file's bytes decoded (src/read/decode.cpp), normalised with the map back to the
// original (src/read/normalise.cpp), and positions and original lines looked up in that map.
#include "xxgk/source.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "src/read/collapsed_text.hpp"
#include "src/read/decode.hpp"
#include "src/read/file_kind.hpp"
#include "src/read/markdown.hpp"
#include "src/read/normalise.hpp"
#include "src/read/pdf_document.hpp"
#include "src/read/read_file.hpp"
#include "src/read/web_page.hpp"
#include "src/read/word_document.hpp"
#include "src/text.hpp"

namespace xxgk {
namespace {

// The byte offset and the character index of each line's start, a line ending at LF, CR LF or CR
// (as normalisation counts lines).
void index_lines(std::string_view text, std::vector<std::uint32_t>& starts, std::vector<std::uint32_t>& start_chars) {
  starts.assign(1, 0);
  start_chars.assign(1, 0);
  std::uint32_t chars = 0;
  // A line at a time (web pages are 100-250 KB of markup): its end found by memchr, its
  // characters counted eight bytes at a time.
  for (std::size_t i = 0; i < text.size();) {
    const char* begin = text.data() + i;
    const std::size_t left = text.size() - i;
    const void* lf = std::memchr(begin, '\n', left);
    const std::size_t to_lf = lf == nullptr ? left : static_cast<std::size_t>(static_cast<const char*>(lf) - begin);
    const void* cr = std::memchr(begin, '\r', to_lf);
    std::size_t end = i + (cr == nullptr ? to_lf : static_cast<std::size_t>(static_cast<const char*>(cr) - begin));
    if (end == text.size()) break;
    if (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ++end;  // CR LF ends at the LF
    chars += static_cast<std::uint32_t>(code_point_count(text.substr(i, end + 1 - i)));
    starts.push_back(static_cast<std::uint32_t>(end + 1));
    start_chars.push_back(chars);
    i = end + 1;
  }
}

// Each byte that is not UTF-8 replaced by U+FFFD, as normalising with InvalidBytes::replace does
// (one character for each such byte, so positions agree).
std::string with_replacement_characters(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t length = decode_utf8(text, i, cp);
    if (length == 0) {
      out += "\uFFFD";
      ++i;
    } else {
      out.append(text, i, length);
      i += length;
    }
  }
  return out;
}

}  // namespace

Source Source::from_file(const std::string& path, const std::string& encoding, std::size_t max_bytes,
                         InvalidBytes invalid) {
  return from_bytes(read_report_bytes(path, max_bytes), path == "-" ? "<stdin>" : path, encoding, max_bytes, invalid);
}

Source Source::from_bytes(std::string bytes, std::string name, const std::string& encoding, std::size_t max_bytes,
                          InvalidBytes invalid) {
  if (bytes.size() > max_bytes) throw too_large(bytes.size(), max_bytes);
  if (is_word_document(bytes)) return from_extracted(read_word_document(bytes), std::move(name));
  if (looks_like_pdf(bytes)) return from_extracted(read_pdf(bytes), std::move(name));
  refuse_unread_formats(bytes);
  Decoded decoded = decode(std::move(bytes), encoding);
  if (looks_like_html(decoded.text)) return from_extracted(read_web_page(std::move(decoded), invalid), std::move(name));
  Source s;
  s.name_ = printable_path(name);
  // Most reports are UTF-8: read as such, and only when a byte is not is the encoding detected
  // (one pass over the text, not a check and then a read).
  std::optional<Normalised> normalised = normalise(decoded.text, invalid, decoded.unchecked_utf8);
  if (!normalised) {
    decoded = decode_undeclared(std::move(decoded.text));
    normalised = normalise(decoded.text, invalid, false);
  }
  // Crawled text with a whole body on one line: broken into lines at its headings and sentences.
  insert_line_breaks(normalised->text, normalised->original_char, collapsed_line_breaks(normalised->text));
  s.encoding_ = decoded.encoding.empty() ? "UTF-8" : std::move(decoded.encoding);
  // Markdown (pipe tables, `#` headings, `**bold**`; src/read/markdown.hpp) is read into the
  // form the grammar reads, as a document's reader does, once the text is known to be valid.
  // Read with --lossy, the replaced text is what is read as markdown (C html2text's tables cut
  // characters apart; see grid_table.cpp), and the replacements are reported as the text's are.
  if (normalised->replaced_bytes > 0) {
    std::string replaced = with_replacement_characters(decoded.text);
    if (looks_like_markdown(replaced)) {
      ExtractedText text = read_markdown(std::move(replaced), s.encoding_);
      text.replaced_bytes = normalised->replaced_bytes;
      text.first_replaced = normalised->first_replaced;
      return from_extracted(std::move(text), std::move(name));
    }
  } else if (looks_like_markdown(decoded.text)) {
    return from_extracted(read_markdown(std::move(decoded.text), s.encoding_), std::move(name));
  }
  s.original_ = std::move(decoded.text);
  s.text_ = std::move(normalised->text);
  s.original_char_ = std::move(normalised->original_char);
  s.line_starts_ = std::move(normalised->line_starts);
  s.line_start_chars_ = std::move(normalised->line_start_chars);
  s.replaced_bytes_ = normalised->replaced_bytes;
  s.first_replaced_ = normalised->first_replaced;
  return s;
}

Source Source::from_extracted(ExtractedText document, std::string name) {
  if (document.original_char.size() != document.text.size()) {
    throw std::invalid_argument("ExtractedText: one original character is needed for each byte of the text");
  }
  if (!document.places.empty() && document.places.size() != code_point_count(document.original)) {
    throw std::invalid_argument("ExtractedText: one place is needed for each character of the document");
  }
  if (document.text.find_first_not_of(" \t\n") == std::string::npos) {
    throw InputError(fmt::format("no text in this {} document", document.kind), {1, 1});
  }
  // The extracted text is normalised as a text file is; its map, from bytes of the normalised text
  // to characters of the extracted text, is composed with the reader's, to characters of the document.
  std::optional<Normalised> normalised = normalise(document.text, InvalidBytes::refuse, false);
  std::vector<std::uint32_t> document_char_of;  // for each character of the extracted text
  document_char_of.reserve(document.text.size() + 1);
  for (std::size_t i = 0; i < document.text.size(); ++i) {
    if ((static_cast<unsigned char>(document.text[i]) & 0xC0) != 0x80) {
      document_char_of.push_back(document.original_char[i]);
    }
  }
  document_char_of.push_back(static_cast<std::uint32_t>(code_point_count(document.original)));
  Source s;
  s.name_ = printable_path(name);
  s.kind_ = std::move(document.kind);
  s.encoding_ = std::move(document.encoding);
  s.text_ = std::move(normalised->text);
  const auto document_char = [&](std::uint32_t c) {
    return document_char_of[std::min<std::size_t>(c, document_char_of.size() - 1)];
  };
  PositionMap::Builder map;
  map.reserve(s.text_.size());
  PositionMap::Reader extracted_char(normalised->original_char, s.text_);
  for (const char byte : s.text_) map.push(static_cast<unsigned char>(byte), document_char(extracted_char.next()));
  s.original_char_ = std::move(map).finish(document_char(extracted_char.next()));
  index_lines(document.original, s.line_starts_, s.line_start_chars_);
  s.original_ = std::move(document.original);
  s.places_ = std::move(document.places);
  s.replaced_bytes_ = document.replaced_bytes;
  s.first_replaced_ = document.first_replaced;
  return s;
}

SourcePos Source::position(std::size_t text_offset) const {
  const std::uint32_t c = original_char_.at(text_, text_offset);
  const auto after = std::upper_bound(line_start_chars_.begin(), line_start_chars_.end(), c);
  const auto line = static_cast<std::uint32_t>(after - line_start_chars_.begin());
  SourcePos pos(line, c - line_start_chars_[line - 1] + 1);
  if (!places_.empty()) pos.place = places_[std::min<std::size_t>(c, places_.size() - 1)];
  return pos;
}

SourcePos Source::Cursor::position(std::size_t text_offset) {
  const std::uint32_t c = chars_.at(text_offset);
  const std::vector<std::uint32_t>& starts = source_.line_start_chars_;
  if (line_ == 0 || c < starts[line_ - 1]) {
    line_ = static_cast<std::uint32_t>(std::upper_bound(starts.begin(), starts.end(), c) - starts.begin());
  } else {
    while (line_ < starts.size() && starts[line_] <= c) ++line_;
  }
  SourcePos pos(line_, c - starts[line_ - 1] + 1);
  const std::vector<DocumentPlace>& places = source_.places_;
  if (!places.empty()) pos.place = places[std::min<std::size_t>(c, places.size() - 1)];
  return pos;
}

std::string describe_place(const DocumentPlace& place) {
  if (place.page != 0) return fmt::format("page {}, x {:.0f}, y {:.0f}", place.page, place.x, place.y);
  if (place.table != 0) return fmt::format("table {}, row {}, cell {}", place.table, place.row, place.cell);
  if (place.paragraph != 0) return fmt::format("paragraph {}", place.paragraph);
  return "";
}

std::string_view Source::original_line(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  const std::size_t start = line_starts_[line - 1];
  std::size_t end = line < line_starts_.size() ? line_starts_[line] : original_.size();
  while (end > start && (original_[end - 1] == '\n' || original_[end - 1] == '\r')) --end;
  return std::string_view(original_).substr(start, end - start);
}

}  // namespace xxgk
