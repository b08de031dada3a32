// Bytes in the encodings reports come in, to UTF-8 (internal to the library; used by Source).
#pragma once

#include <string>
#include <string_view>

namespace xxgk {

// A file's text in UTF-8, or its bytes taken as UTF-8 until a byte shows they are not.
struct Decoded {
  std::string text;
  std::string encoding;         // the encoding converted from; "" when the bytes are taken as UTF-8
  bool unchecked_utf8 = false;  // "auto" saw no other encoding: detect one if a byte is not UTF-8
};

// `encoding` "auto": a UTF-16 byte order mark; NUL bytes that read as UTF-16 text of a report in
// one byte order; else the bytes as they are, unchecked. Otherwise an ICU converter name
// ("GB18030", "UTF-16LE", "Big5"). InputError at the first byte not valid in the encoding.
Decoded decode(std::string bytes, const std::string& encoding);

// Bytes without a mark that are not UTF-8: converted from the encoding ICU's detection finds among
// those Chinese reports come in, GB18030 first, when they convert and read as a report; else left
// as they are, for the first byte that is not UTF-8 to be reported.
Decoded decode_undeclared(std::string bytes);

// The detection is in a module (detect_encoding.cpp): ICU's libicui18n, loaded at every start when
// linked in, is needed for nothing else. Its entry point: the encoding of `bytes`, GB18030 when
// unsure.
using DetectEncodingEntry = void (*)(std::string_view bytes, std::string& out);
inline constexpr const char* kDetectModule = "xxgk_detect";
inline constexpr const char* kDetectEncodingSymbol = "xxgk_detect_encoding";

}  // namespace xxgk
