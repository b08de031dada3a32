// A PDF file's bytes to the text the grammar reads, each character with its place on its page
// (internal to the library; used by Source).
#pragma once

#include <string_view>
#include <vector>

#include "src/read/pdf_words.hpp"
#include "xxgk/source.hpp"

namespace xxgk {

// The words of every page (pdf_words.hpp) laid out by geometry (pdf_layout.hpp) into lines, a
// table row's cells joined by tabs, an empty cell an empty field: the form a browser's copy of a
// web page gives. `original` is that text itself, and each of its characters has its place: the
// page, and the top-left of the character's box in points from the page's top-left corner (an
// inserted space, tab or line end: the place of the cell or line it belongs to). InputError for a
// file poppler cannot open, a locked one, one without text (a scan) and one too large to read.
ExtractedText read_pdf(std::string_view bytes);

// The same from pages of words already read (for the fuzz target, which makes up pages).
ExtractedText pdf_text(const std::vector<pdf::Page>& pages);

}  // namespace xxgk
