// What the CLI prints: the AST as JSON, the cell dump, findings like a compiler.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "xxgk/ast.hpp"
#include "xxgk/finding.hpp"
#include "xxgk/source.hpp"

namespace xxgk {

inline constexpr int kAstSchemaVersion = 1;

nlohmann::ordered_json to_json(const Report& report);
nlohmann::ordered_json to_json(const Finding& finding, const std::string& file);

// `key<TAB>value<TAB>line:col`, one line a cell, tables in order.
void write_cells(const Report& report, std::ostream& out);

// `file:line:col: error[A1] key: message`, the source line and a caret under the display column.
void write_diagnostic(const Finding& finding, const Source& source, std::ostream& out);
// The caret line for a character column of a line: tabs kept, wide characters counted twice.
std::string caret_line(std::string_view line, std::uint32_t column);

// A source line as a finding quotes it: whole up to 120 characters, else cut around the column with
// … where it is cut; `column` is the finding's character column in the quoted text.
struct Quote {
  std::string line;
  std::uint32_t column = 0;
};
Quote quote_line(std::string_view line, std::uint32_t column);

}  // namespace xxgk
