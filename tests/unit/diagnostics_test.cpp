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

// A PDF or Word file has no lines of its own: its reader gives each character its place in the
// document, and positions, diagnostics and JSON name that place.
BOOST_AUTO_TEST_CASE(a_document_without_lines_is_located_by_its_places) {
  ExtractedText document;
  document.kind = "pdf";
  document.encoding = "UTF-8";
  document.text = "总计\t7\n";
  document.original = document.text;
  std::uint32_t characters = 0;  // the reader's text is its own original: each byte maps to its character
  for (const char byte : document.text) {
    if ((static_cast<unsigned char>(byte) & 0xC0) == 0x80) --characters;
    document.original_char.push_back(characters++);
  }
  for (std::uint32_t c = 0; c < characters; ++c) {
    document.places.push_back(DocumentPlace{2, 100.0F + 12.0F * static_cast<float>(c), 518.0F, 0, 0, 0, 0});
  }
  const Source source = Source::from_extracted(document, "r.pdf");
  const SourcePos seven = source.position(source.text().find('7'));
  BOOST_TEST(seven.line == 1u);
  BOOST_TEST(seven.column == 4u);
  BOOST_TEST(describe_place(seven.place) == "page 2, x 136, y 518");

  Finding f;
  f.rule = "A1";
  f.severity = Severity::error;
  f.keys = {"table3.total.total"};
  f.message = "m";
  f.pos = seven;
  std::ostringstream out;
  write_diagnostic(f, source, out);
  BOOST_TEST(out.str() ==
             "r.pdf: page 2, x 136, y 518: error[A1] table3.total.total: m\n"
             "    1 | 总计\t7\n"
             "      |     \t^\n");
  BOOST_TEST(to_json(f, "r.pdf")["place"].dump() == R"({"page":2,"x":136.0,"y":518.0})");

  document.places.pop_back();
  BOOST_CHECK_THROW(Source::from_extracted(document, "r.pdf"), std::invalid_argument);
}
