// A row as written, into a Row of the AST: its cells read, blank cells placed, split and run-together
// numbers rejoined by the row's arithmetic (X1) or left unresolved (X2).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <optional>
#include <sstream>

#include "src/lower/number.hpp"
#include "src/lower/run_together.hpp"
#include "src/lower/split_cells.hpp"
#include "src/lower/written_row.hpp"
#include "src/rules/findings.hpp"
#include "src/rules/relations.hpp"
#include "src/text.hpp"
#include "xxgk/deadline.hpp"

namespace xxgk {
namespace {

using RowCheck = ReadingCheck;

void parse_number(std::string_view raw, Cell& cell) {
  const WrittenNumber number = read_number(raw);
  cell.unit = std::string(number.unit);
  cell.value = number.value;
}

// The parts of a row that are its label as written: the label, its note, and the words of a label
// no rule knows (with what PDF text put after the row's numbers).
bool is_label_part(NodeKind kind) {
  return kind == NodeKind::label || kind == NodeKind::label_note || kind == NodeKind::table3_unrecognised_label ||
         kind == NodeKind::table3_label_continuation;
}

// Without evidence of where the blanks are, the row's rule decides: each placement is tried with
// the blank read as 0; the one that keeps the row's total is used (X1), else nothing is guessed and
// the row's cells are left unresolved (X2).
std::vector<WrittenCell> place_blanks_by_rule(const std::vector<WrittenCell>& written, std::size_t columns,
                                              RowCheck check, const std::string& key_prefix,
                                              std::span<const std::string_view> column_keys, LowerContext& cx) {
  auto [consistent, readings] = blank_placements_that_hold(written, columns, check);
  if (consistent.size() == 1) {
    note_readings("X1", written, readings, key_prefix, column_keys, cx);
    return consistent.front();
  }
  note_readings("X2", written, readings, key_prefix, column_keys, cx);
  // A cell that every reading the rule accepts puts the same way is known whichever reading is
  // right (the row's total, mostly); the cells they disagree on are left unresolved.
  std::vector<WrittenCell> cells;
  for (std::size_t c = 0; c < columns; ++c) {
    const bool agreed =
        !consistent.empty() &&
        std::all_of(consistent.begin(), consistent.end(), [&, &first = consistent.front()](const auto& p) {
          return p[c].state == first[c].state && p[c].raw == first[c].raw;  // (clang 14 captures no binding)
        });
    cells.push_back(agreed ? consistent.front()[c] : WrittenCell{CellState::unresolved, "", written.front().offset});
  }
  return cells;
}

// A row with fewer cells than columns left some blank. Where the text shows where (aligned
// columns, or an empty line among one-cell-a-line cells), the blanks go there; otherwise they
// stay at the end of the row, as before.
std::vector<WrittenCell> place_blanks(std::vector<WrittenCell> written, const std::vector<double>& cell_x,
                                      const std::vector<double>& column_x, std::size_t columns, RowCheck check,
                                      const std::string& key_prefix, std::span<const std::string_view> column_keys,
                                      LowerContext& cx) {
  if (written.empty() || written.size() >= columns) return written;
  const std::string_view text = cx.source.text();
  const auto blank_at = [&](std::size_t offset) { return WrittenCell{CellState::blank, "", offset}; };
  const bool measured = cell_x.size() == written.size();
  const std::vector<double>& centres = column_x.size() == columns ? column_x : cx.column_centers;
  if (centres.size() == columns && (measured || same_line(text, written.front().offset, written.back().offset))) {
    // Text browsers align columns across rows (pandoc, w3m) or only space cells alike within a row
    // (lynx): the gaps between the cells tell their columns.
    std::vector<double> x = cell_x;
    for (std::size_t i = 0; !measured && i < written.size(); ++i) {
      x.push_back(cx.display_x(written[i].offset) + static_cast<double>(code_point_count(written[i].raw)) / 2);
    }
    if (const auto placed_columns = columns_by_position(x, centres)) {
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
  if (consistent.empty())
    cx.report.extraction_notes.back().broken_rule = check == relations::table3_row_holds ? "A1" : "A5–A7";
  return fitted;
}

// PDF text in reading order sets a narrow table's numbers apart from their labels, each number its
// own paragraph (`0`, blank line, `2`, …), a wide number wrapped (`231 2931`, `2`), two columns'
// numbers on one line: a row the grammar gathers there may hold another row's numbers, in an order
// the text does not show. The sign is a blank line between two of the row's numbers. One cell a
// line (docx2txt) has blank lines only for its blank cells, as many as the row lacks, and the
// other cells line after line.
// An empty line in the gap: a paragraph's end (lines of other text between two cells, a repeated
// header past a page break in pdftotext -raw, are not one).
bool has_empty_line(std::string_view gap) {
  for (std::size_t nl = gap.find('\n'); nl != std::string_view::npos; nl = gap.find('\n', nl + 1)) {
    const std::size_t next = gap.find_first_not_of(" \t\r", nl + 1);
    if (next != std::string_view::npos && gap[next] == '\n') return true;
  }
  return false;
}

// A number that is a paragraph of its own: alone on its line, an empty line above and below.
bool alone_in_paragraph(std::string_view text, const WrittenCell& cell) {
  const auto blank = [](std::string_view s) { return s.find_first_not_of(" \t\r\f") == std::string_view::npos; };
  const std::size_t start = text.rfind('\n', cell.offset == 0 ? 0 : cell.offset - 1);
  const std::size_t end = std::min(text.find('\n', cell.offset), text.size());
  if (start == std::string_view::npos || end == text.size()) return false;
  const std::string_view before = text.substr(start + 1, cell.offset - start - 1);
  const std::string_view after = text.substr(cell.offset + cell.raw.size(), end - cell.offset - cell.raw.size());
  const std::size_t above = start == 0 ? std::string_view::npos : text.rfind('\n', start - 1);
  const std::size_t below = text.find('\n', end + 1);
  return blank(before) && blank(after) && above != std::string_view::npos &&
         blank(text.substr(above + 1, start - above - 1)) && below != std::string_view::npos &&
         blank(text.substr(end + 1, below - end - 1));
}

// Each number shares its line with the number before or after it.
bool in_lines(const std::vector<WrittenCell>& written, std::string_view text) {
  const auto line_with_next = [&](std::size_t i) { return same_line(text, written[i].offset, written[i + 1].offset); };
  for (std::size_t i = 0; i < written.size(); ++i) {
    if (!(i > 0 && line_with_next(i - 1)) && !(i + 1 < written.size() && line_with_next(i))) return false;
  }
  return written.size() > 1;
}

// `side_by_side`: two of the numbers share a line (two columns' cells, or one's wrapped halves).
bool set_apart(const std::vector<WrittenCell>& written, std::size_t columns, std::string_view text,
               bool& side_by_side) {
  std::size_t blank_lines = 0;
  side_by_side = false;
  bool line_after_line = false;
  for (std::size_t i = 0; i + 1 < written.size(); ++i) {
    const std::size_t end = written[i].offset + written[i].raw.size();
    if (written[i + 1].offset < end) return false;
    const std::string_view gap = text.substr(end, written[i + 1].offset - end);
    const auto breaks = std::count(gap.begin(), gap.end(), '\n');
    blank_lines += has_empty_line(gap) ? 1 : 0;
    side_by_side = side_by_side || breaks == 0;
    line_after_line = line_after_line || breaks == 1;
  }
  const bool one_cell_a_line = !side_by_side && line_after_line && written.size() + blank_lines == columns;
  // A row of one number that is a paragraph of its own: the rest of its numbers are elsewhere.
  if (written.size() == 1 && columns > 1) return alone_in_paragraph(text, written.front());
  return blank_lines > 0 && !one_cell_a_line;
}

// A row set apart in paragraphs is read in its order only when it has a number for every column,
// keeps its rule and its order is proven (below); otherwise nothing in the text proves which
// numbers are its: every cell is left unresolved (X2), and the note says the digits are not the
// row's (no reading of them is tried, and no rule is reported broken).
std::optional<std::vector<WrittenCell>> apart_cells(const std::vector<WrittenCell>& written, std::size_t columns,
                                                    RowCheck check, const std::string& key_prefix,
                                                    std::span<const std::string_view> column_keys, LowerContext& cx) {
  bool side_by_side = false;
  if (check == nullptr || !set_apart(written, columns, cx.source.text(), side_by_side)) return std::nullopt;
  std::vector<double> values;
  for (const WrittenCell& w : written) {
    if (w.state == CellState::number) values.push_back(number_value(w.raw));
  }
  const bool full = values.size() == columns && written.size() == columns;
  // Each number a paragraph of its own, in the row's order of columns. Two numbers on one line
  // show the text going across the columns of more than one row (`0 0`, `2 2` among table 四's
  // numbers): the order is then not the row's, and a rule that holds proves nothing.
  // Table 三's rows are checked again by its columns (A2, A3); table 四's line by nothing else.
  const bool order_shown = !side_by_side || check == relations::table3_row_holds;
  // Nor do paragraphs keep one row's numbers in the order of its columns: pdftotext prints a cell
  // set a little lower before the one to its left (`1 0 5 0 0 1 7` comes out `1 5 0 0 1 0 7`),
  // and a row's total holds in any order of the numbers before it. Their order is proven when
  // each number shares a line with another of the row's (a line is read left to right: a row cut
  // by a page break), or when every order reads alike: all the numbers before the last (the
  // total) equal.
  const bool any_order_alike =
      full && std::adjacent_find(values.begin(), values.end() - 1, std::not_equal_to<>()) == values.end() - 1;
  if ((any_order_alike || in_lines(written, cx.source.text())) && full && order_shown && check(values)) {
    return written;
  }
  // A full row that breaks its rule (the report's own error?) or whose order is not proven is left
  // to the table's columns (settle_by_column_sums), its only candidate the numbers in their order:
  // read only if the columns' sums hold with it and with no other reading of the open rows.
  std::vector<std::string> readings;
  if (full) {
    readings.emplace_back();
    std::vector<std::size_t> digit_offsets;  // where each cell stands, if the columns read it
    for (const WrittenCell& w : written) {
      readings.back() += (readings.back().empty() ? "" : " ") + w.raw;
      for (std::size_t i = 0; i < w.raw.size(); ++i) digit_offsets.push_back(w.offset + i);
    }
    cx.run_digit_offsets[key_prefix + std::string(column_keys.front())] = std::move(digit_offsets);
  }
  note_readings("X2", written, std::move(readings), key_prefix, column_keys, cx);
  cx.report.extraction_notes.back().apart = true;
  return std::vector<WrittenCell>(columns, WrittenCell{CellState::unresolved, "", written.front().offset});
}

}  // namespace

bool same_line(std::string_view text, std::size_t a, std::size_t b) {
  return text.substr(std::min(a, b), (a < b ? b - a : a - b)).find('\n') == std::string_view::npos;
}

bool is_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Placements blank_placements_that_hold(const std::vector<WrittenCell>& written, std::size_t columns,
                                      ReadingCheck check) {
  Placements out;
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
        values.push_back(numbers ? number_value(placed.back().raw) : 0);
        reading += (c ? " " : "") + placed.back().raw;
      } else {
        placed.push_back({CellState::blank, "", written.front().offset});
        values.push_back(0);
        reading += c ? " _" : "_";
      }
    }
    if (check != nullptr && numbers && check(values)) {
      out.cells.push_back(std::move(placed));
      out.readings.push_back(std::move(reading));
    }
  } while (std::next_permutation(filled.begin(), filled.end()));
  return out;
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

std::vector<WrittenCell> written_cells(const TreeNode& row, const LowerContext& cx) {
  std::vector<WrittenCell> cells;
  cells.reserve(row.children.size());
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

// Centre of each column, from rows that fill every column on one line: in text aligned by runs
// of spaces (pandoc, lynx, w3m) a short row's cells can then be put in their columns.
std::vector<double> column_centers_of(const std::vector<std::vector<WrittenCell>>& rows, std::size_t columns,
                                      LowerContext& cx) {
  const std::string_view text = cx.source.text();
  const auto full_row = [&](const std::vector<WrittenCell>& row) {
    return row.size() == columns && same_line(text, row.front().offset, row.back().offset);
  };
  // Cells set apart by single spaces (PDF text) are not aligned: their positions say nothing. The
  // gaps are counted first, so that such text costs no display column.
  std::size_t wide_gaps = 0, gaps = 0;
  for (const auto& row : rows) {
    if (!full_row(row)) continue;
    for (std::size_t c = 1; c < columns; ++c) {
      const std::size_t end = row[c - 1].offset + row[c - 1].raw.size();
      ++gaps;
      wide_gaps += row[c].offset - end >= 2 ? 1 : 0;
    }
  }
  if (wide_gaps * 2 < gaps) return {};
  std::vector<std::vector<double>> xs(columns);
  for (const auto& row : rows) {
    if (!full_row(row)) continue;
    for (std::size_t c = 0; c < columns; ++c) {
      xs[c].push_back(cx.display_x(row[c].offset) + static_cast<double>(code_point_count(row[c].raw)) / 2);
    }
  }
  std::vector<double> centers;
  for (auto& column : xs) {
    if (column.size() < 3) return {};  // too few full rows to trust
    std::nth_element(column.begin(), column.begin() + static_cast<long>(column.size() / 2), column.end());
    centers.push_back(column[column.size() / 2]);
  }
  return centers;
}

// Builds a row from its spec and the cells written (written_cells of the node, which the caller
// may already have); cells past the columns go to extra_cells.
WrittenRow written_row(const TreeNode& node, std::vector<WrittenCell> cells, const LowerContext& cx) {
  WrittenRow row;
  row.offset = cx.offset(node);
  row.label_end = row.offset;
  for (const auto& child : node.children) {
    if (!is_label_part(child->kind)) continue;
    row.label += without_whitespace(child->string_view());
    row.label_end = static_cast<std::size_t>(child->m_end.data - cx.source.text().data());
  }
  row.cells = std::move(cells);
  row.run_together = run_together_node(node, cx);
  return row;
}

Row make_row(std::string_view table, const RowSpec& spec, WrittenRow as_written, LowerContext& cx,
             std::string_view key_prefix) {
  poll_deadline();  // a table repeated thousands of times is thousands of rows to read
  Row row;
  row.key = std::string(spec.key);
  row.canonical_label = std::string(spec.label);
  row.written_label = std::move(as_written.label);
  row.pos = cx.position(as_written.offset);
  const std::string prefix = fmt_key_prefix(table, key_prefix.empty() ? spec.key : key_prefix);
  const RowCheck check = table == "table3" ? relations::table3_row_holds : nullptr;
  std::vector<WrittenCell> written;
  if (auto apart = apart_cells(as_written.cells, spec.columns.size(), check, prefix, spec.columns, cx)) {
    written = std::move(*apart);
  } else if (const auto run = run_together_of(as_written, spec.columns.size())) {
    written = read_pieces(*run, spec.columns.size(), check, prefix, spec.columns, cx);
  } else if (spaced_run_together(as_written.cells, spec.columns.size(), cx)) {
    written = read_pieces(as_written.cells, spec.columns.size(), check, prefix, spec.columns, cx);
  } else {
    auto blanks_placed = place_blanks(std::move(as_written.cells), as_written.cell_x, as_written.column_x,
                                      spec.columns.size(), check, prefix, spec.columns, cx);
    written = fit_cells(std::move(blanks_placed), spec.columns.size(), check, prefix, spec.columns, cx);
  }
  row.cells.reserve(spec.columns.size());
  const auto keys = key_prefix.empty() ? cell_keys(table, spec) : std::span<const std::string_view>{};
  for (std::size_t c = 0; c < spec.columns.size(); ++c) {
    Cell cell;
    cell.key = key_prefix.empty() ? keys[c] : intern_key({prefix, spec.columns[c]});
    if (c < written.size()) {
      cell.state = written[c].state;
      cell.raw = std::move(written[c].raw);
      cell.pos = cx.position(written[c].offset);
      if (cell.state == CellState::number) parse_number(cell.raw, cell);
    } else {
      // The row is there but says nothing in this column: a blank cell, not a missing one.
      cell.state = CellState::blank;
      cell.pos = cx.position(written.empty() ? as_written.label_end : written.back().offset);
    }
    row.cells.push_back(std::move(cell));
  }
  for (std::size_t c = spec.columns.size(); c < written.size(); ++c) {
    Cell extra;
    extra.key = intern_key({prefix, "extra"});
    extra.state = written[c].state;
    extra.raw = std::move(written[c].raw);
    extra.pos = cx.position(written[c].offset);
    cx.report.extra_cells.push_back(std::move(extra));
  }
  return row;
}

namespace {

// Table 四's line has no blank placed by columns or by empty lines: fewer plain-digit pieces than
// cells on one line, with digits enough for every cell (`0 20 2 4 10214 200 0 2`), are a run a
// crawler's stray spaces cut, read with the pieces as cells and blanks among its readings.
bool run_on_one_line(const std::vector<WrittenCell>& written, std::size_t columns, const LowerContext& cx) {
  if (written.empty() || written.size() >= columns) return false;
  std::size_t digits = 0;
  for (const WrittenCell& w : written) {
    if (w.state != CellState::number || !is_digits(w.raw)) return false;
    digits += w.raw.size();
  }
  return digits >= columns && same_line(cx.source.text(), written.front().offset, written.back().offset);
}

}  // namespace

std::vector<Cell> table4_cells(const TreeNode& node, std::span<const std::string_view> keys, LowerContext& cx) {
  const WrittenRow row = written_row(node, written_cells(node, cx), cx);
  auto cells_written = row.cells;
  const auto run = run_together_of(row, keys.size());
  const RowCheck check = relations::table4_line_holds;
  std::vector<WrittenCell> written;
  if (auto apart = apart_cells(cells_written, keys.size(), check, "table4.", keys, cx)) {
    written = std::move(*apart);
  } else if (run) {
    written = read_pieces(*run, keys.size(), check, "table4.", keys, cx);
  } else if (spaced_run_together(cells_written, keys.size(), cx) || run_on_one_line(cells_written, keys.size(), cx)) {
    written = read_pieces(cells_written, keys.size(), check, "table4.", keys, cx);
  } else {
    written = fit_cells(std::move(cells_written), keys.size(), check, "table4.", keys, cx);
  }
  std::vector<Cell> cells;
  for (const WrittenCell& w : written) {  // fewer than 15 when cut off: F6 says so
    Cell cell;
    cell.state = w.state;
    cell.raw = w.raw;
    cell.pos = cx.position(w.offset);
    if (cell.state == CellState::number) parse_number(cell.raw, cell);
    cells.push_back(std::move(cell));
  }
  return cells;
}

const TreeNode* label_child(const TreeNode& node) {
  return node.child(NodeKind::label);
}

void add_row(Table& table, Row row, LowerContext& cx) {
  const auto written = [](const Row& r) {
    return std::any_of(r.cells.begin(), r.cells.end(), [](const Cell& c) { return c.state != CellState::blank; });
  };
  if (const Row* found = table.row(row.key)) {
    Row* kept = &table.rows[static_cast<std::size_t>(found - table.rows.data())];
    // A label cut at a page break (`(六)其他` … `处理`) can read as a short row's label with no
    // cells; the row written in full takes its place, and the empty one is still reported (F7).
    if (!written(*kept) && written(row)) std::swap(*kept, row);
    cx.report.duplicate_rows.push_back(std::move(row));
    return;
  }
  table.rows.push_back(std::move(row));
}

std::string fmt_key_prefix(std::string_view table, std::string_view row) {
  std::string s;
  s.reserve(table.size() + row.size() + 2);  // one allocation: a row's key prefix is made for each row
  s += table;
  s += '.';
  s += row;
  s += '.';
  return s;
}

}  // namespace xxgk
