// Lowering: rows by label, cell states and positions, title and sections.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include <unicode/translit.h>

#include "report_text.hpp"

using namespace xxgk;

namespace {
Report lower(const std::string& text) {
  return parse_report(Source::from_bytes(text, "t.txt"));
}

// Table 三 repeated after a page break (pdftotext -raw): the form feed, the corner note, the header.
constexpr std::string_view kHeaderAfterPageBreak =
    "\f(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)\n"
    "申请人情况\n自然人\n法人或其他组织\n总计\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n";
}  // namespace

BOOST_AUTO_TEST_CASE(rows_are_matched_by_label_not_by_order) {
  const auto r = lower(
      "申请人情况\n"
      "二、上年结转政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2\n"
      "一、本年新收政府信息公开申请数量\t7\t1\t0\t0\t0\t0\t8\n");
  BOOST_TEST(r.table3.cell("new_received", "total")->raw == "8");
  BOOST_TEST(r.table3.cell("carried_over", "total")->raw == "2");
  BOOST_TEST(r.table3.cell("new_received", "commercial")->key == "table3.new_received.commercial");
}

BOOST_AUTO_TEST_CASE(cell_states_stay_distinct) {
  const auto r = lower("申请人情况\n一、本年新收政府信息公开申请数量\t0\t\t-\t/\t无\t—\t0.5\n");
  const Row* row = r.table3.row("new_received");
  BOOST_TEST_REQUIRE(row != nullptr);
  BOOST_TEST_REQUIRE(row->cells.size() == 7u);
  const CellState expected[] = {CellState::number, CellState::blank, CellState::dash,  CellState::slash,
                                CellState::none,   CellState::dash,  CellState::number};
  for (std::size_t i = 0; i < 7; ++i) BOOST_TEST((row->cells[i].state == expected[i]), "cell " << i);
  BOOST_TEST(*row->cells[0].value == 0.0);
  BOOST_TEST(!row->cells[1].value.has_value());
  BOOST_TEST(row->cells[1].raw.empty());
  BOOST_TEST(*row->cells[6].value == 0.5);
}

BOOST_AUTO_TEST_CASE(a_row_without_cells_is_blank_not_missing) {
  const auto r = lower("第二十条第(五)项\n信息内容\t本年处理决定数量\n行政许可\t\t\n");
  const Cell* cell = r.table2.cell("licensing", "decisions");
  BOOST_TEST_REQUIRE(cell != nullptr);
  BOOST_TEST((cell->state == CellState::blank));
}

BOOST_AUTO_TEST_CASE(cell_positions_are_in_characters_of_the_original) {
  const auto r = lower("第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t１\t２\t３\n");
  const Cell* cell = r.table2.cell("regulations", "in_force");
  BOOST_TEST_REQUIRE(cell != nullptr);
  BOOST_TEST(cell->raw == "3");
  BOOST_TEST(cell->pos.line == 3u);
  BOOST_TEST(cell->pos.column == 8u);
}

// A row of PDF text whose label is broken over paragraphs and whose total (7) stands apart, below a
// blank line, after its other six numbers (`last` the sixth).
namespace {
// A row of table 三 whose six applicant cells share a line and whose total stands apart, a blank
// line above it, as pdftotext without options prints a narrow table.
Report row_with_total_apart(std::string_view last, std::string_view total = "7") {
  return lower(
      std::string(
          "申请人情况\n（六）其他\n\n处理\n\n1.申请人无正当理由逾期不补正、行政\n\n机关不再处理其政府信息公开申请\n"
          "0 0 0 0 0 ") +
      std::string(last) + "\n\n" + std::string(total) + "\n");
}
}  // namespace

// The row breaking its total: in PDF text with numbers set apart by blank lines the 7 may be
// another row's, so nothing is read and no rule is said broken (X2, not A1).
BOOST_AUTO_TEST_CASE(numbers_set_apart_that_break_the_total_stay_open) {
  const auto r = row_with_total_apart("0");
  const Cell* cell = r.table3.cell("other.no_correction", "total");
  BOOST_TEST_REQUIRE(cell != nullptr);
  BOOST_TEST((cell->state == CellState::unresolved));
  BOOST_TEST_REQUIRE(!r.extraction_notes.empty());
  BOOST_TEST(r.extraction_notes.back().apart);
  BOOST_TEST(r.extraction_notes.back().broken_rule.empty());
}

// The row keeps its total (A1) and reads alike in any order of its numbers: numbers set apart by
// a blank line are read in their order only so (src/lower/written_row.cpp).
BOOST_AUTO_TEST_CASE(pdf_broken_row_keeps_each_cell_position) {
  const auto r = row_with_total_apart("0", "0");
  const Cell* cell = r.table3.cell("other.no_correction", "total");
  BOOST_TEST_REQUIRE(cell != nullptr);
  BOOST_TEST(cell->raw == "0");
  BOOST_TEST(cell->pos.line == 11u);
  BOOST_TEST(cell->pos.column == 1u);
  BOOST_TEST(r.table3.row("other.no_correction")->written_label ==
             "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请");
}

// The row keeps its total, but pdftotext does not keep a row's numbers in their columns' order
// (a cell printed after the one to its right), and the total holds in any order: the lone 7 may
// be the first cell's. Nothing proves the text's order, so the row stays open (X2).
BOOST_AUTO_TEST_CASE(numbers_set_apart_in_an_order_nothing_proves_stay_open) {
  const auto r = row_with_total_apart("7");
  const Cell* cell = r.table3.cell("other.no_correction", "natural_person");
  BOOST_TEST_REQUIRE(cell != nullptr);
  BOOST_TEST((cell->state == CellState::unresolved));
  BOOST_TEST_REQUIRE(!r.extraction_notes.empty());
  BOOST_TEST(r.extraction_notes.back().apart);
}

// pdftotext without options: a row's first numbers beside its label, the rest one a paragraph
// below. Text that sets numbers apart so was not collapsed by a crawler, so `11389 14` is not a
// run of seven one-digit cells (read so, they broke the row's total: seven wrong cells and a
// false A1). Which paragraphs are the row's the text does not show: the row stays open (X2).
BOOST_AUTO_TEST_CASE(numbers_beside_a_label_in_text_that_sets_numbers_apart_are_not_a_run) {
  const auto source = Source::from_bytes(
      "申请人情况\n（六）其他\n\n处理\n\n1.属于四\n类过程性 11389 14\n信息\n\n0\n\n0\n\n0\n\n0\n\n1140\n3\n\n"
      "2.属于行\n政执法案 0\n卷\n\n0\n\n0\n",
      "t.txt");
  const Report r = parse_report(source);
  const Cell* cell = r.table3.cell("denied.process_info", "natural_person");
  BOOST_TEST_REQUIRE(cell != nullptr);
  BOOST_TEST((cell->state == CellState::unresolved));
  const auto findings = validate(r, source);
  BOOST_TEST(std::none_of(findings.begin(), findings.end(), [](const Finding& f) { return f.rule == "A1"; }));
}

BOOST_AUTO_TEST_CASE(title_agency_and_year) {
  auto r = lower("西工区退役军人事务局 2024 年政府信息公开工作年度报告\n一、总体情况\n");
  BOOST_TEST(r.agency == "西工区退役军人事务局");
  BOOST_TEST(*r.year == 2024);
  BOOST_TEST(!r.title_after_first_section);
  r = lower(" 中卫市退役军人事务局\n2024年政府信息公开工作年度报告\n");
  BOOST_TEST(r.agency == "中卫市退役军人事务局");
  BOOST_TEST(*r.year == 2024);
  r = lower("一、总体情况\n\n关于2022年度政府信息公开情况的报告\n");
  BOOST_TEST(*r.year == 2022);
  BOOST_TEST(r.title_after_first_section);
}

BOOST_AUTO_TEST_CASE(sections_and_subsections) {
  const auto r = lower("一、总体情况\n（一）主动公开：本年度发布信息。\n正文。\n2、 收到和处理政府信息公开申请情况\n");
  BOOST_TEST_REQUIRE(r.sections.size() == 2u);
  BOOST_TEST(r.sections[0].key == "overview");
  BOOST_TEST_REQUIRE(r.sections[0].subsections.size() == 1u);
  BOOST_TEST(r.sections[0].subsections[0].title == "(一)主动公开");
  BOOST_TEST(r.sections[0].prose.size() == 2u);
  BOOST_TEST(r.sections[1].key == "applications");
  BOOST_TEST(r.sections[1].arabic_numbering);
  BOOST_TEST(r.sections[1].written_number == 2);
}

BOOST_AUTO_TEST_CASE(a_damaged_table_leaves_the_others) {
  test::ReportText text;
  std::string s = text.str();
  // Cut table 四 after its header: table 二 and 三 are whole, 四 has no cells.
  s.resize(s.find("\n", s.find("结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持")) + 1);
  const auto r = lower(s);
  BOOST_TEST(r.table2.rows.size() == 6u);
  BOOST_TEST(r.table3.rows.size() == 25u);
  BOOST_TEST(r.table4.rows.empty());
}

BOOST_AUTO_TEST_CASE(generated_report_gives_every_cell) {
  test::ReportText text;
  text.cells["table3.denied.process_info.research"] = "13612";
  const auto r = lower(text.str());
  std::size_t cells = 0;
  for (const Table* t : {&r.table2, &r.table3, &r.table4}) {
    for (const Row& row : t->rows) cells += row.cells.size();
  }
  BOOST_TEST(cells == 10u + 175u + 15u);
  BOOST_TEST(r.table3.cell("denied.process_info", "research")->raw == "13612");
  BOOST_TEST(r.format_version == "2021");
  BOOST_TEST(r.unplaced.empty());
}

BOOST_AUTO_TEST_CASE(a_traditional_copy_of_a_seed_gives_the_seed_cells) {
  std::ifstream in(XXGK_SEED_004, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> to_traditional(
      icu::Transliterator::createInstance("Simplified-Traditional", UTRANS_FORWARD, status));
  BOOST_TEST_REQUIRE(U_SUCCESS(status));
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text.str());
  to_traditional->transliterate(u);
  std::string traditional;
  u.toUTF8String(traditional);
  BOOST_TEST_REQUIRE(traditional != text.str());  // the copy really is in traditional characters
  std::ostringstream expected, got;
  write_cells(parse_report(Source::from_bytes(text.str(), "seed.txt")), expected);
  write_cells(parse_report(Source::from_bytes(traditional, "traditional.txt")), got);
  BOOST_TEST(got.str() == expected.str());
}

// A variant wording is one more label rule carrying its row's key: the row is read, and the
// wording is reported as an altered label (F4), never dropped.
BOOST_AUTO_TEST_CASE(a_variant_row_label_is_read_as_its_row_and_reported) {
  const auto r = lower(
      "申请人情况\n"
      "3.危及国家安全、公共安全、经济安全和社会稳定\t1\t0\t0\t0\t0\t0\t1\n");
  const Row* row = r.table3.row("denied.security_stability");
  BOOST_TEST_REQUIRE(row != nullptr);
  BOOST_TEST(row->cell("total")->raw == "1");
  const auto note = std::find_if(r.altered_labels.begin(), r.altered_labels.end(),
                                 [](const LabelNote& l) { return l.key == "table3.denied.security_stability"; });
  BOOST_TEST_REQUIRE((note != r.altered_labels.end()));
  BOOST_TEST(note->written == "危及国家安全、公共安全、经济安全和社会稳定");
  BOOST_TEST(note->canonical == "危及“三安全一稳定”");
}

// Every row of the format has a label rule that carries its key: each canonical label, written
// as the format prints it, is read as its own row (2021 and 2019).
BOOST_AUTO_TEST_CASE(every_row_of_the_format_is_read_from_its_canonical_label) {
  for (const auto version : {FormatVersion::v2021, FormatVersion::v2019}) {
    for (const RowSpec& spec : table3_rows(version)) {
      BOOST_TEST((spec.label_key != LabelKey::none), spec.key);
      const auto r = lower("申请人情况\n" + std::string(spec.label) + "\t1\t0\t0\t0\t0\t0\t1\n");
      const Row* row = r.table3.row(spec.key);
      BOOST_TEST((row != nullptr && row->cell("total")->raw == "1"), "table 三 row " << spec.key);
      BOOST_TEST(std::none_of(r.altered_labels.begin(), r.altered_labels.end(),
                              [&](const LabelNote& l) { return l.key == "table3." + std::string(spec.key); }),
                 "no altered label for " << spec.key);
    }
    for (const RowSpec& spec : table2_rows(version)) {
      BOOST_TEST((spec.label_key != LabelKey::none), spec.key);
      const auto r = lower("第二十条第(一)项\n" + std::string(spec.label) + "\t1\t0\t1\n");
      BOOST_TEST((r.table2.row(spec.key) != nullptr), "table 二 row " << spec.key);
    }
  }
  for (const SectionSpec& section : sections()) {
    BOOST_TEST((section_of(section.label_key) == &section), section.key);
    const auto r = lower(std::to_string(section.number) + "、" + std::string(section.title) + "\n");
    BOOST_TEST_REQUIRE(r.sections.size() == 1u);
    BOOST_TEST(r.sections[0].key == section.key);
    BOOST_TEST(r.sections[0].variant.empty());
  }
}

// The README's walk-through for a heading: the wording rule names its section; nothing else
// changes, and the section is read as a variant (F2).
BOOST_AUTO_TEST_CASE(a_variant_heading_names_its_section) {
  const auto r = lower("五、存在的主要问题和改进情况\n");
  BOOST_TEST_REQUIRE(r.sections.size() == 1u);
  BOOST_TEST(r.sections[0].key == "problems");
  BOOST_TEST(r.sections[0].number == 5);
  BOOST_TEST(r.sections[0].variant == "title_problems_with_he");
}

// The one label matcher (src/lower/label_match.cpp): a label with a typo is read as its row and
// reported with both texts; a label too far from every row is not read as any.
BOOST_AUTO_TEST_CASE(a_label_with_a_typo_is_read_and_reported) {
  const auto r = lower(
      "申请人情况\n"
      "5.属于三类内部事务信信息 0 3 0 0 0 0 3\n"
      "6.属于四类过程性信息 0 0 0 0 0 0 0\n");
  const Row* row = r.table3.row("denied.internal_affairs");
  BOOST_TEST_REQUIRE(row != nullptr);
  BOOST_TEST(row->cells[1].raw == "3");
  const auto note = std::find_if(r.altered_labels.begin(), r.altered_labels.end(),
                                 [](const LabelNote& l) { return l.key == "table3.denied.internal_affairs"; });
  BOOST_TEST_REQUIRE((note != r.altered_labels.end()));
  BOOST_TEST(note->written == "属于三类内部事务信信息");
  BOOST_TEST(note->canonical == "属于三类内部事务信息");
  const auto far = lower("申请人情况\n5.属于三类外部管理文件 0 3 0 0 0 0 3\n");
  BOOST_TEST((far.table3.row("denied.internal_affairs") == nullptr));
}

// A page break cuts a row's label and its group's apart, the repeated header between their
// pieces: the row is read, and its label, only cut, is not reported as altered.
BOOST_AUTO_TEST_CASE(a_label_cut_with_its_group_by_a_page_break_is_read) {
  const auto r = lower(
      "申请人情况\n自然人\n总计\n"
      "(五) (1)信访 0 2 0 0 0 0 2\n"
      "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)\n"
      "申请人情况\n自然\n人\n总计\n不\n予\n处\n理\n举报投诉\n类申请\n"
      "(2)重复\n申请\n0 0 0 0 0 0 0\n");
  const Row* row = r.table3.row("not_processed.petition");
  BOOST_TEST_REQUIRE(row != nullptr);
  BOOST_TEST(row->cells[1].raw == "2");
  BOOST_TEST(std::none_of(r.altered_labels.begin(), r.altered_labels.end(),
                          [](const LabelNote& l) { return l.key == "table3.not_processed.petition"; }));
}

// pdftotext -raw: the page's number right below a cut row's cells, the form feed, the repeated
// header, then the rest of the label. The number continues the pages' sequence (2, 3): no cell.
BOOST_AUTO_TEST_CASE(a_page_number_above_the_repeated_header_is_no_cell_of_the_cut_row) {
  const auto r = lower(
      "申请人情况\n自然人\n总计\n"
      "(4)保护第三方合法权益 0 0 0 0 0 0 0\n2\n"
      "\f(5)属于三类\n内部\n0 18 0 0 0 0 18\n3\n" +
      std::string(kHeaderAfterPageBreak) + "事务信息\n(6)属于四类过程性信息 0 0 0 0 0 0 0\n");
  const Row* row = r.table3.row("denied.internal_affairs");
  BOOST_TEST_REQUIRE(row != nullptr);
  BOOST_TEST_REQUIRE(row->cells.size() == 7u);
  BOOST_TEST(row->cells[1].raw == "18");
  BOOST_TEST(row->cells[6].raw == "18");
  BOOST_TEST(r.table3.row("denied.third_party")->cells[6].raw == "0");
}

// A known label that is the start of a longer one, cut by a page break: `(2)其他` with its numbers at
// the foot of a page, the rest of 其他法律行政法规禁止公开 after the page number. Read as the long
// label's row, not as the row 其他 of group (六).
BOOST_AUTO_TEST_CASE(a_known_label_cut_short_by_a_page_break_is_read_whole) {
  const auto r = lower(
      "申请人情况\n自然人\n总计\n"
      "(三)不予公开 (1)属于国家秘密 0 0 0 0 0 0 0\n"
      "(2)其他 0 14 0 0 0 0 14\n— 4 —\n"
      "法律行政法规禁止公开\n(3)危及“三安全一稳定” 0 0 0 0 0 0 0\n");
  const Row* row = r.table3.row("denied.prohibited_by_law");
  BOOST_TEST_REQUIRE(row != nullptr);
  BOOST_TEST(row->cells[1].raw == "14");
  BOOST_TEST(r.table3.row("other.other") == nullptr);
}

// Every number of a row wrapped in its narrow cell (PDF text in reading order): 11 pieces for 7
// cells, rejoined by the row's total.
BOOST_AUTO_TEST_CASE(a_row_of_many_wrapped_numbers_is_rejoined) {
  const auto r = lower(
      "申请人情况\n自然人\n总计\n"
      "一、本年新收政府信息公开申请数量\n486\n8\n5905\n204\n4\n0 6\n15\n67\n143\n90\n"
      "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n");
  const Row* row = r.table3.row("new_received");
  BOOST_TEST_REQUIRE(row != nullptr);
  BOOST_TEST_REQUIRE(row->cells.size() == 7u);
  BOOST_TEST(row->cells[0].raw == "4868");
  BOOST_TEST(row->cells[5].raw == "1567");
  BOOST_TEST(row->cells[6].raw == "14390");
}

// The group label set one character a line is cut by the page break too: its `处` `理` come after
// the repeated header, before the rest of the row's label (`请` of 重复申请).
BOOST_AUTO_TEST_CASE(a_label_with_the_second_half_of_its_group_label_mixed_in_is_read) {
  const auto r = lower(
      "申请人情况\n自然人\n总计\n"
      "(五)\n不\n予\n(1)信访举报投诉类申请 0 0 0 12 0 0 12\n(2)重复申 0 0 0 7 0 0 7\n5/8\n" +
      std::string(kHeaderAfterPageBreak) + "处\n理\n请\n(3)要求提供公开出版物 0 0 0 0 0 0 0\n");
  const Row* row = r.table3.row("not_processed.repeated");
  BOOST_TEST_REQUIRE(row != nullptr);
  BOOST_TEST(row->cells[3].raw == "7");
}

// A table's caption (`附表 3`) after a label's rest past a page break: no word of the label, and its
// number no piece of the row's (an eighth number would break the row's total).
BOOST_AUTO_TEST_CASE(a_caption_after_a_cut_label_is_neither_label_nor_cell) {
  const auto r = lower(
      "申请人情况\n自然人\n总计\n"
      "四、结转下年度继续 1 1 0 4 1 0 7\n" +
      std::string(kHeaderAfterPageBreak) + "办理\n附表 3\n");
  const Row* row = r.table3.row("carried_forward");
  BOOST_TEST_REQUIRE(row != nullptr);
  BOOST_TEST_REQUIRE(row->cells.size() == 7u);
  BOOST_TEST(row->cells[6].raw == "7");
  BOOST_TEST(r.extra_cells.empty());
}

// The start of a group label (`(三)不予`, its 公开 past the page break) before a row's label with a
// typo: the matcher compares the row's words without it.
BOOST_AUTO_TEST_CASE(a_label_after_the_start_of_its_group_label_is_read) {
  const auto r = lower(
      "申请人情况\n自然人\n总计\n"
      "(二)部分公开 0 0 0 0 0 0 0\n"
      "(三)\n不\n予\n(1)属于\n于国家秘\n密\n0 10 0 0 0 0 10\n"
      "(2)其他法律行政法规禁止公开 0 0 0 0 0 0 0\n");
  const Row* row = r.table3.row("denied.state_secret");
  BOOST_TEST_REQUIRE(row != nullptr);
  BOOST_TEST(row->cells[1].raw == "10");
}

// Cells hold views of interned keys: the same key is the same copy, in every thread, and stays
// valid after the strings it was made of are gone.
BOOST_AUTO_TEST_CASE(interned_keys_are_one_copy_each_and_outlive_their_parts) {
  std::string row = "denied.state_secret";
  const std::string_view first = xxgk::intern_key({"table3.", row, ".natural_person"});
  row.assign(row.size(), 'x');  // the parts change; the key does not
  BOOST_TEST(first == "table3.denied.state_secret.natural_person");
  std::string_view other_thread;
  std::thread([&] { other_thread = xxgk::intern_key({"table3.denied.state_secret", ".natural_person"}); }).join();
  BOOST_TEST(static_cast<const void*>(other_thread.data()) == static_cast<const void*>(first.data()));
  BOOST_TEST(xxgk::intern_key({"table3.denied.state_secret.total"}) != first);
  // A row's keys, by its spec, are the keys put together from its parts.
  const auto& spec = xxgk::table3_rows().front();
  const auto keys = xxgk::cell_keys("table3", spec);
  BOOST_TEST_REQUIRE(keys.size() == spec.columns.size());
  BOOST_TEST(keys[0] == "table3." + std::string(spec.key) + "." + std::string(spec.columns[0]));
  BOOST_TEST(static_cast<const void*>(keys[0].data()) ==
             static_cast<const void*>(xxgk::intern_key({"table3.", spec.key, ".", spec.columns[0]}).data()));
}
