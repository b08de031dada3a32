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

// Why a document that is not plain text (a web page, a Word file) holds no report, or "" when it holds one:
// nothing of the format was found in it, no section heading and no table (a page of site chrome,
// or one that only links the report as an attachment). Such a file is refused (exit 2; in a
// batch, unreadable), where plain text gets findings that say what is missing.
inline std::string no_report_reason(const Report& report, const Source& source) {
  const bool nothing = report.sections.empty() && !report.table2.present && !report.table3.present &&
                       !report.table4.present && report.pre2019.rows.empty();
  if (!nothing || source.kind() == "text") return {};
  if (source.kind() == "docx") return "no report in this Word file: no section heading or table of the report format";
  return "no report in this web page: no section heading or table of the report format (is the report an "
         "attachment of the page?)";
}

// The parse tree as an S-expression of named rules (for grammar work and corpus tests).
std::string parse_tree_sexpr(const Source& source);
// True when the tree holds nodes for text no rule could place.
bool parse_tree_has_unplaced(const Source& source);
// Prints what the parser tried, rule by rule (PEGTL's standard trace).
void trace_parse(const Source& source, std::ostream& out);

}  // namespace xxgk
