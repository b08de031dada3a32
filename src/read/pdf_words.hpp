// A PDF's words with their boxes, as poppler finds them on each page (internal to the library;
// used by the PDF reader). Nothing here knows about reports: pdf_layout.cpp reads the geometry.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace xxgk::pdf {

// One character and its box, in points from the page's top-left corner.
struct Glyph {
  char32_t cp = 0;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// A word as poppler's text layer gives it: its characters and their common box.
struct Word {
  std::vector<Glyph> glyphs;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float font_size = 0;
  std::uint32_t page = 0;  // 1-based
  bool space_after = false;
  [[nodiscard]] float height() const { return y1 - y0; }
  [[nodiscard]] float middle() const { return (y0 + y1) / 2; }
};

struct Page {
  std::uint32_t number = 0;  // 1-based
  float width = 0, height = 0;
  std::vector<Word> words;
};

// Bounds on the work one file may cause: reports have 5 to 30 pages of a few hundred words each.
// A page of a report holds a few hundred words; the layout's work grows with the square of a
// table's rows, so a page is bounded too.
inline constexpr int kMaxPages = 2000;
inline constexpr std::size_t kMaxWords = 1'000'000;
inline constexpr std::size_t kMaxWordsPerPage = 10'000;

// The words of every page, horizontal text only (a word poppler finds rotated is left out: a
// stamp or a margin note, never a report's table). Throws InputError for bytes poppler cannot
// open (truncated, corrupt), a file locked by a password, one with more than kMaxPages pages or
// kMaxWords words or a page of more than kMaxWordsPerPage, and one whose pages have no text at
// all (a scan).
// Poppler is loaded only when a PDF is read: this asks the module xxgk_pdf.so (pdf_words.cpp, loaded
// by src/module.hpp) for the words. std::runtime_error when the module cannot be loaded.
std::vector<Page> read_words(std::string_view bytes);

// The module's entry point: read_words, with the caller's check of the thread's time limit (the
// limit lives in the program, not in the module). Throws as read_words does.
using ReadWordsEntry = void (*)(std::string_view bytes, void (*check_deadline)(), std::vector<Page>& out);
inline constexpr const char* kPdfModule = "xxgk_pdf";
inline constexpr const char* kReadWordsSymbol = "xxgk_pdf_read_words";

}  // namespace xxgk::pdf
