// Word files read directly: each test builds a small DOCX in memory with libzip and checks the
// text the grammar reads (tables with merged cells, numbering Word generates, text boxes, tracked
// changes), the places of its characters, and the refusal of bad files (not a zip, cut short, zip
// bombs, encrypted parts, entity expansion, XML that is not well formed).
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <zip.h>

#include "src/read/docx_archive.hpp"
#include "src/read/docx_numbering.hpp"
#include "xxgk/xxgk.hpp"

using xxgk::DocumentPlace;
using xxgk::InputError;
using xxgk::Source;

namespace {

using Parts = std::vector<std::pair<std::string, std::string>>;

// A zip archive of `parts`, written by libzip into memory; `encrypt` names a part written with
// AES-256 and a password.
std::string zip_of(const Parts& parts, const std::string& encrypt = "") {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  BOOST_REQUIRE(buffer != nullptr);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  BOOST_REQUIRE(archive != nullptr);
  zip_source_keep(buffer);
  for (const auto& [name, bytes] : parts) {
    zip_source_t* part = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    const zip_int64_t index = zip_file_add(archive, name.c_str(), part, ZIP_FL_ENC_UTF_8);
    BOOST_REQUIRE(index >= 0);
    if (name == encrypt) {
      BOOST_REQUIRE(zip_file_set_encryption(archive, static_cast<zip_uint64_t>(index), ZIP_EM_AES_256, "secret") == 0);
    }
  }
  BOOST_REQUIRE(zip_close(archive) == 0);
  BOOST_REQUIRE(zip_source_open(buffer) == 0);
  zip_source_seek(buffer, 0, SEEK_END);
  std::string out(static_cast<std::size_t>(zip_source_tell(buffer)), '\0');
  zip_source_seek(buffer, 0, SEEK_SET);
  BOOST_REQUIRE(zip_source_read(buffer, out.data(), out.size()) == static_cast<zip_int64_t>(out.size()));
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

const std::string kNamespaces = R"( xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")"
                                R"( xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006")"
                                R"( xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape")"
                                R"( xmlns:v="urn:schemas-microsoft-com:vml")";

std::string document_xml(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document)" + kNamespaces + "><w:body>" + body +
         "</w:body></w:document>";
}

std::string docx(const std::string& body, const std::string& numbering = "", const std::string& styles = "") {
  Parts parts = {{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", document_xml(body)}};
  if (!numbering.empty()) {
    parts.emplace_back("word/numbering.xml", "<w:numbering" + kNamespaces + ">" + numbering + "</w:numbering>");
  }
  if (!styles.empty()) parts.emplace_back("word/styles.xml", "<w:styles" + kNamespaces + ">" + styles + "</w:styles>");
  return zip_of(parts);
}

std::string p(const std::string& text, const std::string& properties = "") {
  return "<w:p>" + (properties.empty() ? "" : "<w:pPr>" + properties + "</w:pPr>") +
         "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

std::string tc(const std::string& text, const std::string& properties = "") {
  return "<w:tc><w:tcPr>" + properties + "</w:tcPr>" + p(text) + "</w:tc>";
}

std::string numbered(const std::string& text, int num_id, int level) {
  return p(text, "<w:numPr><w:ilvl w:val=\"" + std::to_string(level) + "\"/><w:numId w:val=\"" +
                     std::to_string(num_id) + "\"/></w:numPr>");
}

Source read(const std::string& bytes, const std::string& name = "r.docx") {
  return Source::from_bytes(bytes, name);
}

// The message of the InputError reading `bytes` throws, or "" when it reads.
std::string refusal(const std::string& bytes) {
  try {
    (void)Source::from_bytes(bytes, "x.docx");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string place_of(const Source& s, const std::string& needle, std::size_t after = 0) {
  const std::size_t at = s.text().find(needle, after);
  BOOST_REQUIRE(at != std::string::npos);
  return xxgk::describe_place(s.position(at).place);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_word_file_is_recognised_by_its_content_and_read_as_docx) {
  const std::string bytes = docx(p("一、总体情况"));
  BOOST_TEST(xxgk::document_kind(bytes) == "docx");
  const Source s = read(bytes, "report.txt");  // whatever its name
  BOOST_TEST(s.kind() == "docx");
  BOOST_TEST(s.encoding() == "UTF-8");
  BOOST_TEST(s.text() == "一、总体情况\n");
  BOOST_TEST(place_of(s, "总体") == "paragraph 1");
}

BOOST_AUTO_TEST_CASE(a_row_is_its_cells_joined_by_tabs_a_merged_cell_once) {
  const Source s =
      read(docx(p("三、收到和处理政府信息公开申请情况") + "<w:tbl><w:tblGrid/>" + "<w:tr>" +
                tc("三、本年度办理结果", "<w:vMerge w:val=\"restart\"/>") +
                tc("（一）予以公开", "<w:gridSpan w:val=\"2\"/>") + tc(" 0 ") + tc("") + "</w:tr>" + "<w:tr>" +
                tc("", "<w:vMerge/>") + tc("（二）部分公开", "<w:gridSpan w:val=\"2\"/>") + tc("1") + tc("2") +
                "</w:tr>" + "<w:tr>" + tc("") + tc("") + "</w:tr>" + "</w:tbl>" + p("四、行政复议")));
  BOOST_TEST(
      s.text() ==
      "三、收到和处理政府信息公开申请情况\n三、本年度办理结果\t(一)予以公开\t0\t\n(二)部分公开\t1\t2\n四、行政复议\n");
  BOOST_TEST(place_of(s, "三、收到") == "paragraph 1");
  BOOST_TEST(place_of(s, "本年度") == "table 1, row 1, cell 1");
  BOOST_TEST(place_of(s, "0\t") == "table 1, row 1, cell 3");
  // The tab after a cell with text stands at the cell after it, the empty one, where a blank is read.
  BOOST_TEST(place_of(s, "\t\n") == "table 1, row 1, cell 4");
  // Row 2 shows three cells: the one merged from row 1 is not counted again.
  BOOST_TEST(place_of(s, "(二)") == "table 1, row 2, cell 1");
  BOOST_TEST(place_of(s, "2\n") == "table 1, row 2, cell 3");
  BOOST_TEST(place_of(s, "四、") == "paragraph 2");
  const xxgk::SourcePos two = s.position(s.text().find("2\n"));
  BOOST_TEST(two.line == 3u);
  BOOST_TEST(two.column == 11u);  // of the reader's line: （二）部分公开\t1\t2
}

BOOST_AUTO_TEST_CASE(paragraphs_and_line_breaks_in_a_cell_are_one_cell_text) {
  const std::string cell =
      "<w:tc><w:p><w:r><w:t>申请</w:t></w:r></w:p><w:p><w:r><w:t>人</w:t><w:br/><w:t>情况</w:t>"
      "<w:tab/><w:t>合计</w:t></w:r></w:p></w:tc>";
  const Source s = read(docx("<w:tbl><w:tr>" + cell + tc("12") + "</w:tr></w:tbl>" +
                             "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:tab/><w:t>5</w:t></w:r></w:p>"));
  BOOST_TEST(s.text() == "申请人情况 合计\t12\n第一行\n第二行\t5\n");
  BOOST_TEST(place_of(s, "第二行") == "paragraph 1");
}

BOOST_AUTO_TEST_CASE(numbers_that_word_generates_are_read_before_the_paragraph) {
  const std::string numbering =
      R"(<w:abstractNum w:abstractNumId="0">)"
      R"(<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>)"
      R"(<w:suff w:val="nothing"/></w:lvl>)"
      R"(<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>)"
      R"(<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>)"
      R"(</w:abstractNum>)"
      R"(<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>)"
      R"(<w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>)"
      R"(<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>)"
      R"(<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>)"
      R"(<w:num w:numId="3"><w:abstractNumId w:val="1"/>)"
      R"(<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>)";
  const std::string styles =
      R"(<w:style w:type="paragraph" w:styleId="Heading2"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/>)"
      R"(</w:numPr></w:pPr></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="Heading2Red"><w:basedOn w:val="Heading2"/></w:style>)";
  const Source s =
      read(docx(numbered("总体情况", 1, 0) + numbered("主动公开", 1, 1) + numbered("规章", 1, 2) +
                    numbered("规范性文件", 1, 2) + p("依申请公开", "<w:pStyle w:val=\"Heading2Red\"/>") +
                    numbered("收到申请", 1, 2) + numbered("主动公开政府信息情况", 1, 0) + numbered("甲", 2, 0) +
                    numbered("乙", 2, 0) + numbered("丙", 2, 0) + numbered("重新", 3, 0) +
                    p("未编号", "<w:numPr><w:numId w:val=\"0\"/></w:numPr>") + numbered("没有定义", 9, 0),
                numbering, styles));
  BOOST_TEST(
      s.text() ==
      "一、总体情况\n(一)主动公开\n1. 规章\n2. 规范性文件\n(二)依申请公开\n1. 收到申请\n二、主动公开政府信息情况\n"
      "1.甲\n2.乙\n3.丙\n1.重新\n未编号\n没有定义\n");  // ① normalised as in a text file
  BOOST_TEST(place_of(s, "二、") == "paragraph 7");     // a number is at its paragraph
}

BOOST_AUTO_TEST_CASE(a_list_linked_to_a_numbering_style_counts_with_the_style_list) {
  // Word writes a list made from a list style as a definition that only links to the style
  // (w:numStyleLink); the style's list holds the levels, and both count as one list.
  const std::string numbering =
      R"(<w:abstractNum w:abstractNumId="3"><w:styleLink w:val="ReportList"/><w:lvl w:ilvl="0"><w:start w:val="1"/>)"
      R"(<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>)"
      R"(<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="ReportList"/></w:abstractNum>)"
      R"(<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>)"
      R"(<w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>)";
  const std::string styles =
      R"(<w:style w:type="numbering" w:styleId="ReportList"><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr>)"
      R"(</w:style>)";
  const Source s = read(docx(numbered("总体情况", 4, 0) + numbered("主动公开政府信息情况", 5, 0) +
                                 numbered("收到和处理政府信息公开申请情况", 4, 0),
                             numbering, styles));
  BOOST_TEST(s.text() == "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n");
}

BOOST_AUTO_TEST_CASE(numbers_in_the_formats_of_word) {
  using xxgk::docx::format_number;
  BOOST_TEST(format_number(3, "decimal") == "3");
  BOOST_TEST(format_number(10, "chineseCounting") == "十");
  BOOST_TEST(format_number(12, "chineseCounting") == "十二");
  BOOST_TEST(format_number(20, "chineseCounting") == "二十");
  BOOST_TEST(format_number(105, "chineseCounting") == "一百〇五");
  BOOST_TEST(format_number(105, "chineseCountingThousand") == "一百零五");
  BOOST_TEST(format_number(11, "chineseLegalSimplified") == "壹拾壹");
  BOOST_TEST(format_number(2, "ideographTraditional") == "乙");
  BOOST_TEST(format_number(3, "decimalEnclosedCircle") == "③");
  BOOST_TEST(format_number(21, "decimalEnclosedCircle") == "21");
  BOOST_TEST(format_number(4, "decimalEnclosedParen") == "⑷");
  BOOST_TEST(format_number(28, "upperLetter") == "BB");
  BOOST_TEST(format_number(14, "lowerRoman") == "xiv");
  BOOST_TEST(format_number(7, "decimalZero") == "07");
  BOOST_TEST(format_number(3, "bullet") == "");
  BOOST_TEST(format_number(3, "someFormatOfTomorrow") == "3");
}

BOOST_AUTO_TEST_CASE(a_text_box_is_read_once_as_paragraphs_after_its_anchor) {
  const std::string box = "<w:txbxContent>" + p("（一）主动公开") + "</w:txbxContent>";
  const std::string anchored =
      "<w:p><w:r><w:t>一、总体情况</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">"
      "<w:drawing><wps:txbx>" +
      box +
      "</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>"
      "<v:shape><v:textbox>" +
      box +
      "</v:textbox></v:shape></w:pict></mc:Fallback>"
      "</mc:AlternateContent></w:r></w:p>";
  const Source s = read(docx(anchored + p("二、主动公开政府信息情况")));
  BOOST_TEST(s.text() == "一、总体情况\n(一)主动公开\n二、主动公开政府信息情况\n");
  BOOST_TEST(place_of(s, "(一)") == "paragraph 2");
  BOOST_TEST(place_of(s, "二、") == "paragraph 3");
}

BOOST_AUTO_TEST_CASE(insertions_are_read_deletions_hidden_text_and_field_codes_are_not) {
  const Source s = read(docx(
      "<w:p><w:r><w:t>收到</w:t></w:r><w:ins><w:r><w:t>申请</w:t></w:r></w:ins><w:del><w:r><w:delText>删掉</w:delText>"
      "<w:br/></w:r></w:del><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:instrText> PAGE "
      "</w:instrText></w:r>"
      "<w:r><w:rPr><w:vanish "
      "w:val=\"0\"/></w:rPr><w:t>12</w:t></w:r><w:hyperlink><w:r><w:t>件</w:t></w:r></w:hyperlink>"
      "</w:p><w:sdt><w:sdtContent>" +
      p("控件里的段落") + "</w:sdtContent></w:sdt>"));
  BOOST_TEST(s.text() == "收到申请12件\n控件里的段落\n");
}

BOOST_AUTO_TEST_CASE(a_row_whose_cells_hold_tables_is_read_as_lines) {
  const std::string inner = "<w:tbl><w:tr>" + tc("总计") + tc("7") + "</w:tr></w:tbl>";
  const Source s =
      read(docx("<w:tbl><w:tr><w:tc>" + p("标题") + inner + "<w:p/></w:tc>" + tc("右栏") + "</w:tr></w:tbl>"));
  BOOST_TEST(s.text() == "标题\n总计\t7\n右栏\n");
  BOOST_TEST(place_of(s, "标题") == "table 1, row 1, cell 1");
  BOOST_TEST(place_of(s, "7") == "table 2, row 1, cell 2");
  BOOST_TEST(place_of(s, "右栏") == "table 1, row 1, cell 2");
}

BOOST_AUTO_TEST_CASE(files_that_are_not_word_files_or_are_damaged_are_refused) {
  BOOST_TEST(refusal(std::string("PK\x03\x04\x14\0word/document.xml", 24))
                 .find("a damaged Word file (DOCX): not "
                       "readable as a zip archive") == 0u);
  const std::string whole = docx(p("一、总体情况"));
  BOOST_TEST(refusal(whole.substr(0, whole.size() * 2 / 3)).find("a damaged Word file (DOCX)") == 0u);
  const std::string other = zip_of({{"word/document.xml.bak", document_xml(p("x"))}});
  BOOST_TEST(refusal(other).find("a zip archive without word/document.xml") == 0u);
  BOOST_TEST(refusal(zip_of({{"a.txt", "x"}})).find("a zip archive, not a report") == 0u);
  BOOST_TEST(refusal(zip_of({{"word/document.xml", "<w:document" + kNamespaces + "><w:body><w:p>"}}))
                 .find("a damaged Word file (DOCX): word/document.xml is not well-formed XML (line 1") == 0u);
  BOOST_TEST(refusal(docx("<w:p/><w:tbl><w:tr>" + tc(" ") + "</w:tr></w:tbl>")) ==
             "a Word file (DOCX) with no text in its body");
  const std::string encrypted =
      zip_of({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", document_xml(p("一、总体情况"))}},
             "word/document.xml");
  BOOST_TEST(refusal(encrypted).find("word/document.xml encrypted") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(entities_are_refused_before_they_are_declared) {
  std::string laughs = R"(<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">)";
  for (int k = 1; k < 12; ++k) {
    const std::string prev = std::string(1, static_cast<char>('a' + k - 1));
    laughs += "<!ENTITY " + std::string(1, static_cast<char>('a' + k)) + " \"";
    for (int n = 0; n < 10; ++n) laughs += "&" + prev + ";";
    laughs += "\">";
  }
  laughs += "]><w:document" + kNamespaces + "><w:body><w:p><w:r><w:t>&l;</w:t></w:r></w:p></w:body></w:document>";
  const auto start = std::chrono::steady_clock::now();
  BOOST_TEST(refusal(zip_of({{"word/document.xml", laughs}})).find("declares a document type") != std::string::npos);
  BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(2)));
}

BOOST_AUTO_TEST_CASE(a_zip_bomb_is_refused_after_a_bounded_read) {
  // 70 MB of blanks deflate to 70 KB: refused by the size in its header, before it is inflated.
  const std::string bomb = zip_of({{"word/document.xml", document_xml(std::string(70u << 20, ' '))}});
  BOOST_TEST(bomb.size() < (1u << 20));
  BOOST_TEST(refusal(bomb).find("more than the 64 MB a report's part may have (a zip bomb?)") != std::string::npos);

  // A header that says 100 bytes for a part of 1 MB (both its local and central headers patched, so
  // that the archive is consistent): reading stops at 101 bytes.
  std::string liar = zip_of({{"word/document.xml", document_xml(std::string(1u << 20, ' ') + p("x"))}});
  for (const std::string_view signature : {std::string_view("PK\x03\x04", 4), std::string_view("PK\x01\x02", 4)}) {
    const std::size_t header = liar.find(signature);
    BOOST_REQUIRE(header != std::string::npos);
    const std::size_t size_at = header + (signature[2] == '\x03' ? 22 : 24);
    liar.replace(size_at, 4, std::string("\x64\0\0\0", 4));
  }
  const xxgk::docx::Archive archive(liar);
  try {
    (void)archive.part("word/document.xml");
    BOOST_FAIL("a part larger than its header read");
  } catch (const InputError& e) {
    BOOST_TEST(std::string(e.what()).find("word/document.xml") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_word_file_without_a_report_is_refused_like_a_page_without_one) {
  const Source s = read(docx(p("通知") + p("请于下周一前提交材料。")));
  const std::string reason = xxgk::no_report_reason(xxgk::parse_report(s), s);
  BOOST_TEST(reason.find("no report in this Word file") == 0u);
}
