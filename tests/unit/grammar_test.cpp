// Grammar rules on their own: what each matches and how much it consumes.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <type_traits>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/report.hpp"
#include "xxgk/source.hpp"

namespace g = xxgk::grammar;
namespace pegtl = tao::pegtl;
namespace first = xxgk::grammar::first;

namespace {

// Bytes the rule consumes at the start of the input, or -1 when it does not match.
template <typename Rule>
long consumed(std::string_view input) {
  pegtl::memory_input in(input.data(), input.size(), "test");
  if (!pegtl::parse<Rule>(in)) return -1;
  return static_cast<long>(in.current() - input.data());
}

template <typename Rule>
long consumed_all(std::string_view input) {
  return consumed<pegtl::seq<Rule, pegtl::eof>>(input);
}

// Bytes the rule consumes from byte `from` of the input, or -1: for rules that look back, or at
// the report's head.
template <typename Rule>
long consumed_from(std::string_view input, std::size_t from) {
  if (from > input.size()) return -2;
  pegtl::memory_input in(input.data(), input.size(), "test");
  in.bump(from);
  if (!pegtl::parse<Rule>(in)) return -1;
  return static_cast<long>(in.current() - input.data()) - static_cast<long>(from);
}

// Counts the tries of Counted under the rule matched.
template <typename Counted>
struct tries {
  static inline int count = 0;
  template <typename Rule>
  struct control : pegtl::normal<Rule> {
    template <typename ParseInput, typename... States>
    static void start(const ParseInput& /*in*/, States&&... /*st*/) {
      if constexpr (std::is_same_v<Rule, Counted>) ++count;
    }
  };
};

template <typename Rule, typename Counted>
int tries_of(std::string_view input) {
  tries<Counted>::count = 0;
  pegtl::memory_input in(input.data(), input.size(), "test");
  (void)pegtl::parse<Rule, pegtl::nothing, tries<Counted>::template control>(in);
  return tries<Counted>::count;
}

template <typename Rule>
bool matches_at(const std::string& text, std::size_t at) {
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.size(), "test");
  in.bump(at);
  return pegtl::parse<Rule>(in);
}

// Rules whose first bytes the grammar declares or derives, each checked at every line start and
// every word of the text: where one matches, its set holds the byte.
template <typename... Rules>
void check_first_bytes_hold(const std::string& text, const std::string& name) {
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (at > 0 && text[at - 1] != '\n' && text[at - 1] != ' ' && text[at - 1] != '\t') continue;
    const auto byte = static_cast<unsigned char>(text[at]);
    (
        [&] {
          if (!first::of<Rules>::value.admits(byte) && matches_at<Rules>(text, at)) {
            BOOST_ERROR(name << ": " << pegtl::demangle<Rules>() << " matches at byte " << at
                             << " but its first bytes leave out " << static_cast<int>(byte));
          }
        }(),
        ...);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(grammar_has_no_rules_that_loop_without_progress) {
  BOOST_TEST(pegtl::analyze<g::report>(1) == 0u);
}

BOOST_AUTO_TEST_CASE(label_allows_breaks_between_any_two_characters) {
  using L = g::label<"本年度办理结果">;
  BOOST_TEST(consumed_all<L>("本年度办理结果") == 21);
  BOOST_TEST(consumed_all<L>("本年\n\n度办理\n\n结果") > 0);
  BOOST_TEST(consumed_all<L>("本 年 度 办 理 结 果") > 0);
  BOOST_TEST(consumed<L>("本年度办理结") == -1);
  BOOST_TEST(consumed<L>(" 本年度办理结果") == -1);  // no blank before the first character
  BOOST_TEST(consumed<L>("本年度办理结果 ") == 21);  // nor after the last
}

BOOST_AUTO_TEST_CASE(label_quotes_match_any_quote_or_none) {
  using L = g::label<"危及“三安全一稳定”">;
  BOOST_TEST(consumed_all<L>("危及“三安全一稳定”") > 0);
  BOOST_TEST(consumed_all<L>("危及\"三安全一稳定\"") > 0);
  BOOST_TEST(consumed_all<L>("危及三安全一稳定") > 0);
}

BOOST_AUTO_TEST_CASE(cells_as_written) {
  BOOST_TEST(consumed_all<g::cell_number>("13612") == 5);
  BOOST_TEST(consumed_all<g::cell_number>("0.0235") == 6);
  BOOST_TEST(consumed_all<g::cell_number>("-8") == 2);
  BOOST_TEST(consumed_all<g::cell_number>("251000元") > 0);
  BOOST_TEST(consumed<g::cell>("2.其他") == -1);  // a numbered label is not a cell
  BOOST_TEST(consumed<g::cell>("2024年") == -1);
  BOOST_TEST(consumed_all<g::cell_dash>("-") == 1);
  BOOST_TEST(consumed_all<g::cell_dash>("—") == 3);
  BOOST_TEST(consumed_all<g::cell_slash>("/") == 1);
  BOOST_TEST(consumed_all<g::cell_none>("无") == 3);
  BOOST_TEST(consumed<g::cell_none>("无法提供") == -1);
}

BOOST_AUTO_TEST_CASE(number_rows_of_known_arity_across_breaks) {
  using Row7 = g::cells<7>;
  BOOST_TEST(consumed<Row7>("0 0 0 0 0 0\n\n0\n") == 14);
  BOOST_TEST(consumed<Row7>("1\t0\t0\t0\t0\t0\t1\t\t") == 13);  // trailing tabs are layout
  // Up to three numbers more than the arity, for lowering to rejoin split numbers; no more.
  BOOST_TEST(consumed<Row7>("1 2 3 4 5 6 7 8") == 15);
  BOOST_TEST(consumed<Row7>("1 2 3 4 5 6 7 8 9 0 1 2") == 19);
  BOOST_TEST(consumed<g::cells<3>>("0\n\t0\n\t\n0") == 8);  // DOCX: a cell's text on a new line
}

BOOST_AUTO_TEST_CASE(tab_gaps_hold_blank_cells_only_between_cells) {
  BOOST_TEST(consumed<g::blank_cells>("\t\t0") == 2);
  BOOST_TEST(consumed<g::blank_cells>("\t\t\t5") == 3);
  BOOST_TEST(consumed<g::blank_cells>("\t0") == -1);     // one tab: no blank between
  BOOST_TEST(consumed<g::blank_cells>("\t\t\n") == -1);  // trailing: layout
}

BOOST_AUTO_TEST_CASE(table3_row_labels_with_numbering_variants) {
  BOOST_TEST(consumed<g::table3::label_granted>("(一) 予以公开\t0") == 18);
  BOOST_TEST(consumed<g::table3::label_granted>("予以公开 0") == 12);
  BOOST_TEST(consumed<g::table3::label_state_secret>("1. 属于国家秘密") > 0);
  BOOST_TEST(consumed<g::table3::label_state_secret>("1、属于国家秘密") > 0);
  BOOST_TEST(consumed<g::table3::label_other_other>("3.其他\t0") > 0);
  BOOST_TEST(consumed<g::table3::label_other_other>("其他处理") == -1);
  BOOST_TEST(consumed<g::table3::group_results>("三、本年\n\n度办理\n\n结果\n") > 0);
  BOOST_TEST(consumed<g::table3::label_total>("总计 0") == -1);  // 总计 alone is a column label
}

BOOST_AUTO_TEST_CASE(section_headings_and_variants) {
  BOOST_TEST(consumed<g::section_heading>("一、总体情况\n") == 19);
  BOOST_TEST(consumed<g::section_heading>(" 三、收到和处理政府信息公开申请情况\n") > 0);
  BOOST_TEST(consumed<g::section_heading>("2、 收到和处理政府信息公开申请情况\n") > 0);
  BOOST_TEST(consumed<g::section_heading>("一、总体情况良好,本年度共收到申请\n") == -1);
  BOOST_TEST(consumed<g::section_heading>("五、存在问题及改进情况\n") > 0);
  BOOST_TEST(consumed<g::unknown_section_heading>("三、依申请公开情况\n") > 0);
  BOOST_TEST(consumed<g::unknown_section_heading>("一、加强培训,提升水平。\n") == -1);
}

BOOST_AUTO_TEST_CASE(title_lines) {
  BOOST_TEST(consumed<g::report_title>("西工区退役军人事务局 2024 年政府信息公开工作年度报告\n") > 0);
  BOOST_TEST(consumed<g::report_title>("关于2022年度政府信息公开情况的报告\n") > 0);
  BOOST_TEST(consumed<g::report_title>(" 中卫市退役军人事务局\n2024年政府信息公开工作年度报告\n") > 0);
  BOOST_TEST(consumed<g::report_title>("现发布《某局2024年政府信息公开工作年度报告》,本报告\n") == -1);
}

BOOST_AUTO_TEST_CASE(page_numbers_in_their_common_forms) {
  for (std::string_view form : {"-2-", "- 2 -", "— 2 —", "–2–", "――12――", "第2页", "第 2 页 共 6 页", "第2页/共6页",
                                "第2页,共6页", "2/6", "- 2 / 6 -", "   - 2 -   "}) {
    BOOST_TEST_CONTEXT(form) {
      BOOST_TEST(consumed_all<g::page_number>(form) > 0);
    }
  }
  // A number alone, spaced slashes and anything else on the line are no page number by their marks.
  for (std::string_view text : {"2", "2 / 6", "- 2", "第2页 说明", "1 0 0 -2-", "-2-3", "2/6/2024"}) {
    BOOST_TEST_CONTEXT(text) {
      BOOST_TEST(consumed<g::page_number>(text) == -1);
    }
  }
  BOOST_TEST(consumed_from<g::page_number>("x -2-", 2) == -1);  // on a line of its own only
  // Between cells it is never a cell: `- 2 -` alone would read as three.
  BOOST_TEST(consumed<g::cells<7>>("1 0 0 0\n- 2 -\n0 0 1\n") == 19);
  BOOST_TEST(consumed<g::cells<7>>("1 0 0 0\n— 2 / 6 —\n0 0 1\n") == 27);
}

BOOST_AUTO_TEST_CASE(bare_page_number_only_where_no_cell_can_be) {
  using Row = g::table3::row;
  const std::string next = "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n";
  const std::string full = "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1";
  const auto length = [](const std::string& s, std::size_t more = 0) { return static_cast<long>(s.size() + more); };
  // Below a row of seven cells, a blank line above and below, a row next: a page number.
  BOOST_TEST(consumed<Row>(full + "\n\n2\n\n" + next) == length(full));
  BOOST_TEST(consumed_from<g::table3::page_number_between_rows>(full + "\n\n 12 \n\n" + next, full.size() + 3) == 3);
  // No blank line above, or none below (half a wide number in pdftotext -layout): a cell.
  BOOST_TEST(consumed<Row>(full + "\n2\n\n" + next) == length(full, 2));
  BOOST_TEST(consumed<Row>(full + "\n\n2\n" + next) == length(full, 3));
  // The row still lacks cells: a cell.
  const std::string short_row = "一、本年新收政府信息公开申请数量 1 0 0 0";
  BOOST_TEST(consumed<Row>(short_row + "\n\n2\n\n" + next) == length(short_row, 3));
  // Nothing the table knows comes next: a cell (lowering reports the extra number).
  BOOST_TEST(consumed<Row>(full + "\n\n2\n\n备注\n") == length(full, 3));
  // 四: above a line that holds all 15 cells; below them, before a heading.
  const std::string cells15 = "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0";
  BOOST_TEST(consumed_all<g::table4::table>("行政复议 行政诉讼 总计\n\n3\n\n" + cells15) > 0);
  BOOST_TEST(consumed<g::table4::row_cells>(cells15 + "\n\n4\n\n五、存在的主要问题及改进情况\n") == length(cells15));
  BOOST_TEST(consumed<g::table4::row_cells>(cells15 + "\n\n4\n\n附件\n") == length(cells15, 3));
  BOOST_TEST(consumed<g::table4::row_cells>("1 0 0 0 1 0 0\n\n4\n\n0 0 0 0 0 0 0 0\n") > 20);  // 7 cells: a cell
}

BOOST_AUTO_TEST_CASE(running_heads_repeat_the_title_or_the_agency) {
  const std::string_view report =
      "某某市某某局2023年政府信息公开工作年度报告\n"
      "申请人情况\n"
      "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n"
      "某某市某某局2023年政府信息公开工作年度报告\n"
      "政府信息公开工作年度报告\n"
      "\n"
      "某某市某某局\n"
      "\n"
      "某某市\n"
      "某某市某某局\n";
  const auto line = [&](int n) {
    std::size_t at = 0;
    for (int i = 1; i < n; ++i) at = report.find('\n', at) + 1;
    return at;
  };
  // The title, whole or its suffix alone, on a line of its own wherever it stands.
  BOOST_TEST(consumed_from<g::running_head>(report, line(4)) == static_cast<long>(line(5) - line(4) - 1));
  BOOST_TEST(consumed_from<g::running_head>(report, line(5)) == 36);
  BOOST_TEST(consumed_from<g::running_head>(report, line(3)) == -1);
  // The agency as the title writes it, below a blank line; not a part of it, nor without the blank.
  BOOST_TEST(consumed_from<g::running_head>(report, line(7)) == 18);
  BOOST_TEST(consumed_from<g::running_head>(report, line(9)) == -1);
  BOOST_TEST(consumed_from<g::running_head>(report, line(10)) == -1);
}

BOOST_AUTO_TEST_CASE(first_bytes_follow_the_rules_structure) {
  constexpr first::Set page_number = first::of<g::page_number>::value;
  BOOST_TEST(page_number.admits('-'));
  BOOST_TEST(page_number.admits('2'));                      // 2/6
  BOOST_TEST(page_number.admits(first::lead_byte(U'第')));  // 第2页
  BOOST_TEST(page_number.admits(' '));                      // its indentation
  BOOST_TEST(!page_number.admits('('));
  BOOST_TEST(!page_number.admits(first::lead_byte(U'一')));
  BOOST_TEST(!page_number.may_be_empty);
  constexpr first::Set cell = first::of<g::cell>::value;
  BOOST_TEST(cell.admits('0'));
  BOOST_TEST(cell.admits('/'));
  BOOST_TEST(cell.admits(first::lead_byte(U'无')));
  BOOST_TEST(!cell.admits('('));
  // A rule it cannot read may start with anything.
  BOOST_TEST(first::of<g::title_suffix_on_line>::value.admits('('));
}

BOOST_AUTO_TEST_CASE(a_choice_tries_only_rules_the_next_byte_can_start) {
  // A table row's line start: no page furniture starts with a bracket.
  BOOST_TEST((tries_of<g::page_furniture, g::page_number>("(一)予以公开 1 0 0 0 0 0 1\n")) == 0);
  BOOST_TEST((tries_of<g::page_furniture, g::page_number>("- 2 -\n")) == 1);
  // A label is tried only where its first character follows the numbering.
  BOOST_TEST((tries_of<g::table3::row_label, g::table3::label_granted>("(一)予以公开 1")) == 1);
  BOOST_TEST((tries_of<g::table3::row_label, g::table3::label_partially_granted>("(一)予以公开 1")) == 0);
}

// Every rule chosen by its first byte, at every line start of the corpus texts: where it matches,
// its set holds the byte.
BOOST_AUTO_TEST_CASE(first_bytes_hold_on_the_corpus) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(XXGK_CORPUS)) {
    if (entry.path().extension() != ".txt") continue;
    std::string text;
    try {
      text = xxgk::Source::from_file(entry.path().string()).text();
    } catch (const std::exception&) {
      continue;  // the corpus's bad inputs
    }
    const std::string name = entry.path().filename().string();
    check_first_bytes_hold<g::page_number, g::last_line_of_page, g::running_head, g::section_heading, g::title_agency,
                           g::table3::row_label, g::table3::header, g::cell>(text, name);
    ++files;
  }
  BOOST_TEST(files > 100u);
}

// A parse state carrying a memo of failures (src/tree/parse_tree.cpp's carries one).
struct StateWithMemo {
  g::FailureMemo memo;
  g::FailureMemo& failure_memo() { return memo; }
};

// Tries of page_number when page_furniture is matched at the start of the input.
template <typename... States>
int furniture_tries(const std::string& input, States&... st) {
  tries<g::page_number>::count = 0;
  pegtl::memory_input in(input.data(), input.size(), "test");
  (void)pegtl::parse<g::page_furniture, pegtl::nothing, tries<g::page_number>::template control>(in, st...);
  return tries<g::page_number>::count;
}

BOOST_AUTO_TEST_CASE(a_rule_tried_again_where_it_failed_fails_at_once) {
  const std::string fails = "- two -\n";
  StateWithMemo state;
  BOOST_TEST(furniture_tries(fails, state) == 1);
  BOOST_TEST(furniture_tries(fails, state) == 0);  // remembered
  BOOST_TEST(furniture_tries(fails) == 1);         // no memo: tried again
  // A memo of failures holds no successes: what matched is matched again.
  const std::string matches = "- 2 -\n";
  BOOST_TEST(furniture_tries(matches, state) == 1);
  BOOST_TEST(furniture_tries(matches, state) == 1);
}
