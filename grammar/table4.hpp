// Table of 四 (行政复议、行政诉讼): a three-level header and one row of 15 cells (spec §4).
#pragma once

#include "grammar/common.hpp"
#include "grammar/sections.hpp"

namespace xxgk::grammar::table4 {

// The header's words, in whatever order and breaks extraction left them (in PDF text one
// character a line). Lowering checks that the expected column labels are all there.
struct header_char : utf8::one<U'行', U'政', U'复', U'议', U'诉', U'讼', U'结', U'果', U'维', U'持', U'纠', U'正',
                               U'其', U'他', U'尚', U'未', U'审', U'总', U'计', U'经', U'直', U'接', U'起', U'后'> {};
struct header : seq<label<"行政复议">, opt<gap>, label<"行政诉讼">, star<sor<gap, header_char>>> {};

struct run_together_cells : run_together<failure> {};
struct table : seq<at_line_start, hspaces, header, sor<cells<15>, run_together_cells>> {};

}  // namespace xxgk::grammar::table4
