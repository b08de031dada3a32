// Markdown read into the text the grammar reads (src/read/markdown.cpp): pipe tables, escapes,
// emphasis, empty cells, headings, HTML tables; positions in the markdown file; and text that is
// not markdown left as it is.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <sstream>

#include "report_text.hpp"
#include "xxgk/xxgk.hpp"

using xxgk::Source;
using xxgk::SourcePos;

namespace boost::test_tools::tt_detail {
template <>
struct print_log_value<SourcePos> {
  void operator()(std::ostream& os, const SourcePos& p) { os << p.line << ':' << p.column; }
};
}  // namespace boost::test_tools::tt_detail

namespace {

std::string text_of(const std::string& markdown) {
  return Source::from_bytes(markdown, "t.md").text();
}

std::string cells_of(const Source& source) {
  std::ostringstream out;
  xxgk::write_cells(xxgk::parse_report(source), out);
  return out.str();
}

// A report in the test's tab-row form written as markdown: a table from its first row of cells to
// the blank line after it, each line of it a pipe row (a line without a tab a row of one cell), a
// delimiter row under its first row; the section headings outside tables marked as converters
// mark them (`## 一、…` or `**一、…**`).
std::string as_markdown(const std::string& tab_text, bool outer_pipes, bool bold_headings) {
  std::istringstream in(tab_text);
  std::string line, out;
  bool in_table = false;
  while (std::getline(in, line)) {
    if (line.empty()) in_table = false;
    if (!in_table && line.find('\t') == std::string::npos) {
      const bool heading = line.size() > 3 && line.compare(3, 3, "、") == 0;
      if (heading) line = bold_headings ? "**" + line + "**" : "## " + line;
      out += line + "\n";
      continue;
    }
    std::string cells;
    std::size_t columns = 1;
    for (const char c : line) {
      cells += c == '\t' ? std::string(" | ") : std::string(1, c);
      columns += c == '\t';
    }
    out += (outer_pipes ? "| " + cells + " |" : cells) + "\n";
    if (!in_table) {
      std::string delimiter;
      for (std::size_t k = 0; k < columns; ++k) delimiter += k == 0 ? ":---" : "|---:";
      out += (outer_pipes ? "|" + delimiter + "|" : delimiter) + "\n";
    }
    in_table = true;
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(pipe_rows_become_rows_of_tab_joined_cells) {
  BOOST_TEST(text_of("| 信息内容 | 本年制发件数 |\n|---|:---:|\n| **规章** | 0 |\n| 行政规范性文件 |  |\n") ==
             "信息内容\t本年制发件数\n规章\t0\n行政规范性文件\t\n");
  // Without outer pipes, and a one-column header whose delimiter row is `---` alone.
  BOOST_TEST(text_of("第二十条第（一）项  \n---  \n信息内容| 本年制发件数  \n规章| 0  \n  \n") ==
             "第二十条第(一)项\n信息内容\t本年制发件数\n规章\t0\n\n");
}

BOOST_AUTO_TEST_CASE(escapes_are_the_characters_they_escape) {
  BOOST_TEST(text_of("a|b\n-|-\n规章\\|办法|\\-\n\\*注|0\n\n1\\. 属于国家秘密\n") ==
             "a\tb\n规章|办法\t-\n*注\t0\n\n1. 属于国家秘密\n");
}

BOOST_AUTO_TEST_CASE(a_cell_broken_by_br_is_one_cell) {
  BOOST_TEST(text_of("|a|b|\n|-|-|\n|（二）部分公开<br>(区分处理的)|17|\n|A<br />B|<br/>|\n") ==
             "a\tb\n(二)部分公开(区分处理的)\t17\nA B\t\n");
  // An entity is its character; a cell of nothing but a no-break space is blank.
  BOOST_TEST(text_of("|a|b|c|\n|-|-|-|\n|规章|&nbsp;|1 &lt; 2|\n") == "a\tb\tc\n规章\t\t1 < 2\n");
}

BOOST_AUTO_TEST_CASE(headings_lose_their_marks) {
  BOOST_TEST(text_of("# 报告\n## 一、总体情况 ##\n### （一）主动公开\n**二、主动公开政府信息情况**\n*注*：无\n") ==
             "报告\n一、总体情况\n(一)主动公开\n二、主动公开政府信息情况\n注:无\n");
}

BOOST_AUTO_TEST_CASE(an_html_table_is_read_as_a_browsers_copy) {
  BOOST_TEST(text_of("## 三、表\n\n<table>\n<tr><td rowspan=\"2\">三</td><td>（一）予以公开</td><td>5</td></tr>\n"
                     "<tr><td>（二）部分公开<br />\n(区分)</td><td></td></tr>\n</table>\n\n后\n") ==
             "三、表\n\n三\t(一)予以公开\t5\n(二)部分公开(区分)\t\n\n后\n");
}

BOOST_AUTO_TEST_CASE(positions_are_those_of_the_markdown_file) {
  const auto s = Source::from_bytes("## 一、总体情况\n\n|信息内容|本年制发件数|\n|---|---|\n|**规章**| 7 |\n", "t.md");
  BOOST_TEST(s.text().find("规章\t7\n") != std::string::npos);
  BOOST_TEST(s.position(s.text().find("一、")) == (SourcePos{1, 4}));
  BOOST_TEST(s.position(s.text().find("规章")) == (SourcePos{5, 4}));
  BOOST_TEST(s.position(s.text().find('7')) == (SourcePos{5, 10}));
  BOOST_TEST(s.original_line(5) == "|**规章**| 7 |");
}

// (This one guards the detection: it fails when markdown is found where there is none.)
BOOST_AUTO_TEST_CASE(text_that_is_not_markdown_is_left_as_it_is) {
  // A `|` in prose, rows of pipes without a delimiter row, one `#` line, a rule: none is markdown.
  const std::string text = "甲|乙 两项\n规章|0|1\n# 注\n**重要**\n1\\.\n";
  BOOST_TEST(text_of(text) == text);
  BOOST_TEST(text_of("规章\t-\t--\n---\n无\n") == "规章\t-\t--\n\n无\n");
}

BOOST_AUTO_TEST_CASE(a_report_in_markdown_reads_as_its_tab_rows) {
  xxgk::test::ReportText report;
  report.cells["table3.new_received.natural_person"] = "35";
  report.cells["table3.new_received.total"] = "35";
  report.cells["table2.licensing.decisions"] = "";  // a blank cell: an empty pipe cell
  const std::string tab_rows = report.str();
  const std::string expected = cells_of(Source::from_bytes(tab_rows, "t.txt"));
  BOOST_TEST(expected.find("table3.new_received.total\t35") != std::string::npos);
  for (const bool outer_pipes : {true, false}) {
    for (const bool bold_headings : {true, false}) {
      const auto source = Source::from_bytes(as_markdown(tab_rows, outer_pipes, bold_headings), "t.md");
      std::string cells = cells_of(source);
      // The same cells; positions differ (the markdown file's own), so compare keys and values.
      const auto without_positions = [](const std::string& lines) {
        std::istringstream in(lines);
        std::string line, out;
        while (std::getline(in, line)) out += line.substr(0, line.rfind('\t')) + "\n";
        return out;
      };
      BOOST_TEST(without_positions(cells) == without_positions(expected));
      const auto findings = xxgk::validate(xxgk::parse_report(source), source);
      BOOST_TEST(xxgk::test::findings_of(findings, "F1").empty());
    }
  }
}

// Hostile lines: 100,000 `[` with a link's `](` after each, and a row of 100,000 pipes, are
// read in one pass: about a second with ASan, where scanning to the line's end for each `[` (as the
// first cut did) is 10^10 steps.
BOOST_AUTO_TEST_CASE(long_lines_of_markup_are_read_in_linear_time) {
  std::string brackets = "a|b\n-|-\n";
  for (int i = 0; i < 100000; ++i) brackets += "[](";
  brackets += "\n";
  for (int i = 0; i < 100000; ++i) brackets += "|*";
  brackets += "\n";
  const auto started = std::chrono::steady_clock::now();
  const auto s = Source::from_bytes(brackets, "t.md");
  BOOST_TEST(s.text().compare(0, 4, "a\tb\n") == 0);
  BOOST_TEST(s.text().size() > 400000u);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  BOOST_TEST(seconds < 5.0);
}
