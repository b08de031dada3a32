#include "src/lower/html2text_tables.hpp"
#include "src/lower/number.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {
namespace {

constexpr std::string_view kReplacement = "\uFFFD";

// One cell between two `|`, as an offset into the normalised text.
struct Piece {
  std::string_view text;
  std::size_t offset;
};

// A cell read as a value: a number at its start (the rest is spilled label text), blank, or
// unresolved when spilled text took the number's place.
struct Value {
  CellState state = CellState::blank;
  std::string number;
  std::size_t offset = 0;
  std::string written;  // the cell as written, for an unresolved one
};

std::optional<Value> value_of(const Piece& piece) {
  std::size_t i = 0;
  const std::string_view s = piece.text;
  while (i < s.size() && (s[i] == ' ' || s[i] == '_')) ++i;
  if (i == s.size()) return Value{CellState::blank, "", piece.offset, ""};
  std::size_t end = i;
  if (end < s.size() && s[end] == '-') ++end;
  const std::size_t digits_from = end;
  while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
  if (end == digits_from) return std::nullopt;
  const bool digit_after = end + 1 < s.size() && s[end + 1] >= '0' && s[end + 1] <= '9';
  if (end < s.size() && s[end] == '.' && digit_after) {
    ++end;
    while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
  } else if (end < s.size() && s[end] == '.') {
    // `1.属于国家秘密`: the numbering of a label, not a value. (Spilled text after a value may
    // start with 、, so only the regulated `1.` is taken for numbering.)
    return std::nullopt;
  }
  return Value{CellState::number, std::string(s.substr(i, end - i)), piece.offset + i, ""};
}

// A line of cells whose last ones are values: a data row.
struct PipeRow {
  std::size_t line_offset;
  std::vector<Piece> pieces;  // every cell between two `|`
  std::vector<Piece> labels;  // the cells before the values
  std::vector<Value> values;
};

// The label's readable start: up to the first replaced byte or padding.
std::string readable_start(const std::vector<Piece>& labels) {
  for (auto it = labels.rbegin(); it != labels.rend(); ++it) {
    std::string_view s = it->text;
    s = s.substr(0, std::min(s.find(kReplacement), s.find('_')));
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (!s.empty()) return std::string(s);
  }
  return {};
}

std::vector<PipeRow> pipe_rows(std::string_view text, std::set<std::size_t>& pipe_lines) {
  std::vector<PipeRow> rows;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.front() == '|' && line.find('|', 1) != std::string_view::npos) {
      pipe_lines.insert(start);
      std::vector<Piece> pieces;
      for (std::size_t from = 1, bar; (bar = line.find('|', from)) != std::string_view::npos; from = bar + 1) {
        pieces.push_back({line.substr(from, bar - from), start + from});
      }
      // The longest run of values at the end; what comes before it is the label.
      std::size_t first_value = pieces.size();
      std::vector<Value> values;
      while (first_value > 0) {
        const auto v = value_of(pieces[first_value - 1]);
        if (!v) break;
        values.insert(values.begin(), *v);
        --first_value;
      }
      const bool has_number =
          std::any_of(values.begin(), values.end(), [](const Value& v) { return v.state == CellState::number; });
      if (has_number) {
        std::vector<Piece> labels(pieces.begin(), pieces.begin() + static_cast<long>(first_value));
        rows.push_back({start, std::move(pieces), std::move(labels), std::move(values)});
      }
    }
    start = end + 1;
  }
  return rows;
}

Cell make_cell(const Value& v, const Source& source) {
  Cell cell;
  cell.state = v.state;
  cell.raw = v.number;
  if (v.state == CellState::number) cell.value = number_value(v.number);
  cell.pos = source.position(v.offset);
  return cell;
}

// An X2 note for each keyed cell whose number spilled text took (`values` in the cells' order).
void note_unresolved(const std::vector<const Cell*>& cells, const std::vector<Value>& values,
                     std::vector<ExtractionNote>& notes) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (values[i].state != CellState::unresolved) continue;
    ExtractionNote note;
    note.rule = "X2";
    note.keys = {std::string(cells[i]->key)};
    note.written = values[i].written;
    note.pos = cells[i]->pos;
    notes.push_back(std::move(note));
  }
}

// Rows of one table, matched in order to the format's rows: taken only when each has the arity of
// its row and the readable start of its label agrees with it (or nothing of the label is readable).
bool read_rows(const std::vector<const PipeRow*>& rows, std::span<const RowSpec> specs, std::string_view table_key,
               Table& out, const Source& source, std::vector<ExtractionNote>& notes) {
  if (rows.size() != specs.size()) return false;
  std::size_t agreeing = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r]->values.size() != specs[r].columns.size()) return false;
    const std::string start = readable_start(rows[r]->labels);
    const std::string_view label = specs[r].label;
    if (start.empty()) continue;
    if (label.substr(0, start.size()) != start && std::string_view(start).substr(0, label.size()) != label) {
      return false;
    }
    ++agreeing;
  }
  if (agreeing * 2 < rows.size()) return false;
  Table table;
  table.key = std::string(table_key);
  table.present = true;
  table.pos = source.position(rows.front()->line_offset);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    Row row;
    row.key = std::string(specs[r].key);
    row.canonical_label = std::string(specs[r].label);
    row.written_label = readable_start(rows[r]->labels);
    row.pos = source.position(rows[r]->line_offset);
    for (std::size_t c = 0; c < specs[r].columns.size(); ++c) {
      row.cells.push_back(make_cell(rows[r]->values[c], source));
      row.cells.back().key = intern_key({fmt_key_prefix(table_key, specs[r].key), specs[r].columns[c]});
    }
    std::vector<const Cell*> cells;
    for (const Cell& cell : row.cells) cells.push_back(&cell);
    note_unresolved(cells, rows[r]->values, notes);
    table.rows.push_back(std::move(row));
  }
  out = std::move(table);
  return true;
}

bool read_table4(const std::vector<const PipeRow*>& rows, Table& out, const Source& source,
                 std::vector<ExtractionNote>& notes) {
  constexpr std::size_t kCells = kTable4Groups.size() * kTable4Columns.size();
  const auto it = std::find_if(rows.begin(), rows.end(), [](const PipeRow* r) { return r->values.size() == kCells; });
  if (it == rows.end()) return false;
  Table table;
  table.key = "table4";
  table.present = true;
  table.pos = source.position((*it)->line_offset);
  std::vector<Cell> cells;
  for (const Value& v : (*it)->values) cells.push_back(make_cell(v, source));
  table.rows = table4_rows(std::move(cells));
  std::vector<const Cell*> keyed;
  for (const Row& row : table.rows) {
    for (const Cell& cell : row.cells) keyed.push_back(&cell);
  }
  note_unresolved(keyed, (*it)->values, notes);
  out = std::move(table);
  return true;
}

bool in_table(std::string_view key, std::string_view table) {
  return key.size() > table.size() && key.compare(0, table.size(), table) == 0 && key[table.size()] == '.';
}

}  // namespace

bool read_html2text_tables(LowerContext& cx) {
  Report& report = cx.report;
  const auto short_of = [](const Table& t, std::size_t rows_expected) {
    return !t.present || t.rows.size() < rows_expected;
  };
  const auto complete_as = [&](FormatVersion v) {
    return !short_of(report.table2, table2_rows(v).size()) && !short_of(report.table3, table3_rows(v).size()) &&
           !short_of(report.table4, kTable4Groups.size());
  };
  // Nearly every report: the grammar read all three tables, and its text need not be scanned again.
  if (complete_as(FormatVersion::v2021) || complete_as(FormatVersion::v2019)) return false;
  std::set<std::size_t> pipe_lines;
  const auto rows = pipe_rows(cx.source.text(), pipe_lines);
  if (rows.empty()) return false;
  // Table 三 runs from the first row of 7 values to the last. A row between them whose spilled
  // text took a value's place still has its 7 cells: they are its last 7, the unreadable ones
  // unresolved. Table 二 comes before it, in rows of 1 to 3 values.
  constexpr std::size_t kColumns = kTable3Columns.size();
  const auto is_seven = [&](const PipeRow& row) { return row.values.size() == kColumns; };
  const auto first_seven = std::find_if(rows.begin(), rows.end(), is_seven);
  const auto last_seven = std::find_if(rows.rbegin(), rows.rend(), is_seven);
  std::vector<PipeRow> table3_rows_read;
  if (first_seven != rows.end()) {
    for (auto it = first_seven; it != last_seven.base(); ++it) {
      if (it->pieces.size() <= kColumns) continue;
      PipeRow row = *it;
      if (row.values.size() != kColumns) {
        const std::size_t first_cell = row.pieces.size() - kColumns;
        row.labels.assign(row.pieces.begin(), row.pieces.begin() + static_cast<long>(first_cell));
        row.values.clear();
        for (std::size_t c = first_cell; c < row.pieces.size(); ++c) {
          const Piece& piece = row.pieces[c];
          row.values.push_back(
              value_of(piece).value_or(Value{CellState::unresolved, "", piece.offset, std::string(piece.text)}));
        }
      }
      table3_rows_read.push_back(std::move(row));
    }
  }
  std::vector<const PipeRow*> narrow, seven;
  for (auto it = rows.begin(); it != first_seven; ++it) {
    if (it->values.size() <= 3) narrow.push_back(&*it);
  }
  for (const auto& row : table3_rows_read) seven.push_back(&row);
  std::vector<const PipeRow*> all;
  for (const auto& row : rows) all.push_back(&row);

  std::vector<std::string_view> replaced;
  std::vector<ExtractionNote> notes;
  for (const FormatVersion v : {FormatVersion::v2021, FormatVersion::v2019}) {
    if (short_of(report.table2, table2_rows(v).size()) &&
        read_rows(narrow, table2_rows(v), "table2", report.table2, cx.source, notes)) {
      replaced.push_back("table2");
    }
    if (short_of(report.table3, table3_rows(v).size()) &&
        read_rows(seven, table3_rows(v), "table3", report.table3, cx.source, notes)) {
      replaced.push_back("table3");
    }
  }
  if (short_of(report.table4, kTable4Groups.size()) && read_table4(all, report.table4, cx.source, notes)) {
    replaced.push_back("table4");
  }
  if (replaced.empty()) return false;

  // The pipe lines are the tables now: what the grammar made of them (stray rows, prose) goes.
  std::set<std::uint32_t> lines;
  for (const std::size_t offset : pipe_lines) lines.insert(cx.source.position(offset).line);
  std::erase_if(report.unplaced, [&](const Unplaced& u) { return lines.count(u.pos.line) > 0; });
  const auto drop_prose = [&](std::vector<Paragraph>& prose) {
    std::erase_if(prose, [&](const Paragraph& p) { return lines.count(p.pos.line) > 0; });
  };
  drop_prose(report.preamble);
  for (Section& s : report.sections) drop_prose(s.prose);
  for (const std::string_view table : replaced) {
    std::erase_if(report.altered_labels, [&](const LabelNote& l) { return in_table(l.key, table); });
    std::erase_if(report.extra_cells, [&](const Cell& c) { return in_table(c.key, table); });
    std::erase_if(report.duplicate_rows,
                  [&](const Row& r) { return !r.cells.empty() && in_table(r.cells.front().key, table); });
    std::erase_if(report.extraction_notes,
                  [&](const ExtractionNote& n) { return !n.keys.empty() && in_table(n.keys.front(), table); });
  }
  report.extraction_notes.insert(report.extraction_notes.end(), notes.begin(), notes.end());
  return true;
}

}  // namespace xxgk
