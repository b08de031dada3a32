#include "xxgk/source.hpp"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <memory>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include "src/read_file.hpp"
#include "src/text.hpp"

namespace xxgk {
namespace {

// Markup that exporters leave in the text and that no report means to say.
constexpr std::string_view kBookmarkDebris = "[bookmark:";

const icu::Normalizer2& nfkc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU NFKC data is unavailable");
  return *n;
}

// A line made only of dashes and blanks (`---------	---`): a horizontal rule from HTML or Word.
bool is_rule_line(std::string_view line) {
  int dashes = 0;
  for (char c : line) {
    if (c == '-') {
      ++dashes;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      return false;
    }
  }
  return dashes >= 3;
}

// html2text marks headings with asterisks (`***** 一、总体情况 *****`): the byte counts of the
// marks before and after the heading text, spaces included, or {0, 0} for any other line.
std::pair<std::size_t, std::size_t> heading_marks(std::string_view line) {
  const std::size_t before = line.find_first_not_of('*');
  if (before == std::string_view::npos || before < 3 || line[before] != ' ') return {0, 0};
  const std::size_t last = line.find_last_not_of('*');
  const std::size_t after = line.size() - 1 - last;
  if (after < 3 || line[last] != ' ' || last <= before) return {0, 0};
  return {before + 1, after + 1};
}

// The offset of the first '\n' or '\r' from `from` on, or the text's size. (Not find_first_of:
// libstdc++ calls memchr on the set for every byte.) A '\r' is rare: it is looked for only
// before the '\n'.
std::size_t line_end_in(std::string_view text, std::size_t from) {
  const char* begin = text.data() + from;
  const std::size_t left = text.size() - from;
  const void* newline = std::memchr(begin, '\n', left);
  const std::size_t n = newline == nullptr ? left : static_cast<std::size_t>(static_cast<const char*>(newline) - begin);
  const void* cr = std::memchr(begin, '\r', n);
  return from + (cr == nullptr ? n : static_cast<std::size_t>(static_cast<const char*>(cr) - begin));
}

SourcePos position_in(const std::string& original, const std::vector<std::uint32_t>& line_starts, std::size_t offset) {
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - line_starts.begin());
  const std::size_t start = line_starts[line - 1];
  std::uint32_t column = 1;
  for (std::size_t i = start; i < offset && i < original.size(); ++i) {
    if ((static_cast<unsigned char>(original[i]) & 0xC0) != 0x80) ++column;
  }
  return {line, column};
}

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

// The encoding of a file that is not UTF-8 (and has no UTF-16 byte order mark), by ICU's
// detection among the Chinese encodings; GB18030 (a superset of GBK and GB2312) when unsure.
std::string detect_encoding(const std::string& bytes) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* detector = ucsdet_open(&status);
  ucsdet_setText(detector, bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  int32_t found = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector, &found, &status);
  std::string best = "GB18030";
  for (int32_t k = 0; U_SUCCESS(status) && k < found; ++k) {
    const std::string name = ucsdet_getName(matches[k], &status);
    if (name == "GB18030" || name == "Big5") {
      best = name;
      break;
    }
  }
  ucsdet_close(detector);
  return best;
}

}  // namespace

namespace {

// Traditional characters (mirror sites) read as simplified ones, character by character, so the
// labels match; one character in, one (or a few) out, so positions still map back.
std::string simplified(char32_t cp) {
  thread_local std::unique_ptr<icu::Transliterator> to_simplified = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
    return U_FAILURE(status) ? nullptr : std::move(t);
  }();
  thread_local std::unordered_map<char32_t, std::string> cache;
  if (const auto it = cache.find(cp); it != cache.end()) return it->second;
  std::string out;
  if (to_simplified) {
    icu::UnicodeString s(static_cast<UChar32>(cp));
    to_simplified->transliterate(s);
    s.toUTF8String(out);
  } else {
    append_utf8(out, cp);
  }
  cache.emplace(cp, out);
  return out;
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
  // Box-drawing characters are table rules drawn by text browsers (w3m): layout, not text.
  if (cp >= 0x2500 && cp <= 0x257F) return " ";
  if (is_han(cp)) return simplified(cp);
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

Source Source::from_file(const std::string& path, const std::string& encoding, std::size_t max_bytes,
                         InvalidBytes invalid) {
  return from_bytes(read_report_bytes(path, max_bytes), path == "-" ? "<stdin>" : path, encoding, max_bytes, invalid);
}

namespace {

// normalise_code_point for the Basic Multilingual Plane, remembered per thread: ICU's NFKC and the
// Traditional→Simplified lookup cost more than the rest of reading a report put together.
class NormalisedBmp {
 public:
  std::string_view operator()(char32_t cp) {
    if (cp > 0xFFFF) {
      other_ = normalise_code_point(cp);
      return other_;
    }
    Entry& e = entries_[cp];
    if (e.size == kUnknown) {
      const std::string s = normalise_code_point(cp);
      if (s.size() <= sizeof e.bytes) {
        std::copy(s.begin(), s.end(), e.bytes);
        e.size = static_cast<std::uint8_t>(s.size());
      } else {
        e.size = kLong;
      }
    }
    if (e.size == kLong) {
      other_ = normalise_code_point(cp);  // the few that NFKC expands at length (U+FDFA)
      return other_;
    }
    return {e.bytes, e.size};
  }
  // True when the code point normalises to itself, from a bitmap that stays in the L1 cache
  // (the table of entries does not).
  bool unchanged(char32_t cp) {
    if (cp > 0xFFFF) return false;
    const std::uint64_t bit = std::uint64_t{1} << (cp % 64);
    if ((known_[cp / 64] & bit) == 0) {
      std::string encoded;
      append_utf8(encoded, cp);
      if ((*this)(cp) == encoded) unchanged_[cp / 64] |= bit;
      known_[cp / 64] |= bit;
    }
    return (unchanged_[cp / 64] & bit) != 0;
  }

 private:
  static constexpr std::uint8_t kUnknown = 0xFF;
  static constexpr std::uint8_t kLong = 0xFE;
  struct Entry {
    std::uint8_t size = kUnknown;
    char bytes[11] = {};
  };
  std::vector<Entry> entries_ = std::vector<Entry>(0x10000);
  std::string other_;
  std::vector<std::uint64_t> known_ = std::vector<std::uint64_t>(0x10000 / 64);
  std::vector<std::uint64_t> unchanged_ = std::vector<std::uint64_t>(0x10000 / 64);
};

NormalisedBmp& normalised_bmp() {
  thread_local NormalisedBmp table;
  return table;
}

}  // namespace

Source Source::from_bytes(std::string bytes, std::string name, const std::string& encoding, std::size_t max_bytes,
                          InvalidBytes invalid) {
  if (bytes.size() > max_bytes) throw too_large(bytes.size(), max_bytes);
  Source s;
  s.name_ = printable_path(name);
  // Text in another encoding is converted first: lines and character columns are the same.
  std::string chosen = encoding;
  bool tentative_utf8 = false;
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
      if (!unmarked_utf16) chosen = "UTF-8";  // binary, reported below
    } else {
      chosen = "UTF-8";  // when it is not, the encoding is detected below
      tentative_utf8 = true;
    }
  }
  if (chosen != "UTF-8" && chosen != "utf-8") {
    bytes = to_utf8(bytes, chosen);
    if (unmarked_utf16 && !says_information(bytes)) {
      throw InputError(fmt::format("NUL bytes: {0} without a byte order mark, or binary? It does not read as a report "
                                   "(no 信息); --encoding {0} reads it anyway",
                                   chosen),
                       {1, 1});
    }
    s.encoding_ = chosen;
  }
  s.original_ = std::move(bytes);
  // Most reports are UTF-8: read as such, and only when a byte is not is the encoding detected
  // (one pass over the text, not a check and then a read).
  if (s.normalise(invalid, tentative_utf8)) {
    if (s.encoding_.empty()) s.encoding_ = "UTF-8";
    return s;
  }
  bytes = std::move(s.original_);
  std::string file_name = std::move(s.name_);
  s = Source();
  s.name_ = std::move(file_name);
  chosen = detect_encoding(bytes);
  try {
    std::string decoded = to_utf8(bytes, chosen);
    if (!says_information(decoded)) throw InputError("", {});
    bytes = std::move(decoded);
    s.encoding_ = chosen;
  } catch (const InputError&) {
    s.encoding_ = "UTF-8";  // not that either: report the first byte that is not UTF-8
  }
  s.original_ = std::move(bytes);
  s.normalise(invalid, false);
  return s;
}

bool Source::normalise(InvalidBytes invalid, bool stop_at_invalid) {
  Source& s = *this;
  const std::string& in = s.original_;

  // Line starts in bytes first, for the position of a NUL byte found before reading; their
  // character indexes are taken on the way through the text below.
  s.line_starts_.push_back(0);
  s.line_start_chars_.push_back(0);
  for (std::size_t start = 0, end; start < in.size(); start = end) {
    end = line_end_in(in, start);
    if (end == in.size()) break;
    end += in[end] == '\r' && end + 1 < in.size() && in[end + 1] == '\n' ? 2 : 1;
    s.line_starts_.push_back(static_cast<std::uint32_t>(end));
  }
  auto pos = [&](std::size_t offset) { return position_in(in, s.line_starts_, offset); };

  if (const auto nul = in.find('\0'); nul != std::string::npos) {
    throw InputError("binary file: NUL byte; a report is text", pos(nul));
  }
  if (in.size() > std::numeric_limits<std::uint32_t>::max() / 2) {
    throw InputError("file too large (over 2 GiB)", {1, 1});
  }

  std::size_t i = 0;
  if (in.size() >= 3 && in.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;

  s.text_.reserve(in.size());
  s.original_char_.reserve(in.size() + 1);
  // Characters of the original before a byte offset; asked for in increasing order.
  std::size_t counted_to = 0;
  std::uint32_t counted = 0;
  auto char_index = [&](std::size_t offset) {
    for (; counted_to < offset; ++counted_to) counted += (static_cast<unsigned char>(in[counted_to]) & 0xC0) != 0x80;
    return counted;
  };
  auto emit = [&](std::string_view piece, std::size_t from) {
    s.text_.append(piece);
    const std::uint32_t index = char_index(from);
    for (std::size_t k = 0; k < piece.size(); ++k) s.original_char_.push_back(index);
  };

  NormalisedBmp& normalised = normalised_bmp();  // one thread-local lookup, not one a character
  std::size_t line_end = 0;                      // end of the current original line, to spot rule lines once per line
  std::size_t marks_end = 0, marks_begin = 0;    // heading marks of the current line: dropped
  while (i < in.size()) {
    if (i >= line_end) {
      line_end = line_end_in(in, i);
      const std::string_view line = std::string_view(in).substr(i, line_end - i);
      if (is_rule_line(line)) {
        i = line_end;
        continue;
      }
      const auto [before, after] = heading_marks(line);
      marks_end = i + before;
      marks_begin = before == 0 ? line_end : line_end - after;
    }
    if (i < marks_end || (i >= marks_begin && i < line_end)) {
      ++i;
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(in[i]);
    // A form feed is a page break (pdftotext puts one before each page): a line break.
    if (c == '\f' || c == '\v') {
      emit("\n", i);
      ++i;
      line_end = i;
      continue;
    }
    // Every line break of the original passes here (rule lines, heading marks and runs stop
    // before it): the next line starts at i.
    if (c == '\r' || c == '\n') {
      emit("\n", i);
      i += (c == '\r' && i + 1 < in.size() && in[i + 1] == '\n') ? 2 : 1;
      line_end = i;
      s.line_start_chars_.push_back(char_index(i));
      continue;
    }
    if (c == '[' && in.compare(i, kBookmarkDebris.size(), kBookmarkDebris) == 0) {
      const auto close = in.find(']', i);
      if (close != std::string::npos && close < line_end) {
        i = close + 1;
        continue;
      }
    }
    // The rest of the line (up to its heading marks), or up to a byte that means more (page
    // breaks, bookmark debris; the '[' looked at above may start it) or one that is not UTF-8.
    // Characters that stay as they are (most of a report) are copied a stretch at a time; those
    // that change (full-width punctuation, w3m's box-drawing rules) are replaced on the way.
    const std::size_t stop = std::min(marks_begin, line_end);
    std::uint32_t index = char_index(i);  // characters of the original before `copied`
    std::size_t copied = i;               // the text before this byte is in text_
    const auto copy_to = [&](std::size_t end) {
      if (end == copied) return;
      s.text_.append(in, copied, end - copied);
      const std::size_t mapped = s.original_char_.size();
      s.original_char_.resize(mapped + (end - copied));
      std::uint32_t* out = s.original_char_.data() + mapped;
      for (std::size_t k = copied; k < end; ++k) {
        index += (static_cast<unsigned char>(in[k]) & 0xC0) != 0x80;  // a byte maps to its character
        out[k - copied] = index - 1;
      }
      copied = end;
    };
    std::size_t j = i;
    while (j < stop) {
      const unsigned char b = static_cast<unsigned char>(in[j]);
      if (b < 0x80) {
        if ((b == '[' && j > i) || b == '\f' || b == '\v') break;
        ++j;
        continue;
      }
      char32_t run_cp = 0;
      const std::size_t run_len = decode_utf8(in, j, run_cp);
      if (run_len == 0) break;
      if (!normalised.unchanged(run_cp)) {
        copy_to(j);
        const std::string_view piece = normalised(run_cp);
        s.text_.append(piece);
        s.original_char_.insert(s.original_char_.end(), piece.size(), index);
        ++index;
        copied = j + run_len;
      }
      j += run_len;
    }
    if (j > i) {
      copy_to(j);
      counted_to = j, counted = index;
      i = j;
      continue;
    }
    // Only a byte that is not UTF-8 stops a run at its first byte.
    if (stop_at_invalid) return false;
    if (invalid == InvalidBytes::refuse) {
      throw InputError(
          fmt::format("invalid UTF-8 (byte 0x{:02X}); is the file in another encoding? (--lossy reads it anyway)", c),
          pos(i));
    }
    if (s.replaced_bytes_++ == 0) s.first_replaced_ = pos(i);
    emit("\uFFFD", i);
    ++i;
  }
  s.original_char_.push_back(char_index(in.size()));
  assert(s.line_start_chars_.size() == s.line_starts_.size());  // a character index for each line start

  if (s.text_.find_first_not_of(" \t\n") == std::string::npos) {
    throw InputError("empty file: no text to parse", {1, 1});
  }
  return true;
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
