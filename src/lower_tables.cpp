// Lowering of the three tables: rows matched by their labels, cells keyed by the spec's keys.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <sstream>

#include "src/findings.hpp"
#include "src/lower.hpp"
#include "src/split_cells.hpp"
#include "src/text.hpp"
#include "xxgk/deadline.hpp"

namespace xxgk {
namespace {

// One cell as written, before it gets its key.
struct WrittenCell {
  CellState state = CellState::blank;
  std::string raw;
  std::size_t offset = 0;
};

void parse_number(std::string_view raw, Cell& cell) {
  std::size_t end = 0;
  while (end < raw.size() && (raw[end] == '-' || raw[end] == '.' || (raw[end] >= '0' && raw[end] <= '9'))) ++end;
  cell.unit = std::string(raw.substr(end));
  // As strtod reads it (0 when nothing is a number), without a copy to end it or the locale.
  double value = 0;
  const std::errc error = std::from_chars(raw.data(), raw.data() + end, value).ec;
  if (error == std::errc::result_out_of_range) {
    value = std::strtod(std::string(raw.substr(0, end)).c_str(), nullptr);  // ±HUGE_VAL or 0, as before
  } else if (error != std::errc()) {
    value = 0;
  }
  cell.value = value;
}

std::vector<WrittenCell> written_cells(const TreeNode& row, const LowerContext& cx) {
  std::vector<WrittenCell> cells;
  for (const auto& child : row.children) {
    const NodeKind kind = child->kind;
    const std::size_t offset = cx.offset(*child);
    if (kind == NodeKind::blank_cells) {
      // Each tab after the first opens an empty cell.
      const std::string_view s = child->string_view();
      bool first_tab = true;
      for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\t') continue;
        if (!first_tab) cells.push_back({CellState::blank, "", offset + i});
        first_tab = false;
      }
      continue;
    }
    CellState state;
    if (kind == NodeKind::cell_number) {
      state = CellState::number;
    } else if (kind == NodeKind::cell_dash) {
      state = CellState::dash;
    } else if (kind == NodeKind::cell_slash) {
      state = CellState::slash;
    } else if (kind == NodeKind::cell_none) {
      state = CellState::none;
    } else {
      continue;
    }
    cells.push_back({state, std::string(child->string_view()), offset});
  }
  return cells;
}

// The parts of a row that are its label as written: the label, its note, and the words of a label
// no rule knows (with what PDF text put after the row's numbers).
bool is_label_part(NodeKind kind) {
  return kind == NodeKind::label || kind == NodeKind::label_note || kind == NodeKind::table3_unrecognised_label ||
         kind == NodeKind::table3_label_continuation;
}

// The end of a row's label: where a blank cell of a row without any cells is said to be.
std::size_t label_end_offset(const TreeNode& row, const LowerContext& cx) {
  std::size_t end = cx.offset(row);
  for (const auto& child : row.children) {
    if (is_label_part(child->kind)) end = static_cast<std::size_t>(child->m_end.data - cx.source.text().data());
  }
  return end;
}

std::string written_label(const TreeNode& row) {
  std::string label;
  for (const auto& child : row.children) {
    if (is_label_part(child->kind)) label += without_whitespace(child->string_view());
  }
  return label;
}

bool same_line(std::string_view text, std::size_t a, std::size_t b) {
  return text.substr(std::min(a, b), (a < b ? b - a : a - b)).find('\n') == std::string_view::npos;
}

// Centre of each column, from rows that fill every column on one line: in text aligned by runs
// of spaces (pandoc, lynx, w3m) a short row's cells can then be put in their columns.
std::vector<double> column_centers_of(const std::vector<std::vector<WrittenCell>>& rows, std::size_t columns,
                                      LowerContext& cx) {
  const std::string_view text = cx.source.text();
  std::vector<std::vector<double>> xs(columns);
  std::size_t wide_gaps = 0, gaps = 0;
  for (const auto& row : rows) {
    if (row.size() != columns || !same_line(text, row.front().offset, row.back().offset)) continue;
    for (std::size_t c = 0; c < columns; ++c) {
      xs[c].push_back(cx.display_x(row[c].offset) + static_cast<double>(code_point_count(row[c].raw)) / 2);
      if (c > 0) {
        const std::size_t end = row[c - 1].offset + row[c - 1].raw.size();
        ++gaps;
        wide_gaps += row[c].offset - end >= 2 ? 1 : 0;
      }
    }
  }
  // Cells set apart by single spaces (PDF text) are not aligned: their positions say nothing.
  if (wide_gaps * 2 < gaps) return {};
  std::vector<double> centers;
  for (auto& column : xs) {
    if (column.size() < 3) return {};  // too few full rows to trust
    std::nth_element(column.begin(), column.begin() + static_cast<long>(column.size() / 2), column.end());
    centers.push_back(column[column.size() / 2]);
  }
  return centers;
}

using RowCheck = ReadingCheck;
void note_readings(std::string rule, const std::vector<WrittenCell>& written, std::vector<std::string> readings,
                   const std::string& key_prefix, std::span<const std::string_view> column_keys, LowerContext& cx);

// Without evidence of where the blanks are, the row's rule decides: each placement is tried with
// the blank read as 0; the one that keeps the row's total is used (X1), else nothing is guessed and
// the row's cells are left unresolved (X2).
std::vector<WrittenCell> place_blanks_by_rule(const std::vector<WrittenCell>& written, std::size_t columns,
                                              RowCheck check, const std::string& key_prefix,
                                              std::span<const std::string_view> column_keys, LowerContext& cx) {
  std::vector<std::vector<WrittenCell>> consistent;
  std::vector<std::string> readings;
  // Which columns hold the written cells: every choice of written.size() of them, in order.
  std::vector<bool> filled(columns, false);
  std::fill(filled.begin(), filled.begin() + static_cast<long>(written.size()), true);
  std::sort(filled.begin(), filled.end());
  do {
    std::vector<WrittenCell> placed;
    std::vector<double> values;
    std::string reading;
    bool numbers = true;
    for (std::size_t c = 0, w = 0; c < columns; ++c) {
      if (filled[c]) {
        placed.push_back(written[w++]);
        numbers = numbers && placed.back().state == CellState::number;
        values.push_back(numbers ? std::strtod(placed.back().raw.c_str(), nullptr) : 0);
        reading += (c ? " " : "") + placed.back().raw;
      } else {
        placed.push_back({CellState::blank, "", written.front().offset});
        values.push_back(0);
        reading += c ? " _" : "_";
      }
    }
    if (check != nullptr && numbers && check(values)) {
      consistent.push_back(std::move(placed));
      readings.push_back(std::move(reading));
    }
  } while (std::next_permutation(filled.begin(), filled.end()));
  if (consistent.size() == 1) {
    note_readings("X1", written, readings, key_prefix, column_keys, cx);
    return consistent.front();
  }
  note_readings("X2", written, readings, key_prefix, column_keys, cx);
  // A cell that every reading the rule accepts puts the same way is known whichever reading is
  // right (the row's total, mostly); the cells they disagree on are left unresolved.
  std::vector<WrittenCell> cells;
  for (std::size_t c = 0; c < columns; ++c) {
    const bool agreed = !consistent.empty() && std::all_of(consistent.begin(), consistent.end(), [&](const auto& p) {
      return p[c].state == consistent.front()[c].state && p[c].raw == consistent.front()[c].raw;
    });
    cells.push_back(agreed ? consistent.front()[c] : WrittenCell{CellState::unresolved, "", written.front().offset});
  }
  return cells;
}

// A row with fewer cells than columns left some blank. Where the text shows where (aligned
// columns, or an empty line among one-cell-a-line cells), the blanks go there; otherwise they
// stay at the end of the row, as before.
std::vector<WrittenCell> place_blanks(std::vector<WrittenCell> written, std::size_t columns, RowCheck check,
                                      const std::string& key_prefix, std::span<const std::string_view> column_keys,
                                      LowerContext& cx) {
  if (written.empty() || written.size() >= columns) return written;
  const std::string_view text = cx.source.text();
  const auto blank_at = [&](std::size_t offset) { return WrittenCell{CellState::blank, "", offset}; };
  if (cx.column_centers.size() == columns && same_line(text, written.front().offset, written.back().offset)) {
    // Text browsers align columns across rows (pandoc, w3m) or only space cells alike within a row
    // (lynx): the gaps between the cells tell their columns.
    std::vector<double> x;
    for (const auto& w : written) {
      x.push_back(cx.display_x(w.offset) + static_cast<double>(code_point_count(w.raw)) / 2);
    }
    if (const auto placed_columns = columns_by_position(x, cx.column_centers)) {
      std::vector<WrittenCell> placed(columns, blank_at(written.front().offset));
      for (std::size_t i = 0; i < written.size(); ++i) placed[(*placed_columns)[i]] = written[i];
      for (std::size_t c = 1; c < columns; ++c) {
        if (placed[c].state == CellState::blank) placed[c].offset = placed[c - 1].offset;
      }
      return placed;
    }
  }
  // One cell a line (docx2txt): an empty line between two cells is an empty cell.
  std::vector<std::size_t> empty_line_gaps;
  std::size_t single_line_gaps = 0;
  for (std::size_t i = 0; i + 1 < written.size(); ++i) {
    const std::size_t end = written[i].offset + written[i].raw.size();
    const std::string_view gap = text.substr(end, written[i + 1].offset - end);
    const auto breaks = std::count(gap.begin(), gap.end(), '\n');
    if (breaks == 1) ++single_line_gaps;
    if (breaks >= 2) empty_line_gaps.push_back(i);
  }
  if (single_line_gaps > 0 && empty_line_gaps.size() == columns - written.size()) {
    std::vector<WrittenCell> placed;
    for (std::size_t i = 0; i < written.size(); ++i) {
      placed.push_back(written[i]);
      if (std::find(empty_line_gaps.begin(), empty_line_gaps.end(), i) != empty_line_gaps.end()) {
        placed.push_back(blank_at(written[i].offset + written[i].raw.size() + 1));
      }
    }
    return placed;
  }
  // A tab-separated row has its blanks as cells already: nothing to place.
  if (std::any_of(written.begin(), written.end(), [](const WrittenCell& w) { return w.state == CellState::blank; })) {
    return written;
  }
  return place_blanks_by_rule(written, columns, check, key_prefix, column_keys, cx);
}

// Checks a reading of a row's numbers against the row's own arithmetic (A1 for table 三, A5–A7
// for table 四); tables without such a rule have none.
bool table4_totals_hold(const std::vector<double>& v) {
  for (std::size_t g = 0; g + 4 < v.size(); g += 5) {
    if (v[g] + v[g + 1] + v[g + 2] + v[g + 3] != v[g + 4]) return false;
  }
  return v.size() == kTable4Groups.size() * kTable4Columns.size();
}

bool is_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// More numbers than columns: extraction split some. Finds the readings the row's rule accepts;
// one → used, with an X1 note; several → the cells are left unresolved, with an X2 note. Never a
// silent change: the note shows the text and the reading.
std::vector<WrittenCell> fit_cells(std::vector<WrittenCell> written, std::size_t columns, RowCheck check,
                                   const std::string& key_prefix, std::span<const std::string_view> column_keys,
                                   LowerContext& cx) {
  if (written.size() <= columns) return written;
  std::vector<std::string> tokens;
  for (const auto& w : written) {
    if (w.state != CellState::number || !is_digits(w.raw)) return written;  // only plain digits split
    tokens.push_back(w.raw);
  }
  std::vector<Reading> consistent = readings_that_hold(tokens, columns, check);
  if (consistent.empty() && check == nullptr) return written;  // no rule to read by: extras are reported (F7)
  std::vector<std::string> readings;
  for (const auto& r : consistent) {
    std::string reading;
    for (std::size_t i = 0; i < r.numbers.size(); ++i) reading += (i ? " " : "") + r.numbers[i];
    readings.push_back(std::move(reading));
  }
  std::vector<WrittenCell> fitted;
  const bool resolved = consistent.size() == 1 && (check != nullptr || split_readings(tokens, columns).size() == 1);
  if (resolved) {
    const Reading& r = consistent.front();
    for (std::size_t i = 0; i < columns; ++i) {
      fitted.push_back({CellState::number, r.numbers[i], written[r.first_token[i]].offset});
    }
  } else {
    for (std::size_t i = 0; i < columns; ++i) fitted.push_back({CellState::unresolved, "", written[i].offset});
  }
  note_readings(resolved ? "X1" : "X2", written, std::move(readings), key_prefix, column_keys, cx);
  cx.report.extraction_notes.back().by_rule = check != nullptr;
  // No reading at all keeps the row's total: whatever the digits were, the row breaks its rule.
  if (consistent.empty()) cx.report.extraction_notes.back().broken_rule = check == row_total_holds ? "A1" : "A5–A7";
  return fitted;
}

void note_readings(std::string rule, const std::vector<WrittenCell>& written, std::vector<std::string> readings,
                   const std::string& key_prefix, std::span<const std::string_view> column_keys, LowerContext& cx) {
  ExtractionNote note;
  note.rule = std::move(rule);
  for (const auto column : column_keys) note.keys.push_back(key_prefix + std::string(column));
  for (std::size_t i = 0; i < written.size(); ++i) note.written += (i ? " " : "") + written[i].raw;
  note.readings = std::move(readings);
  note.pos = cx.source.position(written.front().offset);
  cx.report.extraction_notes.push_back(std::move(note));
}

// A run of digits whose cells ran together when whitespace was collapsed: the readings the
// row's rule accepts. One → used (X1); several, or no rule to decide → unresolved (X2); none →
// the row breaks its rule whatever the digits were.
std::vector<WrittenCell> read_run_together(const std::string& digits, std::size_t offset, std::size_t columns,
                                           RowCheck check, const std::string& key_prefix,
                                           std::span<const std::string_view> column_keys, LowerContext& cx) {
  const WrittenCell as_written{CellState::number, digits, offset};
  if (columns == 1) return {as_written};
  RunTogetherFits fits;
  if (digits.find('.') == std::string::npos) fits = run_together_fits(digits, columns, check);
  const bool complete = fits.complete;
  const std::vector<std::vector<std::string>>& consistent = fits.readings;
  std::vector<std::string> readings;
  for (const auto& r : consistent) {
    std::string text;
    for (std::size_t i = 0; i < r.size(); ++i) text += (i ? " " : "") + r[i];
    readings.push_back(std::move(text));
  }
  std::vector<WrittenCell> cells;
  // A search cut short proves nothing: neither that one reading is the only one nor that none fits.
  const bool resolved = complete && consistent.size() == 1;
  for (std::size_t c = 0; c < columns; ++c) {
    cells.push_back(resolved ? WrittenCell{CellState::number, consistent[0][c], offset}
                             : WrittenCell{CellState::unresolved, "", offset});
  }
  note_readings(resolved ? "X1" : "X2", {as_written}, std::move(readings), key_prefix, column_keys, cx);
  cx.report.extraction_notes.back().by_rule = check != nullptr;
  if (complete && consistent.empty() && check != nullptr) {
    cx.report.extraction_notes.back().broken_rule = check == row_total_holds ? "A1" : "A5–A7";
  }
  return cells;
}

// The digits of a row whose cells ran together: a run_together_cells node, or a single number
// with more digits than the row has columns and nothing else (it ended at a blank).
std::optional<WrittenCell> run_together_of(const TreeNode& node, const std::vector<WrittenCell>& written,
                                           std::size_t columns, const LowerContext& cx) {
  for (const auto& child : node.children) {
    if (child->kind == NodeKind::run_together_cells) {
      return WrittenCell{CellState::number, std::string(child->string_view()), cx.offset(*child)};
    }
  }
  if (columns > 1 && written.size() == 1 && is_digits(written[0].raw) && written[0].raw.size() >= columns) {
    return written[0];
  }
  return std::nullopt;
}

// Builds a row from its spec and the cells written (written_cells of the node, which the caller
// may already have); cells past the columns go to extra_cells.
Row make_row(std::string_view table, const RowSpec& spec, const TreeNode& node, std::vector<WrittenCell> written,
             LowerContext& cx, std::string_view key_prefix = {}) {
  poll_deadline();  // a table repeated thousands of times is thousands of rows to read
  Row row;
  row.key = std::string(spec.key);
  row.canonical_label = std::string(spec.label);
  row.written_label = written_label(node);
  row.pos = cx.pos(node);
  const std::string prefix = fmt_key_prefix(table, key_prefix.empty() ? spec.key : key_prefix);
  const RowCheck check = table == "table3" ? row_total_holds : nullptr;
  if (const auto run = run_together_of(node, written, spec.columns.size(), cx)) {
    written = read_run_together(run->raw, run->offset, spec.columns.size(), check, prefix, spec.columns, cx);
  } else {
    const auto blanks_placed = place_blanks(std::move(written), spec.columns.size(), check, prefix, spec.columns, cx);
    written = fit_cells(blanks_placed, spec.columns.size(), check, prefix, spec.columns, cx);
  }
  row.cells.reserve(spec.columns.size());
  for (std::size_t c = 0; c < spec.columns.size(); ++c) {
    Cell cell;
    cell.key.reserve(prefix.size() + spec.columns[c].size());
    cell.key.append(prefix).append(spec.columns[c]);
    if (c < written.size()) {
      cell.state = written[c].state;
      cell.raw = std::move(written[c].raw);
      cell.pos = cx.source.position(written[c].offset);
      if (cell.state == CellState::number) parse_number(cell.raw, cell);
    } else {
      // The row is there but says nothing in this column: a blank cell, not a missing one.
      cell.state = CellState::blank;
      cell.pos = cx.source.position(written.empty() ? label_end_offset(node, cx) : written.back().offset);
    }
    row.cells.push_back(std::move(cell));
  }
  for (std::size_t c = spec.columns.size(); c < written.size(); ++c) {
    Cell extra;
    extra.key = prefix + "extra";
    extra.state = written[c].state;
    extra.raw = std::move(written[c].raw);
    extra.pos = cx.source.position(written[c].offset);
    cx.report.extra_cells.push_back(std::move(extra));
  }
  return row;
}

const TreeNode* label_child(const TreeNode& node) {
  return node.child(NodeKind::label);
}

void add_row(Table& table, Row row, LowerContext& cx) {
  if (table.row(row.key) != nullptr) {
    cx.report.duplicate_rows.push_back(std::move(row));
    return;
  }
  table.rows.push_back(std::move(row));
}

// Checks that each expected column label appears in the header; a missing one is reported with
// the closest word written there (typos such as 本年度止件数 for 本年废止件数).
void check_header(std::string_view table, const TreeNode& header, std::span<const std::string_view> expected,
                  LowerContext& cx) {
  const std::string_view text = header.string_view();
  const std::string compact = without_whitespace(text);
  struct Word {
    std::string_view text;
    std::size_t offset;
  };
  std::vector<Word> words;
  for (std::size_t i = 0; i < text.size();) {
    const auto start = text.find_first_not_of(" \t\n", i);
    if (start == std::string_view::npos) break;
    auto end = text.find_first_of(" \t\n", start);
    if (end == std::string_view::npos) end = text.size();
    words.push_back({text.substr(start, end - start), start});
    i = end;
  }
  for (const auto expect : expected) {
    if (compact.find(expect) != std::string::npos) continue;
    const std::size_t length = code_point_count(expect);
    const Word* closest = nullptr;
    std::size_t best = std::string::npos;
    for (const auto& w : words) {
      // The distance is at least the difference in length: a word that cannot be closer, or
      // close enough to count below, is not compared.
      const std::size_t w_length = code_point_count(w.text);
      const std::size_t gap = w_length > length ? w_length - length : length - w_length;
      if (gap >= best || gap * 3 > length) continue;
      const auto d = edit_distance(w.text, expect);
      if (d < best) best = d, closest = &w;
    }
    // Not a typo of the label when too far from every word: then the label is just missing.
    if (closest != nullptr && best * 3 <= length) {
      cx.report.altered_labels.push_back({std::string(table) + ".header", std::string(closest->text),
                                          std::string(expect),
                                          cx.source.position(cx.offset(header) + closest->offset)});
    } else {
      cx.report.altered_labels.push_back({std::string(table) + ".header", "", std::string(expect), cx.pos(header)});
    }
  }
}

// True when the 2021 items of (六)其他处理 appear anywhere after `group` in the table.
bool other_items_follow(const TreeNode& table, const TreeNode& group) {
  bool after = false;
  for (const auto& child : table.children) {
    if (child.get() == &group) {
      after = true;
      continue;
    }
    if (!after) continue;
    const TreeNode* label = label_child(*child);
    if (label == nullptr) continue;
    if (label->label == LabelKey::t3_no_correction || label->label == LabelKey::t3_unpaid_fee ||
        label->label == LabelKey::t3_other_other) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string fmt_key_prefix(std::string_view table, std::string_view row) {
  std::string s(table);
  s += '.';
  s += row;
  s += '.';
  return s;
}

std::string strip_numbering(std::string_view label) {
  std::string s = without_whitespace(label);
  auto starts = [&](std::string_view p) { return s.substr(0, p.size()) == p; };
  if (starts("(")) {
    const auto close = s.find(')');
    if (close != std::string::npos && close <= 1 + 3 * 3) return s.substr(close + 1);
  }
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i > 0 && i < s.size() && (s[i] == '.' || s[i] == ',')) return s.substr(i + 1);
  if (i > 0 && s.compare(i, 3, "、") == 0) return s.substr(i + 3);
  // A Chinese numeral and 、 (each 3 bytes in UTF-8).
  if (s.size() > 6 && s.compare(3, 3, "、") == 0) return s.substr(6);
  return s;
}

void lower_table2(const TreeNode& node, LowerContext& cx) {
  cx.column_centers.clear();
  Table& table = cx.report.table2;
  if (!table.present) {
    table.present = true;
    table.pos = cx.pos(node);
  }
  // The version shows in the column headers (本年新制作数量, 上一年项目数量, 本年增/减 in 2019) and in
  // the rows only 2019 has; the keys of every row follow it.
  FormatVersion version = FormatVersion::v2021;
  for (const auto& child : node.children) {
    const TreeNode* label = label_child(*child);
    const bool row_of_2019 = child->kind == NodeKind::table2_row && label != nullptr &&
                             (label->label == LabelKey::t2_other_services || label->label == LabelKey::t2_procurement);
    const bool header_of_2019 = [&] {
      if (child->kind != NodeKind::table2_column_header) return false;
      const std::string text = without_whitespace(child->string_view());
      return text.find("新制作") != std::string::npos || text.find("上一年项目") != std::string::npos ||
             text.find("增/减") != std::string::npos;
    }();
    if (row_of_2019 || header_of_2019) version = FormatVersion::v2019;
  }
  cx.report.table2_version = version == FormatVersion::v2019 ? "2019" : "2021";
  const Table2Block* block = nullptr;
  for (const auto& child : node.children) {
    if (child->kind == NodeKind::table2_article_item) {
      const std::string item = without_whitespace(child->string_view());
      block = nullptr;
      for (const auto& b : table2_blocks(version)) {
        std::string needle = "(";
        needle += b.article;
        needle += ')';
        if (item.find(needle) != std::string::npos) block = &b;
      }
      continue;
    }
    if (child->kind == NodeKind::table2_column_header) {
      table.header += without_whitespace(child->string_view());
      if (block != nullptr) check_header("table2", *child, block->headers, cx);
      continue;
    }
    const TreeNode* label = label_child(*child);
    if (label == nullptr) continue;
    const RowSpec* spec = find_row(table2_rows(version), label->label);
    if (spec == nullptr) continue;
    add_row(table, make_row("table2", *spec, *child, written_cells(*child, cx), cx), cx);
  }
}

namespace {

bool part_of_a_table3_label(const std::string& piece) {
  if (piece.empty()) return false;
  for (const auto& spec : table3_rows())
    if (spec.label.find(piece) != std::string_view::npos) return true;
  for (const auto& g : table3_groups())
    if (g.label.find(piece) != std::string_view::npos) return true;
  return false;
}

// PDF text of a row at the foot of a page whose wide numbers wrapped in their cells: the rest of
// the digits (`2 1`) come after the page break and the repeated header, behind the rest of a
// label (`度办理结果`). When the last row read does not balance, and exactly one reading of its
// numbers followed by these keeps its total, that reading is used (X1); otherwise nothing is.
bool rejoin_after_page_break(Table& table, const TreeNode& fragment_row, LowerContext& cx) {
  const auto pieces = written_cells(fragment_row, cx);
  if (table.rows.empty() || pieces.empty() || pieces.size() > 3) return false;
  Row& last = table.rows.back();
  std::vector<std::string> tokens;
  std::vector<double> values;
  for (const Cell& c : last.cells) {
    if (c.state != CellState::number) return false;
    tokens.push_back(c.raw);
    values.push_back(c.value.value_or(0));
  }
  if (tokens.size() != kTable3Columns.size() || row_total_holds(values)) return false;
  for (const auto& p : pieces) {
    if (p.state != CellState::number) return false;
    tokens.push_back(p.raw);
  }
  const auto fits = readings_that_hold(tokens, kTable3Columns.size(), row_total_holds);
  if (fits.size() != 1) return false;
  ExtractionNote note;
  note.rule = "X1";
  for (std::size_t c = 0; c < last.cells.size(); ++c) {
    note.keys.push_back(last.cells[c].key);
    last.cells[c].raw = fits.front().numbers[c];
    last.cells[c].value = std::strtod(last.cells[c].raw.c_str(), nullptr);
  }
  std::string reading;
  for (const auto& t : tokens) note.written += (note.written.empty() ? "" : " ") + t;
  for (const auto& n : fits.front().numbers) reading += (reading.empty() ? "" : " ") + n;
  note.readings = {std::move(reading)};
  note.pos = last.pos;
  cx.report.extraction_notes.push_back(std::move(note));
  return true;
}

}  // namespace

void lower_table3(const TreeNode& node, LowerContext& cx) {
  Table& table = cx.report.table3;
  if (!table.present) {
    table.present = true;
    table.pos = cx.pos(node);
  }
  std::vector<std::vector<WrittenCell>> all_rows;
  for (const auto& child : node.children) all_rows.push_back(written_cells(*child, cx));
  cx.column_centers = column_centers_of(all_rows, kTable3Columns.size(), cx);
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    const auto& child = node.children[i];
    const std::vector<WrittenCell>& written = all_rows[i];
    const NodeKind kind = child->kind;
    if (kind == NodeKind::table3_header) {
      table.header += without_whitespace(child->string_view());
      std::vector<std::string_view> expected(kTable3ColumnLabels.begin(), kTable3ColumnLabels.end());
      expected.insert(expected.begin() + 1, "法人或其他组织");
      check_header("table3", *child, expected, cx);
      continue;
    }
    if (kind == NodeKind::table3_row) {
      const TreeNode* label = label_child(*child);
      const RowSpec* spec = label ? find_row(table3_rows(), label->label) : nullptr;
      if (spec == nullptr) continue;
      Row row = make_row("table3", *spec, *child, written, cx);
      // A variant wording the grammar knows (grammar/table3.hpp): read as its row, reported (F4).
      if (label->wording != Wording::regulated) {
        cx.report.altered_labels.push_back(
            {"table3." + row.key, strip_numbering(row.written_label), strip_numbering(spec->label), row.pos});
      }
      // The (二) label carries a fixed note; a changed note is an altered label. (Only labels with
      // a parenthesis can carry one: the others are not stripped and compared.)
      if (spec->label.find('(') != std::string_view::npos) {
        const std::string canonical = strip_numbering(spec->label);
        const std::string written_label = strip_numbering(row.written_label);
        if (canonical.find('(') != std::string::npos && written_label.find('(') != std::string::npos &&
            written_label != canonical) {
          cx.report.altered_labels.push_back({"table3." + row.key, written_label, canonical, row.pos});
        }
      }
      add_row(table, std::move(row), cx);
      continue;
    }
    if (kind == NodeKind::table3_group) {
      const TreeNode* label = label_child(*child);
      if (label == nullptr || written.empty()) continue;
      if (const GroupSpec* group = find_group(label->label)) {
        const GroupSpec& g = *group;
        // Numbers on (六)其他处理: the 2019 format's data row `other`, unless 2021 items follow.
        if (g.key == "other" && !other_items_follow(node, *child)) {
          add_row(table, make_row("table3", *find_row(table3_rows(FormatVersion::v2019), "other"), *child, written, cx),
                  cx);
          continue;
        }
        const RowSpec subtotal{g.key, g.label, g.label_key, kTable3Columns, 1, ""};
        cx.report.table3_subtotals.push_back(
            make_row("table3", subtotal, *child, written, cx, std::string(g.key) + ".subtotal"));
      }
      continue;
    }
    if (kind == NodeKind::table3_label_fragment) {
      // A piece of a label is fine where it is part of one; anything else is text out of place.
      const std::string piece = without_whitespace(child->string_view());
      if (!part_of_a_table3_label(piece)) cx.report.unplaced.push_back({"text inside table 三", piece, cx.pos(*child)});
      continue;
    }
    if (kind == NodeKind::table3_unrecognised_row) {
      std::string label_text;
      for (const auto& c : child->children) {
        if (c->kind == NodeKind::table3_unrecognised_label || c->kind == NodeKind::table3_label_continuation) {
          label_text += without_whitespace(c->string_view());
        }
      }
      const std::string written_label = strip_numbering(label_text);
      const RowSpec* best = nullptr;
      std::size_t best_distance = std::string::npos;
      for (const auto& spec : table3_rows()) {
        std::string canonical = strip_numbering(spec.label);
        if (const auto paren = canonical.find('('); paren != std::string::npos && paren > 0) canonical.resize(paren);
        std::string compared = written_label;
        if (const auto paren = compared.find('('); paren != std::string::npos && paren > 0) compared.resize(paren);
        const auto d = edit_distance(compared, canonical);
        if (d < best_distance) best_distance = d, best = &spec;
      }
      const std::size_t length = best ? code_points(strip_numbering(best->label)).size() : 0;
      if (part_of_a_table3_label(label_text) && rejoin_after_page_break(table, *child, cx)) continue;
      if (best != nullptr && best_distance * 4 <= length && table.row(best->key) == nullptr) {
        Row row = make_row("table3", *best, *child, written, cx);
        cx.report.altered_labels.push_back({"table3." + row.key, written_label, strip_numbering(best->label), row.pos});
        add_row(table, std::move(row), cx);
      } else {
        cx.report.unplaced.push_back(
            {"table3 row with an unknown label", without_whitespace(child->string_view()), cx.pos(*child)});
      }
    }
  }
}

void lower_table4(const TreeNode& node, LowerContext& cx) {
  cx.column_centers.clear();
  Table& table = cx.report.table4;
  if (table.present) {
    cx.report.unplaced.push_back(
        {"a second table of 四", without_whitespace(node.string_view()).substr(0, 60), cx.pos(node)});
    return;
  }
  table.present = true;
  table.pos = cx.pos(node);
  std::vector<std::string_view> expected = {"行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"};
  expected.insert(expected.end(), kTable4ColumnLabels.begin(), kTable4ColumnLabels.end());
  for (const auto& child : node.children) {
    if (child->kind == NodeKind::table4_header) {
      table.header = without_whitespace(child->string_view());
      check_header("table4", *child, expected, cx);
    }
  }
  // One data row of 15 cells, keyed group by group.
  std::vector<std::string> keys;
  for (const auto group : kTable4Groups) {
    for (const auto column : kTable4Columns) keys.push_back(std::string(group) + "." + std::string(column));
  }
  std::vector<std::string_view> key_views(keys.begin(), keys.end());
  auto cells_written = written_cells(node, cx);
  const auto run = run_together_of(node, cells_written, keys.size(), cx);
  const auto written =
      run ? read_run_together(run->raw, run->offset, keys.size(), table4_totals_hold, "table4.", key_views, cx)
          : fit_cells(std::move(cells_written), keys.size(), table4_totals_hold, "table4.", key_views, cx);
  std::vector<Cell> cells;
  for (const WrittenCell& w : written) {  // fewer than 15 when cut off: F6 says so
    Cell cell;
    cell.state = w.state;
    cell.raw = w.raw;
    cell.pos = cx.source.position(w.offset);
    if (cell.state == CellState::number) parse_number(cell.raw, cell);
    cells.push_back(std::move(cell));
  }
  table.rows = table4_rows(std::move(cells));
}

std::vector<Row> table4_rows(std::vector<Cell> cells) {
  std::vector<Row> rows;
  std::size_t i = 0;
  for (const auto group : kTable4Groups) {
    Row row;
    row.key = std::string(group);
    row.canonical_label = std::string(group);
    for (const auto column : kTable4Columns) {
      if (i >= cells.size()) break;
      cells[i].key = fmt_key_prefix("table4", group) + std::string(column);
      row.cells.push_back(std::move(cells[i++]));
    }
    if (row.cells.empty()) break;
    row.pos = row.cells.front().pos;
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

// A cell's number for deriving another from the table's sums: as in arithmetic, but a blank reads
// as 0, as it does when a blank is placed by a row's total.
std::optional<double> known_value(const Cell* cell) {
  if (cell != nullptr && cell->state == CellState::blank) return 0.0;
  return arithmetic_value(cell);
}

// What the table's column rules say a row's cell in `column` must be, from the other rows:
// A2 (the result leaves add up to (七)总计) and A3 (新收 + 上年结转 = 总计 + 结转下年度).
std::optional<double> derived_value(const Table& t, std::span<const std::string_view> leaves, std::string_view row,
                                    std::string_view column) {
  const auto value = [&](std::string_view r) { return known_value(t.cell(r, column)); };
  const bool is_leaf = std::find(leaves.begin(), leaves.end(), row) != leaves.end();
  if (is_leaf || row == "total") {
    double others = 0;
    bool known = true;
    for (const auto leaf : leaves) {
      if (leaf == row) continue;
      const auto v = value(leaf);
      known = known && v.has_value();
      others += v.value_or(0);
    }
    if (known && row == "total") return others;
    if (const auto total = value("total"); known && total) return *total - others;
  }
  const auto n = value("new_received"), o = value("carried_over"), s = value("total"), f = value("carried_forward");
  if (row == "new_received" && o && s && f) return *s + *f - *o;
  if (row == "carried_over" && n && s && f) return *s + *f - *n;
  if (row == "carried_forward" && n && o && s) return *n + *o - *s;
  if (row == "total" && n && o && f) return *n + *o - *f;
  return std::nullopt;
}

}  // namespace

void settle_by_column_sums(Report& report) {
  Table& t = report.table3;
  const auto leaves = table3_result_leaves(t.row("other") ? FormatVersion::v2019 : FormatVersion::v2021);
  for (ExtractionNote& note : report.extraction_notes) {
    if (note.rule != "X2" || note.readings.empty() || note.keys.size() != kTable3Columns.size()) continue;
    Row* row = nullptr;
    for (Row& r : t.rows) {
      if (!r.cells.empty() && r.cells.front().key == note.keys.front()) row = &r;
    }
    if (row == nullptr || row->cells.size() != kTable3Columns.size()) continue;
    // Keep the readings whose cells agree with every value the other rows' sums derive.
    std::vector<std::vector<std::string>> kept;
    std::vector<std::string> kept_text;
    for (const std::string& reading : note.readings) {
      std::vector<std::string> cells;
      std::istringstream in(reading);
      for (std::string token; in >> token;) cells.push_back(token == "_" ? "" : token);
      if (cells.size() != kTable3Columns.size()) continue;
      bool fits = true;
      for (std::size_t c = 0; c < cells.size() && fits; ++c) {
        if (row->cells[c].state != CellState::unresolved) continue;
        const auto expected = derived_value(t, leaves, row->key, kTable3Columns[c]);
        const double written = cells[c].empty() ? 0 : std::strtod(cells[c].c_str(), nullptr);
        fits = !expected || std::abs(*expected - written) < 1e-9;
      }
      if (fits) kept.push_back(std::move(cells)), kept_text.push_back(reading);
    }
    if (kept.empty() || kept.size() == note.readings.size()) continue;
    // The cells every remaining reading fills alike are read; one reading left settles the row.
    for (std::size_t c = 0; c < kTable3Columns.size(); ++c) {
      Cell& cell = row->cells[c];
      const bool agreed = std::all_of(kept.begin(), kept.end(), [&](const auto& k) { return k[c] == kept[0][c]; });
      if (cell.state != CellState::unresolved || !agreed) continue;
      cell.raw = kept[0][c];
      cell.state = cell.raw.empty() ? CellState::blank : CellState::number;
      if (!cell.raw.empty()) cell.value = std::strtod(cell.raw.c_str(), nullptr);
    }
    note.readings = std::move(kept_text);
    if (note.readings.size() == 1) note.rule = "X1";
  }
}

}  // namespace xxgk
