#include "src/lower/block_table.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "grammar/sections.hpp"
#include "src/lower/block_rows.hpp"
#include "src/lower/block_text.hpp"
#include "src/lower/label_match.hpp"
#include "src/lower/number.hpp"
#include "src/rules/relations.hpp"
#include "src/text.hpp"

namespace xxgk {
namespace {

using block_rows::kMaxReadings;
using block_rows::Reading;
using block_rows::table_readings;
using block_text::blocks_of;
using block_text::is_furniture;
using block_text::is_number;
using block_text::is_token_blank;
using block_text::TextBlock;
using block_text::Token;
using block_text::wrapped_readings;

// The column relations a reading breaks: A2 (false) or A3 (true), and the column.
using Relation = std::pair<bool, std::size_t>;
std::vector<Relation> broken_relations(const Reading& cells, std::span<const RowSpec> specs, FormatVersion version,
                                       bool parts_only = false) {
  const auto row = [&](std::string_view key) -> const std::vector<Token>* {
    for (std::size_t r = 0; r < specs.size(); ++r)
      if (specs[r].key == key) return &cells[r];
    return nullptr;
  };
  const auto* total = row("total");
  const auto *received = row("new_received"), *carried_over = row("carried_over"), *forward = row("carried_forward");
  std::vector<Relation> out;
  if (!total || !received || !carried_over || !forward) return {{false, 0}, {true, 0}, {false, 1}};  // no reading
  for (std::size_t c = 0; c + (parts_only ? 1 : 0) < kTable3Columns.size(); ++c) {
    double sum = 0;
    for (const auto leaf : table3_result_leaves(version)) {
      const auto* r = row(leaf);
      if (r == nullptr) return {{false, 0}, {true, 0}, {false, 1}};
      sum += number_value((*r)[c].text);
    }
    const auto v = [&](const std::vector<Token>* r) { return number_value((*r)[c].text); };
    if (!relations::agree(sum, v(total))) out.push_back({false, c});
    if (!relations::balance_holds(v(received), v(carried_over), v(total), v(forward))) out.push_back({true, c});
  }
  return out;
}

// A2 and A3 column by column: the reading is taken only when the table's own sums prove it.
// With `parts_only`, the six applicant columns only: a row's total that breaks A1 breaks its column too.
bool columns_hold(const Reading& cells, std::span<const RowSpec> specs, FormatVersion version,
                  bool parts_only = false) {
  return broken_relations(cells, specs, version, parts_only).empty();
}

// The relations a report's own error breaks when a cell was changed with its row's total: one
// relation, or one in an applicant column with the same in the total column. A reading read
// wrong (cells swapped between columns) breaks two applicant columns instead.
bool one_error_breaks(const std::vector<Relation>& broken) {
  constexpr std::size_t total = kTable3Columns.size() - 1;
  if (broken.size() == 1) return true;
  return broken.size() == 2 && broken[0].first == broken[1].first && broken[0].second != total &&
         broken[1].second == total;
}

// Whether every row of the format has its label in the region's text, in order (the label
// matcher's reading of the whole text for each row).
bool labels_in_order(const std::vector<TextBlock>& paragraphs, std::span<const RowSpec> specs) {
  std::u32string text;
  for (const TextBlock& p : paragraphs) {
    for (const auto& line : p.lines) {
      for (const Token& t : line) {
        if (t.number) continue;
        for (const char32_t cp : code_points(t.text)) text.push_back(cp);
      }
    }
  }
  const std::vector<std::vector<std::u32string>> windows(specs.size(), std::vector<std::u32string>{text});
  const auto labels = match_labels_in_order(windows, specs);
  for (std::size_t r = 0; r < specs.size(); ++r) {
    if (labels[r].row != &specs[r]) return false;
  }
  return true;
}

}  // namespace

// The paragraphs of blocks_of without text, counted up to 3 as the text is read: every report's
// table 三 is asked, and a line's page furniture matters only while its paragraph could still be
// one of them (it has no text yet, and a number-only line does not change that once it has one).
bool numbers_set_apart(std::size_t begin, std::size_t end, const LowerContext& cx) {
  const std::string_view text = cx.source.text();
  std::size_t without_text = 0;
  bool open = false, has_text = false;  // the paragraph being read: any line in it, any text
  const auto close = [&] {
    if (open && !has_text) ++without_text;
    open = has_text = false;
  };
  for (std::size_t i = begin; i < end && without_text < 3;) {
    std::size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos || nl > end) nl = end;
    const std::string_view line = text.substr(i, nl - i);
    if (line.find('\f') != std::string_view::npos) close();
    bool any_token = false, text_token = false;
    for (std::size_t k = 0; k < line.size();) {
      if (is_token_blank(line[k])) {
        ++k;
        continue;
      }
      std::size_t j = k;
      while (j < line.size() && !is_token_blank(line[j])) ++j;
      any_token = true;
      text_token = text_token || !is_number(line.substr(k, j - k));
      k = j;
    }
    if (!any_token) {
      close();
    } else if (!has_text && (text_token || !open) && !is_furniture(text, i)) {
      open = true;
      has_text = text_token;
    }
    i = nl + 1;
  }
  close();
  return without_text >= 3;
}

// The reading of the table the arithmetic proves, over every way of reading its wrapped numbers
// (at most kMaxWrappedChoices): a row's total (A1) and the table's column sums (A2, A3) must accept
// it, and no other reading. Nothing when none or two differ; `counted` is set when some way of
// reading the numbers has as many as the format's cells.
namespace {

constexpr std::size_t kMaxWrappedChoices = 64;

std::string texts_of(const Reading& r) {
  std::string t;
  for (const auto& row : r)
    for (const Token& c : row) t.append(c.text).push_back('\n');
  return t;
}

// pdftotext without options does not always keep a row's cells in the order of its columns: a
// cell's block may come after the blocks to its right (the row `1 0 5 0 0 1 7` as `1`, `5`, `0`,
// `0`, `1`, `0`, `7`), and the row's total holds in any order. A reading whose columns break is
// read again with one row's applicant cells in every other order; the table is read when exactly
// one such reading, over all rows and all the readings given, keeps every column (A2, A3).
constexpr std::size_t kMaxReorderedReadings = 8;

std::optional<Reading> one_row_reordered(const std::vector<Reading>& readings, std::span<const RowSpec> specs,
                                         FormatVersion version) {
  constexpr std::size_t parts = kTable3Columns.size() - 1;  // the applicant columns; the total last
  const auto by_text = [](const Token& a, const Token& b) { return a.text < b.text; };
  std::optional<Reading> found;
  for (const Reading& reading : readings) {
    for (std::size_t r = 0; r < reading.size(); ++r) {
      Reading other = reading;
      auto& cells = other[r];
      const auto first = cells.begin(), last = cells.begin() + static_cast<long>(parts);
      std::sort(first, last, by_text);
      do {
        if (std::equal(first, last, reading[r].begin(),
                       [](const Token& a, const Token& b) { return a.text == b.text; }))
          continue;
        if (!columns_hold(other, specs, version)) continue;
        if (found && texts_of(*found) != texts_of(other)) return std::nullopt;
        found = other;
      } while (std::next_permutation(first, last, by_text));
    }
  }
  return found;
}

// Every reading the arithmetic keeps, each once; nothing when so many readings prove nothing.
std::optional<std::vector<Reading>> proved_readings(const std::vector<TextBlock>& paragraphs,
                                                    std::span<const RowSpec> specs, FormatVersion version,
                                                    bool& counted) {
  std::vector<std::size_t> ways;  // readings of each paragraph of numbers on more than one line
  for (const TextBlock& p : paragraphs) {
    if (!p.has_text() && p.lines.size() >= 2) ways.push_back(wrapped_readings(p).size());
  }
  std::size_t choices = 1;
  for (const std::size_t w : ways) {
    choices *= w;
    if (choices == 0 || choices > kMaxWrappedChoices) return std::nullopt;
  }
  std::map<std::string, Reading> proved;  // by texts_of
  std::vector<Reading> unproved;          // readings whose rows hold and columns do not
  std::vector<std::size_t> choice(ways.size(), 0);
  for (std::size_t n = 0; n < choices; ++n) {
    for (std::size_t w = 0, rest = n; w < ways.size(); ++w) choice[w] = rest % ways[w], rest /= ways[w];
    const auto streams = block_rows::streams_of(paragraphs, choice);
    if (!streams || !block_rows::blanks_of(specs.size(), streams->leads.size() + streams->rests.size())) continue;
    counted = true;
    const auto readings = table_readings(*streams, specs);
    if (!readings) return std::nullopt;  // so many readings prove nothing
    for (const Reading& reading : readings->readings) {
      if (!columns_hold(reading, specs, version, readings->one_row_broken)) {
        if (!readings->one_row_broken) unproved.push_back(reading);
        continue;
      }
      proved.emplace(texts_of(reading), reading);
      if (proved.size() > kMaxReadings) return std::nullopt;
    }
  }
  std::vector<Reading> out;
  for (auto& [texts, reading] : proved) out.push_back(std::move(reading));
  if (!out.empty() || unproved.empty()) return out;
  if (unproved.size() <= kMaxReorderedReadings) {
    if (auto reordered = one_row_reordered(unproved, specs, version)) out.push_back(std::move(*reordered));
    if (!out.empty()) return out;
  }
  // No reading keeps every column: one that breaks as a report's own error does (one relation, or
  // one with the same in the total column), and only one such, is read; the error is reported.
  std::map<std::string, Reading> one_error;
  for (const Reading& reading : unproved) {
    if (one_error_breaks(broken_relations(reading, specs, version))) one_error.emplace(texts_of(reading), reading);
  }
  if (one_error.size() == 1) out.push_back(std::move(one_error.begin()->second));
  return out;
}

}  // namespace

std::optional<BlockTable3> find_block_table3(std::size_t begin, std::size_t end, const LowerContext& cx) {
  const std::string_view text = cx.source.text();
  const std::vector<TextBlock> paragraphs = blocks_of(text, begin, end);
  for (const FormatVersion version : {FormatVersion::v2021, FormatVersion::v2019}) {
    const auto specs = table3_rows(version);
    bool counted = false;
    const auto proved = proved_readings(paragraphs, specs, version, counted);
    if (!counted) continue;
    if (!proved || proved->empty() || !labels_in_order(paragraphs, specs)) return std::nullopt;
    // A blank cell prints nothing, and the relations read it as 0: where the table has one, which
    // of its zeros it is the arithmetic never shows, so each 0 may as well be the blank.
    const bool has_blank = std::any_of(proved->front().begin(), proved->front().end(), [](const auto& cells) {
      return std::any_of(cells.begin(), cells.end(), [](const Token& t) { return t.text.empty(); });
    });
    // Where the readings differ, the cells are left open with those readings; the cells they all
    // fill alike are read.
    BlockTable3 found;
    for (std::size_t r = 0; r < specs.size(); ++r) {
      std::vector<std::vector<std::string>> readings;  // the row's, each once
      const auto add = [&](std::vector<std::string> texts) {
        if (std::find(readings.begin(), readings.end(), texts) == readings.end()) readings.push_back(std::move(texts));
      };
      for (const Reading& reading : *proved) {
        std::vector<std::string> texts;
        for (const Token& t : reading[r]) texts.push_back(t.text);
        add(texts);
        for (std::size_t c = 0; has_blank && c < texts.size(); ++c) {
          if (texts[c] != "0" && !texts[c].empty()) continue;
          std::vector<std::string> swapped = texts;
          if (texts[c].empty()) {
            swapped[c].push_back('0');
          } else {
            swapped[c].clear();
          }
          add(std::move(swapped));
        }
      }
      BlockTable3::FoundRow row;
      row.spec = &specs[r];
      const std::vector<Token>& first = proved->front()[r];
      row.offset = std::string::npos;
      for (std::size_t c = 0; c < first.size(); ++c) {
        const bool agreed = std::all_of(readings.begin(), readings.end(),
                                        [&](const auto& texts) { return texts[c] == readings.front()[c]; });
        const CellState state = !agreed                       ? CellState::unresolved
                                : readings.front()[c].empty() ? CellState::blank
                                                              : CellState::number;
        row.cells.push_back({state, agreed ? readings.front()[c] : "", first[c].offset});
        row.offset = std::min(row.offset, first[c].offset);
        if (!first[c].text.empty()) row.written += (row.written.empty() ? "" : " ") + first[c].text;
      }
      for (const auto& texts : readings) {
        std::string shown;
        for (const std::string& t : texts) shown += (shown.empty() ? "" : " ") + (t.empty() ? "_" : t);
        row.readings.push_back(std::move(shown));
      }
      found.rows.push_back(std::move(row));
    }
    return found;
  }
  return std::nullopt;
}

}  // namespace xxgk
