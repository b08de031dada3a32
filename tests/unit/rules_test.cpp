// Every rule with a document that keeps it and one that breaks it.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

#include "report_text.hpp"

using namespace xxgk;
using xxgk::test::check;
using xxgk::test::findings_of;
using xxgk::test::ReportText;

namespace {

// A consistent report with numbers everywhere A1–A7 look: 10 received = 6 granted + 1 denied
// + 2 not held + 1 other, nothing carried; one review upheld.
ReportText consistent() {
  ReportText r;
  auto set = [&](const std::string& row, int natural, int commercial) {
    r.cells["table3." + row + ".natural_person"] = std::to_string(natural);
    r.cells["table3." + row + ".commercial"] = std::to_string(commercial);
    r.cells["table3." + row + ".total"] = std::to_string(natural + commercial);
  };
  set("new_received", 8, 2);
  set("granted", 5, 1);
  set("denied.third_party", 1, 0);
  set("unable.not_held", 1, 1);
  set("other.other", 1, 0);
  set("total", 8, 2);
  r.cells["table4.review.upheld"] = "1";
  r.cells["table4.review.total"] = "1";
  r.cells["table2.fees.amount"] = "0.0235";
  r.applications_prose = "本年度共收到政府信息公开申请10件,办结10件。";
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(consistent_report_has_no_findings) {
  const auto findings = check(consistent());
  for (const auto& f : findings) BOOST_TEST_MESSAGE(f.rule << " " << f.message);
  BOOST_TEST(findings.empty());
}

BOOST_AUTO_TEST_CASE(a1_row_total) {
  auto r = consistent();
  r.cells["table3.granted.total"] = "7";
  const auto a1 = findings_of(check(r), "A1");
  BOOST_TEST_REQUIRE(a1.size() == 1u);
  BOOST_TEST(a1[0].keys.front() == "table3.granted.total");
  BOOST_TEST((a1[0].severity == Severity::error));
  BOOST_TEST(*a1[0].value == 7.0);
  BOOST_TEST(*a1[0].expected == 6.0);
}

BOOST_AUTO_TEST_CASE(a2_results_total) {
  auto r = consistent();
  // Move one application from granted to partially granted in one column only: row totals
  // still add up if we also fix the row, so change the leaf and its total together.
  r.cells["table3.granted.natural_person"] = "4";
  r.cells["table3.granted.total"] = "5";
  const auto findings = check(r);
  BOOST_TEST(findings_of(findings, "A1").empty());
  const auto a2 = findings_of(findings, "A2");
  BOOST_TEST_REQUIRE(a2.size() == 2u);  // natural_person and total columns
  BOOST_TEST(a2[0].keys.front() == "table3.total.natural_person");
  BOOST_TEST(*a2[0].value == 8.0);
  BOOST_TEST(*a2[0].expected == 7.0);
}

BOOST_AUTO_TEST_CASE(a3_balance) {
  auto r = consistent();
  r.cells["table3.carried_forward.research"] = "1";
  r.cells["table3.carried_forward.total"] = "1";
  const auto a3 = findings_of(check(r), "A3");
  BOOST_TEST_REQUIRE(a3.size() == 2u);
  BOOST_TEST(a3[0].keys.size() == 4u);
  BOOST_TEST(a3[0].keys[0] == "table3.new_received.research");
}

BOOST_AUTO_TEST_CASE(a4_group_subtotal) {
  auto r = consistent();
  std::string text = r.str();
  // Give (四) 无法提供 a subtotal row: right, then wrong.
  const std::string group = "(四)无法提供\n";
  const auto at = text.find(group);
  BOOST_TEST_REQUIRE(at != std::string::npos);
  std::string kept = text, broken = text;
  kept.replace(at, group.size(), "(四)无法提供\t1\t1\t0\t0\t0\t0\t2\n");
  broken.replace(at, group.size(), "(四)无法提供\t1\t1\t0\t0\t0\t0\t3\n");
  auto run = [](const std::string& t) {
    const auto source = Source::from_bytes(t, "a4.txt");
    return findings_of(validate(parse_report(source), source), "A4");
  };
  BOOST_TEST(run(kept).empty());
  const auto a4 = run(broken);
  BOOST_TEST_REQUIRE(a4.size() == 1u);
  BOOST_TEST(a4[0].keys.front() == "table3.unable.subtotal.total");
}

BOOST_AUTO_TEST_CASE(a5_a6_a7_table4_totals) {
  for (const auto& [group, rule] :
       {std::pair{"review", "A5"}, {"litigation_direct", "A6"}, {"litigation_after_review", "A7"}}) {
    auto r = consistent();
    r.cells[std::string("table4.") + group + ".pending"] = "2";
    const auto found = findings_of(check(r), rule);
    BOOST_TEST_REQUIRE(found.size() == 1u);
    BOOST_TEST(found[0].keys.front() == std::string("table4.") + group + ".total");
  }
}

BOOST_AUTO_TEST_CASE(a8_domains) {
  auto r = consistent();
  r.cells["table3.granted.legal_service"] = "-1";
  r.cells["table3.granted.total"] = "5";
  r.cells["table2.licensing.decisions"] = "1.5";
  r.cells["table2.fees.amount"] = "251000元";
  const auto a8 = findings_of(check(r), "A8");
  BOOST_TEST_REQUIRE(a8.size() == 3u);
  std::vector<std::string> keys;
  for (const auto& f : a8) keys.push_back(f.keys.front());
  std::sort(keys.begin(), keys.end());
  BOOST_TEST(keys[0] == "table2.fees.amount");
  BOOST_TEST(keys[1] == "table2.licensing.decisions");
  BOOST_TEST(keys[2] == "table3.granted.legal_service");
}

BOOST_AUTO_TEST_CASE(b4_prose_against_tables) {
  auto r = consistent();
  BOOST_TEST(findings_of(check(r), "B4").empty());
  r.applications_prose = "本年度共收到政府信息公开申请12件,办结9件。";
  const auto b4 = findings_of(check(r), "B4");
  BOOST_TEST_REQUIRE(b4.size() == 2u);
  BOOST_TEST(b4[0].keys.front() == "table3.new_received.total");
  BOOST_TEST(*b4[0].expected == 12.0);
  BOOST_TEST(b4[1].keys.front() == "table3.total.total");
  BOOST_TEST(*b4[1].expected == 9.0);
}

BOOST_AUTO_TEST_CASE(b4_none_received) {
  auto r = consistent();
  r.applications_prose = "本年度未收到政府信息公开申请。";
  const auto b4 = findings_of(check(r), "B4");
  BOOST_TEST_REQUIRE(b4.size() == 1u);
  BOOST_TEST(*b4[0].value == 10.0);
  BOOST_TEST(*b4[0].expected == 0.0);
}

namespace {

// The consistent report with its one 其他处理 application closed because a fee notice went unpaid
// (table3.other.unpaid_fee) instead of under 其他, and section 六 saying `other_matters`.
ReportText unpaid_fee(const std::string& other_matters, int unpaid = 1) {
  auto r = consistent();
  r.cells.erase("table3.other.other.natural_person");
  r.cells.erase("table3.other.other.total");
  r.cells["table3.other.unpaid_fee.natural_person"] = std::to_string(unpaid);
  r.cells["table3.other.unpaid_fee.total"] = std::to_string(unpaid);
  // Keep A1–A3: the extra unpaid applications were received this year.
  r.cells["table3.new_received.natural_person"] = std::to_string(7 + unpaid);
  r.cells["table3.new_received.total"] = std::to_string(9 + unpaid);
  r.cells["table3.total.natural_person"] = std::to_string(7 + unpaid);
  r.cells["table3.total.total"] = std::to_string(9 + unpaid);
  r.applications_prose.clear();
  r.other_matters = other_matters;
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(b5_unpaid_fee_without_a_notice) {
  for (const std::string said : {"本年度未发出收费通知,未收取信息处理费。", "本机关没有向申请人发出收费通知。",
                                 "我单位本年度发出收费通知的件数和总金额以及实际收取的总金额均为0。",
                                 "按照规定的按件、按量收费标准,本年度没有产生信息公开处理费。"}) {
    BOOST_TEST_CONTEXT(said) {
      const auto findings = check(unpaid_fee(said));
      BOOST_TEST(findings.size() == 1u);  // B5, and nothing else
      const auto b5 = findings_of(findings, "B5");
      BOOST_TEST_REQUIRE(b5.size() == 1u);
      BOOST_TEST(b5[0].keys.front() == "table3.other.unpaid_fee.total");
      BOOST_TEST((b5[0].severity == Severity::warning));
      BOOST_TEST(*b5[0].value == 1.0);
      BOOST_TEST(*b5[0].expected == 0.0);
    }
  }
}

BOOST_AUTO_TEST_CASE(b5_fewer_notices_than_unpaid_applications) {
  const auto b5 = findings_of(check(unpaid_fee("2024年发出收费通知1件,总金额200元,实际收取0元。", 2)), "B5");
  BOOST_TEST_REQUIRE(b5.size() == 1u);
  BOOST_TEST(*b5[0].value == 2.0);
  BOOST_TEST(*b5[0].expected == 1.0);
  BOOST_TEST(b5[0].message.find("1 fee notices were sent") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(b5_consistent_fee_statements) {
  // Notices sent and not paid: nothing was collected, which is what 未收取 says.
  for (const std::string said : {"2024年发出收费通知1件,总金额200元,实际收取0元。", "本年度未收取信息处理费。",
                                 "2024年,无收取信息处理费情况,无其他需报告事项。",
                                 "因申请人逾期未按收费通知要求缴纳费用而不再处理的申请1件,实际收取的总金额为0。"}) {
    BOOST_TEST_CONTEXT(said) {
      BOOST_TEST(findings_of(check(unpaid_fee(said)), "B5").empty());
    }
  }
  // No application went unpaid: no notice is needed.
  BOOST_TEST(findings_of(check(unpaid_fee("本年度未发出收费通知。", 0)), "B5").empty());
  // The notice may have gone out last year, for an application carried over.
  auto carried = unpaid_fee("本年度未发出收费通知。");
  for (const char* row : {"carried_over", "carried_forward"}) {
    carried.cells[std::string("table3.") + row + ".natural_person"] = "1";
    carried.cells[std::string("table3.") + row + ".total"] = "1";
  }
  const auto findings = check(carried);
  BOOST_TEST(findings_of(findings, "A3").empty());
  BOOST_TEST(findings_of(findings, "B5").empty());
}

BOOST_AUTO_TEST_CASE(b5_silent_section_six) {
  BOOST_TEST(findings_of(check(unpaid_fee("无。")), "B5").empty());
  // Only 六 states the fees: the same words elsewhere are not read as its statement.
  auto r = unpaid_fee("无。");
  r.overview = "2024年,本局未发出收费通知。";
  BOOST_TEST(findings_of(check(r), "B5").empty());
}

BOOST_AUTO_TEST_CASE(y1_years_agree) {
  auto r = consistent();
  r.overview = "本报告统计数据从2024年1月1日至12月31日。2024年,本局依法公开。2025年将继续推进。";
  BOOST_TEST(findings_of(check(r), "Y1").empty());
  r.overview = "本报告统计数据从2023年1月1日至12月31日。2023年度本局未收到申请。";
  const auto y1 = findings_of(check(r), "Y1");
  BOOST_TEST(y1.size() == 2u);
}

BOOST_AUTO_TEST_CASE(y2_layout_for_year) {
  auto r = consistent();
  BOOST_TEST(findings_of(check(r), "Y2").empty());
  r.title = "测试局2020年政府信息公开工作年度报告";
  r.overview = "2020年,本局依法公开。";
  BOOST_TEST(findings_of(check(r), "Y2").size() == 1u);
}

BOOST_AUTO_TEST_CASE(f1_f3_sections) {
  auto r = consistent();
  std::string text = r.str();
  const auto source_ok = Source::from_bytes(text, "ok.txt");
  BOOST_TEST(findings_of(validate(parse_report(source_ok), source_ok), "F1").empty());
  // Drop 六 and swap the numbering of 五 to 三.
  text.replace(text.find("六、其他需要报告的事项"), std::string("六、其他需要报告的事项").size(), "");
  text.replace(text.find("五、存在的主要问题"), std::string("五、").size(), "三、");
  const auto source = Source::from_bytes(text, "bad.txt");
  const auto findings = validate(parse_report(source), source);
  BOOST_TEST_REQUIRE(findings_of(findings, "F1").size() == 1u);
  BOOST_TEST(findings_of(findings, "F1")[0].keys.front() == "section.other_matters");
  BOOST_TEST(findings_of(findings, "F3").size() == 1u);
}

BOOST_AUTO_TEST_CASE(f2_heading_variant_and_renamed) {
  auto r = consistent();
  std::string text = r.str();
  text.replace(text.find("五、存在的主要问题及改进情况"), std::string("五、存在的主要问题及改进情况").size(),
               "五、存在问题及改进情况");
  text.replace(text.find("二、主动公开政府信息情况"), std::string("二、主动公开政府信息情况").size(),
               "二、主动公开政府信息工作情况");
  const auto source = Source::from_bytes(text, "f2.txt");
  const auto f2 = findings_of(validate(parse_report(source), source), "F2");
  BOOST_TEST_REQUIRE(f2.size() == 2u);
  BOOST_TEST(f2[0].keys.front() == "section.proactive");
  BOOST_TEST(f2[1].keys.front() == "section.problems");
}

BOOST_AUTO_TEST_CASE(f4_altered_label) {
  auto r = consistent();
  std::string text = r.str();
  text.replace(text.find("5.属于三类内部事务信息"), std::string("5.属于三类内部事务信息").size(),
               "5.属于三类内容事务信息");
  const auto source = Source::from_bytes(text, "f4.txt");
  const auto report = parse_report(source);
  // The row is still read, under its canonical key.
  BOOST_TEST(report.table3.row("denied.internal_affairs") != nullptr);
  const auto f4 = findings_of(validate(report, source), "F4");
  BOOST_TEST_REQUIRE(f4.size() == 1u);
  BOOST_TEST(f4[0].keys.front() == "table3.denied.internal_affairs");
  BOOST_TEST(f4[0].message.find("属于三类内容事务信息") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(f5_blank_cell_is_not_a_zero) {
  auto r = consistent();
  r.cells["table3.granted.research"] = "";
  const auto findings = check(r);
  const auto f5 = findings_of(findings, "F5");
  BOOST_TEST_REQUIRE(f5.size() == 1u);
  BOOST_TEST(f5[0].keys.front() == "table3.granted.research");
  // The blank says nothing, so the row total is not checked against it.
  BOOST_TEST(findings_of(findings, "A1").empty());
}

BOOST_AUTO_TEST_CASE(f6_table_cut_off) {
  auto r = consistent();
  std::string text = r.str();
  text.resize(text.find("(五)不予处理"));
  const auto source = Source::from_bytes(text, "cut.txt");
  const auto report = parse_report(source);
  const auto f6 = findings_of(validate(report, source), "F6");
  BOOST_TEST_REQUIRE(f6.size() == 2u);  // table 三 lacks rows, table 四 is gone
  const auto rows = std::find_if(f6.begin(), f6.end(), [](const Finding& f) { return f.keys.front() != "table4"; });
  BOOST_TEST_REQUIRE((rows != f6.end()));
  BOOST_TEST((rows->severity == Severity::error));
  BOOST_TEST(rows->keys.front() == "table3.not_processed.petition");
  BOOST_TEST(rows->keys.size() == 10u);  // 5 不予处理 + 3 其他处理 + 总计 + 结转下年度
  // The tables before the damage are still there.
  BOOST_TEST(report.table2.rows.size() == 6u);
  BOOST_TEST(report.table3.row("unable.unclear") != nullptr);
}

BOOST_AUTO_TEST_CASE(f7_unplaced_cells) {
  auto r = consistent();
  std::string text = r.str() + "\n0\t0\t0\t0\n";
  const auto source = Source::from_bytes(text, "f7.txt");
  BOOST_TEST(findings_of(validate(parse_report(source), source), "F7").size() == 1u);
  BOOST_TEST(findings_of(check(r), "F7").empty());
}

BOOST_AUTO_TEST_CASE(f7_duplicate_row_names_its_table) {
  std::string text = consistent().str();
  for (const std::string row : {"规章\t0\t0\t0\n", "(一)予以公开\t5\t1\t0\t0\t0\t0\t6\n"}) {
    const auto at = text.find(row);
    BOOST_TEST_REQUIRE(at != std::string::npos);
    text.insert(at + row.size(), row);
  }
  const auto source = Source::from_bytes(text, "f7.txt");
  const auto f7 = findings_of(validate(parse_report(source), source), "F7");
  BOOST_TEST_REQUIRE(f7.size() == 2u);
  BOOST_TEST(f7[0].keys.front() == "table2.regulations");
  BOOST_TEST(f7[1].keys.front() == "table3.granted");
}

BOOST_AUTO_TEST_CASE(f8_title) {
  auto r = consistent();
  BOOST_TEST(findings_of(check(r), "F8").empty());
  r.title = "";
  BOOST_TEST(findings_of(check(r), "F8").size() == 1u);
}

BOOST_AUTO_TEST_CASE(every_rule_id_is_in_the_catalogue) {
  for (const auto id : {"A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "B4", "B5",
                        "Y1", "Y2", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8"}) {
    BOOST_TEST(rule_info(id).id == id);
  }
  BOOST_CHECK_THROW(rule_info("Z9"), std::out_of_range);
}

BOOST_AUTO_TEST_CASE(format_2019_keys_and_rules) {
  std::ifstream in(XXGK_FORMAT_2019, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  auto run = [](const std::string& t) {
    const auto source = Source::from_bytes(t, "2019.txt");
    const auto report = parse_report(source);
    return std::pair{report, validate(report, source)};
  };
  auto [report, findings] = run(text.str());
  BOOST_TEST(report.format_version == "2019");
  BOOST_TEST(report.table2.cell("licensing", "change")->raw == "-2");  // signed: no A8
  BOOST_TEST(report.table3.cell("other", "total")->raw == "1");
  BOOST_TEST(findings.empty());
  // A2 sums the single 2019 `other` row: break it and A2 (and A1) speak.
  std::string broken = text.str();
  const std::string row = "（六）其他处理\t1\t0\t0\t0\t0\t0\t1";
  BOOST_TEST_REQUIRE(broken.find(row) != std::string::npos);
  broken.replace(broken.find(row), row.size(), "（六）其他处理\t2\t0\t0\t0\t0\t0\t2");
  const auto a2 = findings_of(run(broken).second, "A2");
  BOOST_TEST_REQUIRE(a2.size() == 2u);
  BOOST_TEST(a2[0].keys.front() == "table3.total.natural_person");
  // The 2019 layout in a 2021 report is a Y2 warning.
  std::string late = text.str();
  for (std::size_t at; (at = late.find("2020年")) != std::string::npos;) late.replace(at, 7, "2022年");
  BOOST_TEST(findings_of(run(late).second, "Y2").size() == 1u);
}
