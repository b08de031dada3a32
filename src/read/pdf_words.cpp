// Poppler's text layer: pages, words, and each character's box. Poppler does the PDF (fonts,
// encodings, ToUnicode maps, content streams); this file only copies out what it found. It is the
// module xxgk_pdf.so, loaded when a PDF is read (pdf_words_loader.cpp): linking poppler into the
// program cost every start of xxgk 2.3 ms.
#include "src/read/pdf_words.hpp"

#include <algorithm>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>

#include <fmt/format.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include "src/module.hpp"
#include "xxgk/source.hpp"

namespace xxgk::pdf {
namespace {

// How far from the end of a PDF its `%%EOF` may be (writers add a line end or a little padding).
constexpr std::size_t kEndWithin = 2048;

// Poppler prints its complaints about a damaged file on stderr; what matters reaches the user as
// an InputError, so they are dropped. Set once, before the first document is opened.
void silence_poppler() {
  static const bool silenced = [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    return true;
  }();
  (void)silenced;
}

// UTF-16 to code points; a lone surrogate becomes U+FFFD.
std::vector<char32_t> code_points(const poppler::ustring& text) {
  std::vector<char32_t> out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t u = text[i];
    if (u >= 0xD800 && u < 0xDC00 && i + 1 < text.size() && text[i + 1] >= 0xDC00 && text[i + 1] < 0xE000) {
      out.push_back(0x10000 + ((u - 0xD800) << 10) + (text[i + 1] - 0xDC00));
      ++i;
    } else if (u >= 0xD800 && u < 0xE000) {
      out.push_back(0xFFFD);
    } else {
      out.push_back(u);
    }
  }
  return out;
}

Word to_word(const poppler::text_box& box) {
  Word word;
  const poppler::rectf r = box.bbox();
  word.x0 = static_cast<float>(r.left());
  word.y0 = static_cast<float>(r.top());
  word.x1 = static_cast<float>(r.right());
  word.y1 = static_cast<float>(r.bottom());
  word.font_size = static_cast<float>(box.get_font_size());
  word.space_after = box.has_space_after();
  const std::vector<char32_t> cps = code_points(box.text());
  word.glyphs.reserve(cps.size());
  for (std::size_t i = 0; i < cps.size(); ++i) {
    // Poppler has one box per character it decoded; a code point beyond them (a ligature's second
    // letter) shares the last one.
    poppler::rectf c = box.char_bbox(i);
    if (c.width() <= 0 && c.height() <= 0 && i > 0) c = box.char_bbox(i - 1);
    if (c.width() <= 0 && c.height() <= 0) c = r;
    word.glyphs.push_back({cps[i], static_cast<float>(c.left()), static_cast<float>(c.top()),
                           static_cast<float>(c.right()), static_cast<float>(c.bottom())});
  }
  return word;
}

std::vector<Page> words_of(std::string_view bytes, void (*check_deadline)()) {
  silence_poppler();
  // A file cut off in a download loses its end: the `%%EOF` a PDF writer puts last. Poppler would
  // rebuild what it can of the rest, and a report read in part is worse than none.
  if (bytes.substr(bytes.size() - std::min<std::size_t>(bytes.size(), kEndWithin)).find("%%EOF") ==
      std::string_view::npos) {
    throw InputError("a PDF file cut off before its end (no %%EOF): truncated in a download or a copy? get it again",
                     {1, 1});
  }
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw InputError("a PDF file too large to read", {1, 1});
  }
  const std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!document) {
    throw InputError("a PDF file that cannot be read: truncated or damaged (poppler cannot open it)", {1, 1});
  }
  if (document->is_locked()) {
    throw InputError(
        "a PDF file locked with a password: open it with the password and save it unlocked, then check "
        "that file",
        {1, 1});
  }
  const int pages = document->pages();
  if (pages <= 0) throw InputError("a PDF file without pages", {1, 1});
  if (pages > kMaxPages) {
    throw InputError(fmt::format("a PDF file of {} pages: more than {} pages is not a report", pages, kMaxPages),
                     {1, 1});
  }
  std::vector<Page> out;
  std::size_t words = 0;
  for (int i = 0; i < pages; ++i) {
    check_deadline();
    const std::unique_ptr<poppler::page> page(document->create_page(i));
    Page p;
    p.number = static_cast<std::uint32_t>(i + 1);
    if (!page) {
      out.push_back(std::move(p));
      continue;
    }
    const poppler::rectf size = page->page_rect();
    p.width = static_cast<float>(size.width());
    p.height = static_cast<float>(size.height());
    for (const poppler::text_box& box : page->text_list(poppler::page::text_list_include_font)) {
      if (box.rotation() != 0) continue;
      Word word = to_word(box);
      word.page = p.number;
      if (word.glyphs.empty()) continue;
      if (++words > kMaxWords) {
        throw InputError(fmt::format("a PDF file of more than {} words: not a report", kMaxWords), {1, 1});
      }
      if (p.words.size() == kMaxWordsPerPage) {
        throw InputError(
            fmt::format("a PDF page (page {}) of more than {} words: not a report", p.number, kMaxWordsPerPage),
            {1, 1});
      }
      p.words.push_back(std::move(word));
    }
    out.push_back(std::move(p));
  }
  if (words == 0) {
    throw InputError(fmt::format("no text layer (a scanned PDF?): {} page{} without any text; run OCR on it first "
                                 "(ocrmypdf -l chi_sim FILE.pdf OUT.pdf) and check OUT.pdf",
                                 pages, pages == 1 ? "" : "s"),
                     {1, 1});
  }
  return out;
}

}  // namespace
}  // namespace xxgk::pdf

XXGK_MODULE_ENTRY void xxgk_pdf_read_words(std::string_view bytes, void (*check_deadline)(),
                                           std::vector<xxgk::pdf::Page>& out) {
  static_assert(std::is_same_v<decltype(&xxgk_pdf_read_words), xxgk::pdf::ReadWordsEntry>);
  out = xxgk::pdf::words_of(bytes, check_deadline);
}
