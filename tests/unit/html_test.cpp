// Web pages read directly: recognised by their markup, refused formats, the text of a browser's
// copy (rows of tab-joined cells, cell pieces joined, menus on one line) and positions in the HTML.
#include <boost/test/unit_test.hpp>

#include <string>

#include "xxgk/xxgk.hpp"

using xxgk::InputError;
using xxgk::Source;
using xxgk::SourcePos;

namespace {

Source page(const std::string& html) {
  return Source::from_bytes(html, "page.html");
}

// The message of the InputError reading `bytes` throws, or "" when it reads.
std::string refusal(const std::string& bytes) {
  try {
    (void)Source::from_bytes(bytes, "x");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// The position in the page of the first byte of `needle` in the text the grammar reads.
SourcePos position_of(const Source& s, const std::string& needle) {
  const std::size_t at = s.text().find(needle);
  BOOST_REQUIRE(at != std::string::npos);
  return s.position(at);
}

}  // namespace

namespace boost::test_tools::tt_detail {
template <>
struct print_log_value<SourcePos> {
  void operator()(std::ostream& out, const SourcePos& p) { out << p.line << ':' << p.column; }
};
}  // namespace boost::test_tools::tt_detail

BOOST_AUTO_TEST_CASE(a_page_is_recognised_by_its_markup_whatever_its_name) {
  BOOST_TEST(xxgk::document_kind("<!DOCTYPE html>\n<html>") == "html");
  BOOST_TEST(xxgk::document_kind("\xEF\xBB\xBF  <HTML lang=zh>") == "html");
  BOOST_TEST(xxgk::document_kind("<!-- saved from url=(0052)https://x.gov.cn/ -->\r\n<html>") == "html");
  BOOST_TEST(xxgk::document_kind("<?xml version=\"1.0\"?>\n<html xmlns=\"…\">") == "html");
  BOOST_TEST(xxgk::document_kind("<table border=1><tr>") == "html");
  BOOST_TEST(xxgk::document_kind("<meta charset=\"gbk\">") == "html");
  BOOST_TEST(xxgk::document_kind("<政府信息公开工作年度报告>\n一、总体情况") == "text");
  BOOST_TEST(xxgk::document_kind("一、总体情况\n<html>") == "text");
  BOOST_TEST(xxgk::document_kind("<htmlx>") == "text");
  BOOST_TEST(page("<html><body><p>一、总体情况</p></body></html>").kind() == "html");
  BOOST_TEST(Source::from_bytes("一、总体情况\n", "x.html").kind() == "text");
}

// PDF files are read (pdf_test.cpp); one cut off after its header is refused as damaged.
BOOST_AUTO_TEST_CASE(zip_and_ole_files_are_refused_with_what_to_do) {
  BOOST_TEST(xxgk::document_kind("%PDF-1.7\n") == "pdf");
  BOOST_TEST(refusal("%PDF-1.7\n%\xE2\xE3\xCF\xD3").find("cut off before its end") != std::string::npos);
  BOOST_TEST(xxgk::document_kind(std::string("PK\x03\x04\x14\0word/document.xml", 24)) == "docx");
  // A Word file is read (docx_test.cpp): these bytes are only the start of one.
  BOOST_TEST(refusal(std::string("PK\x03\x04\x14\0word/document.xml", 24)).find("a damaged Word file (DOCX)") !=
             std::string::npos);
  BOOST_TEST(xxgk::document_kind(std::string("PK\x03\x04\x14\0a.txt", 11)) == "zip");
  const std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10);
  BOOST_TEST(xxgk::document_kind(ole) == "doc");
  BOOST_TEST(refusal(ole).find("soffice --headless --convert-to docx FILE") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_row_is_its_cells_joined_by_tabs_without_the_cells_spanned_from_above) {
  const Source s = page(
      "<html><body><table>"
      "<tr><td rowspan=2>三、本年度办理结果</td><td colspan=2>（一）予以公开</td><td>&nbsp;0</td><td></td></tr>"
      "<tr><td colspan=2><p>（二）部分公开</p></td><td>1&nbsp;</td><td>2</td></tr>"
      "<tr><td></td><td>&nbsp;</td></tr>"
      "</table></body></html>");
  BOOST_TEST(s.text() == "三、本年度办理结果\t(一)予以公开\t0\t\n(二)部分公开\t1\t2\n");
}

BOOST_AUTO_TEST_CASE(the_pieces_of_a_cell_are_one_cell_text) {
  const Source s = page(
      "<html><body><table><tr><td><p>自</p><p>然</p>\n  <p>人</p></td><td>商业<br>企业</td>"
      "<td><p>12</p><p>34</p></td><td><span>1</span><span>5</span></td><td><p>a  b</p></td>"
      "<td><pre>甲\n乙\n丙</pre></td></tr></table>");
  BOOST_TEST(s.text() == "自然人\t商业企业\t12 34\t15\ta b\t甲乙丙\n");
}

BOOST_AUTO_TEST_CASE(blocks_are_lines_and_what_no_one_sees_is_left_out) {
  const Source s = page(
      "<html><head><title>标题</title><style>p { }</style></head><body>"
      "<div>一、总体情况<p>第一段</p>尾</div><script>var a = '<p>x</p>';</script><noscript>不</noscript>"
      "<template><p>不</p></template><!-- 注释 --><p>  多个   空格&nbsp;&nbsp;和<br>换行 </p></body></html>");
  BOOST_TEST(s.text() == "一、总体情况\n第一段\n尾\n多个 空格 和\n换行\n");
}

BOOST_AUTO_TEST_CASE(a_menu_of_links_is_one_line) {
  const Source s = page(
      "<html><body><ul><li><a href=\"/\">首页</a></li><li><a href=\"/g\">政府信息公开年报</a></li></ul>"
      "<ol><li>第一项</li><li><a href=\"/x\">链接</a>和文字</li></ol></body></html>");
  BOOST_TEST(s.text() == "首页 政府信息公开年报\n第一项\n链接和文字\n");
}

BOOST_AUTO_TEST_CASE(positions_are_lines_and_characters_of_the_page) {
  // Line 2 is `<table><tr><td>规章</td><td>&nbsp;7</td><td></td></tr></table>` after a CR LF.
  const Source s = page("<html><body><p>一</p>\r\n<table><tr><td>规章</td><td>&nbsp;7</td><td></td></tr></table>");
  BOOST_TEST(s.text() == "一\n规章\t7\t\n");
  BOOST_TEST(position_of(s, "一") == (SourcePos{1, 16}));
  BOOST_TEST(position_of(s, "规章") == (SourcePos{2, 16}));
  BOOST_TEST(position_of(s, "7") == (SourcePos{2, 33}));                 // after `&nbsp;`
  BOOST_TEST(s.position(s.text().find("7") + 1) == (SourcePos{2, 43}));  // the tab: inside the empty cell
  BOOST_TEST(s.position(s.text().find("7") - 1) == (SourcePos{2, 27}));  // the tab: at the cell after 规章
  // An entity's character stands at its `&`; a long run (libxml2 hands text over in pieces of
  // 1,000 bytes) keeps each character in its place.
  const Source e = page("<html><body><p>甲&amp;乙" + std::string(3000, 'x') + "丙</p>");
  BOOST_TEST(position_of(e, "&") == (SourcePos{1, 17}));
  BOOST_TEST(position_of(e, "乙") == (SourcePos{1, 22}));
  BOOST_TEST(position_of(e, "丙") == (SourcePos{1, 3023}));
}

BOOST_AUTO_TEST_CASE(a_page_is_read_in_the_charset_it_declares_unless_it_is_utf8) {
  // 规章 in GBK, in a page that says gb2312.
  const Source gbk = page(
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
      "</head><body><p>\xB9\xE6\xD5\xC2</p></body></html>");
  BOOST_TEST(gbk.encoding() == "GB18030");
  BOOST_TEST(gbk.text() == "规章\n");
  BOOST_TEST(position_of(gbk, "规章") == (SourcePos{1, 97}));  // characters, whatever the bytes
  // Saved again by a browser: UTF-8 with the old declaration.
  const Source resaved = page("<html><head><meta charset=\"gb2312\"></head><body><p>规章</p></body></html>");
  BOOST_TEST(resaved.encoding() == "UTF-8");
  BOOST_TEST(resaved.text() == "规章\n");
}

BOOST_AUTO_TEST_CASE(pages_that_cannot_be_read_are_refused_with_a_reason) {
  BOOST_TEST(refusal("<html><head><script>f()</script></head><body></body></html>").find("a web page with no text") !=
             std::string::npos);
  BOOST_TEST(refusal("<html><body>" + std::string(300 * 5, ' ') +
                     [] {
                       std::string deep;
                       for (int i = 0; i < 300; ++i) deep += "<div>";
                       return deep + "x";
                     }())
                 .find("nested more than 256 deep") != std::string::npos);
  const Source links = page("<html><body><ul><li><a href=\"/\">首页</a></li></ul><p>欢迎访问</p></body></html>");
  BOOST_TEST(!xxgk::no_report_reason(xxgk::parse_report(links), links).empty());
  const Source text = Source::from_bytes("欢迎访问\n", "x.txt");
  BOOST_TEST(xxgk::no_report_reason(xxgk::parse_report(text), text).empty());  // text: findings say it
}
