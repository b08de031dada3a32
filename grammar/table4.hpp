// Table of 四 (行政复议、行政诉讼): a three-level header and one row of 15 cells (spec §4).
#pragma once

#include "grammar/common.hpp"
#include "grammar/sections.hpp"

namespace xxgk::grammar::table4 {

// The header's words, in whatever order and breaks extraction left them (in PDF text one
// character a line). Lowering checks that the expected column labels are all there.
struct header_char : one_char<U'行', U'政', U'复', U'议', U'诉', U'讼', U'结', U'果', U'维', U'持', U'纠', U'正', U'其',
                              U'他', U'尚', U'未', U'审', U'总', U'计', U'经', U'直', U'接', U'起', U'后'> {};
// A number alone on its line with header words on the next line is a page number: the row's cells
// come after all of the header (PDF text without blank lines around its footers: pdftotext -raw).
struct page_number_in_header : seq<at_line_indent, digits, hspaces, at<newline, opt_ws, header_char>> {};
// PDF text in reading order may put a column's words between the two (`行政复议` `结果维` `行政诉讼`).
struct header : seq<label<"行政复议">, star<not_at<label<"行政诉讼">>, sor<gap, header_char>>, label<"行政诉讼">,
                    star<sor<gap, header_char, page_number_in_header>>> {};

struct run_together_cells : run_together<failure> {};

// Bare page numbers (grammar/common.hpp). The row is one line of 15 cells in PDF text: a number
// alone above a line that holds all 15 is none of them, and a number alone below the 15 cells,
// before the next section's heading, is none either.
struct whole_row_line : seq<hspaces, cell, rep<14, plus<hspace>, cell>> {};
struct page_number_before_cells : bare_page_number<whole_row_line> {};
struct page_number_after_row : bare_page_number<section_heading> {};
// PDF text in reading order sets the narrow columns' numbers among the header's words (`结` `2`
// `2` `6` `结果维` `持` … `1` `0`): header words between two cells are passed over (lowering reads
// cells set apart so only when the arithmetic holds, src/lower/written_row.cpp).
struct header_words_between : seq<opt<gap>, header_char, star<sor<gap, header_char>>> {};
struct row_cells : cells<15, sor<cell_gap, header_words_between>, page_number_after_row> {};
// Cells followed on their line by more digits (`20114202 0 41021 4附件下载`: a crawler's stray
// spaces) ran together: the whole run is read as one.

struct table
    : seq<at_line_start, hspaces, header, opt<page_number_before_cells, opt<gap>>,
          sor<seq<row_cells, not_at<hspaces, digit>>, run_together_cells>, opt<opt<gap>, page_number_after_row>> {};

}  // namespace xxgk::grammar::table4
