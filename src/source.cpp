#include "xxgk/source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <sstream>

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

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

Source Source::from_file(const std::string& path) {
  std::string bytes;
  if (path == "-") {
    bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return from_bytes(std::move(bytes), "<stdin>");
  }
  if (std::filesystem::is_directory(path)) throw InputError("is a directory, not a report file", {});
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot open file: {}", std::strerror(errno)), {});
  std::ostringstream ss;
  ss << in.rdbuf();
  return from_bytes(std::move(ss).str(), path);
}

Source Source::from_bytes(std::string bytes, std::string name) {
  Source s;
  s.name_ = std::move(name);
  s.original_ = std::move(bytes);
  const std::string& in = s.original_;

  s.line_starts_.push_back(0);
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '\n' || (in[i] == '\r' && (i + 1 == in.size() || in[i + 1] != '\n'))) {
      s.line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
    }
  }
  auto pos = [&](std::size_t offset) { return position_in(in, s.line_starts_, offset); };

  if (in.size() >= 2 && ((in[0] == '\xFF' && in[1] == '\xFE') || (in[0] == '\xFE' && in[1] == '\xFF'))) {
    throw InputError("the file is UTF-16 (byte order mark); convert it to UTF-8 first", {1, 1});
  }
  if (const auto nul = in.find('\0'); nul != std::string::npos) {
    throw InputError("binary file: NUL byte; a report is text", pos(nul));
  }
  if (in.size() > std::numeric_limits<std::uint32_t>::max() / 2) {
    throw InputError("file too large (over 2 GiB)", {1, 1});
  }

  std::size_t i = 0;
  if (in.size() >= 3 && in.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;

  s.text_.reserve(in.size());
  s.original_offset_.reserve(in.size() + 1);
  auto emit = [&](std::string_view piece, std::size_t from) {
    s.text_.append(piece);
    s.original_offset_.insert(s.original_offset_.end(), piece.size(), static_cast<std::uint32_t>(from));
  };

  std::size_t line_end = 0;  // end of the current original line, to spot rule lines once per line
  while (i < in.size()) {
    if (i >= line_end) {
      line_end = in.find_first_of("\r\n", i);
      if (line_end == std::string::npos) line_end = in.size();
      if (is_rule_line(std::string_view(in).substr(i, line_end - i))) {
        i = line_end;
        continue;
      }
    }
    const unsigned char c = static_cast<unsigned char>(in[i]);
    // A form feed is a page break (pdftotext puts one before each page): a line break.
    if (c == '\f' || c == '\v') {
      emit("\n", i);
      ++i;
      line_end = i;
      continue;
    }
    if (c == '\r') {
      emit("\n", i);
      i += (i + 1 < in.size() && in[i + 1] == '\n') ? 2 : 1;
      line_end = i;
      continue;
    }
    if (c == '\n') {
      emit("\n", i);
      ++i;
      line_end = i;
      continue;
    }
    if (c == '[' && in.compare(i, kBookmarkDebris.size(), kBookmarkDebris) == 0) {
      const auto close = in.find(']', i);
      if (close != std::string::npos && close < line_end) {
        i = close + 1;
        continue;
      }
    }
    if (c < 0x80) {
      emit(std::string_view(&in[i], 1), i);
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = decode_utf8(in, i, cp);
    if (len == 0) {
      throw InputError(fmt::format("invalid UTF-8 (byte 0x{:02X}); is the file in another encoding?", c), pos(i));
    }
    emit(normalise_code_point(cp), i);
    i += len;
  }
  s.original_offset_.push_back(static_cast<std::uint32_t>(in.size()));

  if (s.text_.find_first_not_of(" \t\n") == std::string::npos) {
    throw InputError("empty file: no text to parse", {1, 1});
  }
  return s;
}

SourcePos Source::position(std::size_t text_offset) const {
  const std::size_t offset = original_offset_[std::min(text_offset, original_offset_.size() - 1)];
  return position_in(original_, line_starts_, offset);
}

std::string_view Source::original_line(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  const std::size_t start = line_starts_[line - 1];
  std::size_t end = line < line_starts_.size() ? line_starts_[line] : original_.size();
  while (end > start && (original_[end - 1] == '\n' || original_[end - 1] == '\r')) --end;
  return std::string_view(original_).substr(start, end - start);
}

}  // namespace xxgk
