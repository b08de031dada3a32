// Lowering of the document structure: title, sections, subsections, prose, unplaced text.
#include "src/lower/lower.hpp"
#include "src/lower/label_match.hpp"

#include <string.h>  // memrchr

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>

#include "src/lower/block_table.hpp"
#include "src/lower/layout_table.hpp"
#include "src/text.hpp"
#include "xxgk/parse.hpp"

namespace xxgk {
namespace {

int section_number(std::string_view key) {
  for (const auto& s : sections()) {
    if (s.key == key) return s.number;
  }
  return 0;
}

int numeral_value(std::string_view text) {
  constexpr std::string_view numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
  for (int i = 0; i < 9; ++i) {
    if (text.substr(0, numerals[i].size()) == numerals[i]) return i + 1;
  }
  if (!text.empty() && text[0] >= '1' && text[0] <= '9') return text[0] - '0';
  return 0;
}

std::optional<int> year_in(std::string_view text) {
  const std::string s = without_whitespace(text);
  for (std::size_t i = 0; i + 4 < s.size(); ++i) {
    const bool four_digits = std::all_of(s.begin() + static_cast<long>(i), s.begin() + static_cast<long>(i + 4),
                                         [](char c) { return c >= '0' && c <= '9'; });
    if (four_digits && (i == 0 || s[i - 1] < '0' || s[i - 1] > '9') && s.compare(i + 4, 3, "年") == 0) {
      return std::stoi(s.substr(i, 4));
    }
  }
  return std::nullopt;
}

class DocumentLowering {
 public:
  explicit DocumentLowering(LowerContext& cx) : cx_(cx) {}

  void run(const TreeNode& root) {
    choose_table3_reading(root);
    for (const auto& child : root.children) block(*child);
    if (table3_in_layout_) lower_layout_table3(std::move(*table3_in_layout_), cx_);
    if (table3_in_blocks_) lower_block_table3(std::move(*table3_in_blocks_), cx_);
    // A page whose body has no title line (crawled text often starts with the first paragraph):
    // the header block's title names the agency and the year.
    if (report().title.empty() && !report().metadata.title.empty()) {
      set_title("", report().metadata.title, report().metadata.pos);
      report().title_after_first_section = false;
    }
    open_rows_set_apart(cx_);
    open_table4_set_apart(cx_);
    settle_by_column_sums(cx_);
    detect_format();
  }

 private:
  LowerContext& cx_;
  Report& report() { return cx_.report; }

  bool pre2019_heading_ = false;  // a heading only reports before the national layout use

  // Table 三 as its columns show it, when the grammar's rows are short and that reading finds
  // more; it then takes the table's region (from the first table 三 node to the next known
  // heading or table), lines the grammar could not place included.
  std::optional<LayoutTable3> table3_in_layout_;
  std::optional<BlockTable3> table3_in_blocks_;  // or as label and number blocks
  std::size_t region_begin_ = 0, region_end_ = 0;

  void choose_table3_reading(const TreeNode& root) {
    const TreeNode* first = nullptr;
    Table3RowCount count;
    region_end_ = cx_.source.text().size();
    for (const auto& child : root.children) {
      const NodeKind kind = child->kind;
      if (first == nullptr) {
        if (kind == NodeKind::table3) first = child.get();
      } else if (kind == NodeKind::section_heading || kind == NodeKind::table4 || kind == NodeKind::table2) {
        // A heading the grammar does not know may be a row label that pdftotext -layout split
        // around its cells (`二、上年结转政府信息公开申请` above the numbers): only a known one ends it.
        region_end_ = cx_.offset(*child);
        break;
      }
      if (kind == NodeKind::table3) count_table3_rows(*child, cx_, count);
    }
    if (first != nullptr) cx_.table3_begin = cx_.offset(*first), cx_.table3_end = region_end_;
    if (first == nullptr || count.read() == table3_rows(count.format).size()) return;
    region_begin_ = cx_.offset(*first);
    table3_in_layout_ = find_layout_table3(region_begin_, region_end_, count.read(), cx_);
    // PDF text in reading order: labels in one block, numbers in another (src/lower/block_table.cpp).
    if (!table3_in_layout_) table3_in_blocks_ = find_block_table3(region_begin_, region_end_, cx_);
  }

  bool in_table3_region(const TreeNode& node) const {
    const std::size_t at = cx_.offset(node);
    return (table3_in_layout_ || table3_in_blocks_) && at >= region_begin_ && at < region_end_;
  }

  std::vector<Paragraph>& prose() {
    return report().sections.empty() ? report().preamble : report().sections.back().prose;
  }

  void block(const TreeNode& node) {
    const NodeKind kind = node.kind;
    if (in_table3_region(node)) {
      // Read by the columns: the grammar gives the table's header, and its lines are rows.
      if (kind == NodeKind::table3) lower_table3(node, cx_, Table3Reading::header_only);
      if (kind == NodeKind::table3 || kind == NodeKind::unplaced_row || kind == NodeKind::unplaced_text) return;
    }
    switch (kind) {
      case NodeKind::section_heading:
        heading(node);
        break;
      case NodeKind::unknown_section_heading:
        unknown_heading(node);
        break;
      case NodeKind::subsection_heading:
        subsection(node);
        break;
      case NodeKind::report_title:
        title(node);
        break;
      case NodeKind::page_header:
        page_header(node);
        break;
      case NodeKind::table2:
        lower_table2(node, cx_);
        break;
      case NodeKind::table3:
        lower_table3(node, cx_);
        break;
      case NodeKind::table4:
        lower_table4(node, cx_);
        break;
      case NodeKind::unplaced_row:
        report().unplaced.push_back({"table cells outside any table", trim(node.string_view()), cx_.pos(node)});
        break;
      case NodeKind::unplaced_text:
        report().unplaced.push_back({"text after a table on the same line", trim(node.string_view()), cx_.pos(node)});
        break;
      case NodeKind::prose_line:
        add_prose(node);
        break;
      default:
        break;
    }
  }

  void add_prose(const TreeNode& node, bool heading = false) {
    const std::string_view line = node.string_view();
    const auto first = line.find_first_not_of(" \t\n");
    if (first == std::string_view::npos) return;
    const std::size_t offset = cx_.offset(node) + first;
    prose().push_back({trim(line), offset, cx_.source.position(offset), heading});
  }

  Section& open_section(const TreeNode& node, std::string_view key, int written_number) {
    Section s;
    s.key = std::string(key);
    s.number = section_number(key);
    s.written_heading = trim(node.string_view());
    s.pos = cx_.pos(node);
    s.written_number = written_number;
    report().sections.push_back(std::move(s));
    return report().sections.back();
  }

  void heading(const TreeNode& node) {
    int written_number = 0;
    bool arabic = false;
    if (const TreeNode* number = node.child(NodeKind::heading_number)) {
      written_number = numeral_value(without_whitespace(number->string_view()));
      arabic = number->string_view().find_first_of("0123456789") != std::string_view::npos;
    }
    const TreeNode* wording = node.child(NodeKind::label);
    const SectionSpec* spec = wording ? section_of(wording->label) : nullptr;
    Section& s = open_section(node, spec ? spec->key : std::string_view(), written_number);
    if (wording != nullptr && wording->wording != Wording::regulated) s.variant = std::string(rule_name(*wording));
    if (wording != nullptr && wording->wording == Wording::pre2019) pre2019_heading_ = true;
    s.arabic_numbering = arabic;
  }

  // A heading we do not know: a section if its wording is close to one of the six, else prose.
  void unknown_heading(const TreeNode& node) {
    const std::string text = without_whitespace(node.string_view());
    const std::string title = strip_numbering(text);
    const SectionSpec* best = nullptr;
    std::size_t best_distance = std::string::npos;
    for (const auto& spec : sections()) {
      const auto d = edit_distance(title, spec.title);
      if (d < best_distance) best_distance = d, best = &spec;
    }
    const bool already_open = std::any_of(report().sections.begin(), report().sections.end(),
                                          [&](const Section& s) { return best && s.key == best->key; });
    if (best == nullptr || already_open || best_distance * 2 > code_points(best->title).size()) {
      add_prose(node);
      return;
    }
    Section& s = open_section(node, best->key, numeral_value(text));
    s.variant = "renamed";
  }

  void subsection(const TreeNode& node) {
    std::string line = trim(node.string_view());
    std::string title = line;
    for (std::string_view stop : {"。", ":", "；", ";"}) {
      if (const auto at = title.find(stop); at != std::string::npos) title.resize(at);
    }
    if (!report().sections.empty()) {
      report().sections.back().subsections.push_back({without_whitespace(title), cx_.pos(node)});
    }
    // The rest of the line is often the subsection's first paragraph: numbers in it count (B4).
    add_prose(node, true);
  }

  void title(const TreeNode& node) {
    if (!report().title.empty()) {
      add_prose(node);
      return;
    }
    std::string agency_line;
    std::string title_line;
    for (const auto& child : node.children) {
      if (child->kind == NodeKind::title_agency) agency_line = trim(child->string_view());
      if (child->kind == NodeKind::title_line) title_line = trim(child->string_view());
    }
    set_title(agency_line, title_line, cx_.pos(node));
  }

  // The fields of a crawler's header block that say what the page is; other fields (`栏目:`,
  // `本地目录:`) are the archive's own. The names are those archives write, with their synonyms.
  void page_header(const TreeNode& node) {
    PageMetadata& m = report().metadata;
    m.present = true;
    m.pos = cx_.pos(node);
    for (const auto& field : node.children) {
      const TreeNode* name = field->child(NodeKind::page_header_field_name);
      const TreeNode* value = field->child(NodeKind::page_header_field_value);
      if (name == nullptr || value == nullptr) continue;
      const std::string n = without_whitespace(name->string_view());
      std::string* target = nullptr;
      if (n == "标题" || n == "题目" || n == "文章标题") target = &m.title;
      if (n == "发布时间" || n == "发布日期" || n == "成文日期" || n == "日期") target = &m.published;
      if (n == "原文链接" || n == "链接" || n == "网址" || n == "来源链接" || n == "URL" || n == "url") {
        target = &m.source_url;
      }
      if (target != nullptr && target->empty()) *target = trim(value->string_view());
    }
  }

  void set_title(const std::string& agency_line, const std::string& title_line, SourcePos pos) {
    report().title = agency_line.empty() ? title_line : agency_line + " " + title_line;
    report().title_pos = pos;
    report().year = year_in(title_line);
    report().title_after_first_section = !report().sections.empty();
    // The agency: the separate line, or the title text before the year.
    std::string agency = agency_line;
    if (agency.empty()) {
      std::string compact = without_whitespace(title_line);
      if (compact.substr(0, 6) == "关于") compact = compact.substr(6);
      std::size_t i = 0;
      while (i < compact.size() && !(compact[i] >= '0' && compact[i] <= '9')) ++i;
      agency = compact.substr(0, i);
      if (i == compact.size()) agency.clear();
    }
    report().agency = without_whitespace(agency);
  }

  // The layout is what the tables show, not what the year implies (Y2 compares the two).
  void detect_format() {
    const Table& t3 = report().table3;
    const bool table3_2021 = t3.row("other.no_correction") || t3.row("other.unpaid_fee") || t3.row("other.other");
    const bool table3_2019 = t3.row("other") != nullptr;
    if (!report().table2_version.empty()) {
      report().format_version = report().table2_version;
    } else if (table3_2021 || table3_2019) {
      report().format_version = table3_2019 ? "2019" : "2021";
    } else if (!report().table4.present && (pre2019_heading_ || (report().year && *report().year <= 2018))) {
      // No national table at all, and the old headings or an old year: the report predates the layout.
      report().format_version = "pre-2019";
      extract_pre2019_statistics(cx_);
    }
  }
};

}  // namespace

Report parse_report(const Source& source) {
  Report report;
  report.path = source.name();
  report.table2.key = "table2";
  report.table3.key = "table3";
  report.table4.key = "table4";
  report.pre2019.key = "pre2019";
  const auto root = build_parse_tree(source);
  LowerContext cx(source, report);
  DocumentLowering(cx).run(*root);
  return report;
}

double LowerContext::display_x(std::size_t offset) {
  const std::string_view text = source.text();
  offset = std::min(offset, text.size());
  // On from the last offset asked when no line break lies between; else from the line start.
  const auto line_start_before = [&](std::size_t from) {
    const void* newline = memrchr(text.data() + from, '\n', offset - from);
    return newline == nullptr ? std::string_view::npos
                              : static_cast<std::size_t>(static_cast<const char*>(newline) - text.data()) + 1;
  };
  if (offset < display_offset_) {
    const std::size_t start = line_start_before(0);
    display_offset_ = start == std::string_view::npos ? 0 : start;
    display_x_ = 0;
  } else if (const std::size_t start = line_start_before(display_offset_); start != std::string_view::npos) {
    display_offset_ = start;
    display_x_ = 0;
  }
  double x = display_x_;
  for (std::size_t i = display_offset_; i < offset;) {
    // ASCII bytes are characters one column wide (spaces and digits, most of a table's line):
    // a run of them is counted eight bytes at a time, without decoding or asking widths.
    std::size_t run = i;
    for (std::uint64_t word = 0; run + 8 <= offset; run += 8) {
      std::memcpy(&word, text.data() + run, sizeof word);
      if ((word & 0x8080808080808080ULL) != 0) break;
    }
    while (run < offset && static_cast<unsigned char>(text[run]) < 0x80) ++run;
    x += static_cast<double>(run - i);
    i = run;
    if (i >= offset) break;
    char32_t cp = 0;
    const std::size_t length = decode_utf8(text, i, cp);
    x += display_width(cp);
    i += length == 0 ? 1 : length;
  }
  display_offset_ = offset;
  display_x_ = x;
  return x;
}

const Row* Table::row(std::string_view row_key) const {
  for (const auto& r : rows) {
    if (r.key == row_key) return &r;
  }
  return nullptr;
}

const Cell* Table::cell(std::string_view row_key, std::string_view column) const {
  const Row* r = row(row_key);
  return r == nullptr ? nullptr : r->cell(column);
}

const Cell* Row::cell(std::string_view column) const {
  for (const auto& c : cells) {
    const std::string_view k = c.key;
    // The column's first character first: the validators ask for thousands of cells a report.
    const std::size_t at = k.size() - column.size();
    if (k.size() > column.size() && !column.empty() && k[at] == column[0] && k[at - 1] == '.' &&
        k.substr(at) == column) {
      return &c;
    }
  }
  return nullptr;
}

std::string_view to_string(CellState s) {
  switch (s) {
    case CellState::number:
      return "number";
    case CellState::blank:
      return "blank";
    case CellState::dash:
      return "dash";
    case CellState::slash:
      return "slash";
    case CellState::none:
      return "none";
    case CellState::text:
      return "text";
    case CellState::unresolved:
      return "unresolved";
  }
  return "?";
}

}  // namespace xxgk
