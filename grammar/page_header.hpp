// The header block a crawler's archive writes before a page's text: lines of `name: value`
// (`标题: …`, `发布时间: …`, `原文链接: …`), perhaps a note without a colon, then a separator line
// of `=` around `正文`. Lowering reads the fields it knows into the report's metadata; the body
// after the separator is read as any other text.
#pragma once

#include "grammar/common.hpp"

namespace xxgk::grammar::page_header {

// A field's name: one to eight characters before the colon, no blank, no colon.
struct field_name : rep_min_max<1, 8, not_at<one<':', ' ', '\t', '\n'>>, utf8::any> {};
struct field_value : line_rest {};
struct field : seq<at_line_start, hspaces, field_name, hspaces, one<':'>, hspaces, field_value, line_end> {};
// `==================== 正文 ====================`, `==== 正文 ====`.
struct separator : seq<at_line_start, hspaces, rep_min<2, one<'='>>, hspaces, label<"正文">, hspaces,
                       rep_min<2, one<'='>>, line_end> {};
// A line of the block that is no field (`页面链接与图片详见 links.tsv(同目录)`).
struct note : seq<at_line_start, not_at<separator>, line_text, line_end> {};
// A block starts with a field and ends at its separator within a few lines: without the separator
// the lines are the report's own (a report may start `标题:` too).
struct block : seq<field, rep_max<15, not_at<separator>, sor<field, note>>, separator> {};

}  // namespace xxgk::grammar::page_header
