#include "src/lower/block_table.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "src/lower/label_match.hpp"
#include "src/lower/number.hpp"
#include "src/rules/relations.hpp"
#include "src/text.hpp"

namespace xxgk {
namespace {

struct Token {
  std::string text;
  std::size_t offset;
  bool number;
};

bool is_number(std::string_view s) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (s.empty() || !digit(s.front()) || !digit(s.back())) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return digit(c) || c == '.'; }) &&
         std::count(s.begin(), s.end(), '.') <= 1;
}

// The tokens of a line: runs of characters between blanks.
std::vector<Token> tokens_of(std::string_view text, std::size_t begin, std::size_t end) {
  std::vector<Token> out;
  for (std::size_t i = begin; i < end;) {
    if (text[i] == ' ' || text[i] == '\t' || text[i] == '\f' || text[i] == '\r') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < end && text[j] != ' ' && text[j] != '\t' && text[j] != '\f' && text[j] != '\r') ++j;
    const std::string_view t = text.substr(i, j - i);
    out.push_back({std::string(t), i, is_number(t)});
    i = j;
  }
  return out;
}

// A page's footer as PDF text keeps it (`- 2 -`, `— 2 —`, `第 2 页 共 5 页`): no cell of the table.
// A bare number is one only as the page's last line, when it is the page's number.
bool is_page_number(const std::vector<Token>& line, bool last_of_page, std::size_t page) {
  std::string joined;
  for (const Token& t : line) joined += t.text;
  std::string digits, rest;
  for (const char c : joined) (c >= '0' && c <= '9' ? digits : rest) += c;
  if (digits.empty()) return false;
  if (rest.empty()) return last_of_page && digits == std::to_string(page);
  for (const std::string_view dash : {"—", "–", "-"}) {
    for (std::size_t at; (at = rest.find(dash)) != std::string::npos;) rest.erase(at, dash.size());
  }
  const bool dashes = rest.empty();
  const bool chinese = joined.rfind("第", 0) == 0 && joined.find("页") != std::string::npos;
  return dashes || chinese;
}

// A paragraph of the text: lines up to a blank line or a page break.
struct TextBlock {
  std::vector<std::vector<Token>> lines;
  [[nodiscard]] bool has_text() const {
    return std::any_of(lines.begin(), lines.end(), [](const auto& line) {
      return std::any_of(line.begin(), line.end(), [](const Token& t) { return !t.number; });
    });
  }
};

std::vector<TextBlock> blocks_of(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t page = static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(begin), '\f'));
  struct Line {
    std::vector<Token> tokens;
    bool page_starts = false;  // a form feed opens it
  };
  std::vector<Line> lines;
  for (std::size_t i = begin; i < end;) {
    std::size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos || nl > end) nl = end;
    const std::string_view line = text.substr(i, nl - i);
    lines.push_back({tokens_of(text, i, nl), line.find('\f') != std::string_view::npos});
    i = nl + 1;
  }
  std::vector<TextBlock> out;
  TextBlock current;
  const auto close = [&] {
    if (!current.lines.empty()) out.push_back(std::move(current));
    current = {};
  };
  for (std::size_t l = 0; l < lines.size(); ++l) {
    if (lines[l].page_starts) close(), ++page;
    if (lines[l].tokens.empty()) {
      close();
      continue;
    }
    std::size_t next = l + 1;
    while (next < lines.size() && lines[next].tokens.empty() && !lines[next].page_starts) ++next;
    const bool last_of_page = next < lines.size() && lines[next].page_starts;
    if (is_page_number(lines[l].tokens, last_of_page, page + 1)) continue;
    current.lines.push_back(std::move(lines[l].tokens));
  }
  close();
  return out;
}

// The two streams of numbers: those inside paragraphs with text (a row's first cells, set close to
// its label), and those that stand alone. A number before `年` (a running head's year) is no cell.
// A paragraph of numbers one a line is one number wrapped in its narrow cell (`1334` `2`).
struct Streams {
  std::vector<Token> leads, rests;
};

Streams streams_of(const std::vector<TextBlock>& paragraphs) {
  Streams s;
  for (const TextBlock& p : paragraphs) {
    const bool text = p.has_text();
    const bool wrapped = !text && p.lines.size() > 1 &&
                         std::all_of(p.lines.begin(), p.lines.end(), [](const auto& l) { return l.size() == 1; });
    if (wrapped) {
      Token joined = p.lines.front().front();
      for (std::size_t l = 1; l < p.lines.size(); ++l) joined.text += p.lines[l].front().text;
      if (!is_number(joined.text)) return {};
      s.rests.push_back(std::move(joined));
      continue;
    }
    for (const auto& line : p.lines) {
      for (std::size_t k = 0; k < line.size(); ++k) {
        if (!line[k].number) continue;
        if (k + 1 < line.size() && line[k + 1].text.rfind("年", 0) == 0) continue;
        (text ? s.leads : s.rests).push_back(line[k]);
      }
    }
  }
  return s;
}

std::vector<double> values_of(const std::vector<Token>& cells) {
  std::vector<double> v;
  for (const Token& t : cells) v.push_back(number_value(t.text));
  return v;
}

using Reading = std::vector<std::vector<Token>>;  // a row's cells, row by row

// A row's possible cells at state (r, i) (r rows read, i first cells taken, r·7 − i other
// numbers): the next k first cells and 7 − k other numbers, or, with no first cell, the seven
// other numbers with the last as the first (a row's first cell set apart from its label comes
// after the rest of its row); only those that keep the row's total (A1).
struct Step {
  std::size_t next_i;
  std::vector<Token> cells;
};

std::vector<Step> steps(const Streams& s, std::size_t r, std::size_t i) {
  constexpr std::size_t width = kTable3Columns.size();
  std::vector<Step> out;
  if (r * width < i) return out;
  const std::size_t j = r * width - i;
  for (std::size_t k = 0; k <= width; ++k) {
    if (i + k > s.leads.size() || j + width - k > s.rests.size()) continue;
    std::vector<Token> c(s.leads.begin() + static_cast<long>(i), s.leads.begin() + static_cast<long>(i + k));
    c.insert(c.end(), s.rests.begin() + static_cast<long>(j), s.rests.begin() + static_cast<long>(j + width - k));
    if (relations::table3_row_holds(values_of(c))) out.push_back({i + k, c});
    if (k == 0) {
      std::rotate(c.begin(), c.end() - 1, c.end());
      if (c.front().text != c.back().text && relations::table3_row_holds(values_of(c))) out.push_back({i, c});
    }
  }
  return out;
}

// Every reading of the whole table by these steps that uses every number, as the numbers' text
// (readings that differ only in which of two equal numbers went where are one); nothing when more
// than kMaxReadings remain at any point: so many prove nothing.
constexpr std::size_t kMaxReadings = 256;
using Texts = std::vector<std::string>;  // a reading of rows r.. as the numbers' text, row after row

std::optional<std::vector<Reading>> readings_of(const Streams& s, std::size_t rows) {
  constexpr std::size_t width = kTable3Columns.size();
  const std::size_t leads = s.leads.size();
  if (leads + s.rests.size() != rows * width) return std::nullopt;
  // suffix[r][i]: the distinct readings of rows r.. from state (r, i), each with its cells.
  std::vector<std::vector<std::optional<std::map<Texts, Reading>>>> suffix(
      rows + 1, std::vector<std::optional<std::map<Texts, Reading>>>(leads + 1));
  suffix[rows][leads] = std::map<Texts, Reading>{{Texts{}, Reading{}}};
  for (std::size_t r = rows; r-- > 0;) {
    for (std::size_t i = 0; i <= leads; ++i) {
      std::map<Texts, Reading> here;
      for (Step& step : steps(s, r, i)) {
        const auto& rest = suffix[r + 1][step.next_i];
        if (!rest) continue;
        for (const auto& [texts, reading] : *rest) {
          Texts t;
          for (const Token& c : step.cells) t.push_back(c.text);
          t.insert(t.end(), texts.begin(), texts.end());
          if (here.count(t)) continue;
          Reading whole{step.cells};
          whole.insert(whole.end(), reading.begin(), reading.end());
          here.emplace(std::move(t), std::move(whole));
          if (here.size() > kMaxReadings) return std::nullopt;
        }
      }
      if (!here.empty()) suffix[r][i] = std::move(here);
    }
  }
  if (!suffix[0][0]) return std::vector<Reading>{};
  std::vector<Reading> out;
  for (auto& [texts, reading] : *suffix[0][0]) out.push_back(std::move(reading));
  return out;
}

// A2 and A3 column by column: the reading is taken only when the table's own sums prove it.
bool columns_hold(const Reading& cells, std::span<const RowSpec> specs, FormatVersion version) {
  const auto row = [&](std::string_view key) -> const std::vector<Token>* {
    for (std::size_t r = 0; r < specs.size(); ++r)
      if (specs[r].key == key) return &cells[r];
    return nullptr;
  };
  const auto* total = row("total");
  const auto *received = row("new_received"), *carried_over = row("carried_over"), *forward = row("carried_forward");
  if (!total || !received || !carried_over || !forward) return false;
  for (std::size_t c = 0; c < kTable3Columns.size(); ++c) {
    double sum = 0;
    for (const auto leaf : table3_result_leaves(version)) {
      const auto* r = row(leaf);
      if (r == nullptr) return false;
      sum += number_value((*r)[c].text);
    }
    const auto v = [&](const std::vector<Token>* r) { return number_value((*r)[c].text); };
    if (!relations::agree(sum, v(total)) ||
        !relations::balance_holds(v(received), v(carried_over), v(total), v(forward)))
      return false;
  }
  return true;
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

std::optional<LayoutTable3> find_block_table3(std::size_t begin, std::size_t end, const LowerContext& cx) {
  const std::string_view text = cx.source.text();
  const std::vector<TextBlock> paragraphs = blocks_of(text, begin, end);
  const Streams streams = streams_of(paragraphs);
  const std::size_t numbers = streams.leads.size() + streams.rests.size();
  for (const FormatVersion version : {FormatVersion::v2021, FormatVersion::v2019}) {
    const auto specs = table3_rows(version);
    if (numbers != specs.size() * kTable3Columns.size()) continue;
    if (!labels_in_order(paragraphs, specs)) return std::nullopt;
    // The readings the table's column sums (A2, A3) accept: one, or all alike, is the table.
    const auto readings = readings_of(streams, specs.size());
    if (!readings) return std::nullopt;
    std::optional<Reading> proved;
    for (const Reading& reading : *readings) {
      if (!columns_hold(reading, specs, version)) continue;
      if (proved) return std::nullopt;
      proved = reading;
    }
    if (!proved) return std::nullopt;
    const Reading* cells = &*proved;
    LayoutTable3 found;
    for (std::size_t r = 0; r < specs.size(); ++r) {
      LayoutTable3::FoundRow row;
      row.spec = &specs[r];
      row.written.label = std::string(specs[r].label);  // found in order in the region, other text between
      std::size_t first = std::string::npos;
      for (const Token& t : (*cells)[r]) {
        row.written.cells.push_back({CellState::number, t.text, t.offset});
        first = std::min(first, t.offset);
      }
      row.written.offset = first;
      row.written.label_end = first;
      found.rows.push_back(std::move(row));
    }
    return found;
  }
  return std::nullopt;
}

}  // namespace xxgk
