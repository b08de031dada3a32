// Table of 三 (收到和处理政府信息公开申请情况): 7 applicant columns and rows under a three-level
// label taxonomy (spec §3). Rows are recognised by their labels, wherever extraction broke them.
#pragma once

#include "grammar/common.hpp"
#include "grammar/sections.hpp"

namespace xxgk::grammar::table3 {

// A label ends where its cell text ends: `其他` must not match the start of `其他处理`.
// Cells may follow with no blank in between when a crawler collapsed whitespace, and so may the
// next label (`(三)不予公开属于国家秘密…`, numbering left out).
struct row_label;
struct label_end : at<sor<ws, one<'('>, eof, cell_start, row_label>> {};

// A row or group label, with the key it names (include/xxgk/keys.hpp), after numbering of any
// style (grammar/common.hpp) or none. A variant wording seen in real reports is one more rule with
// the same key and Wording::variant.
template <text L, LabelKey K, Wording W = Wording::regulated>
struct item_label : seq<opt<numbering>, label<L>, label_end>, names<K, W, L> {};
using enum LabelKey;

// Level 0
struct label_new_received : item_label<"本年新收政府信息公开申请数量", t3_new_received> {};
struct label_carried_over : item_label<"上年结转政府信息公开申请数量", t3_carried_over> {};
struct group_results : item_label<"本年度办理结果", t3_results> {};
struct label_carried_forward : item_label<"结转下年度继续办理", t3_carried_forward> {};
// Level 1
struct label_granted : item_label<"予以公开", t3_granted> {};
struct label_partially_granted : item_label<"部分公开", t3_partially_granted> {};
struct group_denied : item_label<"不予公开", t3_denied> {};
struct group_unable : item_label<"无法提供", t3_unable> {};
struct group_not_processed : item_label<"不予处理", t3_not_processed> {};
struct group_other : item_label<"其他处理", t3_other> {};
// Unlike the others, (七) is required: 总计 alone is a column label of the header.
struct label_total : seq<paren_numeral, sor<label<"总计">, label<"合计">>, label_end>,
                     names<t3_total, Wording::regulated, "总计"> {};
// Level 2 under (三) 不予公开
struct label_state_secret : item_label<"属于国家秘密", t3_state_secret> {};
struct label_prohibited_by_law : item_label<"其他法律行政法规禁止公开", t3_prohibited_by_law> {};
struct label_security_stability : item_label<"危及“三安全一稳定”", t3_security_stability> {};
// 三安全一稳定 spelled out, as some reports print it.
struct label_security_stability_spelled_out
    : item_label<"危及国家安全、公共安全、经济安全和社会稳定", t3_security_stability, Wording::variant> {};
struct label_third_party : item_label<"保护第三方合法权益", t3_third_party> {};
struct label_internal_affairs : item_label<"属于三类内部事务信息", t3_internal_affairs> {};
struct label_process_info : item_label<"属于四类过程性信息", t3_process_info> {};
struct label_enforcement_file : item_label<"属于行政执法案卷", t3_enforcement_file> {};
struct label_query_matter : item_label<"属于行政查询事项", t3_query_matter> {};
// Level 2 under (四) 无法提供
struct label_not_held : item_label<"本机关不掌握相关政府信息", t3_not_held> {};
struct label_needs_creation : item_label<"没有现成信息需要另行制作", t3_needs_creation> {};
struct label_unclear : item_label<"补正后申请内容仍不明确", t3_unclear> {};
// Level 2 under (五) 不予处理
struct label_petition : item_label<"信访举报投诉类申请", t3_petition> {};
struct label_repeated : item_label<"重复申请", t3_repeated> {};
struct label_publication : item_label<"要求提供公开出版物", t3_publication> {};
struct label_excessive : item_label<"无正当理由大量反复申请", t3_excessive> {};
struct label_reconfirm : item_label<"要求行政机关确认或重新出具已获取信息", t3_reconfirm> {};
// Level 2 under (六) 其他处理
struct label_no_correction
    : item_label<"申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", t3_no_correction> {};
struct label_unpaid_fee
    : item_label<"申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", t3_unpaid_fee> {};
struct label_other_other : item_label<"其他", t3_other_other> {};

// (七)总计 stands apart: its numbering is required and it has two wordings. The order of the
// labels is kept (label matching lists the wordings in this order).
struct row_label
    : sor<one_of_numbered_labels<label_new_received, label_carried_over, label_carried_forward, label_granted,
                                 label_partially_granted>,
          label_total,
          one_of_numbered_labels<label_state_secret, label_prohibited_by_law, label_security_stability,
                                 label_security_stability_spelled_out, label_third_party, label_internal_affairs,
                                 label_process_info, label_enforcement_file, label_query_matter, label_not_held,
                                 label_needs_creation, label_unclear, label_petition, label_repeated, label_publication,
                                 label_excessive, label_reconfirm, label_no_correction, label_unpaid_fee,
                                 label_other_other>> {};
struct group_label
    : one_of_numbered_labels<group_results, group_denied, group_unable, group_not_processed, group_other> {};

// A table that crosses a page repeats its header there (a Word or LibreOffice heading row), even
// inside a row that the page break cut.
struct repeated_header;
struct page_break_gap : plus<first_byte_sor<ws_run, page_furniture, repeated_header>> {};
struct row_cell_gap : sor<blank_cells, page_break_gap> {};

// A bare page number (grammar/common.hpp) between two rows: after a row's seven cells, before a
// row, a group, a repeated header or a heading. After a group label it stays a cell (a subtotal,
// or 2019's (六)其他处理 row), and so does it after a row that lacks cells.
struct header;
struct row_start : sor<group_label, row_label, header, section_heading> {};
struct page_number_between_rows : bare_page_number<row_start> {};
// PDF text in reading order may wrap every number of a row in its narrow cell: up to 14 pieces.
struct row_cells : cells<7, row_cell_gap, page_number_between_rows, 7> {};

// A data row: its label, an optional note, and up to 7 cells (fewer when cells are blank).
struct run_together_cells : run_together<row_label> {};
// A label's last characters that went past what its rule matches (a typo such as `稳定定”`, the
// words wrapped onto a line of their own): up to 3 characters, no numbering, then the cells. Only
// where no cell follows the label at once; lowering compares the whole label.
struct label_overflow : seq<none_of<numbering, cell, group_label, row_label>,
                            rep_min_max<1, 3, not_char<' ', '\t', '\f', '\n'>>, at<sor<ws, eof>>> {};
// A run of digits set a space after the label (`数量 690000069二、…`) is a run too: no cell ends
// where the next label starts.
// Cells followed on their line by digits that are none of them (`1 0 00 0 0 1四、…`) ran together.
struct row_cells_whole : seq<row_cells, not_at<hspaces, digit>> {};
struct row_body : opt<sor<seq<gap, row_cells_whole>, run_together_cells, seq<gap, label_overflow, gap, row_cells>,
                          seq<hspaces, run_together_cells>>> {};
struct label_cut_by_page;
struct row : seq<row_label,
                 sor<seq<opt_ws, label_note, row_body>,
                     seq<opt_ws, cut_note, gap, row_cells, opt<row_cell_gap, note_rest>>, row_body>,
                 opt<label_cut_by_page>> {};
// pandoc wraps a numbered label after its numbering: `2.` and the row's cells on one line, the
// label's words below them. The numbering and the words are one label. The label starts a line:
// `(四)无 本机关不掌握…` is a group label cut by a page break (无|法提供) before a row's, not a cell 无.
struct row_numbered_apart
    : seq<numbering, opt<gap>, row_cells, line_end, opt<gap>, row_label, opt<opt_ws, label_note>> {};
// A group label; numbers on it are a subtotal the official table does not have (rule A4).
// 2019's (六)其他处理 is a data row: its digits may run together like any row's.
struct group
    : seq<group_label,
          opt<sor<seq<gap, cells<7>, not_at<hspaces, digit>>, run_together_cells, seq<hspaces, run_together_cells>>>> {
};

// A row whose label is none of the above (a typo, a truncated label): lowering matches it to the
// closest canonical label or reports it as unplaced.
// A table's caption (`附表 3`, `表三`) above the next table is no word of a label.
struct table_caption
    : seq<opt<one_char<U'附'>>, one_char<U'表'>, hspaces, sor<digits, chinese_numeral>, at<sor<ws, eof>>> {};
// A word of such a label: digits right after its Chinese characters are no part of it but the
// row's cells, run on to the label where a crawler collapsed the space between (`另行制作14 00000 14`).
struct label_ascii_char : seq<not_at<ws>, range<'!', '~'>> {};
struct label_ascii_text_char : seq<not_at<digit>, label_ascii_char> {};
struct label_wide_char : utf8::range<0x80, 0x10FFFF> {};
struct label_word : seq<at<not_char<' ', '\t', '\f', '\n'>>, star<label_ascii_char>,
                        star<plus<label_wide_char>, star<label_ascii_text_char>>> {};
struct unrecognised_word
    : seq<none_of<row_label, group_label, cell, section_heading, page_furniture, label<"行政复议">, table_caption>,
          label_word> {};
struct unrecognised_label : seq<unrecognised_word, rep_opt<11, gap, unrecognised_word>> {};
// The rest of a label that PDF text put after the row's numbers (below them, or past a page break).
// It stops where a numbering starts the next label. A page break also cuts the group label beside
// it: its words, without their numbering (`(五)` came before the break), go on the row's label too.
struct continuation_word : seq<not_at<numbering>, sor<group_label, unrecognised_word>> {};
struct label_continuation : seq<continuation_word, rep_opt<11, gap, continuation_word>> {};
// After the rest of the label may come the rest of a number the page break cut (`… 105` before it,
// `法案卷 64` after it, for 10564): at most 3 such pieces, as a row's cells allow.
// A page number below them is none of them.
struct number_piece : seq<not_at<page_number_between_rows>, cell> {};
struct number_rest : seq<number_piece, rep_opt<2, gap, number_piece>> {};
// Words followed by more numbers than a rest can hold (4 or more) are the next row, whose label
// is unknown too (a typo), not the rest of this one's, after its cells or past a page turn.
struct next_row_ahead : seq<label_continuation, gap, cell, rep<3, gap, cell>> {};
struct unrecognised_row : seq<unrecognised_label, gap, row_cells,
                              opt<row_cell_gap, not_at<next_row_ahead>, label_continuation, opt<gap, number_rest>>> {};
// The same in a crawler's collapsed text: a numbering, words up to the first digit, and the row's
// digits run together (`3.求提供公开出版物0000000`, a typo for 要求…).
// The words stop at the first digit only: 无 starts a cell elsewhere but is a word here (申请人无正当理由…).
struct unrecognised_run_word
    : plus<none_of<seq<hspaces, digit>, row_label, group_label, one<'('>>, not_char<'\t', '\f', '\n'>> {};
// Without a numbering (tables whose labels have none): a label's length of words, no sentence and
// no heading, right before the digits.
struct unnumbered_run_char : seq<none_of<seq<hspaces, digit>, row_label, group_label, one<'(', ':'>, one_char<U'。'>>,
                                 not_char<'\t', '\f', '\n', ' '>> {};
struct unnumbered_run_words
    : seq<none_of<section_heading, numbering>, rep_min_max<2, 48, unnumbered_run_char>, at<hspaces, digit>> {};
struct unrecognised_run_label : sor<seq<numbering, unrecognised_run_word>, unnumbered_run_words> {};
struct unrecognised_run_row : seq<unrecognised_run_label, hspaces, run_together_cells> {
};  // A known label may be the start of a longer one that a page break cut: `(2)其他` and its numbers at
// the foot of a page, `法律行政法规禁止公开` after the repeated header (其他法律行政法规禁止公开).
// Only across a page turn (a form feed, page furniture or a repeated header); lowering reads the
// whole label, and when that is no label the row is the short one's and the rest text out of place.
struct page_turn
    : seq<scan_while<false, ' ', '\t', '\n'>, sor<page_break, page_furniture, repeated_header>, opt<page_break_gap>> {};
struct label_cut_by_page : seq<page_turn, not_at<next_row_ahead>, label_continuation, opt<gap, number_rest>> {};

// Pieces of a label cut apart by a page break (`(五)不` `予处` … `理`), or by a grid's rows
// (`三、本年度办理` in one row, `果` in the next, as C html2text writes a cell that spans rows):
// short words without cells, after a numbering or not, kept as nodes and checked by lowering
// against the labels they could come from.
struct fragment_chars : seq<rep_min_max<1, 6, not_char<' ', '\t', '\f', '\n'>>, at<sor<ws, eof>>> {};
struct fragment_word : seq<none_of<row_label, group_label, cell, section_heading, page_furniture, label<"行政复议">>,
                           sor<seq<numbering, fragment_chars>, fragment_chars>> {};
struct label_fragment;
// Only inside the table: more of it follows (so a short line after the table stays prose).
struct fragment_continues : sor<group, row, row_numbered_apart, repeated_header, unrecognised_row, label_fragment> {};
struct label_fragment : seq<fragment_word, rep_opt<2, gap, fragment_word>, quiet_at<gap, fragment_continues>> {};

// A group before a row: `(六)其他` broken before `处理` is the group (六)其他处理, not the row 其他
// (labels match across line breaks, and any numbering may stand before any label).
struct item : first_byte_sor<group, row, row_numbered_apart, repeated_header, unrecognised_row, unrecognised_run_row,
                             label_fragment> {};

// Header: the corner note on 勾稽关系, 申请人情况 and the column labels, up to the first row.
// `(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)`.
// It holds no bracket: a note cut at its cell's width (C html2text), its bracket never closed, must
// not run on to the one of `(一)予以公开` and take the rows before it.
struct corner_note_start : seq<one<'('>, opt_ws, label<"本列数据">, text_until<false, label<"申请人情况">, '(', ')'>> {
};
struct corner_note : seq<corner_note_start, one<')'>> {};
// Its first part, when the converter put 申请人情况 (and the column labels) on its line (pandoc,
// pdftotext): its rest comes after them, a bracket closing it within 240 bytes. Only after such a
// part: a row's note cut by a page break may close after a repeated header too.
struct corner_note_cut : corner_note_start {};
struct corner_note_rest : seq<rep_max<240, not_one<'(', ')'>>, one<')'>> {};
// A note cut at its cell's width, its bracket never closed: the rest of its line.
struct corner_note_cut_off : seq<one<'('>, opt_ws, label<"本列数据">, star<not_one<'(', ')', '\n'>>> {};
// Header words are made of the column labels' characters only (自然人, 法人或其他组织, 商业企业 …),
// however extraction broke them, so a row label can never be taken for a header word.
struct header_char : one_char<U'自', U'然', U'人', U'法', U'或', U'其', U'他', U'组', U'织', U'商', U'业', U'企', U'科',
                              U'研', U'机', U'构', U'社', U'会', U'公', U'益', U'律', U'服', U'务', U'总', U'计'> {};
// A word with cells after it on its line is a row's label (`其他 0 0 0 …`, the row 其他 written
// without numbering after a repeated header that ends with the column 其他).
struct header_word : seq<plus<header_char>, not_at<hspaces, cell_start>> {};
// Text browsers put the corner note beside the column labels, after 申请人情况.
// It starts with the corner note (`(本列数据`) or with 申请人情况: a row's gap tries a repeated
// header after each cell and line, and looks at those words first (most rows start with a bracket).
struct header_start : sor<seq<one<'('>, opt_ws, label<"本列数据">>, label<"申请人情况">> {};
struct header
    : seq<at<header_start>, sor<seq<corner_note_cut, opt<gap>, label<"申请人情况">,
                                    rep_opt<40, opt<gap>, sor<header_word, corner_note_rest>>>,
                                seq<opt<corner_note, opt<gap>>, label<"申请人情况">,
                                    rep_opt<40, opt<gap>, sor<corner_note, header_word, corner_note_cut_off>>>>> {};

struct repeated_header : header {};
struct item_gap : plus<first_byte_sor<ws_run, page_furniture, page_number_between_rows>> {};
// A page number after the last row is the table's too, so that it is not read as prose.
struct table : seq<at_line_start, hspaces, header, star<opt<item_gap>, item>, opt<opt<gap>, page_number_between_rows>> {
};

}  // namespace xxgk::grammar::table3
