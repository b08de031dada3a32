// Rows whose cells a crawler ran together when it collapsed whitespace (`350000035`, `30 0 0 0 03`):
// the readings of their digits that the row's rule accepts; one → read (X1), several → open (X2).
#include "src/lower/run_together.hpp"

#include <algorithm>

#include "src/lower/block_table.hpp"
#include "src/rules/relations.hpp"
#include "src/text.hpp"

namespace xxgk {
namespace {

// The digits of a row whose cells ran together, each with its offset in the text: a cell read out
// of them stands at its first digit.
struct DigitRun {
  std::string digits;
  std::vector<std::size_t> offsets;  // one a byte of digits
};

DigitRun digit_run(const std::vector<WrittenCell>& written) {
  DigitRun run;
  for (const WrittenCell& w : written) {
    run.digits += w.raw;
    for (std::size_t i = 0; i < w.raw.size(); ++i) run.offsets.push_back(w.offset + i);
  }
  return run;
}

std::string joined(const std::vector<std::string>& numbers) {
  std::string text;
  for (std::size_t i = 0; i < numbers.size(); ++i) text += (i ? " " : "") + numbers[i];
  return text;
}

// The readings of a run that breaks its row's rule under every reading. Table 四's line has three
// rules (A5–A7, one a group): when exactly one of them, left out, lets readings keep the other
// two, that one is broken whatever the digits, and the readings that keep the others are used
// (`rule` names it). Otherwise, or for a row of one rule, the digits alone: their one reading
// when they have only one (`0000002`: 0 0 0 0 0 0 2), else none.
struct Broken {
  std::string rule;
  std::vector<std::vector<std::string>> readings;
};
Broken readings_past_a_broken_rule(const std::string& digits, std::size_t columns, ReadingCheck check) {
  Broken out;
  if (check == relations::table4_line_holds) {
    constexpr ReadingCheck others[] = {relations::table4_line_holds_but<0>, relations::table4_line_holds_but<1>,
                                       relations::table4_line_holds_but<2>};
    constexpr std::string_view rules[] = {"A5", "A6", "A7"};
    for (std::size_t g = 0; g < 3; ++g) {
      RunTogetherFits fits = run_together_fits(digits, columns, others[g]);
      if (!fits.complete) return {};
      if (fits.readings.empty()) continue;
      if (!out.rule.empty()) return {};  // two rules could be the broken one: nothing shows which
      out.rule = std::string(rules[g]);
      out.readings = std::move(fits.readings);
    }
    if (!out.rule.empty()) return out;
  }
  RunTogetherFits all = run_together_fits(digits, columns, nullptr);
  if (all.complete && all.readings.size() == 1) out.readings = std::move(all.readings);
  return out;
}

// A run of digits whose cells ran together when whitespace was collapsed: the readings the
// row's rule accepts, and, when `placements` are given, the cells as written with blanks placed
// that it accepts too (a crawler's spaces may stand between cells or not: both are readings).
// One in all → used (X1); several, or no rule to decide → unresolved (X2); none → the row breaks
// its rule whatever the digits were.
std::vector<WrittenCell> read_run_together(const DigitRun& run, std::size_t columns, ReadingCheck check,
                                           const std::string& key_prefix, std::span<const std::string_view> column_keys,
                                           LowerContext& cx, const std::vector<WrittenCell>& written,
                                           const Placements& placements = {}) {
  const std::size_t offset = run.offsets.front();
  if (columns == 1) return {WrittenCell{CellState::number, run.digits, offset}};
  const RunTogetherFits fits = run.digits.find('.') == std::string::npos ? run_together_fits(run.digits, columns, check)
                                                                         : decimal_run_fits(run.digits, columns, check);
  const bool complete = fits.complete;
  const std::vector<std::vector<std::string>>& consistent = fits.readings;
  std::vector<std::string> readings;
  for (const auto& r : consistent) {
    std::string text;
    for (std::size_t i = 0; i < r.size(); ++i) text += (i ? " " : "") + r[i];
    readings.push_back(std::move(text));
  }
  readings.insert(readings.end(), placements.readings.begin(), placements.readings.end());
  // No reading fills every cell: with a cell left empty on the page (a blank, read as 0) one may
  // keep the rule. Which cell is empty the digits do not show: the row is left open (X2), not
  // reported as breaking its rule.
  if (complete && readings.empty() && check != nullptr && columns > 2 && run.digits.find('.') == std::string::npos) {
    add_readings_with_a_blank(run.digits, columns, check, readings);
  }
  const bool no_reading = readings.empty();
  // Fewer digits than cells: some cells are blank, and the row may keep its rule; nothing shows which.
  const bool digits_enough = static_cast<std::size_t>(std::count_if(run.digits.begin(), run.digits.end(), [](char c) {
                               return c >= '0' && c <= '9';
                             })) >= columns;
  const bool broken = complete && no_reading && check != nullptr && digits_enough;
  // The rule is broken whatever the digits: the readings the rest of the arithmetic accepts.
  Broken without = broken ? readings_past_a_broken_rule(run.digits, columns, check) : Broken{};
  const std::vector<std::vector<std::string>>& taken = broken ? without.readings : consistent;
  if (broken) {
    for (const auto& r : taken) readings.push_back(joined(r));
  }
  std::vector<WrittenCell> cells;
  // A search cut short proves nothing: neither that one reading is the only one nor that none fits.
  const bool resolved = complete && taken.size() + placements.cells.size() == 1;
  if (resolved && !placements.cells.empty()) {
    cells = placements.cells.front();
  } else {
    for (std::size_t c = 0; c < columns; ++c) {
      // A cell every reading fills alike is read, where it stands in the run.
      const bool agreed = complete && placements.cells.empty() && !taken.empty() &&
                          std::all_of(taken.begin(), taken.end(), [&](const auto& r) { return r[c] == taken[0][c]; });
      std::size_t start = 0;
      for (std::size_t before = 0; agreed && before < c; ++before) start += taken[0][before].size();
      cells.push_back(agreed ? WrittenCell{CellState::number, taken[0][c], run.offsets[start]}
                             : WrittenCell{CellState::unresolved, "", offset});
    }
  }
  note_readings(resolved ? "X1" : "X2", written, std::move(readings), key_prefix, column_keys, cx);
  ExtractionNote& note = cx.report.extraction_notes.back();
  note.by_rule = check != nullptr && !(broken && without.rule.empty());
  if (!resolved && !column_keys.empty())
    cx.run_digit_offsets[key_prefix + std::string(column_keys.front())] = run.offsets;
  // A rule broken whatever the digits is reported here when its cells stay open; read, the cells
  // show it to the checks.
  if (broken && !resolved) {
    note.broken_rule = !without.rule.empty() ? without.rule : check == relations::table3_row_holds ? "A1" : "A5–A7";
  }
  return cells;
}

}  // namespace

// Cells a crawler ran together with a space here and there (`2100000 21`, `1 0 00 0 0 1`): plain
// digits on one line, fewer cells than columns, and either a cell no table writes (`00`) or
// digits enough for every column. The spaces may or may not stand between cells. Text whose
// columns are known (aligned by runs of spaces) places its blank cells by them instead.
bool spaced_run_together(const std::vector<WrittenCell>& written, std::size_t columns, const LowerContext& cx) {
  if (written.empty() || written.size() >= columns || columns < 2) return false;
  std::size_t digits = 0;
  bool zero_led = false;
  for (const WrittenCell& w : written) {
    if (w.state != CellState::number || !is_digits(w.raw)) return false;
    digits += w.raw.size();
    zero_led = zero_led || (w.raw.size() > 1 && w.raw[0] == '0');
  }
  // Pieces that are numbers as they stand, nearly one a column (`7 5 0 0 0 12`), are a row with a
  // blank cell, placed by the columns or by the row's total; a run cut by stray spaces leaves
  // few pieces (`2100000 21`) or pieces no table writes (`00`).
  if (!zero_led && (cx.column_centers.size() == columns || written.size() * 2 > columns)) return false;
  if (!(zero_led || digits >= columns) || !same_line(cx.source.text(), written.front().offset, written.back().offset)) {
    return false;
  }
  // Text whose table 三 sets numbers apart in paragraphs of their own (pdftotext without options)
  // was not collapsed: a row's first numbers beside its label (`类过程性 11389 14`) are cells as
  // they stand, the rest of the row in the paragraphs below, not a run of seven one-digit cells.
  return !numbers_set_apart(cx.table3_begin, cx.table3_end, cx);
}

// The digits of a row whose cells ran together: a run_together_cells node, each space-separated
// piece a written cell (a space may stand between two cells, or not).
std::optional<std::vector<WrittenCell>> run_together_node(const TreeNode& node, const LowerContext& cx) {
  for (const auto& child : node.children) {
    if (child->kind != NodeKind::run_together_cells) continue;
    const std::string_view run = child->string_view();
    std::vector<WrittenCell> pieces;
    for (std::size_t i = 0; i < run.size();) {
      if (run[i] == ' ' || run[i] == '\t' || run[i] == '\f') {
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < run.size() && run[end] != ' ' && run[end] != '\t' && run[end] != '\f') ++end;
      pieces.push_back({CellState::number, std::string(run.substr(i, end - i)), cx.offset(*child) + i});
      i = end;
    }
    return pieces;
  }
  return std::nullopt;
}

// The digits of a row whose cells ran together as a reader found them, or a single number with
// more digits than the row has columns and nothing else (it ended at a blank).
std::optional<std::vector<WrittenCell>> run_together_of(const WrittenRow& row, std::size_t columns) {
  if (row.run_together) return row.run_together;
  const auto& written = row.cells;
  if (columns > 1 && written.size() == 1 && is_digits(written[0].raw) && written[0].raw.size() >= columns) {
    return written;
  }
  return std::nullopt;
}

std::vector<WrittenCell> read_pieces(const std::vector<WrittenCell>& pieces, std::size_t columns, ReadingCheck check,
                                     const std::string& key_prefix, std::span<const std::string_view> column_keys,
                                     LowerContext& cx) {
  // Pieces as cells only when each is a number as a table writes it (`000000` is no cell).
  const bool may_have_blanks = pieces.size() > 1 && pieces.size() < columns &&
                               std::all_of(pieces.begin(), pieces.end(), [](const WrittenCell& w) {
                                 return is_digits(w.raw) && (w.raw.size() == 1 || w.raw[0] != '0');
                               });
  const Placements placements = may_have_blanks ? blank_placements_that_hold(pieces, columns, check) : Placements{};
  // A unit after the run (`547.9659万元`) is the last cell's.
  std::vector<WrittenCell> numbers = pieces;
  std::string& last = numbers.back().raw;
  const std::size_t unit_at = last.find_first_not_of("0123456789.");
  const std::string unit = unit_at == std::string::npos ? "" : trim(std::string_view(last).substr(unit_at));
  if (unit_at != std::string::npos) last.resize(unit_at);
  auto cells = read_run_together(digit_run(numbers), columns, check, key_prefix, column_keys, cx, pieces, placements);
  if (!unit.empty() && cells.back().state == CellState::number) cells.back().raw += unit;
  return cells;
}

}  // namespace xxgk
