// Reports before 2019 follow no national layout and have no tables of 二, 三, 四: their
// statistics are stated in the prose. This takes the ones stated plainly (applications received
// and how they were answered, fees, reviews, lawsuits) as cells with keys of their own,
// `pre2019.<row>.<column>`, each where the sentence says it.
#include <algorithm>

#include "src/lower/lower.hpp"
#include "src/sentences.hpp"

namespace xxgk {
namespace {

struct Statistic {
  std::string_view row, column;
  std::initializer_list<std::string_view> keywords;  // the number follows one of these
  std::initializer_list<std::string_view> units;
};

// Every statistic taken, in output order.
const Statistic kStatistics[] = {
    {"applications", "received", {"受理", "收到"}, {"件"}},
    {"applications", "answered", {"答复", "办结"}, {"件"}},
    {"applications", "granted", {"同意公开", "予以公开"}, {"件"}},
    {"applications", "partially_granted", {"部分公开"}, {"件"}},
    {"applications", "denied", {"不予公开"}, {"件"}},
    {"applications", "not_held", {"信息不存在", "不掌握"}, {"件"}},
    {"fees", "collected", {"收取"}, {"元"}},
    {"review", "total", {"行政复议"}, {"件", "起"}},
    {"litigation", "total", {"行政诉讼"}, {"件", "起"}},
};

// Clauses end at commas too: `未发生…行政复议的情况，发生行政诉讼1起` speaks of two things.
std::vector<Sentence> clauses_of(const std::vector<Sentence>& sentences) {
  std::vector<Sentence> out;
  for (const Sentence& s : sentences) {
    out.emplace_back();
    for (std::size_t i = 0; i < s.text.size(); ++i) {
      out.back().text.push_back(s.text[i]);
      out.back().offsets.push_back(s.offsets[i]);
      const std::string& t = out.back().text;
      if (s.text[i] == ',' || (t.size() >= 3 && t.compare(t.size() - 3, 3, "、") == 0)) out.emplace_back();
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> pre2019_keys() {
  std::vector<std::string> keys;
  for (const Statistic& stat : kStatistics) {
    keys.push_back(fmt_key_prefix("pre2019", stat.row) + std::string(stat.column));
  }
  return keys;
}

void extract_pre2019_statistics(LowerContext& cx) {
  Report& r = cx.report;
  std::vector<Paragraph> prose = r.preamble;
  for (const Section& s : r.sections) prose.insert(prose.end(), s.prose.begin(), s.prose.end());
  const auto clauses = clauses_of(sentences_of(prose));

  Table table;
  table.key = "pre2019";
  for (const Statistic& stat : kStatistics) {
    for (const Sentence& c : clauses) {
      if (table.cell(stat.row, stat.column) != nullptr) break;  // the first statement counts
      std::size_t at = std::string::npos, keyword_end = 0;
      for (const auto keyword : stat.keywords) {
        if (const auto found = c.text.find(keyword); found < at) at = found, keyword_end = found + keyword.size();
      }
      if (at == std::string::npos) continue;
      if (stat.row == "applications" && (c.has("复议") || c.has("诉讼"))) continue;
      if (stat.column == "partially_granted" || stat.column == "granted" || stat.column == "denied") {
        // 公开N件 must be the clause's own statement, not 不予公开 read as 予以公开 or the reverse.
        if (stat.column == "granted" && c.text.compare(at > 3 ? at - 3 : 0, 3, "不") == 0) continue;
      }
      Cell cell;
      cell.key = intern_key({fmt_key_prefix("pre2019", stat.row), stat.column});
      std::size_t cell_at = at;
      if (const auto n = number_with_unit(c, at, stat.units); n && n->at - at <= 3 * 12) {
        cell.state = CellState::number;
        cell.value = n->value;
        cell.raw = c.text.substr(n->at, c.text.find_first_not_of("0123456789", n->at) - n->at);
        cell_at = n->at;
      } else if (const std::size_t negation = c.text.find("未") < at ? c.text.find("未") : c.text.find("没有");
                 negation != std::string::npos) {
        // 未收取任何费用, 未发生…行政复议: the document says there were none, and writes no
        // number; the cell keeps the words that say so, like a 无 in a table.
        cell.state = CellState::none;
        cell_at = std::min(negation, at);
        cell.raw = c.text.substr(cell_at, std::max(keyword_end, negation + std::string_view("没有").size()) - cell_at);
      } else {
        continue;
      }
      Row* row = nullptr;
      for (Row& existing : table.rows) {
        if (existing.key == stat.row) row = &existing;
      }
      if (row == nullptr) {
        table.rows.push_back(Row{std::string(stat.row), std::string(stat.row), std::string(stat.row), {}, {}});
        row = &table.rows.back();
        row->pos = cx.source.position(c.offsets[std::min(at, c.offsets.size() - 1)]);
      }
      cell.pos = cx.source.position(c.offsets[std::min(cell_at, c.offsets.size() - 1)]);
      row->cells.push_back(std::move(cell));
    }
  }
  table.present = !table.rows.empty();
  if (table.present) table.pos = table.rows.front().pos;
  r.pre2019 = std::move(table);
}

}  // namespace xxgk
