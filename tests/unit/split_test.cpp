// Readings of numbers that extraction split or ran together, and how lowering uses them.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "report_text.hpp"
#include "src/lower/split_cells.hpp"

using namespace xxgk;

namespace {
bool has_reading(const std::vector<Reading>& readings, const std::vector<std::string>& numbers) {
  return std::any_of(readings.begin(), readings.end(), [&](const Reading& r) { return r.numbers == numbers; });
}
Report lower(const std::string& text) {
  return parse_report(Source::from_bytes(text, "t.txt"));
}
std::vector<Finding> findings(const std::string& text) {
  const auto s = Source::from_bytes(text, "t.txt");
  return validate(parse_report(s), s);
}
}  // namespace

BOOST_AUTO_TEST_CASE(split_readings_join_adjacent_and_wrapped_pieces) {
  // `136 12` for 13612 (spaced apart) and `844 … 8` for 8448 (wrapped in its cell).
  const auto adjacent = split_readings({"136", "12", "5"}, 2);
  BOOST_TEST(has_reading(adjacent, {"13612", "5"}));
  BOOST_TEST(has_reading(adjacent, {"136", "125"}));
  const auto wrapped = split_readings({"5", "844", "8"}, 2);
  BOOST_TEST(has_reading(wrapped, {"5", "8448"}));
  BOOST_TEST(has_reading(wrapped, {"58", "844"}));
  // A number never starts with 0 unless it is 0.
  BOOST_TEST(!has_reading(split_readings({"1", "0", "5"}, 2), {"1", "05"}));
  BOOST_TEST(split_readings({"1", "2"}, 2).empty());  // nothing to join
}

BOOST_AUTO_TEST_CASE(run_together_readings_cut_digits) {
  const auto readings = run_together_readings("21710000218", 7);
  BOOST_TEST((std::find(readings.begin(), readings.end(),
                        std::vector<std::string>{"217", "1", "0", "0", "0", "0", "218"}) != readings.end()));
  for (const auto& r : readings) {
    BOOST_TEST(r.size() == 7u);
    for (const auto& n : r) BOOST_TEST((n.size() == 1 || n[0] != '0'));
  }
  BOOST_TEST(run_together_readings("0000000", 7).size() == 1u);
  BOOST_TEST(run_together_readings("000", 7).empty());
}

BOOST_AUTO_TEST_CASE(a_wrapped_total_is_rejoined_by_the_row_total) {
  const auto r = lower(
      "申请人情况\n一、本年新收政府信息公开申请数量 8330 110 0 8 0 0 844\n8\n二、上年结转政府信息公开申请数量 0 0 0 0 "
      "0 0 0\n");
  BOOST_TEST(r.table3.cell("new_received", "total")->raw == "8448");
  BOOST_TEST(r.table3.cell("carried_over", "total")->raw == "0");
  BOOST_TEST_REQUIRE(r.extraction_notes.size() == 1u);
  BOOST_TEST(r.extraction_notes[0].rule == "X1");
  BOOST_TEST(r.extraction_notes[0].written == "8330 110 0 8 0 0 844 8");
}

BOOST_AUTO_TEST_CASE(a_split_that_no_reading_balances_is_an_a1_error) {
  const auto f = findings("申请人情况\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0 5\n9\n");
  BOOST_TEST(std::count_if(f.begin(), f.end(), [](const Finding& x) { return x.rule == "A1"; }) == 1);
  const auto r = lower("申请人情况\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0 5\n9\n");
  BOOST_TEST((r.table3.cell("new_received", "total")->state == CellState::unresolved));
}

BOOST_AUTO_TEST_CASE(run_together_row_is_read_when_unique_and_left_open_when_not) {
  auto r = lower("申请人情况一、本年新收政府信息公开申请数量350000035二、上年结转政府信息公开申请数量0000000\n");
  BOOST_TEST(r.table3.cell("new_received", "natural_person")->raw == "35");
  BOOST_TEST(r.table3.cell("new_received", "total")->raw == "35");
  BOOST_TEST(r.table3.cell("carried_over", "total")->raw == "0");
  // `1102` as three cells of table 二 (no rule to decide): 1 10 2, 11 0 2 … left unresolved.
  r = lower("第二十条第(一)项信息内容本年制发件数本年废止件数现行有效件数规章1102\n");
  BOOST_TEST((r.table2.cell("regulations", "issued")->state == CellState::unresolved));
  BOOST_TEST(r.extraction_notes.back().rule == "X2");
}

BOOST_AUTO_TEST_CASE(blank_cells_go_where_the_columns_are) {
  // Space-aligned text: the empty 科研机构 cell shows as a wider gap.
  std::string text = "申请人情况\n";
  for (const char* label :
       {"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "四、结转下年度继续办理"}) {
    text += std::string(label) + "     1     2     3     4     5     6    21\n";
  }
  text += "(七)总计                             7     8           9    10    11    45\n";
  const auto r = lower(text);
  const Row* total = r.table3.row("total");
  BOOST_TEST_REQUIRE(total != nullptr);
  BOOST_TEST((total->cells[2].state == CellState::blank));
  BOOST_TEST(total->cells[3].raw == "9");
  // One cell a line (docx2txt): the empty line is the empty cell.
  const auto d = lower("申请人情况\n一、本年新收政府信息公开申请数量\n  7\n  5\n\n  0\n  0\n  0\n  12\n");
  BOOST_TEST((d.table3.cell("new_received", "research")->state == CellState::blank));
  BOOST_TEST(d.table3.cell("new_received", "total")->raw == "12");
}

BOOST_AUTO_TEST_CASE(a_blank_that_nothing_places_leaves_the_row_unresolved) {
  const auto r = lower("申请人情况\n一、本年新收政府信息公开申请数量 7 5 0 0 0 12\n");
  BOOST_TEST((r.table3.cell("new_received", "natural_person")->state == CellState::unresolved));
  BOOST_TEST((r.table3.cell("new_received", "commercial")->state == CellState::unresolved));
  BOOST_TEST(r.extraction_notes.back().rule == "X2");
  BOOST_TEST(r.extraction_notes.back().readings.size() == 6u);
  // Every reading the total accepts puts 12 in the total column: that cell is known.
  BOOST_TEST((r.table3.cell("new_received", "total")->state == CellState::number));
  BOOST_TEST(r.table3.cell("new_received", "total")->raw == "12");
}

BOOST_AUTO_TEST_CASE(column_sums_of_the_other_rows_narrow_a_blank_the_row_total_cannot_place) {
  test::ReportText r;
  for (const char* row : {"new_received", "granted", "total"}) {
    r.cells[std::string("table3.") + row + ".natural_person"] = "7";
    r.cells[std::string("table3.") + row + ".commercial"] = "5";
    r.cells[std::string("table3.") + row + ".total"] = "12";
  }
  std::string text = r.str();
  // The granted row as PDF text gives it: spaces, and one blank cell that leaves no trace.
  const std::string tabbed = "(一)予以公开\t7\t5\t0\t0\t0\t0\t12";
  BOOST_REQUIRE(text.find(tabbed) != std::string::npos);
  text.replace(text.find(tabbed), tabbed.size(), "(一)予以公开 7 5 0 0 0 12");
  const auto report = lower(text);
  // By its own total the blank could be in any of the first six columns; (七)总计 minus the other
  // results says 自然人 is 7 and 商业企业 5, so those are read. Which zero is the blank stays open.
  BOOST_TEST(report.table3.cell("granted", "natural_person")->raw == "7");
  BOOST_TEST(report.table3.cell("granted", "commercial")->raw == "5");
  BOOST_TEST(report.table3.cell("granted", "total")->raw == "12");
  BOOST_TEST((report.table3.cell("granted", "research")->state == CellState::unresolved));
}
