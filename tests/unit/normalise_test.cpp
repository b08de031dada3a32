// Decoding, normalisation and the map back to original positions.
#include <boost/test/unit_test.hpp>

#include "xxgk/source.hpp"

using xxgk::InputError;
using xxgk::Source;
using xxgk::SourcePos;

namespace boost::test_tools::tt_detail {
template <>
struct print_log_value<SourcePos> {
  void operator()(std::ostream& os, const SourcePos& p) { os << p.line << ':' << p.column; }
};
}  // namespace boost::test_tools::tt_detail

BOOST_AUTO_TEST_CASE(full_width_forms_become_ascii) {
  const auto s = Source::from_bytes("（一）１２３　ＡＢ，：", "t");
  BOOST_TEST(s.text() == "(一)123 AB,:");
}

BOOST_AUTO_TEST_CASE(chinese_text_and_quotes_are_kept) {
  const auto s = Source::from_bytes("危及“三安全一稳定”、〔2021〕", "t");
  BOOST_TEST(s.text() == "危及“三安全一稳定”、〔2021〕");
}

BOOST_AUTO_TEST_CASE(bom_and_line_ends) {
  const auto s = Source::from_bytes("\xEF\xBB\xBF一\r\n二\r三\n", "t");
  BOOST_TEST(s.text() == "一\n二\n三\n");
  BOOST_TEST(s.position(s.text().find("三")) == (SourcePos{3, 1}));
}

BOOST_AUTO_TEST_CASE(extraction_debris_is_removed) {
  const auto s = Source::from_bytes("[bookmark: _GoBack]（七）监督\n---------\t---\n无", "t");
  BOOST_TEST(s.text() == "(七)监督\n\n无");
  // Positions still point into the original: 监 is the 23rd character of line 1.
  BOOST_TEST(s.position(s.text().find("监")) == (SourcePos{1, 23}));
  BOOST_TEST(s.position(s.text().find("无")) == (SourcePos{3, 1}));
}

BOOST_AUTO_TEST_CASE(a_single_dash_is_data_not_a_rule) {
  const auto s = Source::from_bytes("规章\t-\t--\n", "t");
  BOOST_TEST(s.text() == "规章\t-\t--\n");
}

BOOST_AUTO_TEST_CASE(columns_count_characters_not_bytes) {
  const auto s = Source::from_bytes("一、本年新收\t３５", "t");
  // "３５" is 6 bytes in the original, 2 in the text; the column is the 8th character.
  BOOST_TEST(s.position(s.text().find("35")) == (SourcePos{1, 8}));
  BOOST_TEST(s.position(s.text().find("5")) == (SourcePos{1, 9}));
}

BOOST_AUTO_TEST_CASE(original_lines_are_quoted_as_written) {
  const auto s = Source::from_bytes("甲\r\n（一）乙\n", "t");
  BOOST_TEST(s.original_line(2) == "（一）乙");
  BOOST_TEST(s.original_line(9).empty());
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_reported_with_its_position) {
  try {
    (void)Source::from_bytes("第一行\n规章\t\xB9\xE6\n", "t");
    BOOST_FAIL("no error");
  } catch (const InputError& e) {
    BOOST_TEST(e.pos() == (SourcePos{2, 4}));
    BOOST_TEST(std::string(e.what()).find("invalid UTF-8") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(binary_empty_and_cut_utf16_are_refused) {
  BOOST_CHECK_THROW((void)Source::from_bytes(std::string("abc\0def", 7), "t"), InputError);
  BOOST_CHECK_THROW((void)Source::from_bytes("", "t"), InputError);
  BOOST_CHECK_THROW((void)Source::from_bytes(" \n\t\n", "t"), InputError);
  // UTF-16 (byte order mark) cut in the middle of a character.
  BOOST_CHECK_THROW((void)Source::from_bytes(std::string("\xFF\xFE\x3F\x89\x60", 5), "t"), InputError);
}

BOOST_AUTO_TEST_CASE(other_encodings_are_read_with_the_same_positions) {
  // 信息公开 / 规章\t1 in GB18030, found by detection, and in UTF-16 with a byte order mark.
  const std::string gb = "\xD0\xC5\xCF\xA2\xB9\xAB\xBF\xAA\n\xB9\xE6\xD5\xC2\t1\n";
  const auto s = Source::from_bytes(gb, "gb.txt");
  BOOST_TEST(s.encoding() == "GB18030");
  BOOST_TEST(s.text() == "信息公开\n规章\t1\n");
  BOOST_TEST(s.position(s.text().find('1')) == (SourcePos{2, 4}));
  const auto u = Source::from_bytes(std::string("\xFF\xFE\xC4\x89\xE0\x7AX\0", 8), "u16.txt");
  BOOST_TEST(u.encoding() == "UTF-16LE");
  BOOST_TEST(u.text() == "规章X");
}

BOOST_AUTO_TEST_CASE(invalid_bytes_of_a_named_encoding_are_reported_where_they_are) {
  try {
    (void)Source::from_bytes("\xB9\xE6\xD5\xC2\n\xB9\xE6\x80", "t", "GB18030");
    BOOST_FAIL("no error");
  } catch (const InputError& e) {
    BOOST_TEST(std::string(e.what()).find("invalid GB18030") != std::string::npos);
    BOOST_TEST(e.pos() == (SourcePos{2, 2}));
  }
}

BOOST_AUTO_TEST_CASE(page_breaks_and_drawn_table_rules) {
  const auto s = Source::from_bytes("规章 0\f行政许可│ 0 │\n├──┼──┤\n", "t");
  BOOST_TEST(s.text() == "规章 0\n行政许可  0  \n       \n");
  // A form feed ends no line in the original file: editors show it inside the line.
  BOOST_TEST(s.position(s.text().find("行政许可")) == (SourcePos{1, 6}));
}

BOOST_AUTO_TEST_CASE(traditional_characters_read_as_simplified_with_original_positions) {
  const auto s = Source::from_bytes("行政規範性文件\t1\n屬於國家秘密", "t");
  BOOST_TEST(s.text() == "行政规范性文件\t1\n属于国家秘密");
  BOOST_TEST(s.original_line(1) == "行政規範性文件\t1");
  BOOST_TEST(s.position(s.text().find('1')) == (SourcePos{1, 9}));
}
