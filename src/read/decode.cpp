// Bytes to UTF-8: byte order marks, UTF-16 without one, ICU's conversion and charset detection.
// Text in another encoding is converted before anything else, so its lines and character columns
// are those of the UTF-8.
#include "src/read/decode.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include "src/module.hpp"
#include "src/text.hpp"
#include "xxgk/source.hpp"

namespace xxgk {
namespace {

// Line and character column of a byte offset in text of another encoding, from its decoded prefix.
SourcePos position_of_prefix(const std::u16string& decoded_prefix) {
  SourcePos pos{1, 1};
  for (std::size_t i = 0; i < decoded_prefix.size(); ++i) {
    const char16_t c = decoded_prefix[i];
    if (c == u'\n') {
      ++pos.line, pos.column = 1;
    } else if (c < 0xDC00 || c > 0xDFFF) {  // a low surrogate is the second half of one character
      ++pos.column;
    }
  }
  return pos;
}

// Converts `bytes` from `encoding` to UTF-8; an invalid sequence is an InputError at its place.
std::string to_utf8(const std::string& bytes, const std::string& encoding) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(encoding.c_str(), &status);
  if (U_FAILURE(status)) throw InputError(fmt::format("unknown encoding '{}'", encoding), {});
  ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::u16string out(bytes.size() + 16, u'\0');
  const char* source = bytes.data();
  UChar* target = reinterpret_cast<UChar*>(out.data());
  status = U_ZERO_ERROR;
  ucnv_toUnicode(conv, &target, target + out.size(), &source, bytes.data() + bytes.size(), nullptr, true, &status);
  const std::size_t written = static_cast<std::size_t>(target - reinterpret_cast<UChar*>(out.data()));
  if (U_FAILURE(status)) {
    char invalid[32];
    int8_t length = sizeof invalid;
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(conv, invalid, &length, &ignored);
    ucnv_close(conv);
    const std::size_t at =
        static_cast<std::size_t>(source - bytes.data()) - static_cast<std::size_t>(std::max<int8_t>(length, 0));
    throw InputError(fmt::format("invalid {} (byte 0x{:02X})", encoding, static_cast<unsigned char>(bytes[at])),
                     position_of_prefix(out.substr(0, written)));
  }
  ucnv_close(conv);
  out.resize(written);
  std::string utf8;
  icu::UnicodeString(false, reinterpret_cast<const UChar*>(out.data()), static_cast<int32_t>(out.size()))
      .toUTF8String(utf8);
  return utf8;
}

// Decoding can succeed on bytes of another encoding, and a guess can be wrong: a report says
// 信息公开 somewhere, in simplified or traditional characters.
bool says_information(const std::string& utf8) {
  return utf8.find("信息") != std::string::npos || utf8.find("資訊") != std::string::npos;
}

// The encoding of a file that is not UTF-8 (and has no UTF-16 byte order mark): ICU's detection,
// in the module xxgk_detect.so (detect_encoding.cpp), loaded with the first such file.
std::string detect_encoding(const std::string& bytes) {
  static const auto entry = reinterpret_cast<DetectEncodingEntry>(module_symbol(kDetectModule, kDetectEncodingSymbol));
  std::string out;
  entry(bytes, out);
  return out;
}

}  // namespace

Decoded decode(std::string bytes, const std::string& encoding) {
  std::string chosen = encoding;
  bool unchecked_utf8 = false;
  bool unmarked_utf16 = false;
  if (chosen == "auto") {
    const bool utf16_le = bytes.size() >= 2 && bytes[0] == '\xFF' && bytes[1] == '\xFE';
    const bool utf16_be = bytes.size() >= 2 && bytes[0] == '\xFE' && bytes[1] == '\xFF';
    if (utf16_le || utf16_be) {
      chosen = utf16_le ? "UTF-16LE" : "UTF-16BE";
      bytes.erase(0, 2);
    } else if (bytes.find('\0') != std::string::npos) {
      // Binary, or UTF-16 without a byte order mark (its ASCII and line ends hold NULs): the
      // latter when the bytes read as UTF-16 text.
      chosen = utf16_byte_order(bytes);
      unmarked_utf16 = !chosen.empty();
      if (!unmarked_utf16) chosen = "UTF-8";  // binary, reported when the text is read
    } else {
      chosen = "UTF-8";  // when it is not, the encoding is detected (decode_undeclared)
      unchecked_utf8 = true;
    }
  }
  if (chosen == "UTF-8" || chosen == "utf-8") return {std::move(bytes), {}, unchecked_utf8};
  std::string utf8 = to_utf8(bytes, chosen);
  if (unmarked_utf16 && !says_information(utf8)) {
    throw InputError(fmt::format("NUL bytes: {0} without a byte order mark, or binary? It does not read as a report "
                                 "(no 信息); --encoding {0} reads it anyway",
                                 chosen),
                     {1, 1});
  }
  return {std::move(utf8), chosen, false};
}

Decoded decode_undeclared(std::string bytes) {
  const std::string chosen = detect_encoding(bytes);
  try {
    std::string utf8 = to_utf8(bytes, chosen);
    if (says_information(utf8)) return {std::move(utf8), chosen, false};
  } catch (const InputError&) {
    // Not that either: the first byte that is not UTF-8 is reported.
  }
  return {std::move(bytes), {}, false};
}

}  // namespace xxgk
