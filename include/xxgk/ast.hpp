// The typed AST: what a report says, with every cell's source position. Lowered from the parse
// tree by src/lower.cpp; serialised by src/json.cpp (schema: docs/ast.schema.json).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "xxgk/source.hpp"

namespace xxgk {

// How a cell is filled. 0, blank, `-`, `/` and `无` are different statements and stay apart.
// `unresolved`: extraction split or ran numbers together and the rules allow several readings.
enum class CellState { number, blank, dash, slash, none, text, unresolved };
std::string_view to_string(CellState s);

struct Cell {
  // Canonical key, e.g. "table3.denied.state_secret.natural_person": a view of static storage (a
  // literal, or intern_key of include/xxgk/keys.hpp), never of a string that may go away.
  std::string_view key;
  CellState state = CellState::blank;
  std::string raw;              // as written after normalisation (`35`, `0.0235`, `/`, `251000元`); "" when blank
  std::optional<double> value;  // for numbers: the number without its unit
  std::string unit;             // a unit typed into the cell (`元`, `万元`, `件`), else ""
  SourcePos pos;
};

struct Row {
  std::string key;              // e.g. "denied.state_secret"
  std::string canonical_label;  // from the spec
  std::string written_label;    // as in the document, line breaks and spaces removed
  SourcePos pos;
  std::vector<Cell> cells;  // in column order; cells the document does not have are absent
  [[nodiscard]] const Cell* cell(std::string_view column) const;  // by column ("total"); null if absent
};

struct Table {
  std::string key;  // "table2", "table3", "table4"
  bool present = false;
  SourcePos pos;
  std::vector<Row> rows;
  std::string header;  // the header words, whitespace removed, for label checks
  [[nodiscard]] const Row* row(std::string_view row_key) const;
  [[nodiscard]] const Cell* cell(std::string_view row_key, std::string_view column) const;
};

struct Subsection {
  std::string title;  // `(一)主动公开` up to the first sentence break
  SourcePos pos;
};

struct Paragraph {
  std::string text;        // one line of prose as normalised
  std::size_t offset = 0;  // byte offset into the normalised text
  SourcePos pos;
  bool heading = false;  // a subsection heading line: a sentence ends with it
};

struct Section {
  int number = 0;   // 1–6 as the canonical order, 0 when unknown
  std::string key;  // overview, proactive, applications, review_litigation, problems, other_matters
  std::string written_heading;
  std::string variant;  // grammar rule of the accepted wording (e.g. title_problems_short)
  bool arabic_numbering = false;
  int written_number = 0;  // the number the heading carries (一 → 1, 2、 → 2)
  SourcePos pos;
  std::vector<Subsection> subsections;
  std::vector<Paragraph> prose;
};

// Text no rule could place (a row outside a table, a row label matching nothing).
struct Unplaced {
  std::string what;
  std::string text;
  SourcePos pos;
};

// A row whose written label is not the canonical one but close to it (a typo), or a table header
// missing a column label.
struct LabelNote {
  std::string key;
  std::string written;
  std::string canonical;
  SourcePos pos;
};

// Cells that extraction split or ran together, and how they were read (X1) or could not be (X2).
struct ExtractionNote {
  std::string rule;  // X1 resolved, X2 ambiguous
  std::vector<std::string> keys;
  std::string written;                // the tokens as written
  std::vector<std::string> readings;  // each consistent reading, numbers joined by spaces
  SourcePos pos;
  std::string broken_rule;  // set when no reading keeps the row's rule: it is broken whatever the digits
  bool by_rule = true;      // false when the row has no rule and the digits allow only one reading
  // The numbers written stood apart from the row (PDF text with labels and numbers in separate
  // paragraphs): not known to be the row's, so no reading of them is tried.
  bool apart = false;
};

// What the header block a crawler's archive puts before a page says of it (`标题:`, `发布时间:`,
// `原文链接:`; grammar/page_header.hpp), each as written; all empty without such a block.
struct PageMetadata {
  bool present = false;
  std::string title;
  std::string published;   // the publication date (and time) as written
  std::string source_url;  // the page's original address
  SourcePos pos;           // the block's first line
};

struct Report {
  std::string path;
  PageMetadata metadata;
  std::string title;
  SourcePos title_pos;
  bool title_after_first_section = false;
  std::string agency;
  std::optional<int> year;
  std::string format_version;  // "2021" or "2019" (from the tables), "pre-2019", or "" when nothing shows one
  std::string table2_version;  // the layout table 二 shows, when it is there
  std::vector<Paragraph> preamble;
  std::vector<Section> sections;
  Table table2, table3, table4;
  Table pre2019;  // format "pre-2019": statistics stated in the prose, keys pre2019.<row>.<column>
  // Every table that holds cells, in output order.
  [[nodiscard]] std::array<const Table*, 4> tables() const { return {&table2, &table3, &table4, &pre2019}; }
  // Numbers on a group label of table 三 (a subtotal row the official table lacks; rule A4).
  std::vector<Row> table3_subtotals;
  std::vector<Unplaced> unplaced;
  std::vector<LabelNote> altered_labels;
  std::vector<Row> duplicate_rows;
  std::vector<Cell> extra_cells;  // more cells than the row has columns
  std::vector<ExtractionNote> extraction_notes;
};

}  // namespace xxgk
