// Hostile and odd input (issue #6): each gets a clear message or finding with a position, and
// the parser finishes. Time and memory as input grows are printed by tools/bench-hostile.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "report_text.hpp"

using namespace xxgk;
using xxgk::test::findings_of;
using xxgk::test::ReportText;

namespace {

std::string cells_of(const Source& source) {
  std::ostringstream out;
  write_cells(parse_report(source), out);
  return out.str();
}

// The InputError that reading `bytes` throws (its message and position), or a failed test.
InputError refusal(std::string bytes, std::size_t max_bytes = kMaxReportBytes) {
  try {
    (void)Source::from_bytes(std::move(bytes), "hostile.txt", "auto", max_bytes);
  } catch (const InputError& e) {
    return e;
  }
  BOOST_FAIL("the input was read, not refused");
  return InputError("", {});
}

// Line and character column (1-based) of the first occurrence of `needle` in `text`.
SourcePos position_of(const std::string& text, const std::string& needle) {
  const std::size_t at = text.find(needle);
  BOOST_REQUIRE(at != std::string::npos);
  SourcePos pos{1, 1};
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++pos.line, pos.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++pos.column;
    }
  }
  return pos;
}

ReportText with_applications() {
  ReportText r;
  r.cells["table3.new_received.natural_person"] = "3";
  r.cells["table3.new_received.total"] = "3";
  r.cells["table3.granted.natural_person"] = "3";
  r.cells["table3.granted.total"] = "3";
  r.cells["table3.total.natural_person"] = "3";
  r.cells["table3.total.total"] = "3";
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(nul_byte_inside_a_table_is_a_binary_file_at_its_position) {
  std::string text = with_applications().str();
  const SourcePos row = position_of(text, "予以公开\t");
  text.insert(text.find("予以公开\t") + std::string("予以").size(), 1, '\0');
  const InputError e = refusal(text);
  BOOST_TEST(std::string(e.what()).find("binary file") != std::string::npos);
  BOOST_TEST(e.pos().line == row.line);
  BOOST_TEST(e.pos().column == row.column + 2);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_the_middle_of_a_table_is_refused_at_its_byte) {
  std::string text = with_applications().str();
  const std::string row = "三、本年度办理结果";
  const SourcePos pos = position_of(text, row);
  text.insert(text.find(row) + std::string("三、本年").size(), "\xFF\xFE");
  const InputError e = refusal(text);
  BOOST_TEST(std::string(e.what()).find("invalid") != std::string::npos);
  BOOST_TEST(e.pos().line == pos.line);
  BOOST_TEST(e.pos().column == pos.column + 4);
}

BOOST_AUTO_TEST_CASE(input_above_the_size_limit_is_refused_before_it_is_parsed) {
  const InputError e = refusal(with_applications().str(), 1000);
  BOOST_TEST(std::string(e.what()).find("too large") != std::string::npos);
  BOOST_TEST(e.pos().line == 1u);

  // A 200 MB file is refused by its size, without being read (the file is sparse).
  const auto path = std::filesystem::temp_directory_path() / "xxgk_hostile_200mb.txt";
  { std::ofstream(path) << "一、总体情况\n"; }
  std::filesystem::resize_file(path, std::uintmax_t{200} << 20);
  try {
    (void)read_report_bytes(path.string());
    BOOST_FAIL("a 200 MB file was read");
  } catch (const InputError& refused) {
    BOOST_TEST(std::string(refused.what()).find("200.0 MB") != std::string::npos);
  }
  std::filesystem::remove(path);
}

BOOST_AUTO_TEST_CASE(one_line_of_ten_megabytes_leaves_the_tables_as_they_are) {
  const ReportText r = with_applications();
  std::string text = r.str();
  std::string line;
  while (line.size() < (std::size_t{10} << 20)) line += "本局依法公开 12 件,";
  text.insert(text.find("二、主动公开"), line + "\n");
  const auto source = Source::from_bytes(text, "long-line.txt");
  const Report report = parse_report(source);
  const Cell* received = report.table3.cell("new_received", "total");
  BOOST_REQUIRE(received != nullptr);
  BOOST_TEST(received->raw == "3");
  BOOST_TEST(received->pos.line == position_of(text, "一、本年新收").line);
  BOOST_TEST(findings_of(validate(report, source), "A1").empty());
}

BOOST_AUTO_TEST_CASE(ten_thousand_copies_of_a_table_keep_the_first_and_count_the_rest) {
  ReportText r = with_applications();
  r.cells["table4.review.upheld"] = "1";
  r.cells["table4.review.total"] = "1";
  std::string text = r.str();
  const std::string table4 = r.table4();
  std::string copies;
  for (int i = 0; i < 10000; ++i) copies += table4;
  text.insert(text.find("五、存在"), copies);
  const auto source = Source::from_bytes(text, "tables.txt");
  const Report report = parse_report(source);
  BOOST_TEST(report.table4.cell("review", "upheld")->raw == "1");
  const auto findings = validate(report, source);
  const auto repeated = findings_of(findings, "F7");
  // 100 listed one by one, then one finding that counts the rest: none dropped unsaid.
  BOOST_TEST(repeated.size() == 101u);
  BOOST_TEST(repeated.back().message.find("9900 more F7 findings") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_heading_repeated_ten_thousand_times_is_reported_not_nested) {
  std::string text = with_applications().str();
  std::string headings;
  for (int i = 0; i < 10000; ++i) headings += "一、总体情况\n(一)主动公开\n";
  text += headings;
  const auto source = Source::from_bytes(text, "headings.txt");
  const Report report = parse_report(source);
  BOOST_TEST(report.table3.cell("total", "total")->raw == "3");
  const auto findings = validate(report, source);
  BOOST_TEST(findings.size() < 500u);
  BOOST_TEST(!findings_of(findings, "F3").empty());
}

namespace {

// The one A8 finding of a report whose cell table3.<row>.<column> is `written`, once the cell is
// checked to keep what was written.
Finding a8_with(const std::string& row, const std::string& column, const std::string& written) {
  ReportText r = with_applications();
  r.cells["table3." + row + "." + column] = written;
  const auto source = r.source();
  const Report report = parse_report(source);
  BOOST_TEST(report.table3.cell(row, column)->raw == written);
  const auto a8 = findings_of(validate(report, source), "A8");
  BOOST_REQUIRE(a8.size() == 1u);
  BOOST_TEST(a8.front().keys.front() == "table3." + row + "." + column);
  BOOST_TEST(a8.front().pos.line == position_of(r.str(), "\t" + written + "\t").line);
  return a8.front();
}

}  // namespace

BOOST_AUTO_TEST_CASE(forty_digit_number_is_kept_as_written_and_reported) {
  const Finding a8 = a8_with("new_received", "natural_person", std::string(40, '7'));
  BOOST_TEST(a8.message.find("40 digits") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(negative_and_decimal_counts_are_reported_as_written) {
  for (const std::string written : {"-3", "2.5"}) {
    BOOST_TEST(a8_with("granted", "commercial", written).message.find(written) != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(crlf_and_lone_cr_give_the_cells_and_positions_of_lf) {
  const std::string lf = with_applications().str();
  std::string crlf, cr;
  for (const char c : lf) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    cr += c == '\n' ? '\r' : c;
  }
  const std::string expected = cells_of(Source::from_bytes(lf, "lf.txt"));
  BOOST_TEST(cells_of(Source::from_bytes(crlf, "crlf.txt")) == expected);
  BOOST_TEST(cells_of(Source::from_bytes(cr, "cr.txt")) == expected);
}

BOOST_AUTO_TEST_CASE(lossy_reading_replaces_invalid_bytes_and_reports_them) {
  const ReportText r = with_applications();
  std::string text = r.str();
  const std::string row = "三、本年度办理结果";
  const SourcePos pos = position_of(text, row);
  text.insert(text.find(row) + std::string("三、本年").size(), "\xFF\xFE");
  const auto source = Source::from_bytes(text, "lossy.txt", "auto", kMaxReportBytes, InvalidBytes::replace);
  BOOST_TEST(source.replaced_bytes() == 2u);
  const Report report = parse_report(source);
  BOOST_TEST(report.table3.cell("new_received", "total")->raw == "3");
  const auto x3 = findings_of(validate(report, source), "X3");
  BOOST_REQUIRE(x3.size() == 1u);
  BOOST_TEST(x3.front().message.find("2 bytes") != std::string::npos);
  BOOST_TEST(x3.front().pos.line == pos.line);
  BOOST_TEST(x3.front().pos.column == pos.column + 4);
}
