// Hostile and odd input (issues #6, #12): each gets a clear message or finding with a position,
// and the parser finishes, or stops at its time limit. Time and memory as input grows are printed
// by tools/bench-hostile.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "report_text.hpp"
#include "src/lower/split_cells.hpp"
#include "src/rules/relations.hpp"
#include "xxgk/deadline.hpp"

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

namespace {

// Every reading of `digits` as `columns` numbers of 1 to 6 digits, none but 0 starting with 0,
// listed without any bound: what the bounded search must give whenever it says it is complete.
void every_reading(const std::string& digits, std::size_t at, std::size_t columns, std::vector<std::string>& current,
                   std::vector<std::vector<std::string>>& out) {
  if (current.size() == columns) {
    if (at == digits.size()) out.push_back(current);
    return;
  }
  if (digits.size() - at > (columns - current.size()) * 6) return;
  for (std::size_t take = 1; take <= 6 && at + take <= digits.size(); ++take) {
    if (take > 1 && digits[at] == '0') break;
    current.push_back(digits.substr(at, take));
    every_reading(digits, at + take, columns, current, out);
    current.pop_back();
  }
}

// A run of `n` digits 1-9, the same on every run of the test.
std::string digit_run(std::size_t n) {
  std::string run;
  unsigned state = static_cast<unsigned>(n);
  for (std::size_t i = 0; i < n; ++i) {
    state = state * 1103515245 + 12345;
    run += static_cast<char>('1' + (state >> 16) % 9);
  }
  return run;
}

}  // namespace

// Issue #12: a row whose cells ran together into 14 to 40 digits has thousands of readings, and
// the search that tried them all (up to 200,000 steps a row) made such rows 100 times slower to
// read than others. The search is now bounded by the readings it lists, and lists them all or none.
BOOST_AUTO_TEST_CASE(cutting_a_run_of_digits_into_cells_is_a_bounded_search) {
  std::vector<std::string> runs = {"21710000218",        "12883741207205",
                                   "93994718694978",     "1000000000000000000000",
                                   std::string(24, '7'), std::string(200000, '7')};
  for (std::size_t n = 7; n <= 43; n += 2) runs.push_back(digit_run(n));
  for (const auto& run : runs) {
    BOOST_TEST_CONTEXT("run " << run.substr(0, 50)) {
      std::vector<std::vector<std::string>> every;
      std::vector<std::string> current;
      every_reading(run, 0, 7, current, every);
      std::vector<std::vector<std::string>> holding;
      for (const auto& r : every) {
        std::vector<double> values;
        for (const auto& n : r) values.push_back(std::stod(n));
        if (relations::table3_row_holds(values)) holding.push_back(r);
      }
      const RunTogetherFits fits = run_together_fits(run, 7, relations::table3_row_holds);
      BOOST_TEST(fits.steps <= 7 * kMaxReadings);
      if (every.size() <= kMaxReadings) {
        BOOST_TEST(fits.complete);
        BOOST_TEST((fits.readings == holding));
      } else {
        // Too many to try: none is listed, not the few that some first thousand held.
        BOOST_TEST(!fits.complete);
        BOOST_TEST(fits.readings.empty());
      }
    }
  }
  // Table 四's fifteen cells in 60 digits: astronomically many readings, counted, not listed.
  const RunTogetherFits table4 = run_together_fits(digit_run(60), 15, nullptr);
  BOOST_TEST(!table4.complete);
  BOOST_TEST(table4.steps == 0u);
}

namespace {

// `text` with the seven cells of table 三's row `label` (all 0) written as one run of digits.
std::string with_run(std::string text, std::string_view label, const std::string& run) {
  const std::string row = "\n" + std::string(label) + "\t0\t0\t0\t0\t0\t0\t0\n";
  const std::size_t at = text.find(row);
  BOOST_REQUIRE(at != std::string::npos);
  return text.replace(at, row.size(), "\n" + std::string(label) + "\t" + run + "\n");
}

const Finding* finding_on(const std::vector<Finding>& findings, std::string_view rule, const std::string& key) {
  for (const auto& f : findings) {
    if (f.rule == rule && !f.keys.empty() && f.keys.front() == key) return &f;
  }
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_CASE(table3_rows_run_together_into_long_digit_runs_are_read_only_when_proven) {
  std::string text = ReportText().str();
  // 878 readings, one keeping the total; 917 readings, two keeping it; thousands; far too many digits.
  text = with_run(text, "一、本年新收政府信息公开申请数量", "12883741207205");
  text = with_run(text, "(一)予以公开", "4625423691393");
  text = with_run(text, "4.保护第三方合法权益", "93994718694978");
  text = with_run(text, "1.属于国家秘密", std::string(200000, '7'));
  const auto source = Source::from_bytes(text, "runs.txt");
  const Report report = parse_report(source);
  const auto findings = validate(report, source);
  const auto cells = [&](const std::string& row) {
    std::string out;
    for (const auto column : kTable3Columns) {
      const Cell* c = report.table3.cell(row, column);
      BOOST_REQUIRE(c != nullptr);
      out += (out.empty() ? "" : " ") + (c->state == CellState::unresolved ? std::string("?") : c->raw);
    }
    return out;
  };
  BOOST_TEST(cells("new_received") == "12 88 37 41 20 7 205");
  BOOST_TEST(finding_on(findings, "X1", "table3.new_received.natural_person") != nullptr);
  // The two readings agree on four cells: those are read, the others left open.
  BOOST_TEST(cells("granted") == "4 6 ? ? ? 91 393");
  const Finding* two = finding_on(findings, "X2", "table3.granted.natural_person");
  BOOST_REQUIRE(two != nullptr);
  BOOST_TEST(two->message.find("2 readings fit") != std::string::npos);
  BOOST_TEST(cells("denied.third_party") == "? ? ? ? ? ? ?");
  const Finding* many = finding_on(findings, "X2", "table3.denied.third_party.natural_person");
  BOOST_REQUIRE(many != nullptr);
  BOOST_TEST(many->message.find("too many ways to read it") != std::string::npos);
  BOOST_TEST(cells("denied.state_secret") == "? ? ? ? ? ? ?");
  BOOST_TEST(finding_on(findings, "A1", "table3.denied.state_secret.natural_person") != nullptr);
  BOOST_TEST(cells("carried_over") == "0 0 0 0 0 0 0");
}

namespace {

std::string seed_report() {
  std::ifstream in(XXGK_SEED_004, std::ios::binary);
  BOOST_REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

BOOST_AUTO_TEST_CASE(without_a_deadline_nothing_is_checked_and_scopes_nest) {
  BOOST_CHECK_NO_THROW(check_deadline());
  {
    const ScopedDeadline expired(std::chrono::steady_clock::duration::zero());
    {
      // An inner scope does not extend the deadline around it.
      const ScopedDeadline longer(std::chrono::hours(1));
      BOOST_CHECK_THROW(check_deadline(), TimeLimitExceeded);
    }
    try {
      check_deadline();
      BOOST_FAIL("an expired deadline was not seen");
    } catch (const TimeLimitExceeded& e) {
      BOOST_TEST(std::string(e.what()) == "time limit of 0 s exceeded");
    }
  }
  BOOST_CHECK_NO_THROW(check_deadline());
  const ScopedDeadline later(std::chrono::milliseconds(1500));
  BOOST_CHECK_NO_THROW(check_deadline());
  const ScopedDeadline unbounded(std::chrono::steady_clock::duration::max());  // no overflow (UBSan)
  BOOST_CHECK_NO_THROW(check_deadline());
}

BOOST_AUTO_TEST_CASE(a_time_limit_stops_the_parse_wherever_it_is_and_the_thread_parses_on) {
  const auto source = Source::from_bytes(seed_report(), "004.txt");
  const Report normal = parse_report(source);
  const std::string expected = to_json(normal).dump();
  // How often one parse of the seed polls the deadline, so that it can be made to pass at any poll.
  std::uint32_t polls = 0;
  {
    const ScopedDeadline far(std::chrono::hours(1));
    detail::polls_left = std::numeric_limits<std::uint32_t>::max();
    BOOST_TEST(to_json(parse_report(source)).dump() == expected);
    polls = std::numeric_limits<std::uint32_t>::max() - detail::polls_left;
  }
  BOOST_TEST(polls > 1000u);
  // A deadline already past is seen at the n-th poll: in the grammar's outer rules, deep in the
  // tables, or in lowering. Each time the exception leaves a parse tree half built.
  for (const std::uint32_t n : {1u, 2u, polls / 10, polls / 3, polls / 2, polls - 1, polls}) {
    BOOST_TEST_CONTEXT("poll " << n << " of " << polls) {
      const ScopedDeadline expired(std::chrono::steady_clock::duration::zero());
      detail::polls_left = n;
      BOOST_CHECK_THROW((void)parse_report(source), TimeLimitExceeded);
    }
  }
  // The same thread, without a deadline: the same report, from nodes that went back to its free list.
  const Report again = parse_report(source);
  BOOST_TEST(to_json(again).dump() == expected);
  std::ostringstream before, after;
  write_cells(normal, before);
  write_cells(again, after);
  const std::string cells = after.str();
  BOOST_TEST(cells == before.str());
  BOOST_TEST(std::count(cells.begin(), cells.end(), '\n') > 50);
}
