// Lowering of the three tables: rows matched by the keys their labels carry, cells keyed by the
// spec's keys, headers checked against the regulated column labels.
#include <algorithm>
#include <cstdlib>
#include <optional>

#include "src/lower/label_match.hpp"
#include "src/lower/lower.hpp"
#include "src/lower/number.hpp"
#include "src/lower/split_cells.hpp"
#include "src/lower/written_row.hpp"
#include "src/rules/findings.hpp"
#include "src/rules/relations.hpp"
#include "src/text.hpp"

namespace xxgk {
namespace {

// Checks that each expected column label appears in the header; a missing one is reported with
// the closest word written there (typos such as 本年度止件数 for 本年废止件数). `compact`: the
// header without whitespace, which the caller has made for the table's header already.
void check_header(std::string_view table, const TreeNode& header, std::string_view compact,
                  std::span<const std::string_view> expected, LowerContext& cx) {
  const std::string_view text = header.string_view();
  // Most headers hold every label: their words are only needed to name a changed one.
  if (std::all_of(expected.begin(), expected.end(),
                  [&](std::string_view expect) { return compact.find(expect) != std::string::npos; })) {
    return;
  }
  struct Word {
    std::string_view text;
    std::size_t offset;
  };
  std::vector<Word> words;
  // By hand: find_first_of with a set calls memchr once a character.
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
  for (std::size_t i = 0; i < text.size();) {
    std::size_t start = i;
    while (start < text.size() && blank(text[start])) ++start;
    if (start == text.size()) break;
    std::size_t end = start;
    while (end < text.size() && !blank(text[end])) ++end;
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

// A row of table 二 whose label no rule read: the block's next row not yet read, when the label
// as written is the start of that row's (cut at its cell's width: `行政` for 行政许可), at least
// two characters. The rows of a block come in the format's order; any other label is text out of
// place (F7).
void add_cut_row(Table& table, const Table2Block* block, FormatVersion version, const TreeNode& row, LowerContext& cx) {
  const TreeNode* label_node = row.child(NodeKind::table2_unrecognised_label);
  const std::string written = label_node != nullptr ? without_whitespace(label_node->string_view()) : "";
  const RowSpec* spec = nullptr;
  if (block != nullptr) {
    for (const std::string_view key : block->rows) {
      if (table.row(key) != nullptr) continue;
      spec = find_row(table2_rows(version), key);
      break;
    }
  }
  if (spec == nullptr || code_point_count(written) < 2 || !std::string_view(spec->label).starts_with(written)) {
    cx.report.unplaced.push_back(
        {"table2 row with an unknown label", without_whitespace(row.string_view()), cx.pos(row)});
    return;
  }
  Row read = make_row("table2", *spec, written_row(row, written_cells(row, cx), cx), cx);
  cx.report.altered_labels.push_back({"table2." + read.key, written, std::string(spec->label), read.pos});
  add_row(table, std::move(read), cx);
}

}  // namespace

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
      const std::string compact = without_whitespace(child->string_view());
      table.header += compact;
      if (block != nullptr) check_header("table2", *child, compact, block->headers, cx);
      continue;
    }
    if (child->kind == NodeKind::table2_unrecognised_row) {
      add_cut_row(table, block, version, *child, cx);
      continue;
    }
    const TreeNode* label = label_child(*child);
    if (label == nullptr) continue;
    const RowSpec* spec = find_row(table2_rows(version), label->label);
    if (spec == nullptr) continue;
    add_row(table, make_row("table2", *spec, written_row(*child, written_cells(*child, cx), cx), cx), cx);
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
  if (tokens.size() != kTable3Columns.size() || relations::table3_row_holds(values)) return false;
  for (const auto& p : pieces) {
    if (p.state != CellState::number) return false;
    tokens.push_back(p.raw);
  }
  const auto fits = readings_that_hold(tokens, kTable3Columns.size(), relations::table3_row_holds);
  if (fits.size() != 1) return false;
  ExtractionNote note;
  note.rule = "X1";
  for (std::size_t c = 0; c < last.cells.size(); ++c) {
    note.keys.emplace_back(last.cells[c].key);
    last.cells[c].raw = fits.front().numbers[c];
    last.cells[c].value = number_value(last.cells[c].raw);
  }
  std::string reading;
  for (const auto& t : tokens) note.written += (note.written.empty() ? "" : " ") + t;
  for (const auto& n : fits.front().numbers) reading += (reading.empty() ? "" : " ") + n;
  note.readings = {std::move(reading)};
  note.pos = last.pos;
  cx.report.extraction_notes.push_back(std::move(note));
  return true;
}

// The words of a row whose label no rule read whole.
std::string unrecognised_label_text(const TreeNode& row) {
  std::string text;
  for (const auto& c : row.children) {
    if (c->kind == NodeKind::table3_unrecognised_label || c->kind == NodeKind::table3_label_continuation) {
      text += without_whitespace(c->string_view());
    }
  }
  return text;
}

// Matches a label no grammar rule read whole against the format's rows not yet taken, and adds the
// row when one is close enough (F4 when its words differ). Returns the match.
LabelMatch add_matched_row(Table& table, const TreeNode& row_node, const std::string& label_text,
                           const std::vector<WrittenCell>& written, LowerContext& cx) {
  // A row read without any cell does not keep its label from one written with cells (add_row puts
  // that one in its place): a short label may be a piece of a group label set down a narrow
  // column (`(六)` `其他` `处理`, one line each, beside the rows' labels in a text browser's grid).
  const auto any_written = [](const Row& r) {
    return std::any_of(r.cells.begin(), r.cells.end(), [](const Cell& c) { return c.state != CellState::blank; });
  };
  std::vector<bool> taken;
  for (const RowSpec& spec : table3_rows()) {
    const Row* kept = table.row(spec.key);
    taken.push_back(kept != nullptr && (written.empty() || any_written(*kept)));
  }
  const LabelMatch match = match_label(label_text, table3_rows(), taken);
  if (match.row == nullptr) return match;
  // A label read loosely (cut short, characters lost) names a row only with all its cells, as a
  // grid that cut the label writes them: fewer are a piece of a row whose label goes on below
  // (w3m's boxes: `(2)没有现` beside a group's vertical `无`, then the row's words and numbers).
  if (match.loose && written.size() < match.row->columns.size()) return {};
  Row row = make_row("table3", *match.row, written_row(row_node, written, cx), cx);
  // A label only cut apart (by a page break, or its numbering set apart) is written as regulated.
  if (match.edits > 0 || match.wording->wording != Wording::regulated) {
    cx.report.altered_labels.push_back(
        {"table3." + row.key, strip_numbering(label_text), std::string(match.wording->words), row.pos});
  }
  add_row(table, std::move(row), cx);
  return match;
}

// A known label followed by more of a label: past a page turn, the rest of a longer one
// (grammar/table3.hpp, label_cut_by_page), or a few characters before the cells (label_overflow).
// The whole label read by the matcher gives the row. When it is no label, the
// short label's row is read and the rest is text out of place.
bool read_label_with_rest(Table& table, const TreeNode& row_node, const TreeNode& label,
                          const std::vector<WrittenCell>& written, LowerContext& cx) {
  const auto rest = std::find_if(row_node.children.begin(), row_node.children.end(),
                                 [](const auto& c) { return c->kind == NodeKind::table3_label_continuation; });
  if (rest == row_node.children.end()) return false;
  const std::string label_text = without_whitespace(label.string_view()) + without_whitespace((*rest)->string_view());
  if (add_matched_row(table, row_node, label_text, written, cx).row != nullptr) return true;
  cx.report.unplaced.push_back({"text inside table 三", without_whitespace((*rest)->string_view()), cx.pos(**rest)});
  return false;
}

}  // namespace

void count_table3_rows(const TreeNode& node, const LowerContext& cx, Table3RowCount& count) {
  std::vector<bool>& taken = count.taken;
  taken.resize(table3_rows().size(), false);
  const auto take = [&](const RowSpec* spec) {
    if (spec != nullptr) taken[static_cast<std::size_t>(spec - table3_rows().data())] = true;
  };
  for (const auto& child : node.children) {
    const TreeNode* label = label_child(*child);
    if (child->kind == NodeKind::table3_row && label != nullptr) {
      take(find_row(table3_rows(), label->label));
    } else if (child->kind == NodeKind::table3_group && label != nullptr) {
      const GroupSpec* group = find_group(label->label);
      if (group != nullptr && group->key == "other" && !other_items_follow(node, *child) &&
          !written_cells(*child, cx).empty()) {
        count.format = FormatVersion::v2019;
      }
    } else if (child->kind == NodeKind::table3_unrecognised_row) {
      take(match_label(unrecognised_label_text(*child), table3_rows(), taken).row);
    }
  }
}

std::size_t Table3RowCount::read() const {
  return static_cast<std::size_t>(std::count(taken.begin(), taken.end(), true)) +
         (format == FormatVersion::v2019 ? 1 : 0);
}

void lower_table3(const TreeNode& node, LowerContext& cx, Table3Reading reading) {
  Table& table = cx.report.table3;
  if (!table.present) {
    table.present = true;
    table.pos = cx.pos(node);
  }
  std::vector<std::vector<WrittenCell>> all_rows;
  for (const auto& child : node.children) all_rows.push_back(written_cells(*child, cx));
  if (reading == Table3Reading::grammar) cx.column_centers = column_centers_of(all_rows, kTable3Columns.size(), cx);
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    const auto& child = node.children[i];
    std::vector<WrittenCell>& written = all_rows[i];  // moved into the row read from it
    const NodeKind kind = child->kind;
    if (reading == Table3Reading::header_only && kind != NodeKind::table3_header) continue;
    if (kind == NodeKind::table3_header) {
      const std::string compact = without_whitespace(child->string_view());
      table.header += compact;
      std::vector<std::string_view> expected(kTable3ColumnLabels.begin(), kTable3ColumnLabels.end());
      expected.insert(expected.begin() + 1, "法人或其他组织");
      check_header("table3", *child, compact, expected, cx);
      continue;
    }
    if (kind == NodeKind::table3_row) {
      const TreeNode* label = label_child(*child);
      const RowSpec* spec = label ? find_row(table3_rows(), label->label) : nullptr;
      if (spec == nullptr) continue;
      if (read_label_with_rest(table, *child, *label, written, cx)) continue;
      Row row = make_row("table3", *spec, written_row(*child, std::move(written), cx), cx);
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
      if (label == nullptr || (written.empty() && child->child(NodeKind::run_together_cells) == nullptr)) continue;
      if (const GroupSpec* group = find_group(label->label)) {
        const GroupSpec& g = *group;
        // Numbers on (六)其他处理: the 2019 format's data row `other`, unless 2021 items follow.
        if (g.key == "other" && !other_items_follow(node, *child)) {
          add_row(table,
                  make_row("table3", *find_row(table3_rows(FormatVersion::v2019), "other"),
                           written_row(*child, written, cx), cx),
                  cx);
          continue;
        }
        const RowSpec subtotal{g.key, g.label, g.label_key, kTable3Columns, 1, ""};
        cx.report.table3_subtotals.push_back(
            make_row("table3", subtotal, written_row(*child, written, cx), cx, std::string(g.key) + ".subtotal"));
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
      const std::string label_text = unrecognised_label_text(*child);
      if (part_of_a_table3_label(label_text) && rejoin_after_page_break(table, *child, cx)) continue;
      const LabelMatch match = add_matched_row(table, *child, label_text, written, cx);
      if (match.row != nullptr) continue;
      if (match.ambiguous()) {
        cx.report.unplaced.push_back({"table3 row whose label is as close to two rows",
                                      without_whitespace(child->string_view()), cx.pos(*child)});
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
        {"a second table of 四", first_characters(without_whitespace(node.string_view()), 20), cx.pos(node)});
    return;
  }
  table.present = true;
  table.pos = cx.pos(node);
  std::vector<std::string_view> expected = {"行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"};
  expected.insert(expected.end(), kTable4ColumnLabels.begin(), kTable4ColumnLabels.end());
  for (const auto& child : node.children) {
    if (child->kind == NodeKind::table4_header) {
      table.header = without_whitespace(child->string_view());
      check_header("table4", *child, table.header, expected, cx);
    }
  }
  // One data row of 15 cells, keyed group by group.
  std::vector<std::string> keys;
  for (const auto group : kTable4Groups) {
    for (const auto column : kTable4Columns) keys.push_back(std::string(group) + "." + std::string(column));
  }
  std::vector<std::string_view> key_views(keys.begin(), keys.end());
  std::vector<Cell> cells = table4_cells(node, key_views, cx);
  table.rows = table4_rows(std::move(cells));
}

std::vector<Row> table4_rows(std::vector<Cell> cells) {
  std::vector<Row> rows;
  std::size_t i = 0;
  for (const auto group : kTable4Groups) {
    Row row;
    row.key = std::string(group);
    row.canonical_label = std::string(group);
    const std::string prefix = fmt_key_prefix("table4", group);
    for (const auto column : kTable4Columns) {
      if (i >= cells.size()) break;
      cells[i].key = intern_key({prefix, column});
      row.cells.push_back(std::move(cells[i++]));
    }
    if (row.cells.empty()) break;
    row.pos = row.cells.front().pos;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace xxgk
