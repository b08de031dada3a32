// Parsing: text → parse tree (grammar/) → typed AST (src/lower.cpp).
#pragma once

#include <iosfwd>
#include <string>

#include "xxgk/ast.hpp"
#include "xxgk/source.hpp"

namespace xxgk {

// Parses and lowers a report. Never throws for content: what cannot be placed is in
// Report::unplaced and becomes findings.
Report parse_report(const Source& source);

// The parse tree as an S-expression of named rules (for grammar work and corpus tests).
std::string parse_tree_sexpr(const Source& source);
// True when the tree holds nodes for text no rule could place.
bool parse_tree_has_unplaced(const Source& source);
// Prints what the parser tried, rule by rule (PEGTL's standard trace).
void trace_parse(const Source& source, std::ostream& out);

}  // namespace xxgk
