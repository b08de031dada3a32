// Web pages: the encoding (the page's declaration, as browsers honour it), then libxml2's parse and
// the copy's text; each byte of the text gets the index of the page's character it shows.
#include "src/read/web_page.hpp"

#include <cstdint>
#include <cstring>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "src/read/file_kind.hpp"
#include "src/read/html_text.hpp"
#include "src/read/html_tree.hpp"
#include "src/text.hpp"

namespace xxgk {
namespace {

// The offset of the first byte that is not UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    // Markup is mostly ASCII: eight bytes at a time while none has its high bit set.
    std::uint64_t eight = 0;
    if (i + sizeof eight <= text.size()) {
      std::memcpy(&eight, text.data() + i, sizeof eight);
      if ((eight & 0x8080808080808080ULL) == 0) {
        i += sizeof eight;
        continue;
      }
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const auto b = static_cast<unsigned char>(text[i]);
    if ((b & 0xF0) == 0xE0 && i + 3 <= text.size()) {  // the Chinese of a page: three bytes
      const auto b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
      const auto cp = static_cast<char32_t>(((b & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F));
      if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
        i += 3;
        continue;
      }
    }
    char32_t cp = 0;
    const std::size_t length = decode_utf8(text, i, cp);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

// Each byte that is not UTF-8 replaced by U+FFFD, counted, the first one's place kept.
std::string with_replacements(const std::string& page, std::size_t first_bad, ExtractedText& out) {
  out.first_replaced = html::position_in(page, first_bad);
  std::string replaced = page.substr(0, first_bad);
  for (std::size_t i = first_bad; i < page.size();) {
    char32_t cp = 0;
    const std::size_t length = decode_utf8(page, i, cp);
    if (length == 0) {
      replaced += "\uFFFD";
      ++out.replaced_bytes;
      ++i;
    } else {
      replaced.append(page, i, length);
      i += length;
    }
  }
  return replaced;
}

struct PageInUtf8 {
  std::string text;
  std::string encoding;  // "" when it was UTF-8 already
  bool valid = false;    // known to be valid UTF-8 (checked here): not checked again
};

// The page in UTF-8, and the encoding it was in.
PageInUtf8 page_in_utf8(Decoded decoded) {
  if (decoded.unchecked_utf8 && first_invalid_utf8(decoded.text) == std::string_view::npos) {
    return {std::move(decoded.text), std::move(decoded.encoding), true};
  }
  if (!decoded.unchecked_utf8) return {std::move(decoded.text), std::move(decoded.encoding)};
  std::optional<InputError> declared_failed;
  const std::string declared = declared_charset(decoded.text);
  if (!declared.empty() && declared != "UTF-8") {
    try {
      Decoded converted = decode(decoded.text, declared);
      return {std::move(converted.text), std::move(converted.encoding), false};
    } catch (const InputError& e) {
      declared_failed = e;  // not in the charset it declares, or one ICU does not know: detect it
    }
  }
  Decoded detected = decode_undeclared(std::move(decoded.text));
  if (!detected.encoding.empty() || !declared_failed) {
    return {std::move(detected.text), std::move(detected.encoding), false};
  }
  throw *declared_failed;
}

}  // namespace

ExtractedText read_web_page(Decoded decoded, InvalidBytes invalid) {
  ExtractedText page;
  page.kind = "html";
  auto [text, encoding, valid] = page_in_utf8(std::move(decoded));
  page.encoding = encoding.empty() ? "UTF-8" : std::move(encoding);
  if (const std::size_t nul = text.find('\0'); nul != std::string::npos) {
    throw InputError("binary file: NUL byte; a report is text", html::position_in(text, nul));
  }
  if (const std::size_t bad = valid ? std::string_view::npos : first_invalid_utf8(text);
      bad != std::string_view::npos) {
    if (invalid == InvalidBytes::refuse) {
      throw InputError(fmt::format("invalid UTF-8 (byte 0x{:02X}); is the page in another encoding? (--lossy reads "
                                   "it anyway)",
                                   static_cast<unsigned char>(text[bad])),
                       html::position_in(text, bad));
    }
    text = with_replacements(text, bad, page);
  }
  html::PageText copy = html::copy_text(html::parse_page(text));
  if (copy.text.find_first_not_of(" \t\n") == std::string::npos) {
    throw InputError("a web page with no text: nothing but markup, scripts and styles", {1, 1});
  }
  page.original_char = character_indexes(text, copy.text_at);
  page.original = std::move(text);
  page.text = std::move(copy.text);
  return page;
}

}  // namespace xxgk
