// What a file is, by its content rather than its name: a web page, plain text, or a format xxgk
// does not read (yet). Internal to the library; used by Source.
#pragma once

#include <string>
#include <string_view>

namespace xxgk {

// Throws InputError, with what to do instead, for a zip archive that is not a Word file and a binary
// Word or WPS file (OLE): read as text, they would give nothing but noise.
void refuse_unread_formats(std::string_view bytes);

// `%PDF-` at the start (after blanks): a PDF file, read by its words' geometry (pdf_document.hpp).
bool looks_like_pdf(std::string_view bytes);

// Markup at the start of the text (after a byte order mark, blanks, comments and an XML
// declaration): <!DOCTYPE html, <html, <head, <body, <meta, <table and the like.
bool looks_like_html(std::string_view text);

// The encoding a page declares (<meta charset=…>, <meta http-equiv … content="text/html;
// charset=…">, <?xml … encoding=…?>), as an ICU converter name: GB2312 and GBK become GB18030,
// their superset, as browsers read them. "" when none is declared.
std::string declared_charset(std::string_view page);

}  // namespace xxgk
