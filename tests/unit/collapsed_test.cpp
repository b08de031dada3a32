// A crawler's collapsed text: the body re-broken into lines at its headings (src/read/collapsed_text),
// the header block read into the metadata, and cells a crawler ran together, spaces or not.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <utility>

#include "report_text.hpp"
#include "src/read/collapsed_text.hpp"
#include "src/text.hpp"

using namespace xxgk;

namespace {

// A body as a crawler keeps it: one line, headings run into the prose, tables into one run.
const std::string kBody =
    "根据《条例》编制本报告。如有疑问请联系办公室(地址:某路1号;电话:0591-1234)。"
    "一、总体情况2025年，本局依法公开政府信息。(一)主动公开方面。全年公开信息181条。"
    "二、主动公开政府信息情况第二十条第(一)项信息内容本年制发件数本年废止件数现行有效件数规章000"
    "三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
    "一、本年新收政府信息公开申请数量2100000 21 二、上年结转政府信息公开申请数量1 0 00 0 0 1"
    "四、政府信息公开行政复议、行政诉讼情况表格如下:行政复议结果维持"
    "五、存在的主要问题及改进情况时间:2026-01-22 16:29，见https://www.example.gov.cn/a.htm。"
    "六、其他需要报告的事项无。";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

bool has_line(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_collapsed_body_is_broken_at_headings_sentences_and_colons) {
  const Source s = Source::from_bytes(kBody, "t.txt");
  const auto lines = lines_of(s.text());
  // Each section heading stands alone on its line, whatever ran into it on either side.
  for (const char* heading :
       {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"}) {
    BOOST_TEST(has_line(lines, heading), heading);
  }
  BOOST_TEST(has_line(lines, "根据《条例》编制本报告。"));
  BOOST_TEST(has_line(lines, "(一)主动公开方面。"));  // a subsection after a sentence starts its line
  // A colon inside brackets, in a time or in an address breaks nothing; one that introduces does.
  BOOST_TEST(has_line(lines, "如有疑问请联系办公室(地址:某路1号;电话:0591-1234)。"));
  BOOST_TEST(has_line(lines, "表格如下:"));
  BOOST_TEST(has_line(lines, "时间:"));
  BOOST_TEST(has_line(lines, "2026-01-22 16:29,见https://www.example.gov.cn/a.htm。"));
  // Table 三's row labels `一、本年新收…` are no section headings: the table stays one line.
  BOOST_TEST(
      std::count_if(lines.begin(), lines.end(), [](const std::string& l) { return l.starts_with("申请人情况"); }) == 1);
}

BOOST_AUTO_TEST_CASE(a_line_with_one_heading_is_left_as_it_is) {
  const std::string text =
      "一、总体情况。本局依法公开政府信息。表格如下:" + std::string(300, 'x') + "\n二、主动公开政府信息情况\n";
  BOOST_TEST(collapsed_line_breaks(text).empty());
  BOOST_TEST(Source::from_bytes(text, "t.txt").text() == text);
}

BOOST_AUTO_TEST_CASE(positions_stay_those_of_the_one_long_line) {
  const Source s = Source::from_bytes("标题:甲\n==== 正文 ====\n" + kBody, "t.txt");
  const std::size_t heading = s.text().find("\n二、主动公开") + 1;
  const SourcePos pos = s.position(heading);
  BOOST_TEST(pos.line == 3u);
  // Characters as a person counts them, on the original line 3.
  const std::string before = kBody.substr(0, kBody.find("二、主动公开"));
  BOOST_TEST(pos.column == code_point_count(before) + 1);
  // The inserted break maps to the character the new line starts with.
  BOOST_TEST(s.position(heading - 1).column == pos.column);
}

BOOST_AUTO_TEST_CASE(insert_line_breaks_keeps_one_map_entry_a_byte) {
  std::string text = "ab cd";
  PositionMap::Builder builder;
  for (std::uint32_t i = 0; i < text.size(); ++i) builder.push(static_cast<unsigned char>(text[i]), i);
  PositionMap map = std::move(builder).finish(5);
  insert_line_breaks(text, map, {3});
  BOOST_TEST(text == "ab \ncd");
  std::vector<std::uint32_t> dense;
  PositionMap::Reader reader(map, text);
  for (std::size_t i = 0; i <= text.size(); ++i) dense.push_back(reader.next());
  BOOST_TEST((dense == std::vector<std::uint32_t>{0, 1, 2, 3, 3, 4, 5}));
}

BOOST_AUTO_TEST_CASE(the_header_block_is_the_metadata_and_the_title) {
  const std::string header =
      "标题: 某局2025年度政府信息公开工作年度报告\n发布时间: 2026-01-22 08:59\n文号: \n栏目: 政府信息公开年报\n"
      "原文链接: https://www.example.gov.cn/t20260131_1.htm\n页面链接与图片详见 links.tsv(同目录)\n"
      "==================== 正文 ====================\n";
  const Report r = parse_report(Source::from_bytes(header + kBody, "t.txt"));
  BOOST_TEST(r.metadata.present);
  BOOST_TEST(r.metadata.title == "某局2025年度政府信息公开工作年度报告");
  BOOST_TEST(r.metadata.published == "2026-01-22 08:59");
  BOOST_TEST(r.metadata.source_url == "https://www.example.gov.cn/t20260131_1.htm");
  // The body has no title line: the header's names the agency and the year.
  BOOST_TEST(r.agency == "某局");
  BOOST_TEST(r.year.value_or(0) == 2025);
  BOOST_TEST(r.sections.size() == 6u);
  // Without its separator, `标题:` is no header block.
  BOOST_TEST(!parse_report(Source::from_bytes("标题: 甲\n" + kBody, "t.txt")).metadata.present);
}

BOOST_AUTO_TEST_CASE(cells_run_together_with_stray_spaces_are_read_by_the_row_total) {
  const Source s = Source::from_bytes(kBody, "t.txt");
  const Report r = parse_report(s);
  // `2100000 21`: 21 0 0 0 0 0 21, the only reading that keeps the total.
  BOOST_TEST(r.table3.cell("new_received", "natural_person")->raw == "21");
  BOOST_TEST(r.table3.cell("new_received", "other_org")->raw == "0");
  BOOST_TEST(r.table3.cell("new_received", "total")->raw == "21");
  // Each cell stands at its own digit: the total's `21` after the space.
  const std::size_t total_at = kBody.find("2100000 21") + std::string("2100000 ").size();
  BOOST_TEST(r.table3.cell("new_received", "total")->pos.column == code_point_count(kBody.substr(0, total_at)) + 1);
  // `1 0 00 0 0 1`: `00` is two cells.
  BOOST_TEST(r.table3.cell("carried_over", "natural_person")->raw == "1");
  BOOST_TEST(r.table3.cell("carried_over", "legal_service")->raw == "0");
  BOOST_TEST(r.table3.cell("carried_over", "total")->raw == "1");
  // Table 二's `000`: three cells.
  BOOST_TEST(r.table2.cell("regulations", "repealed")->raw == "0");
}
