// Markdown, as converters write a report (Python's html2text, pandoc's markdown and gfm, document
// exporters): pipe tables, headings and inline markup read into the form the grammar reads
// (internal to the library; used by Source).
#pragma once

#include <string>
#include <string_view>

#include "xxgk/source.hpp"

namespace xxgk {

// Whether UTF-8 text is markdown, by what it holds: a pipe table (its delimiter row, `---|:---:`,
// below a row of cells), a table left as HTML (`<table` at a line's start, as pandoc's gfm writes
// tables with merged cells), or two or more headings marked `#`. A `|` in prose is none of them.
bool looks_like_markdown(std::string_view utf8);

// The text the grammar reads, with each byte's character of the document: a pipe table's rows as
// lines of tab-joined cells (outer pipes optional, `\|` a character of the cell, the delimiter row
// dropped, an empty cell blank, `<br>` joining a cell's pieces); an HTML table as a browser's copy
// of it (src/read/html_text.hpp); headings without their `#` marks; inline markup dropped
// (`**bold**`, `*emphasis*`, `\` escapes such as `1\.`, links as their text). Everything else, the
// aligned tables of pandoc's markdown among it, stays as written. `kind` is "text".
ExtractedText read_markdown(std::string utf8, std::string encoding);

}  // namespace xxgk
