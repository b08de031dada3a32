// A file's kind from its first bytes: the magic numbers of PDF, zip and OLE files, and the markup
// that starts a web page. Only the start is looked at, so a report that quotes HTML further down
// stays text.
#include "src/read/file_kind.hpp"

#include <algorithm>
#include <cctype>

#include "xxgk/source.hpp"

namespace xxgk {
namespace {

constexpr std::string_view kPdfMagic = "%PDF-";
constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// How far into a file the markup that makes it a web page may start (after comments such as the
// `<!-- saved from url=… -->` browsers write), and how far a page's head is searched for its
// charset: the pages of government sites put 20 KB of <meta> and <link> before it.
constexpr std::size_t kMarkupWithin = 4096;
constexpr std::size_t kCharsetWithin = 64 * 1024;

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool starts_with_nocase(std::string_view text, std::size_t at, std::string_view prefix) {
  if (text.size() - std::min(at, text.size()) < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    if (lower(text[at + k]) != prefix[k]) return false;
  }
  return true;
}

std::size_t find_nocase(std::string_view text, std::string_view needle, std::size_t from) {
  const auto it = std::search(text.begin() + static_cast<std::ptrdiff_t>(std::min(from, text.size())), text.end(),
                              needle.begin(), needle.end(), [](char a, char b) { return lower(a) == b; });
  return it == text.end() ? std::string_view::npos : static_cast<std::size_t>(it - text.begin());
}

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// The offset after a byte order mark and blanks.
std::size_t skip_blanks(std::string_view text, std::size_t at) {
  while (at < text.size() && is_blank(text[at])) ++at;
  return at;
}

// An ICU converter name for a charset label of the WHATWG Encoding standard, as far as Chinese
// pages use them.
std::string converter_for(std::string label) {
  std::transform(label.begin(), label.end(), label.begin(), lower);
  if (label == "gb2312" || label == "gbk" || label == "x-gbk" || label == "gb18030" || label == "gb_2312-80" ||
      label == "csgb2312" || label == "chinese" || label == "euc-cn" || label == "iso-ir-58") {
    return "GB18030";
  }
  if (label == "big5" || label == "big5-hkscs" || label == "cn-big5" || label == "x-x-big5") return "Big5";
  if (label == "utf-8" || label == "utf8" || label == "unicode-1-1-utf-8") return "UTF-8";
  return label;
}

// The value after `name` and `=` in a tag, quoted or not: `charset="gbk"`, `charset=gb2312`.
std::string value_after(std::string_view tag, std::size_t name_end) {
  std::size_t at = skip_blanks(tag, name_end);
  if (at >= tag.size() || tag[at] != '=') return {};
  at = skip_blanks(tag, at + 1);
  if (at < tag.size() && (tag[at] == '"' || tag[at] == '\'')) ++at;
  std::size_t end = at;
  while (end < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[end])) != 0 || tag[end] == '-' ||
                              tag[end] == '_' || tag[end] == '.' || tag[end] == ':')) {
    ++end;
  }
  return std::string(tag.substr(at, end - at));
}

}  // namespace

void refuse_unread_formats(std::string_view bytes) {
  // Each message names an extraction whose text xxgk reads well (README: accuracy by route).
  // A Word file (a zip with word/document.xml) and a PDF are read before this (src/read/word_document.cpp,
  // src/read/pdf_document.cpp).
  if (bytes.substr(0, kZipMagic.size()) == kZipMagic) {
    throw InputError("a zip archive, not a report: unpack it and check the reports inside", {1, 1});
  }
  if (bytes.substr(0, kOleMagic.size()) == kOleMagic) {
    throw InputError(
        "a binary Word or WPS file (.doc, .wps): convert it first (soffice --headless --convert-to docx FILE), then "
        "check the .docx",
        {1, 1});
  }
}

bool looks_like_pdf(std::string_view bytes) {
  return bytes.substr(skip_blanks(bytes, 0), kPdfMagic.size()) == kPdfMagic;
}

std::string_view document_kind(std::string_view bytes) {
  if (looks_like_pdf(bytes)) return "pdf";
  if (bytes.substr(0, kZipMagic.size()) == kZipMagic)
    return bytes.find("word/document.xml") != std::string_view::npos ? "docx" : "zip";
  if (bytes.substr(0, kOleMagic.size()) == kOleMagic) return "doc";
  return looks_like_html(bytes) ? "html" : "text";
}

bool looks_like_html(std::string_view text) {
  std::size_t at = text.substr(0, kUtf8Bom.size()) == kUtf8Bom ? kUtf8Bom.size() : 0;
  while (true) {
    at = skip_blanks(text, at);
    if (at >= kMarkupWithin || at >= text.size() || text[at] != '<') return false;
    // Comments and an XML declaration may come first; then an element that only a page starts with.
    if (text.substr(at, 4) == "<!--" || text.substr(at, 2) == "<?") {
      const std::size_t end = text.find(text[at + 1] == '!' ? "-->" : "?>", at);
      if (end == std::string_view::npos) return false;
      at = end + (text[at + 1] == '!' ? 3 : 2);
      continue;
    }
    static constexpr std::string_view kStarts[] = {"<!doctype html", "<html",  "<head", "<body",  "<meta",
                                                   "<table",         "<title", "<link", "<style", "<script"};
    for (const std::string_view start : kStarts) {
      if (!starts_with_nocase(text, at, start)) continue;
      const std::size_t after = at + start.size();
      if (after >= text.size() || is_blank(text[after]) || text[after] == '>' || text[after] == '/') return true;
    }
    return false;
  }
}

std::string declared_charset(std::string_view page) {
  page = page.substr(0, kCharsetWithin);
  if (const std::size_t body = find_nocase(page, "<body", 0); body != std::string_view::npos) {
    page = page.substr(0, body);
  }
  std::size_t start = skip_blanks(page, page.substr(0, kUtf8Bom.size()) == kUtf8Bom ? kUtf8Bom.size() : 0);
  if (page.substr(start, 5) == "<?xml") {
    const std::string_view declaration = page.substr(start, page.find("?>", start) - start);
    if (const std::size_t name = find_nocase(declaration, "encoding", 0); name != std::string_view::npos) {
      const std::string value = value_after(declaration, name + 8);
      if (!value.empty()) return converter_for(value);
    }
  }
  for (std::size_t meta = find_nocase(page, "<meta", 0); meta != std::string_view::npos;
       meta = find_nocase(page, "<meta", meta + 5)) {
    const std::string_view tag = page.substr(meta, page.find('>', meta) - meta);
    // `charset=` as an attribute, or inside content="text/html; charset=gb2312".
    for (std::size_t name = find_nocase(tag, "charset", 0); name != std::string_view::npos;
         name = find_nocase(tag, "charset", name + 7)) {
      const std::string value = value_after(tag, name + 7);
      if (!value.empty()) return converter_for(value);
    }
  }
  return {};
}

}  // namespace xxgk
