// Grammar rules on their own: what each matches and how much it consumes.
#include <boost/test/unit_test.hpp>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/report.hpp"

namespace g = xxgk::grammar;
namespace pegtl = tao::pegtl;

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
