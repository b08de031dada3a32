// A Word file's bytes (DOCX) to the text the grammar reads, with each character's place in the
// document (internal to the library; used by Source).
#pragma once

#include <string_view>

#include "xxgk/source.hpp"

namespace xxgk {

// A zip archive that holds word/document.xml, as Word, WPS and LibreOffice write a .docx.
bool is_word_document(std::string_view bytes);

// The body of word/document.xml as lines (src/read/docx_text.hpp), with the numbers of numbered
// paragraphs from word/numbering.xml and word/styles.xml. The ExtractedText's original is that
// text itself, and its places say where each character is: paragraph, or table, row and cell.
// InputError for an archive that libzip cannot open, one without word/document.xml, an encrypted
// or oversized part (zip bombs), XML that is not well formed or declares a document type, and a
// document with no text.
ExtractedText read_word_document(std::string_view bytes);

}  // namespace xxgk
