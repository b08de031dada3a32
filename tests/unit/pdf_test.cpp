// PDF files read by geometry: the text the grammar reads (rows of tab-joined cells, empty cells as
// empty fields, wrapped labels and numbers rejoined, vertical headers joined, a table cut by a page
// break, page numbers outside rows), each character's place, and the files that cannot be read.
// The PDFs are written here, word by word at the place each test needs (Helvetica, 10 pt), so
// each test shows the geometry it reads.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "xxgk/xxgk.hpp"

using xxgk::InputError;
using xxgk::Source;

namespace {

// A word at x, y (points from the page's top-left corner to the top of its 10 pt line).
struct Placed {
  float x = 0, y = 0;
  std::string text;  // ASCII: Helvetica's standard encoding
};
using PageWords = std::vector<Placed>;

constexpr float kWidth = 595, kHeight = 842;

// A valid PDF of these pages: a catalog, a page tree, Helvetica, one content stream a page, and
// the cross-reference table with each object's offset.
std::string pdf_of(const std::vector<PageWords>& pages) {
  std::vector<std::string> objects;  // object n + 1
  std::string kids;
  const std::size_t first_page = 4;
  for (std::size_t p = 0; p < pages.size(); ++p) kids += fmt::format("{} 0 R ", first_page + 2 * p);
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back(fmt::format("<< /Type /Pages /Kids [{}] /Count {} >>", kids, pages.size()));
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (std::size_t p = 0; p < pages.size(); ++p) {
    std::string content;
    for (const Placed& w : pages[p]) {
      // The baseline sits 8 pt below the line's top.
      content += fmt::format("BT /F1 10 Tf 1 0 0 1 {} {} Tm ({}) Tj ET\n", w.x, kHeight - w.y - 8, w.text);
    }
    objects.push_back(
        fmt::format("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] /Resources << /Font << /F1 3 0 "
                    "R >> >> /Contents {} 0 R >>",
                    kWidth, kHeight, first_page + 2 * p + 1));
    objects.push_back(fmt::format("<< /Length {} >>\nstream\n{}endstream", content.size(), content));
  }
  std::string out = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t n = 0; n < objects.size(); ++n) {
    offsets.push_back(out.size());
    out += fmt::format("{} 0 obj\n{}\nendobj\n", n + 1, objects[n]);
  }
  const std::size_t xref = out.size();
  out += fmt::format("xref\n0 {}\n0000000000 65535 f \n", objects.size() + 1);
  for (const std::size_t offset : offsets) out += fmt::format("{:010} 00000 n \n", offset);
  out += fmt::format("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n", objects.size() + 1, xref);
  return out;
}

Source read(const std::vector<PageWords>& pages) {
  return Source::from_bytes(pdf_of(pages), "test.pdf");
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool has_line(const Source& s, const std::string& line) {
  const auto lines = lines_of(s.text());
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

std::string refusal(const std::string& bytes) {
  try {
    (void)Source::from_bytes(bytes, "x.pdf");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// Three columns of numbers, right of a label column 100 pt wide; rows 20 pt apart.
PageWords table_rows(float top) {
  return {{50, top, "alpha"},      {200, top, "1"},       {260, top, "2"},      {320, top, "3"},
          {50, top + 20, "beta"},  {200, top + 20, "40"}, {320, top + 20, "6"},  // no value in the middle column
          {50, top + 40, "gamma"}, {200, top + 40, "7"},  {260, top + 40, "8"}, {320, top + 40, "9"}};
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_table_row_is_its_cells_joined_by_tabs_an_empty_cell_an_empty_field) {
  PageWords page = {{50, 100, "Report"}};
  for (Placed w : table_rows(150)) page.push_back(w);
  const Source s = read({page});
  BOOST_TEST(s.kind() == "pdf");
  BOOST_TEST(s.encoding() == "UTF-8");
  BOOST_TEST(s.text() == "Report\nalpha\t1\t2\t3\nbeta\t40\t\t6\ngamma\t7\t8\t9\n");
}

BOOST_AUTO_TEST_CASE(each_character_has_its_page_and_place) {
  PageWords page = {{50, 100, "Report"}};
  for (Placed w : table_rows(150)) page.push_back(w);
  const Source s = read({page, page});
  const std::size_t forty = s.text().find("40", s.text().find("40") + 1);  // on page 2
  const xxgk::SourcePos pos = s.position(forty);
  BOOST_TEST(pos.place.page == 2u);
  BOOST_TEST(std::abs(pos.place.x - 200.0F) < 0.5F);
  BOOST_TEST(pos.place.y > 166.0F);  // the top of the glyph box, below the line's top at 170
  BOOST_TEST(pos.place.y < 172.0F);
  BOOST_TEST(xxgk::describe_place(pos.place).starts_with("page 2, x 200, y 1"));
  // Both tabs around the empty cell have its place, its band and its row: lowering puts a blank
  // cell at the tab that ends its empty field (as a page's empty <td>), here the one before `6`.
  const std::size_t empty = s.text().find("40\t\t") + 2;
  BOOST_TEST(std::abs(s.position(empty).place.x - 260.0F) < 0.5F);
  BOOST_TEST(std::abs(s.position(empty + 1).place.x - 260.0F) < 0.5F);
}

BOOST_AUTO_TEST_CASE(a_label_wrapped_in_its_cell_is_one_cell_beside_its_numbers) {
  // `new requests` wraps over two lines; its numbers stand between them (centred in the row).
  const PageWords page = {{50, 150, "first"}, {200, 150, "1"}, {260, 150, "2"},       {50, 180, "new"},
                          {200, 186, "3"},    {260, 186, "4"}, {50, 191, "requests"}, {50, 220, "last"},
                          {200, 220, "5"},    {260, 220, "6"}};
  const Source s = read({page});
  BOOST_TEST(s.text() == "first\t1\t2\nnew requests\t3\t4\nlast\t5\t6\n");
}

BOOST_AUTO_TEST_CASE(a_group_label_spanning_rows_goes_with_its_first_row) {
  // `group` in a column of its own left of the rows' labels, spanning two rows.
  const PageWords page = {{50, 150, "group"}, {100, 150, "one"}, {200, 150, "1"},    {260, 150, "2"}, {100, 170, "two"},
                          {200, 170, "3"},    {260, 170, "4"},   {50, 190, "other"}, {200, 190, "5"}, {260, 190, "6"},
                          {100, 210, "x"},    {200, 210, "7"},   {260, 210, "8"}};
  const Source s = read({page});
  BOOST_TEST(s.text() == "group\tone\t1\t2\ntwo\t3\t4\nother\t5\t6\nx\t7\t8\n");
}

BOOST_AUTO_TEST_CASE(a_number_wrapped_in_its_narrow_cell_is_rejoined) {
  // 12345 does not fit its column: 1234 on one line, 5 on the next, touching it.
  const PageWords page = {{50, 150, "a"},     {200, 150, "1"}, {260, 150, "2"}, {50, 175, "b"},  {200, 170, "3"},
                          {260, 170, "1234"}, {260, 180, "5"}, {50, 200, "c"},  {200, 200, "6"}, {260, 200, "7"}};
  const Source s = read({page});
  BOOST_TEST(s.text() == "a\t1\t2\nb\t3\t12345\nc\t6\t7\n");
}

BOOST_AUTO_TEST_CASE(a_number_wrapped_over_three_lines_and_centred_in_its_row_is_rejoined) {
  // 12345 over three lines, centred: its middle piece stands level with the row's other value.
  const PageWords page = {{50, 150, "a"},  {200, 150, "1"},  {260, 150, "2"},  {50, 180, "b"},
                          {200, 180, "3"}, {260, 170, "12"}, {260, 180, "34"}, {260, 190, "5"},
                          {50, 215, "c"},  {200, 215, "6"},  {260, 215, "7"}};
  const Source s = read({page});
  BOOST_TEST(s.text() == "a\t1\t2\nb\t3\t12345\nc\t6\t7\n");
}

BOOST_AUTO_TEST_CASE(a_header_set_one_character_a_line_is_joined_per_column) {
  const PageWords page = {{50, 100, "Items"}, {200, 90, "T"},  {200, 100, "O"}, {200, 110, "P"}, {260, 90, "E"},
                          {260, 100, "N"},    {260, 110, "D"}, {50, 130, "a"},  {200, 130, "1"}, {260, 130, "2"}};
  const Source s = read({page});
  // (Latin letters on lines of their own join with a space, as wrapped Latin words do; Chinese
  // characters join without one: the corpus case 212 reads such headers.)
  BOOST_TEST(s.text() == "Items\tT O P\tE N D\na\t1\t2\n");
}

BOOST_AUTO_TEST_CASE(a_table_cut_by_a_page_break_reads_as_one_with_its_cut_row_whole) {
  // Page 1 ends in the middle of row `long label`: its label goes on at the top of page 2, below
  // the header repeated there, which is left out.
  const PageWords header = {{50, 80, "Kind"}, {200, 80, "A"}, {260, 80, "B"}};
  PageWords one = header;
  for (Placed w : PageWords{
           {50, 100, "first"}, {200, 100, "1"}, {260, 100, "2"}, {50, 790, "long"}, {200, 790, "3"}, {260, 790, "4"}}) {
    one.push_back(w);
  }
  PageWords two = header;
  for (Placed w : PageWords{{50, 100, "label"}, {50, 140, "next"}, {200, 140, "5"}, {260, 140, "6"}}) {
    two.push_back(w);
  }
  const Source s = read({one, two});
  BOOST_TEST(s.text() == "Kind\tA\tB\nfirst\t1\t2\nlong label\t3\t4\nnext\t5\t6\n");
}

BOOST_AUTO_TEST_CASE(page_numbers_stay_lines_of_their_own_never_in_a_row) {
  PageWords one = table_rows(150);
  one.push_back({290, 815, "1"});
  PageWords two = table_rows(150);
  two.push_back({290, 815, "2"});
  const Source s = read({one, two});
  BOOST_TEST(has_line(s, "1"));
  BOOST_TEST(has_line(s, "2"));
  BOOST_TEST(has_line(s, "gamma\t7\t8\t9"));
  BOOST_TEST(lines_of(s.text()).size() == 8u);
}

BOOST_AUTO_TEST_CASE(prose_lines_stay_lines) {
  const PageWords page = {{50, 100, "The"},  {72, 100, "year"}, {100, 100, "2024"},
                          {135, 100, "saw"}, {50, 114, "12"},   {67, 114, "requests."}};
  const Source s = read({page});
  BOOST_TEST(s.text() == "The year 2024 saw\n12 requests.\n");
}

BOOST_AUTO_TEST_CASE(a_scan_without_text_is_refused_as_such) {
  const std::string message = refusal(pdf_of({{}, {}}));
  BOOST_TEST(message.starts_with("no text layer (a scanned PDF?)"));
  BOOST_TEST(message.find("2 pages") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(truncated_damaged_and_locked_files_are_refused_clearly) {
  const std::string whole = pdf_of({table_rows(150)});
  BOOST_TEST(refusal(whole.substr(0, whole.size() / 2)).find("cut off before its end") != std::string::npos);
  BOOST_TEST(refusal("%PDF-1.4\ngarbage garbage\n%%EOF\n").find("cannot be read") != std::string::npos);
  std::ifstream in(XXGK_TEST_DATA "/pdf/locked.pdf", std::ios::binary);
  BOOST_TEST_REQUIRE(in.good());
  std::ostringstream locked;
  locked << in.rdbuf();
  BOOST_TEST(refusal(locked.str()).find("locked with a password") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_file_of_too_many_pages_is_refused_before_its_words_are_read) {
  const std::vector<PageWords> pages(2001);
  BOOST_TEST(refusal(pdf_of(pages)).find("2001 pages") != std::string::npos);
}
