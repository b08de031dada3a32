// Messages are tested word for word, caret included.
#include <boost/test/unit_test.hpp>

#include <sstream>

#include "report_text.hpp"

using namespace xxgk;

BOOST_AUTO_TEST_CASE(caret_counts_wide_characters_twice_and_keeps_tabs) {
  BOOST_TEST(caret_line("ab", 2) == " ^");
  BOOST_TEST(caret_line("总计\t35", 4) == "    \t^");
  BOOST_TEST(caret_line("（一）1", 4) == "      ^");
}

BOOST_AUTO_TEST_CASE(diagnostic_is_printed_like_a_compiler) {
  test::ReportText text;
  text.cells["table4.review.upheld"] = "1";
  const auto source = text.source();
  const auto findings = validate(parse_report(source), source);
  BOOST_TEST_REQUIRE(findings.size() == 1u);
  std::ostringstream out;
  write_diagnostic(findings[0], source, out);
  BOOST_TEST(out.str() ==
             "test.txt:64:9: error[A5] table4.review.total: table4.review.total is 0 but "
             "结果维持 + 结果纠正 + 其他结果 + 尚未审结 add up to 1\n"
             "   64 | 1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"
             "      |  \t \t \t \t^\n");
}

BOOST_AUTO_TEST_CASE(json_finding_has_the_documented_fields) {
  Finding f;
  f.rule = "A1";
  f.severity = Severity::error;
  f.keys = {"table3.total.total"};
  f.message = "m";
  f.pos = {3, 7};
  f.value = 5;
  f.expected = 4;
  const auto j = to_json(f, "r.txt");
  BOOST_TEST(
      j.dump() ==
      R"({"file":"r.txt","rule":"A1","severity":"error","key":"table3.total.total","keys":["table3.total.total"],)"
      R"("line":3,"column":7,"message":"m","value":5,"expected":4})");
}
