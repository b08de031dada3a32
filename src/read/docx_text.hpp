// The body of a Word document as the text the grammar reads, each byte with its place in the
// document (internal to the library; used by the Word reader).
#pragma once

#include <string>
#include <vector>

#include <libxml/tree.h>

#include "src/read/docx_numbering.hpp"
#include "xxgk/source.hpp"

namespace xxgk::docx {

struct BodyText {
  std::string text;
  std::vector<DocumentPlace> places;  // for each byte of text
};

// The text of w:body in the form a web page's copy takes (html_text.hpp), so that one grammar reads
// both: a paragraph is a line, with the number Word shows before it (numbering); a table row is one
// line of its cells' text joined by tabs, a cell merged across columns (w:gridSpan) once and one
// merged from the row above (w:vMerge) not repeated; the paragraphs and line breaks of a cell are
// one cell text; a row whose cells hold tables (a table used for layout) is read as lines, cell by
// cell; rows of empty cells and empty paragraphs are left out. Insertions are read and deletions
// (tracked changes), hidden text and field codes left out; content controls (w:sdt) are read; a
// text box is read as paragraphs after the paragraph it is anchored in (one branch of
// mc:AlternateContent, where Word writes each box twice). Within a paragraph blanks are collapsed;
// a tab is a tab in a body paragraph (a row laid out with tab stops) and a blank in a cell.
// Places: a body paragraph's text is at {paragraph N} (N counting every paragraph outside tables,
// text boxes' too, from 1); a table's at {table T, row R, cell C}: T counts tables in the order
// they start, R the rows of the table, C the cells of the row as its line shows them (a merged
// cell once). A tab between cells is at the cell before it when that is empty (where a blank cell
// is read), else at the cell after it; a line's end at its last character.
BodyText body_text(const xmlDoc* document, Numbering& numbering);

}  // namespace xxgk::docx
