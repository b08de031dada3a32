// Decoding, normalisation and the map back to original positions.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "src/text.hpp"
#include "xxgk/xxgk.hpp"

using xxgk::InputError;
using xxgk::Source;
using xxgk::SourcePos;

namespace {

// UTF-8 text as UTF-16 in one byte order, without a byte order mark.
std::string utf16(const std::string& utf8, bool little_endian) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  std::string out;
  for (int32_t i = 0; i < u.length(); ++i) {
    const char16_t c = u.charAt(i);
    const auto high = static_cast<char>(c >> 8), low = static_cast<char>(c & 0xFF);
    out += little_endian ? std::string{low, high} : std::string{high, low};
  }
  return out;
}

std::string cells_of(const Source& source) {
  std::ostringstream out;
  xxgk::write_cells(xxgk::parse_report(source), out);
  return out.str();
}

}  // namespace

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

// ① numbers an item as 1. does; NFKC's bare 1 would read as a cell when a blank follows it.
BOOST_AUTO_TEST_CASE(circled_numbers_become_item_numbers) {
  const auto s = Source::from_bytes("① 属于国家秘密\n⑳", "t");
  BOOST_TEST(s.text() == "1. 属于国家秘密\n20.");
  BOOST_TEST(s.position(2).column == 2);  // the blank after ①, which became two bytes
  BOOST_TEST(s.position(3).column == 3);
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
  // The form feed stays, on a line of its own, where the grammar knows a page ended (a blank there).
  BOOST_TEST(s.text() == "规章 0\f\n行政许可  0  \n       \n");
  // A form feed ends no line in the original file: editors show it inside the line.
  BOOST_TEST(s.position(s.text().find("行政许可")) == (SourcePos{1, 6}));
}

BOOST_AUTO_TEST_CASE(traditional_characters_read_as_simplified_with_original_positions) {
  const auto s = Source::from_bytes("行政規範性文件\t1\n屬於國家秘密", "t");
  BOOST_TEST(s.text() == "行政规范性文件\t1\n属于国家秘密");
  BOOST_TEST(s.original_line(1) == "行政規範性文件\t1");
  BOOST_TEST(s.position(s.text().find('1')) == (SourcePos{1, 9}));
}

// The table made at build time (tools/simplified_table.cpp) answers as ICU's transliterator does,
// for every Han character the reader sends to it, one character at a time.
BOOST_AUTO_TEST_CASE(the_simplified_table_agrees_with_icus_transliterator) {
  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<icu::Transliterator> to_simplified(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  BOOST_REQUIRE(U_SUCCESS(status) && to_simplified);
  std::size_t changed = 0, differ = 0;
  for (const auto& [first, last] :
       {std::pair<char32_t, char32_t>{0x3400, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x2FA1F}}) {
    for (char32_t cp = first; cp <= last; ++cp) {
      icu::UnicodeString u(static_cast<UChar32>(cp));
      to_simplified->transliterate(u);
      std::string expected;
      u.toUTF8String(expected);
      std::string itself;
      xxgk::append_utf8(itself, cp);
      changed += expected != itself;
      if (xxgk::normalise_code_point(cp) != expected && differ++ < 5) {
        BOOST_ERROR("U+" << std::hex << static_cast<unsigned>(cp) << " differs from ICU's transliteration");
      }
    }
  }
  BOOST_TEST(differ == 0u);
  BOOST_TEST(changed > 2000u);  // the table is not empty: 2,853 characters with ICU 72
}

BOOST_AUTO_TEST_CASE(utf16_without_a_byte_order_mark_is_read_in_its_byte_order) {
  const std::string text = "信息公开\n规章\t1\n";
  for (const bool little_endian : {true, false}) {
    const auto s = Source::from_bytes(utf16(text, little_endian), "u16.txt");
    BOOST_TEST(s.encoding() == (little_endian ? "UTF-16LE" : "UTF-16BE"));
    BOOST_TEST(s.text() == text);
    BOOST_TEST(s.position(s.text().find('1')) == (SourcePos{2, 4}));
  }
  // Chinese text read in the wrong byte order strays into surrogates (付 U+4ED8 as U+D84E) and
  // has no line break (0A 00 reads as U+0A00).
  BOOST_TEST(xxgk::utf16_byte_order(utf16("支付\n", true)) == "UTF-16LE");
  BOOST_TEST(xxgk::utf16_byte_order(utf16("支付\n", false)) == "UTF-16BE");
  // Binary data: U+0000, an odd length, a high surrogate alone; and text of one line, which
  // shows no byte order.
  BOOST_TEST(xxgk::utf16_byte_order(std::string("a\0\0\0\n\0", 6)).empty());
  BOOST_TEST(xxgk::utf16_byte_order(utf16("一\n", true) + "x").empty());
  BOOST_TEST(xxgk::utf16_byte_order(utf16("一\n", true) + std::string("\x3D\xD8", 2)).empty());
  BOOST_TEST(xxgk::utf16_byte_order(utf16("信息公开", true)).empty());
}

BOOST_AUTO_TEST_CASE(utf16_without_a_byte_order_mark_that_says_no_report_is_refused_with_a_hint) {
  try {
    (void)Source::from_bytes(utf16("abc\ndef\n", true), "t");
    BOOST_FAIL("no error");
  } catch (const InputError& e) {
    BOOST_TEST(std::string(e.what()).find("--encoding UTF-16LE") != std::string::npos);
  }
  // NULs that do not read as UTF-16 text stay a binary file.
  try {
    (void)Source::from_bytes(std::string("ab\0\0\n\0", 6), "t");
    BOOST_FAIL("no error");
  } catch (const InputError& e) {
    BOOST_TEST(std::string(e.what()).find("binary file") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(seed_reports_in_utf16_without_a_byte_order_mark_give_the_same_cells) {
  int seeds = 0;
  for (const auto& entry : std::filesystem::directory_iterator(XXGK_CORPUS "/documents")) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const std::string expected = cells_of(Source::from_bytes(bytes.str(), "utf8.txt"));
    BOOST_TEST_REQUIRE(!expected.empty());
    for (const bool little_endian : {true, false}) {
      BOOST_TEST_CONTEXT(entry.path().filename().string() << (little_endian ? " UTF-16LE" : " UTF-16BE")) {
        const auto s = Source::from_bytes(utf16(bytes.str(), little_endian), "utf16.txt");
        BOOST_TEST(s.encoding() == (little_endian ? "UTF-16LE" : "UTF-16BE"));
        BOOST_TEST(cells_of(s) == expected);
      }
    }
    ++seeds;
  }
  BOOST_TEST(seeds >= 5);
}

// The bit-parallel edit distance gives the dynamic programme's number, for texts up to 64
// characters and past them (where the programme itself is used).
BOOST_AUTO_TEST_CASE(edit_distance_matches_the_dynamic_programme) {
  const auto by_table = [](const std::vector<char32_t>& x, const std::vector<char32_t>& y) {
    std::vector<std::vector<std::size_t>> d(x.size() + 1, std::vector<std::size_t>(y.size() + 1));
    for (std::size_t i = 0; i <= x.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= y.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
      for (std::size_t j = 1; j <= y.size(); ++j) {
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
      }
    }
    return d[x.size()][y.size()];
  };
  std::uint32_t state = 12345;  // a fixed sequence: the same cases on every run
  const auto next = [&] { return state = state * 1103515245u + 12345u, (state >> 16) & 0x7FFF; };
  const std::u32string letters = U"申请公开予以部分不处理其他";
  for (int round = 0; round < 3000; ++round) {
    std::vector<char32_t> x(next() % 70), y(next() % 90);
    const std::size_t alphabet = 1 + next() % letters.size();
    for (auto& c : x) c = letters[next() % alphabet];
    for (auto& c : y) c = letters[next() % alphabet];
    BOOST_TEST_REQUIRE(xxgk::edit_distance(x, y) == by_table(x, y));
  }
  BOOST_TEST(xxgk::edit_distance(std::vector<char32_t>{}, std::vector<char32_t>{U'a', U'b'}) == 2u);
  BOOST_TEST(xxgk::edit_distance(std::string_view("予以公开"), std::string_view("予以公示")) == 1u);
}

namespace {

// A map built from `dense` (one index a byte of `text`, and the end): what the map gives back for
// every offset, by look-up and by reading it forwards.
void check_map_gives_back(const std::string& text, const std::vector<std::uint32_t>& dense) {
  xxgk::PositionMap::Builder builder;
  for (std::size_t i = 0; i < text.size(); ++i) builder.push(static_cast<unsigned char>(text[i]), dense[i]);
  const xxgk::PositionMap map = std::move(builder).finish(dense.back());
  xxgk::PositionMap::Reader reader(map, text);
  std::size_t wrong = 0;
  for (std::size_t i = 0; i <= text.size() + 1; ++i) {
    const std::uint32_t want = dense[std::min(i, dense.size() - 1)];
    wrong += map.at(text, i) != want;
    wrong += reader.next() != want;
  }
  // A cursor asked for offsets in increasing order, in steps short and long (across checkpoints
  // and jumps), an offset asked twice, and offsets before the last (looked up anew).
  for (const std::size_t step : {1u, 2u, 5u, 63u, 64u, 65u, 130u}) {
    xxgk::PositionMap::Cursor cursor(map, text);
    for (std::size_t i = 0; i <= text.size() + 1; i += step) {
      const std::uint32_t want = dense[std::min(i, dense.size() - 1)];
      wrong += cursor.at(i) != want;
      wrong += cursor.at(i) != want;
      if (i >= 3) wrong += cursor.at(i - 3) != dense[std::min(i - 3, dense.size() - 1)];
    }
  }
  BOOST_TEST(wrong == 0u);
}

}  // namespace

// The sparse map (a checkpoint every kStride bytes, and the jumps) gives back every index of the
// dense one, whatever falls on a checkpoint: a character's first or later byte, a jump, a piece
// of several bytes from one character, dropped text, the end.
BOOST_AUTO_TEST_CASE(the_sparse_position_map_gives_back_every_index) {
  constexpr std::size_t stride = xxgk::PositionMap::kStride;
  for (std::size_t shift = 0; shift < 4; ++shift) {
    std::string text(stride - 2 + shift, 'a');
    std::vector<std::uint32_t> dense;
    std::uint32_t c = 0;
    for (std::size_t i = 0; i < text.size(); ++i) dense.push_back(c++);
    for (int k = 0; k < 3 * static_cast<int>(stride); ++k) {
      switch (k % 5) {
        case 0:  // a character of three bytes, copied: one index for its bytes
          text += "一";
          dense.insert(dense.end(), 3, c++);
          break;
        case 1:  // text dropped before this byte: a jump
          c += 7;
          text += 'b';
          dense.push_back(c++);
          break;
        case 2:  // one character written as a piece of three characters
          text += "(1)";
          dense.insert(dense.end(), 3, c++);
          break;
        default:
          text += 'c';
          dense.push_back(c++);
      }
    }
    dense.push_back(c);  // the end
    check_map_gives_back(text, dense);
  }
  // A long copied stretch keeps only its checkpoints: well under a byte a byte of text.
  std::string big;
  for (int i = 0; i < 100000; ++i) big += i % 3 == 0 ? "数" : "7";
  const auto s = Source::from_bytes(big, "t");
  BOOST_TEST(s.position(big.size() - 1).column == xxgk::code_point_count(big));
  BOOST_TEST(s.position(stride).column == 1 + xxgk::code_point_count(big.substr(0, stride)));
}

// Positions over every offset of a text with CR LF line ends, characters normalised to several
// bytes, dropped debris and lines longer than the map's stride: each byte's column is that of its
// character, as counted along the original line.
BOOST_AUTO_TEST_CASE(positions_at_every_offset_of_a_long_line) {
  std::string line;
  for (int i = 0; i < 40; ++i) line += i % 4 == 0 ? "①" : i % 4 == 1 ? "（二）" : i % 4 == 2 ? "[bookmark: x]" : "ab";
  const std::string original = line + "\r\n" + line + "\r\n";
  const auto s = Source::from_bytes(original, "t");
  // Each byte of text, walked forwards: its column never goes back along a line, and a line's
  // first byte is at column 1.
  SourcePos last{1, 0};
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < s.text().size(); ++i) {
    const SourcePos p = s.position(i);
    if (p.line == last.line) {
      wrong += p.column < last.column;
    } else {
      wrong += p.line != last.line + 1 || p.column != 1;
    }
    last = p;
  }
  BOOST_TEST(wrong == 0u);
  // A cursor gives the same positions, for offsets asked in increasing order (one line after
  // another, and lines skipped) or before the last.
  for (const std::size_t step : {1u, 7u, 64u, 200u}) {
    Source::Cursor cursor(s);
    for (std::size_t i = 0; i < s.text().size(); i += step) {
      wrong += cursor.position(i) != s.position(i);
      if (i >= 100) wrong += cursor.position(i - 100) != s.position(i - 100);
    }
  }
  BOOST_TEST(wrong == 0u);
  BOOST_TEST(s.position(s.text().find("(二)", 1)).column == 1 + xxgk::code_point_count("①"));
  const auto columns = static_cast<std::uint32_t>(xxgk::code_point_count(line));
  BOOST_TEST(s.position(s.text().rfind("ab")) == (SourcePos{2, columns - 1}));
}
