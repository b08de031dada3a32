// Table 三's rows read together (issue #15): a row whose cells ran together has several readings
// its own total (A1) accepts, or too many to list (a row of wide numbers: 新收, 总计); the table's
// column relations tie the rows to each other, A2 (the result rows add up to (七)总计) and A3
// (新收 + 上年结转 = 总计 + 结转下年度), column by column. Every choice of one reading a row is
// tried; a row whose readings were too many to list is derived from the others by a relation
// and kept only when the derived numbers are its digits. The cells every choice that keeps all
// the relations fills alike are read (X1); the others stay open (X2). A relation no choice keeps
// is broken whatever the digits: it is not used to read anything, and it is reported.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>

#include "src/lower/lower.hpp"
#include "src/lower/number.hpp"
#include "src/rules/findings.hpp"
#include "src/rules/relations.hpp"
#include "xxgk/deadline.hpp"

namespace xxgk {
namespace {

constexpr std::size_t kColumns = kTable3Columns.size();

// One reading of a row: each cell as written ("" a blank) and its value (a blank as 0, as a blank
// placed by a row's total reads).
struct Candidate {
  std::vector<std::string> raw;
  std::vector<double> values;
};

// A row of the table as a variable of the search.
struct RowVar {
  std::string key;
  Row* row = nullptr;
  ExtractionNote* note = nullptr;
  std::vector<Candidate> candidates;  // the readings listed (one for a row read whole)
  std::string digits;                 // a row whose readings were too many to list: its digits
  bool open = false;                  // readings not listed: any reading of `digits`
  bool unknown = false;               // nothing to read it by: relations with it are not used
};

// A relation, the same in every column: the rows added minus the rows taken away make 0.
struct Relation {
  std::string rule;
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

RowVar variable_of(std::string_view key, Report& report) {
  RowVar v;
  v.key = std::string(key);
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
  if (v.note == nullptr || !v.note->broken_rule.empty()) {
    v.unknown = true;
    return v;
  }
  for (const std::string& reading : v.note->readings) {
    Candidate c;
    std::istringstream in(reading);
    for (std::string token; in >> token;) {
      c.raw.push_back(token == "_" ? "" : token);
      c.values.push_back(token == "_" ? 0 : number_value(token));
    }
    if (c.raw.size() != kColumns) continue;
    // A cell already read (every reading agreed on it) rules out readings that differ there.
    bool fits = true;
    for (std::size_t i = 0; i < kColumns && fits; ++i) {
      const Cell& cell = v.row->cells[i];
      fits = cell.state == CellState::unresolved || c.raw[i] == as_read.raw[i];
    }
    if (fits) v.candidates.push_back(std::move(c));
  }
  if (!v.candidates.empty()) return v;
  // No reading listed and the rule not shown broken: too many readings to list. Any reading of
  // the digits as written (the pieces' spaces may or may not stand between cells).
  for (const char c : v.note->written) {
    if (c != ' ') v.digits.push_back(c);
  }
  v.open = digits_only(v.digits);
  v.unknown = !v.open;
  return v;
}

// The numbers of a derived row as a table writes them, or nothing when one is no count.
std::optional<Candidate> as_counts(const std::vector<double>& values) {
  Candidate c;
  for (const double v : values) {
    if (v < -relations::kTolerance || std::fabs(v - std::round(v)) > relations::kTolerance || v > 1e12) {
      return std::nullopt;
    }
    const auto n = static_cast<long long>(std::llround(v));
    c.raw.push_back(std::to_string(n));
    c.values.push_back(static_cast<double>(n));
  }
  return c;
}

struct Search {
  std::vector<RowVar>& vars;
  const std::vector<Relation>& relations;
  std::vector<const Candidate*> chosen;  // per var, in the choice being tried
  std::vector<Candidate> derived;        // storage for rows derived in this choice
  std::vector<std::vector<const Candidate*>> solutions;
  std::vector<std::vector<Candidate>> solution_storage;

  bool usable(const Relation& r) const {
    const auto any_unknown = [&](const std::vector<std::size_t>& idx) {
      return std::any_of(idx.begin(), idx.end(), [&](std::size_t i) { return vars[i].unknown; });
    };
    return !any_unknown(r.plus) && !any_unknown(r.minus);
  }

  // Derives open rows from relations whose other rows are chosen; false when a derived row is not
  // a reading of its digits or its total, or a relation with every row chosen fails.
  bool settle_choice() {
    derived.clear();
    derived.reserve(vars.size());
    std::vector<const Candidate*> now = chosen;
    for (bool progress = true; progress;) {
      progress = false;
      for (const Relation& r : relations) {
        if (!usable(r)) continue;
        std::size_t missing = 0, which = 0;
        bool which_plus = false;
        for (const std::size_t i : r.plus) {
          if (now[i] == nullptr) ++missing, which = i, which_plus = true;
        }
        for (const std::size_t i : r.minus) {
          if (now[i] == nullptr) ++missing, which = i, which_plus = false;
        }
        if (missing == 0) {
          for (std::size_t c = 0; c < kColumns; ++c) {
            double sum = 0;
            for (const std::size_t i : r.plus) sum += now[i]->values[c];
            for (const std::size_t i : r.minus) sum -= now[i]->values[c];
            if (!relations::agree(sum, 0)) return false;
          }
          continue;
        }
        if (missing != 1) continue;
        // The one row not chosen is what the others make it.
        std::vector<double> values(kColumns, 0);
        for (std::size_t c = 0; c < kColumns; ++c) {
          double sum = 0;
          for (const std::size_t i : r.plus) sum += i == which ? 0 : now[i]->values[c];
          for (const std::size_t i : r.minus) sum -= i == which ? 0 : now[i]->values[c];
          values[c] = which_plus ? -sum : sum;
        }
        auto row = as_counts(values);
        if (!row || !relations::table3_row_holds(row->values)) return false;
        std::string digits;
        for (const auto& n : row->raw) digits += n;
        if (digits != vars[which].digits) return false;
        derived.push_back(std::move(*row));
        now[which] = &derived.back();
        progress = true;
      }
    }
    solutions.push_back(now);
    return true;
  }

  void go(std::size_t i, std::size_t& budget) {
    if (budget == 0) return;
    if (i == vars.size()) {
      --budget;
      if (settle_choice()) {
        // Derived rows live in `derived`: keep a copy with the solution.
        solution_storage.push_back(derived);
        auto& kept = solutions.back();
        for (auto& p : kept) {
          for (std::size_t d = 0; d < derived.size(); ++d) {
            if (p == &derived[d]) p = &solution_storage.back()[d];
          }
        }
      }
      return;
    }
    poll_deadline();
    if (vars[i].open || vars[i].unknown) {
      chosen[i] = nullptr;
      go(i + 1, budget);
      return;
    }
    for (const Candidate& c : vars[i].candidates) {
      chosen[i] = &c;
      go(i + 1, budget);
    }
  }
};

// How many choices the search tries at most: beyond, the rows are left as their own totals read them.
constexpr std::size_t kMaxChoices = std::size_t{1} << 16;

}  // namespace

void settle_by_column_sums(LowerContext& cx) {
  Report& report = cx.report;
  if (report.table3.rows.empty()) return;
  const bool v2019 = report.table3.row("other") != nullptr;
  const auto leaves = table3_result_leaves(v2019 ? FormatVersion::v2019 : FormatVersion::v2021);
  std::vector<RowVar> vars;
  for (const auto leaf : leaves) vars.push_back(variable_of(leaf, report));
  const std::size_t total = vars.size();
  for (const std::string_view key : {"total", "new_received", "carried_over", "carried_forward"}) {
    vars.push_back(variable_of(key, report));
  }
  const std::size_t received = total + 1, carried_over = total + 2, carried_forward = total + 3;
  std::vector<Relation> relations;
  Relation a2{"A2", {total}, {}};
  for (std::size_t i = 0; i < leaves.size(); ++i) a2.minus.push_back(i);
  relations.push_back(std::move(a2));
  relations.push_back({"A3", {received, carried_over}, {total, carried_forward}});

  const bool anything_open = std::any_of(vars.begin(), vars.end(), [](const RowVar& v) {
    return v.open || v.candidates.size() > 1;
  });
  if (!anything_open) return;
  std::size_t choices = 1;
  for (const RowVar& v : vars) {
    if (!v.open && !v.unknown) choices = std::min(choices * v.candidates.size(), kMaxChoices + 1);
  }
  if (choices > kMaxChoices) return;
  Search search{vars, relations, std::vector<const Candidate*>(vars.size(), nullptr), {}, {}, {}};
  search.solutions.reserve(choices);
  search.solution_storage.reserve(choices);
  std::size_t budget = kMaxChoices;
  search.go(0, budget);
  if (search.solutions.empty()) return;

  for (std::size_t i = 0; i < vars.size(); ++i) {
    RowVar& v = vars[i];
    if (v.note == nullptr || v.row == nullptr) continue;
    // The readings of this row that some choice keeping every relation uses.
    std::vector<const Candidate*> kept;
    bool any_open = false;
    for (const auto& s : search.solutions) {
      if (s[i] == nullptr) {
        any_open = true;
        continue;
      }
      if (std::none_of(kept.begin(), kept.end(), [&](const Candidate* k) { return k->raw == s[i]->raw; }))
        kept.push_back(s[i]);
    }
    if (any_open || kept.empty()) continue;
    bool changed = false;
    for (std::size_t c = 0; c < kColumns; ++c) {
      Cell& cell = v.row->cells[c];
      const bool agreed = std::all_of(kept.begin(), kept.end(), [&](const Candidate* k) {
        return k->raw[c] == kept.front()->raw[c];
      });
      if (cell.state != CellState::unresolved || !agreed) continue;
      cell.raw = kept.front()->raw[c];
      cell.state = cell.raw.empty() ? CellState::blank : CellState::number;
      if (!cell.raw.empty()) cell.value = number_value(cell.raw);
      // The cell stands at its first digit in the run.
      if (const auto at = cx.run_digit_offsets.find(v.row->cells.front().key);
          !cell.raw.empty() && at != cx.run_digit_offsets.end()) {
        std::size_t digit = 0;
        for (std::size_t before = 0; before < c; ++before) digit += kept.front()->raw[before].size();
        if (digit < at->second.size()) cell.pos = cx.source.position(at->second[digit]);
      }
      changed = true;
    }
    if (!changed && kept.size() == v.note->readings.size()) continue;
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

}  // namespace xxgk
