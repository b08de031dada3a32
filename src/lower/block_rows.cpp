// The readings of table 三's rows from label and number blocks (src/lower/block_rows.hpp).
#include "src/lower/block_rows.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "src/lower/label_match.hpp"
#include "src/lower/number.hpp"
#include "src/rules/relations.hpp"
#include "src/text.hpp"

namespace xxgk::block_rows {
namespace {

using block_text::wrapped_readings;

// The two streams of numbers: those inside paragraphs with text (a row's first cells, set close to
// its label), and those that stand alone. A number before `年` (a running head's year) or after a
// caption's `表` (`附表 3`) is no cell. A paragraph of numbers on more than one line is numbers
// wrapped in their narrow cells (`1334` `2`, `434 3878` `8 6`, `259` `14` `1`), joined by
// wrapped_readings; a join that is not the row's breaks its total, and the table is then not read.

void append_text(const Token& t, std::u32string& out) {
  for (const char32_t cp : code_points(t.text)) out.push_back(cp);
}

// `choice[w]`: which of wrapped_readings the w-th paragraph of numbers on more than one line is
// read as.
std::optional<Streams> streams_in(const std::vector<TextBlock>& paragraphs, std::span<const std::size_t> choice) {
  Streams s;
  std::size_t wrapped = 0;
  for (const TextBlock& p : paragraphs) {
    const bool text = p.has_text();
    if (!text && p.lines.size() >= 2) {
      const auto ways = wrapped_readings(p);
      const std::size_t pick = wrapped < choice.size() ? choice[wrapped] : 0;
      ++wrapped;
      if (pick >= ways.size()) return std::nullopt;
      s.rests.insert(s.rests.end(), ways[pick].begin(), ways[pick].end());
      continue;
    }
    std::vector<Anchor> anchors;
    std::u32string since, before_first;  // label text since the last numbers
    for (const auto& line : p.lines) {
      bool in_anchor = false;
      for (std::size_t k = 0; k < line.size(); ++k) {
        const bool cell = line[k].number && !(k + 1 < line.size() && line[k + 1].text.rfind("年", 0) == 0) &&
                          !(k > 0 && line[k - 1].text.size() >= 3 && line[k - 1].text.ends_with("表"));
        if (!cell) {
          if (!line[k].number) append_text(line[k], since);
          in_anchor = false;
          continue;
        }
        (text ? s.leads : s.rests).push_back(line[k]);
        if (!text) continue;
        if (!in_anchor) {
          if (!anchors.empty()) anchors.back().around += since;
          if (anchors.empty()) before_first = since;
          anchors.push_back({{}, since, {}});
          since.clear();
        }
        anchors.back().numbers.push_back(line[k]);
        in_anchor = true;
      }
    }
    // The text before this paragraph's first numbers goes on the label of the last numbers before.
    if (!s.anchors.empty()) s.anchors.back().back().further += anchors.empty() ? since : before_first;
    if (anchors.empty()) continue;
    anchors.back().around += since;
    anchors.back().further = anchors.back().around;
    s.anchors.push_back(std::move(anchors));
  }
  return s;
}

std::vector<double> values_of(const std::vector<Token>& cells) {
  std::vector<double> v;
  for (const Token& t : cells) v.push_back(number_value(t.text));
  return v;
}

// A step of a reading: a row's cells, and the state after it.
struct Step {
  std::size_t next;
  std::vector<Token> cells;
  bool blank = false;  // one of the cells is a blank (no number printed)
};

// A blank cell prints nothing in PDF text: a row of the table may have one number fewer than its
// columns. The blank is read as 0 by the relations and kept apart from 0 in the reading (its text
// is empty), so a reading that puts it elsewhere is another reading.
Token blank_at(std::size_t offset) {
  return {"", offset, true};
}

// How many of a row's first cells, set close to its label, may come after the rest of its row.
constexpr std::size_t kMaxFirstCellsLast = 2;

// The row's cells as `first` and the next 7 − |first| other numbers from `j`, if they keep the
// row's total (A1); with no first cell also the seven with the last as the first (a row's first
// cell set apart from its label comes after the rest of its row).
// With `may_break`, a row whose total does not hold is a step too, to a state one more (a table
// whose one row breaks A1 is still read, if its columns prove every other number). With
// `may_blank`, also the row with one number fewer and a blank in any of its columns.
void add_steps(const std::vector<Token>& first, const Streams& s, std::size_t j, std::size_t next_first,
               std::vector<Step>& out, bool may_break = false, bool may_blank = false) {
  constexpr std::size_t width = kTable3Columns.size();
  const std::size_t k = first.size();
  for (std::size_t blanks = 0; blanks <= (may_blank ? 1U : 0U); ++blanks) {
    const std::size_t taken = width - blanks;  // numbers the row takes
    if (k > taken || j + taken - k > s.rests.size()) continue;
    std::vector<Token> c = first;
    c.insert(c.end(), s.rests.begin() + static_cast<long>(j), s.rests.begin() + static_cast<long>(j + taken - k));
    const std::size_t next = next_first + (j + taken - k) * (s.leads.size() + 1);
    const auto add = [&](const std::vector<Token>& cells) {
      if (relations::table3_row_holds(values_of(cells))) {
        out.push_back({may_break ? next * 2 : next, cells, blanks == 1});
      } else if (may_break) {
        out.push_back({next * 2 + 1, cells, blanks == 1});
      }
    };
    if (blanks == 1) {
      for (std::size_t at = 0; at < width; ++at) {
        std::vector<Token> with_blank = c;
        const std::size_t offset = c[at == 0 ? 0 : at - 1].offset;
        with_blank.insert(with_blank.begin() + static_cast<long>(at), blank_at(offset));
        add(with_blank);
      }
      continue;
    }
    add(c);
    // Rotated, unless that reads the same (every number alike): its last one or two numbers first.
    if (k == 0 && std::adjacent_find(c.begin(), c.end(),
                                     [](const Token& x, const Token& y) { return x.text != y.text; }) != c.end()) {
      for (std::size_t last = 1; last <= kMaxFirstCellsLast; ++last) {
        std::vector<Token> rotated = c;
        std::rotate(rotated.begin(), rotated.end() - static_cast<long>(last), rotated.end());
        add(rotated);
      }
    }
  }
}

// Every reading of the whole table by `steps_at(r, state)` from state 0 to `final_state` that uses
// every number, as the numbers' text (readings that differ only in which of two equal numbers went
// where are one); nothing when more than kMaxReadings remain at any point: so many prove nothing.
// A reading of rows r.. as the numbers' text, row after row, each number ended by a line break:
// one string, compared and copied at once (the same order as a list of the numbers' texts, as a
// line break sorts before every character a number has).
using Texts = std::string;

template <typename StepsAt>
std::optional<std::vector<Reading>> readings_of(std::size_t rows, std::size_t final_state, StepsAt steps_at) {
  // suffix[r][state]: the distinct readings of rows r.. from that state, each with its cells;
  // only the states a reading reaches are worked out.
  std::vector<std::map<std::size_t, std::map<Texts, Reading>>> suffix(rows + 1);
  suffix[rows][final_state] = std::map<Texts, Reading>{{Texts{}, Reading{}}};
  bool too_many = false;
  const auto from = [&](const auto& self, std::size_t r, std::size_t state) -> const std::map<Texts, Reading>* {
    if (const auto known = suffix[r].find(state); known != suffix[r].end()) return &known->second;
    if (r == rows || too_many) return nullptr;
    std::map<Texts, Reading> here;
    for (Step& step : steps_at(r, state)) {
      const auto* rest = self(self, r + 1, step.next);
      if (rest == nullptr) continue;
      for (const auto& [texts, reading] : *rest) {
        Texts t;
        for (const Token& c : step.cells) t.append(c.text).push_back('\n');
        t += texts;
        if (here.count(t)) continue;
        Reading whole{step.cells};
        whole.insert(whole.end(), reading.begin(), reading.end());
        here.emplace(std::move(t), std::move(whole));
        if (here.size() > kMaxReadings) {
          too_many = true;
          return nullptr;
        }
      }
    }
    return &(suffix[r][state] = std::move(here));
  };
  const auto* whole = from(from, 0, 0);
  if (too_many) return std::nullopt;
  std::vector<Reading> out;
  if (whole != nullptr) {
    for (const auto& [texts, reading] : *whole) out.push_back(reading);
  }
  return out;
}

// The first cells of each row by the label around them: in each paragraph with label text, the
// label matcher names the row of each group of numbers from the text between them, rows in order.
// Nothing when a group names no row, or two groups the same row.
std::optional<std::vector<std::vector<Token>>> first_cells_by_label(const Streams& s, std::span<const RowSpec> specs) {
  std::vector<std::vector<Token>> out(specs.size());
  for (const auto& paragraph : s.anchors) {
    // The label between the numbers first; the one that goes on past the paragraph only where
    // that names no row (it would reach the next row's label too).
    std::vector<std::vector<std::u32string>> windows, further;
    for (const Anchor& a : paragraph) {
      windows.push_back({a.around});
      further.push_back({a.further.empty() ? a.around : a.further});
    }
    auto labels = match_labels_in_order(windows, specs);
    const auto labels_further = match_labels_in_order(further, specs);
    for (std::size_t n = 0; n < paragraph.size(); ++n) {
      if (labels[n].row == nullptr) labels[n] = labels_further[n];
    }
    for (std::size_t n = 0; n < paragraph.size(); ++n) {
      if (labels[n].row == nullptr || !out[static_cast<std::size_t>(labels[n].row - specs.data())].empty()) {
        return std::nullopt;
      }
      auto& first = out[static_cast<std::size_t>(labels[n].row - specs.data())];
      first = paragraph[n].numbers;
    }
  }
  return out;
}

// The readings of the table: the first cells by the labels around them, else by their order.
// A state is (first cells taken) + (other numbers taken) · (first cells + 1).

// How many blank cells a table may have that its text does not show (its numbers fewer than its
// cells): each is a row read with one number fewer, the blank in any of its columns.
constexpr std::size_t kMaxBlanks = 2;

// The blanks a table of `rows` rows has with `numbers` numbers, when that many may be.
std::optional<std::size_t> blank_count(std::size_t rows, std::size_t numbers) {
  const std::size_t cells = rows * kTable3Columns.size();
  if (numbers > cells || cells - numbers > kMaxBlanks) return std::nullopt;
  return cells - numbers;
}

// A state of the steps below with the blanks used so far: `steps_at(r, state, may_blank)` gives a
// row's steps; a step with a blank counts one more, up to `blanks`, which the last state has used.
template <typename StepsAt>
auto counting_blanks(std::size_t blanks, StepsAt steps_at) {
  return [blanks, steps_at](std::size_t r, std::size_t state) {
    const std::size_t kinds = blanks + 1, used = state % kinds;
    std::vector<Step> out;
    for (Step& step : steps_at(r, state / kinds, used < blanks)) {
      const std::size_t now = used + (step.blank ? 1 : 0);
      if (now <= blanks) out.push_back({step.next * kinds + now, std::move(step.cells), step.blank});
    }
    return out;
  };
}

std::optional<TableReadings> readings_of_table(const Streams& s, std::span<const RowSpec> specs) {
  const std::size_t rows = specs.size(), leads = s.leads.size(), stride = leads + 1;
  const auto blanks = blank_count(rows, leads + s.rests.size());
  if (!blanks) return std::nullopt;
  // The last state: every number taken, every blank used.
  const auto last = [&](std::size_t inner) { return inner * (*blanks + 1) + *blanks; };
  const std::size_t final_state = leads + s.rests.size() * stride;
  // The numbers a row's first cell owed may be: each number standing alone, once.
  std::vector<std::string> owable;
  for (const Token& t : s.rests) {
    if (t.text.find('.') == std::string::npos && std::find(owable.begin(), owable.end(), t.text) == owable.end()) {
      owable.push_back(t.text);
    }
  }
  const auto by_label = first_cells_by_label(s, specs);
  if (by_label) {
    std::vector<std::size_t> taken(rows + 1, 0);  // first cells taken before each row
    for (std::size_t r = 0; r < rows; ++r) taken[r + 1] = taken[r] + (*by_label)[r].size();
    // A state: the numbers taken (as above), the first cell owed (0: none, else 1 + its index in
    // `owable`), whether a row broke.
    const std::size_t kinds = owable.size() + 1;
    const auto by_label_steps = [&](bool may_break) {
      return counting_blanks(*blanks, [&, may_break](std::size_t r, std::size_t state, bool may_blank) {
        std::vector<Step> out;
        const std::size_t broken = state % 2, owed = state / 2 % kinds, at = state / 2 / kinds;
        if (at % stride != taken[r]) return out;
        const std::size_t j = at / stride;
        const auto to = [&](std::size_t next_at, std::size_t next_owed, std::size_t next_broken) {
          return (next_at * kinds + next_owed) * 2 + next_broken;
        };
        // A first cell set apart from its label may come further down, alone in its paragraph: a
        // row whose other six leave its total short by a number owes it, and that number, at the
        // start of a later row's, pays.
        std::vector<std::pair<std::size_t, std::size_t>> starts{{j, owed}};
        if (owed > 0 && j < s.rests.size() && s.rests[j].text == owable[owed - 1]) starts.push_back({j + 1, 0});
        for (const auto& [from, owing] : starts) {
          std::vector<Step> steps;
          add_steps((*by_label)[r], s, from, taken[r + 1], steps, may_break, may_blank);
          for (Step& step : steps) {
            const std::size_t b = may_break ? step.next % 2 : 0, next_at = may_break ? step.next / 2 : step.next;
            if (broken + b > 1) continue;
            out.push_back({to(next_at, owing, broken + b), std::move(step.cells), step.blank});
          }
          constexpr std::size_t others = kTable3Columns.size() - 1;
          if (!(*by_label)[r].empty() || owing != 0 || from + others > s.rests.size()) continue;
          std::vector<Token> cells{{"", s.rests[from].offset, true}};
          cells.insert(cells.end(), s.rests.begin() + static_cast<long>(from),
                       s.rests.begin() + static_cast<long>(from + others));
          double short_by = number_value(cells.back().text);
          for (std::size_t c = 1; c + 1 < cells.size(); ++c) short_by -= number_value(cells[c].text);
          const auto owe = std::find_if(owable.begin(), owable.end(), [&](const std::string& t) {
            return relations::agree(number_value(t), short_by);
          });
          if (owe == owable.end()) continue;
          cells.front().text = *owe;
          if (relations::table3_row_holds(values_of(cells))) {
            const auto id = static_cast<std::size_t>(owe - owable.begin()) + 1;
            out.push_back({to(taken[r + 1] + (from + others) * stride, id, broken), std::move(cells)});
          }
        }
        return out;
      });
    };
    auto readings = readings_of(rows, last(final_state * kinds * 2), by_label_steps(false));
    if (readings && !readings->empty()) return TableReadings{std::move(*readings), false};
    // One row that breaks its total (a report's own error).
    readings = readings_of(rows, last(final_state * kinds * 2 + 1), by_label_steps(true));
    if (readings && !readings->empty()) return TableReadings{std::move(*readings), true};
  }
  auto in_order = readings_of(rows, last(final_state),
                              counting_blanks(*blanks, [&](std::size_t, std::size_t state, bool may_blank) {
                                std::vector<Step> out;
                                const std::size_t i = state % stride, j = state / stride;
                                for (std::size_t k = 0; k <= kTable3Columns.size() && i + k <= leads; ++k) {
                                  const std::vector<Token> first(s.leads.begin() + static_cast<long>(i),
                                                                 s.leads.begin() + static_cast<long>(i + k));
                                  add_steps(first, s, j, i + k, out, false, may_blank);
                                }
                                return out;
                              }));
  if (!in_order) return std::nullopt;
  return TableReadings{std::move(*in_order), false};
}

}  // namespace

std::optional<Streams> streams_of(const std::vector<TextBlock>& paragraphs, std::span<const std::size_t> choice) {
  return streams_in(paragraphs, choice);
}

std::optional<std::size_t> blanks_of(std::size_t rows, std::size_t numbers) {
  return blank_count(rows, numbers);
}

std::optional<TableReadings> table_readings(const Streams& s, std::span<const RowSpec> specs) {
  return readings_of_table(s, specs);
}

}  // namespace xxgk::block_rows
