// The whole report: a sequence of blocks, each starting at a line start. Sections, tables and
// prose are siblings here; lowering (src/lower.cpp) nests them, so a table in an appendix or a
// title after 一 still parses.
#pragma once

#include "grammar/common.hpp"
#include "grammar/page_header.hpp"
#include "grammar/sections.hpp"
#include "grammar/table2.hpp"
#include "grammar/table3.hpp"
#include "grammar/table4.hpp"

namespace xxgk::grammar {

struct table2_block : seq<at_line_start, hspaces, table2::table> {};

// A line of table cells outside any table (a table cut apart, or rows the table could not
// take): placed nowhere, so it is reported.
struct unplaced_row
    : seq<at_line_start, hspaces, star<not_at<cell>, word, plus<hspace>>, cell, plus<plus<hspace>, cell>, line_end> {};

// Text left on a line after a table ended in its middle: the table could not take it.
struct unplaced_text : seq<not_at<at_line_start>, hspaces, not_one<'\n', ' ', '\t', '\f'>, line_rest, opt<newline>> {};

// A page number is tried before unplaced_row: `- 2 -` and `- 2 / 6 -` are cells too.
struct block : first_byte_sor<blank_line, section_heading, table2_block, table3::table, table4::table,
                              seq<may_be_title, report_title>, page_number, last_line_of_page, unplaced_row,
                              unplaced_text, unknown_section_heading, subsection_heading, prose_line> {};

// A crawler's header block may come first (grammar/page_header.hpp).
struct report : seq<opt<page_header::block>, star<block>, eof> {};

}  // namespace xxgk::grammar
