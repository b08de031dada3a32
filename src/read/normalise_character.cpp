// One character of a report as the grammar reads it: spaces and invisible characters, table rules
// drawn by text browsers, traditional characters (ICU's Traditional→Simplified) and ICU's NFKC
// (full-width digits, letters and punctuation become ASCII).
#include "src/read/normalise_character.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <stdexcept>
#include <string>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace xxgk {
namespace {

const icu::Normalizer2& nfkc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU NFKC data is unavailable");
  return *n;
}

// Traditional characters (mirror sites) read as simplified ones, character by character, so the
// labels match; one character in, one (or a few) out, so positions still map back. The answers of
// ICU's Traditional-Simplified transliterator are a table made at build time
// (tools/simplified_table.cpp): building the transliterator at run time cost ~13 ms of CPU, most of
// what one report from the command line took.
struct SimplifiedEntry {
  char32_t from;
  std::uint32_t offset;  // of the result in kSimplifiedText
  std::uint8_t size;     // of the result, in bytes
};
#include "simplified_table.inc"

void append_simplified(std::string& out, char32_t cp) {
  const auto* end = std::end(kSimplifiedEntries);
  const auto* it = std::lower_bound(std::begin(kSimplifiedEntries), end, cp,
                                    [](const SimplifiedEntry& e, char32_t c) { return e.from < c; });
  if (it != end && it->from == cp) {
    out.append(kSimplifiedText + it->offset, it->size);
  } else {
    append_utf8(out, cp);
  }
}

bool is_han(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
}

}  // namespace

std::string normalise_code_point(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
    return out;
  }
  switch (cp) {
    case 0x00A0:
    case 0x3000:
    case 0x2002:
    case 0x2003:
    case 0x2004:
    case 0x2005:
    case 0x2006:
    case 0x2007:
    case 0x2008:
    case 0x2009:
    case 0x200A:
    case 0x202F:
      return " ";
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0xFEFF:
      return "";
    default:
      break;
  }
  // Circled numbers (①–⑳) number items: `1.` as ⒈ is, where NFKC would make a bare `1` that reads
  // as a cell when a blank follows (`① 属于…`).
  if (cp >= 0x2460 && cp <= 0x2473) return std::to_string(cp - 0x2460 + 1) + ".";
  // Box-drawing characters are table rules drawn by text browsers (w3m): layout, not text.
  if (cp >= 0x2500 && cp <= 0x257F) return " ";
  if (is_han(cp)) {
    append_simplified(out, cp);
    return out;
  }
  const auto& n = nfkc();
  if (n.isInert(static_cast<UChar32>(cp))) {
    append_utf8(out, cp);
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString s = n.normalize(icu::UnicodeString(static_cast<UChar32>(cp)), status);
  if (U_FAILURE(status)) {
    append_utf8(out, cp);
    return out;
  }
  s.toUTF8String(out);
  // NFKC turns the ideographic full stop's relatives into ASCII; a space it yields stays a space.
  return out;
}

NormalisedCharacters& normalised_characters() {
  thread_local NormalisedCharacters table;
  return table;
}

}  // namespace xxgk
