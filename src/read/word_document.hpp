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
// Read by the module xxgk_docx.so (word_document.cpp and the docx_ files, loaded by src/module.hpp
// with the first Word file): libzip and what it brings cost every start of xxgk 1.4 ms when linked
// in. std::runtime_error when the module cannot be loaded.
ExtractedText read_word_document(std::string_view bytes);

// The module's entry point: read_word_document. Throws as read_word_document does.
using ReadWordDocumentEntry = void (*)(std::string_view bytes, ExtractedText& out);
inline constexpr const char* kWordModule = "xxgk_docx";
inline constexpr const char* kReadWordDocumentSymbol = "xxgk_docx_read";

}  // namespace xxgk
