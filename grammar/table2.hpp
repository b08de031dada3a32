// Table of 二 (主动公开政府信息情况), 2021 format: four blocks headed 第二十条第(X)项, each with a
// column header row and fixed row labels (spec §2).
#pragma once

#include "grammar/common.hpp"
#include "grammar/sections.hpp"

namespace xxgk::grammar::table2 {

// `第二十条第(一)项`; a converter that cuts cells at their width may drop the 项.
struct article_item
    : seq<label<"第二十条第">, one<'('>, opt_ws, chinese_numeral, opt_ws, one<')'>, opt<opt_ws, label<"项">>> {};

// Row labels, with the row each names; a note may follow (`规章(设区的市、自治州人民政府应提供相关数据)`).
template <text L, LabelKey K>
struct row_label_of : label<L>, names<K, Wording::regulated, L> {};
using enum LabelKey;
struct label_regulations : row_label_of<"规章", t2_regulations> {};
// 行政规范性文件 in the 2021 format, 规范性文件 in the 2019 one (src/keys.cpp).
struct label_normative_documents : sor<label<"行政规范性文件">, label<"规范性文件">>,
                                   names<t2_normative_documents, Wording::regulated, "行政规范性文件"> {};
struct label_licensing : row_label_of<"行政许可", t2_licensing> {};
struct label_punishment : row_label_of<"行政处罚", t2_punishment> {};
struct label_coercion : row_label_of<"行政强制", t2_coercion> {};
struct label_fees : row_label_of<"行政事业性收费", t2_fees> {};
// 2019 format only.
struct label_other_services : row_label_of<"其他对外管理服务事项", t2_other_services> {};
struct label_procurement : row_label_of<"政府集中采购", t2_procurement> {};

struct row_label : one_of_labels<label_regulations, label_normative_documents, label_licensing, label_other_services,
                                 label_punishment, label_coercion, label_fees, label_procurement> {};

struct row_label;
struct run_together_cells : run_together<row_label> {};

// A bare page number (grammar/common.hpp) between two rows: a row has three cells at most in both
// versions, so once it has three a number alone below it is no cell of it. A row of one column
// (2021's 行政许可 …) leaves a number below it to the cell rules: the grammar cannot tell its columns.
struct column_header;
struct row_start : sor<row_label, article_item, column_header, section_heading> {};
struct page_number_between_rows : bare_page_number<row_start> {};
// A column header repeated where a page break cuts a row (Word repeats heading rows on each page).
struct row_cell_gap : sor<blank_cells, plus<sor<ws_run, page_furniture, column_header>>> {};

// Cells followed on their line by digits that are none of them (`13 51行政规范性文件`: a crawler's
// stray space in 1351) ran together: the whole run is read as one.
template <typename Label, unsigned Columns>
struct row_of : seq<Label, opt<opt_ws, label_note>,
                    opt<sor<seq<gap, cells<Columns, row_cell_gap, page_number_between_rows>, not_at<hspaces, digit>>,
                            run_together_cells, seq<hspaces, run_together_cells>>>> {};

struct row_regulations : row_of<label_regulations, 3> {};
struct row_normative_documents : row_of<label_normative_documents, 3> {};
struct row_licensing : row_of<label_licensing, 3> {};
struct row_punishment : row_of<label_punishment, 3> {};
struct row_coercion : row_of<label_coercion, 3> {};
struct row_fees : row_of<label_fees, 3> {};
struct row_other_services : row_of<label_other_services, 3> {};
struct row_procurement : row_of<label_procurement, 3> {};

// Rows take up to three cells in both versions (2019 has three columns where 2021 has one);
// lowering keys the cells by the version the headers show.
struct row : sor<row_regulations, row_normative_documents, row_licensing, row_other_services, row_punishment,
                 row_coercion, row_fees, row_procurement> {};

// `信息内容 本年制发件数 本年废止件数 现行有效件数`: the wording is checked by lowering (typos such
// as 本年度止件数 occur), so the grammar takes the words up to the first row label.
// Header text runs up to the first row label, article or cell, across lines and whether or not
// whitespace separates it from them.
struct header_char : seq<none_of<row_label, article_item, cell, section_heading, label<"信息内容">, page_furniture>,
                         not_char<' ', '\t', '\f', '\n', '('>> {};
// A note in a header may hold numbers and blanks, `(单位:万元,保留 4 位小数)`, over lines; it is
// short (90 bytes, 30 Chinese characters), so a lone bracket cannot take rows with it.
struct header_note : seq<one<'('>, rep_max<90, not_at<label<"信息内容">>, not_one<')', '('>>, one<')'>> {};
// pdftotext -layout may set 信息内容 between the lines of a wrapped note (`(单位:万元,保留 4 位` /
// `信息内容` / `小数)`): the note's first part stops there, its rest comes after it as header words.
struct header_note_cut
    : seq<one<'('>, rep_max<90, not_at<label<"信息内容">>, not_one<')', '('>>, at<label<"信息内容">>> {};
// pdftotext -layout centres wrapped column headers on 信息内容's line, so their first lines come
// above it (`本年制发 本年废 现行有效` / `信息内容` / `件数 止件数 件数`); a page break may cut the header.
struct header_words : sor<header_note, header_note_cut, plus<header_char>> {};
struct column_header_lead : rep_min_max<1, 12, header_words, opt<gap>> {};
// A converter that cuts cells at their width (C html2text) keeps `信息` of 信息内容, and as much of
// each column's words as fit, on a line or a few (`信息 本年 本年 现` / `件数 效`): lines of header
// words only, so a row with a label cut as short (`行政 5 5 13`) is no header line.
// A note cut so has no closing bracket (`本年收费金额(`): it runs to the line's end.
struct header_note_cut_off : seq<one<'('>, star<not_one<'(', ')', '\n'>>, at<line_end>> {};
struct header_word_on_line : sor<header_words, header_note_cut_off> {};
struct header_words_on_line
    : seq<hspaces, header_word_on_line, rep_opt<40, hspaces, header_word_on_line>, at<line_end>> {};
struct column_header_cut
    : seq<label<"信息">, at<one<' ', '\t'>>, header_words_on_line, rep_opt<3, line_end, header_words_on_line>> {};
struct column_header
    : sor<seq<opt<column_header_lead>, label<"信息内容">, rep_opt<40, opt<gap>, header_words>>, column_header_cut> {};

// A row whose label is none of the above: one word before the row's cells on its line, such as a
// label cut at its cell's width (`行政` of 行政许可 and four more). Lowering names it by its block's
// rows in their order (src/lower/tables.cpp).
struct unrecognised_label
    : seq<not_at<row_label>, not_at<article_item>, not_at<cell>, not_at<section_heading>, not_at<label<"信息内容">>,
          not_at<page_furniture>, plus<not_char<' ', '\t', '\f', '\n'>>> {};
struct unrecognised_row : seq<unrecognised_label, at<one<' ', '\t'>>, hspaces,
                              cells<3, row_cell_gap, page_number_between_rows>, at<line_end>> {};

struct item : sor<article_item, column_header, row, unrecognised_row> {};
struct item_gap : plus<sor<ws_run, page_furniture, page_number_between_rows>> {};
// A page number after the last row is the table's too, so that it is not read as prose.
struct table : seq<article_item, star<opt<item_gap>, item>, opt<opt<gap>, page_number_between_rows>> {};

}  // namespace xxgk::grammar::table2
