// Table 三's rows read together (issue #15): a row whose cells ran together has several readings
// its own total (A1) accepts, or too many to list (a row of wide numbers: 新收, 总计); the table's
// column relations tie the rows to each other, A2 (the result rows add up to (七)总计) and A3
// (新收 + 上年结转 = 总计 + 结转下年度), column by column. Every choice of one listed reading a
// row is tried; a row whose readings were too many to list is derived from the others, cell by
// cell, by the relations, and kept only when the derived numbers are its digits. The cells that
// every choice keeping all the relations fills alike are read (X1); the others stay open (X2).
//
// A report with an error breaks a relation, and then no choice keeps them all. A relation is only
// used to read cells when some choice keeps it: when exactly one relation, left out, lets choices
// keep all the others, it is broken whatever the digits, and the table is read by the others (the
// error is then reported on the cells read). When several could be the broken one, nothing is read.
#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>

#include "src/lower/lower.hpp"
#include "src/lower/number.hpp"
#include "src/lower/split_cells.hpp"
#include "src/rules/findings.hpp"
#include "src/rules/relations.hpp"
#include "xxgk/deadline.hpp"

namespace xxgk {
namespace {

constexpr std::size_t kColumns = kTable3Columns.size();
// How many choices one search tries at most: beyond, the rows are left as their own totals read them.
constexpr std::size_t kMaxChoices = std::size_t{1} << 15;
// A row whose readings were too many to list is listed when the relations cannot derive it and its
// digits have at most this many readings (its total then keeps few of them).
constexpr std::size_t kMaxListedReadings = 200000;
constexpr std::size_t kMaxKeptReadings = 64;

// One reading of a row: each cell as written ("" a blank) and its value (a blank as 0, as a blank
// placed by a row's total reads).
struct Candidate {
  std::vector<std::string> raw;
  std::vector<double> values;
};

// A row of the table as a variable of the search.
struct RowVar {
  Row* row = nullptr;
  ExtractionNote* note = nullptr;
  std::vector<Candidate> candidates;  // the readings listed (one for a row read whole)
  std::string digits;                 // a row whose readings were too many to list: its digits
  bool open = false;                  // readings not listed: any reading of `digits` its total keeps
  bool unknown = false;               // nothing to read it by: relations with it are not used
  // Numbers set apart from the row in the text, in its order of columns but breaking its total:
  // the one candidate, taken only when every relation of the table holds with it.
  bool unproved = false;
};

// A relation in one column: the rows added minus the rows taken away make 0.
struct Relation {
  std::string rule;
  std::size_t column;
  std::vector<std::size_t> plus, minus;  // indexes of RowVar
};

std::optional<double> cell_value(const Cell& cell) {
  if (cell.state == CellState::blank) return 0.0;
  return arithmetic_value(&cell);
}

ExtractionNote* note_of(const Row& row, Report& report) {
  if (row.cells.empty()) return nullptr;
  for (ExtractionNote& note : report.extraction_notes) {
    if (note.keys.size() == kColumns && note.keys.front() == row.cells.front().key) return &note;
  }
  return nullptr;
}

bool digits_only(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Candidate candidate_of(const std::vector<std::string>& raw) {
  Candidate c{raw, {}};
  for (auto& r : c.raw) {
    if (r == "_") r.clear();
    c.values.push_back(r.empty() ? 0 : number_value(r));
  }
  return c;
}

// Every reading of `digits` as a row (with `check`), when they are few enough to list.
bool list_readings(RowVar& v, ReadingCheck check, std::size_t bound) {
  const RunTogetherFits fits = run_together_fits(v.digits, kColumns, check, kMaxCellDigits, bound);
  if (!fits.complete || fits.readings.size() > kMaxKeptReadings) return false;
  v.candidates.clear();
  for (const auto& r : fits.readings) v.candidates.push_back(candidate_of(r));
  v.open = false;
  v.unknown = false;
  return true;
}

RowVar variable_of(std::string_view key, Report& report) {
  RowVar v;
  for (Row& r : report.table3.rows) {
    if (r.key == key) v.row = &r;
  }
  if (v.row == nullptr || v.row->cells.size() != kColumns) {
    v.unknown = true;
    return v;
  }
  Candidate as_read;
  bool open_cells = false;
  for (const Cell& cell : v.row->cells) {
    const auto value = cell_value(cell);
    open_cells = open_cells || cell.state == CellState::unresolved;
    as_read.raw.push_back(cell.state == CellState::blank ? "" : cell.raw);
    as_read.values.push_back(value.value_or(0));
    if (!value && cell.state != CellState::unresolved) v.unknown = true;  // a cell no relation can use
  }
  if (v.unknown) return v;
  if (!open_cells) {
    v.candidates.push_back(std::move(as_read));
    return v;
  }
  v.note = note_of(*v.row, report);
  if (v.note == nullptr) {
    v.unknown = true;
    return v;
  }
  if (v.note->apart) {
    // The numbers written are not known to be the row's: no digits to read; only a full row of
    // them in its order is a candidate, which the columns must prove.
    if (v.note->readings.size() == 1) {
      std::vector<std::string> raw;
      std::istringstream in(v.note->readings.front());
      for (std::string token; in >> token;) raw.push_back(token);
      if (raw.size() == kColumns) {
        v.candidates.push_back(candidate_of(raw));
        v.unproved = true;
        return v;
      }
    }
    v.unknown = true;
    return v;
  }
  for (const char c : v.note->written) {
    if (c != ' ') v.digits.push_back(c);
  }
  if (!v.note->broken_rule.empty()) {
    // The row breaks its total whatever its digits say: its cells may still be read by the columns,
    // from every reading of its digits.
    v.unknown = !digits_only(v.digits) || !list_readings(v, nullptr, kMaxReadings);
    return v;
  }
  for (const std::string& reading : v.note->readings) {
    std::vector<std::string> raw;
    std::istringstream in(reading);
    for (std::string token; in >> token;) raw.push_back(token);
    if (raw.size() != kColumns) continue;
    Candidate c = candidate_of(raw);
    // A cell already read (every reading agreed on it) rules out readings that differ there.
    bool fits = true;
    for (std::size_t i = 0; i < kColumns && fits; ++i) {
      fits = v.row->cells[i].state == CellState::unresolved || c.raw[i] == as_read.raw[i];
    }
    if (fits) v.candidates.push_back(std::move(c));
  }
  if (!v.candidates.empty()) return v;
  // No reading listed and the rule not shown broken: too many readings to list. Any reading of
  // the digits as written (the pieces' spaces may or may not stand between cells).
  v.open = digits_only(v.digits);
  v.unknown = !v.open;
  return v;
}

// A count as a table writes it, or nothing when the value is none.
std::optional<std::string> count_text(double v) {
  if (v < -relations::kTolerance || std::fabs(v - std::round(v)) > relations::kTolerance || v > 1e12) {
    return std::nullopt;
  }
  return std::to_string(std::llround(v));
}

// An open row from the cells the relations derived: every cell, or all but one, which the digits
// then give; kept only when the cells are the row's digits and keep its total.
std::optional<Candidate> complete_row(const std::string& digits, const std::vector<std::optional<double>>& cells) {
  std::vector<std::string> raw(kColumns);
  std::size_t missing = kColumns;
  for (std::size_t c = 0; c < kColumns; ++c) {
    if (!cells[c]) {
      if (missing != kColumns) return std::nullopt;  // two cells not derived
      missing = c;
      continue;
    }
    const auto text = count_text(*cells[c]);
    if (!text) return std::nullopt;
    raw[c] = *text;
  }
  std::string before, after;
  for (std::size_t c = 0; c < kColumns; ++c) (c < missing ? before : after) += raw[c];
  if (missing == kColumns) {
    if (before != digits) return std::nullopt;
  } else {
    if (digits.size() <= before.size() + after.size() || digits.compare(0, before.size(), before) != 0 ||
        digits.compare(digits.size() - after.size(), after.size(), after) != 0) {
      return std::nullopt;
    }
    raw[missing] = digits.substr(before.size(), digits.size() - before.size() - after.size());
    if (raw[missing].size() > 1 && raw[missing][0] == '0') return std::nullopt;
  }
  Candidate c = candidate_of(raw);
  if (!relations::table3_row_holds(c.values)) return std::nullopt;
  return c;
}

struct Search {
  const std::vector<RowVar>& vars;
  std::vector<Relation> relations;  // those in use
  std::vector<const Candidate*> chosen;
  std::vector<Candidate> derived;
  std::vector<std::vector<std::optional<Candidate>>> solutions;  // per var: its reading, or open

  bool usable(const Relation& r) const {
    const auto known = [&](std::size_t i) { return !vars[i].unknown; };
    return std::all_of(r.plus.begin(), r.plus.end(), known) && std::all_of(r.minus.begin(), r.minus.end(), known);
  }

  // Derives open rows from the relations whose other cells are chosen; false when a derived row is
  // not a reading of its digits, or a relation whose cells are all known fails.
  bool settle_choice() {
    derived.clear();
    derived.reserve(vars.size());
    std::vector<const Candidate*> now = chosen;
    std::vector<std::vector<std::optional<double>>> part(vars.size(), std::vector<std::optional<double>>(kColumns));
    const auto value = [&](std::size_t i, std::size_t c) -> std::optional<double> {
      if (now[i] != nullptr) return now[i]->values[c];
      return part[i][c];
    };
    for (bool progress = true; progress;) {
      progress = false;
      for (const Relation& r : relations) {
        std::size_t missing = 0, which = 0;
        bool which_plus = false;
        double sum = 0;
        for (const std::size_t i : r.plus) {
          if (const auto v = value(i, r.column))
            sum += *v;
          else
            ++missing, which = i, which_plus = true;
        }
        for (const std::size_t i : r.minus) {
          if (const auto v = value(i, r.column))
            sum -= *v;
          else
            ++missing, which = i, which_plus = false;
        }
        if (missing == 0 && !relations::agree(sum, 0)) return false;
        if (missing != 1) continue;
        part[which][r.column] = which_plus ? -sum : sum;
        progress = true;
      }
      for (std::size_t i = 0; i < vars.size(); ++i) {
        if (now[i] != nullptr || !vars[i].open) continue;
        const std::size_t known = static_cast<std::size_t>(
            std::count_if(part[i].begin(), part[i].end(), [](const auto& v) { return v.has_value(); }));
        if (known + 1 < kColumns) continue;
        auto row = complete_row(vars[i].digits, part[i]);
        if (!row) return false;
        derived.push_back(std::move(*row));
        now[i] = &derived.back();
        progress = true;
      }
    }
    std::vector<std::optional<Candidate>> solution;
    for (const Candidate* c : now) solution.push_back(c ? std::optional<Candidate>(*c) : std::nullopt);
    solutions.push_back(std::move(solution));
    return true;
  }

  void go(std::size_t i) {
    if (i == vars.size()) {
      settle_choice();
      return;
    }
    poll_deadline();
    if (vars[i].open || vars[i].unknown) {
      chosen[i] = nullptr;
      go(i + 1);
      return;
    }
    for (const Candidate& c : vars[i].candidates) {
      chosen[i] = &c;
      go(i + 1);
    }
  }
};

std::size_t choices_of(const std::vector<RowVar>& vars) {
  std::size_t choices = 1;
  for (const RowVar& v : vars) {
    if (!v.open && !v.unknown) choices = std::min(choices * v.candidates.size(), kMaxChoices + 1);
  }
  return choices;
}

// The choices that keep every relation but those `left_out`.
std::vector<std::vector<std::optional<Candidate>>> solve(const std::vector<RowVar>& vars,
                                                         const std::vector<Relation>& relations,
                                                         const std::vector<std::size_t>& left_out = {}) {
  Search search{vars, {}, std::vector<const Candidate*>(vars.size(), nullptr), {}, {}};
  for (std::size_t k = 0; k < relations.size(); ++k) {
    const bool out = std::find(left_out.begin(), left_out.end(), k) != left_out.end();
    if (!out && search.usable(relations[k])) search.relations.push_back(relations[k]);
  }
  search.go(0);
  return std::move(search.solutions);
}

// Reads the cells every solution fills alike, and narrows the rows' notes to the readings used.
void read_agreed(std::vector<RowVar>& vars, const std::vector<std::vector<std::optional<Candidate>>>& solutions,
                 LowerContext& cx) {
  for (std::size_t i = 0; i < vars.size(); ++i) {
    RowVar& v = vars[i];
    if (v.note == nullptr || v.row == nullptr) continue;
    std::vector<const Candidate*> kept;
    bool any_open = false;
    for (const auto& s : solutions) {
      if (!s[i]) {
        any_open = true;
        continue;
      }
      if (std::none_of(kept.begin(), kept.end(), [&](const Candidate* k) { return k->raw == s[i]->raw; }))
        kept.push_back(&*s[i]);
    }
    if (any_open || kept.empty()) continue;
    const auto offsets = cx.run_digit_offsets.find(v.row->cells.front().key);
    for (std::size_t c = 0; c < kColumns; ++c) {
      Cell& cell = v.row->cells[c];
      const bool agreed =
          std::all_of(kept.begin(), kept.end(), [&](const Candidate* k) { return k->raw[c] == kept.front()->raw[c]; });
      if (cell.state != CellState::unresolved || !agreed) continue;
      cell.raw = kept.front()->raw[c];
      cell.state = cell.raw.empty() ? CellState::blank : CellState::number;
      if (cell.raw.empty()) continue;
      cell.value = number_value(cell.raw);
      // The cell stands at its first digit in the run.
      std::size_t digit = 0;
      for (std::size_t before = 0; before < c; ++before) digit += kept.front()->raw[before].size();
      if (offsets != cx.run_digit_offsets.end() && digit < offsets->second.size())
        cell.pos = cx.source.position(offsets->second[digit]);
    }
    std::vector<std::string> readings;
    for (const Candidate* k : kept) {
      std::string text;
      for (std::size_t c = 0; c < kColumns; ++c) text += (c ? " " : "") + (k->raw[c].empty() ? "_" : k->raw[c]);
      readings.push_back(std::move(text));
    }
    v.note->readings = std::move(readings);
    if (v.note->readings.size() == 1) v.note->rule = "X1";
  }
}

// Open rows the relations did not derive in some solution.
std::vector<std::size_t> stuck_rows(const std::vector<RowVar>& vars,
                                    const std::vector<std::vector<std::optional<Candidate>>>& solutions) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < vars.size(); ++i) {
    if (!vars[i].open) continue;
    if (solutions.empty() || std::any_of(solutions.begin(), solutions.end(), [&](const auto& s) { return !s[i]; }))
      out.push_back(i);
  }
  return out;
}

}  // namespace

void settle_by_column_sums(LowerContext& cx) {
  Report& report = cx.report;
  // Only cells left open give the search something to settle; most tables have none.
  const bool open_cells = std::any_of(report.table3.rows.begin(), report.table3.rows.end(), [](const Row& r) {
    return std::any_of(r.cells.begin(), r.cells.end(), [](const Cell& c) { return c.state == CellState::unresolved; });
  });
  if (!open_cells) return;
  const bool v2019 = report.table3.row("other") != nullptr;
  const auto leaves = table3_result_leaves(v2019 ? FormatVersion::v2019 : FormatVersion::v2021);
  std::vector<RowVar> vars;
  for (const auto leaf : leaves) vars.push_back(variable_of(leaf, report));
  const std::size_t total = vars.size();
  for (const std::string_view key : {"total", "new_received", "carried_over", "carried_forward"}) {
    vars.push_back(variable_of(key, report));
  }
  const bool anything_open = std::any_of(vars.begin(), vars.end(), [](const RowVar& v) {
    return v.open || v.unproved || v.candidates.size() > 1 || (v.note != nullptr && !v.note->broken_rule.empty());
  });
  if (!anything_open) return;
  const std::size_t received = total + 1, carried_over = total + 2, carried_forward = total + 3;
  std::vector<Relation> relations;
  for (std::size_t c = 0; c < kColumns; ++c) {
    Relation a2{"A2", c, {total}, {}};
    for (std::size_t i = 0; i < leaves.size(); ++i) a2.minus.push_back(i);
    relations.push_back(std::move(a2));
    relations.push_back({"A3", c, {received, carried_over}, {total, carried_forward}});
  }
  if (choices_of(vars) > kMaxChoices) return;
  // A row set apart is proved only by relations whose every cell is read: no row open or unknown.
  const bool unproved = std::any_of(vars.begin(), vars.end(), [](const RowVar& v) { return v.unproved; });
  if (unproved && std::any_of(vars.begin(), vars.end(), [](const RowVar& v) { return v.open || v.unknown; })) return;
  auto solutions = solve(vars, relations);
  // Rows the relations leave open are listed by their totals when their digits allow it, one at a
  // time, the one with fewest readings first, while the choices stay few enough to try.
  for (auto stuck = stuck_rows(vars, solutions); !stuck.empty(); stuck = stuck_rows(vars, solutions)) {
    bool listed = false;
    for (const std::size_t i : stuck) {
      RowVar trial = vars[i];
      if (!list_readings(trial, relations::table3_row_holds, kMaxListedReadings) || trial.candidates.empty()) continue;
      std::swap(vars[i], trial);
      if (choices_of(vars) <= kMaxChoices) {
        listed = true;
        break;
      }
      std::swap(vars[i], trial);
    }
    if (!listed) break;
    solutions = solve(vars, relations);
  }
  if (solutions.empty() && unproved) {
    // A row set apart that breaks its total (the report's error, or not the row's numbers): its
    // total column's relation breaks with it, every other must hold; one of the two left out.
    std::size_t found = 0;
    for (const std::size_t k : {relations.size() - 2, relations.size() - 1}) {
      auto without = solve(vars, relations, {k});
      if (without.empty()) continue;
      ++found;
      solutions = std::move(without);
    }
    if (found != 1) return;
  }  // a row set apart is read only when every relation holds
  if (solutions.empty()) {
    // No choice keeps every relation: one is broken. A cell changed in an applicant column breaks
    // its rule there and, the rows' totals kept, in the total column too (the total column's
    // relation is the sum of the others'). So the relations left out are one relation, or failing
    // that a rule in one column with the same rule in the total column. The table is read by the
    // rest only when just one such choice, the fewest left out, lets readings keep it.
    std::vector<std::vector<std::size_t>> singles, pairs;
    for (std::size_t k = 0; k < relations.size(); ++k) singles.push_back({k});
    for (std::size_t k = 0; k + 2 < relations.size(); ++k) pairs.push_back({k, relations.size() - 2 + k % 2});
    for (const auto* choices_left_out : {&singles, &pairs}) {
      std::size_t found = 0;
      for (const auto& left_out : *choices_left_out) {
        auto without = solve(vars, relations, left_out);
        if (without.empty()) continue;
        if (++found > 1) return;  // more than one relation could be the broken one
        solutions = std::move(without);
      }
      if (found == 1) break;
    }
    if (solutions.empty()) return;
  }
  read_agreed(vars, solutions, cx);
}

}  // namespace xxgk
