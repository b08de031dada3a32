// Table 三 from `pdftotext -layout` (tools/synth output): wrapped numbers above and below their
// row, labels interleaved with group labels, a page break with the header repeated.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

#include "xxgk/xxgk.hpp"

using namespace xxgk;

namespace {
Report layout_report() {
  std::ifstream in(XXGK_TEST_DATA "/pdftotext_layout_table3.txt", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return parse_report(Source::from_bytes(text.str(), "layout.txt"));
}
}  // namespace

BOOST_AUTO_TEST_CASE(every_row_is_found_by_its_label) {
  const auto r = layout_report();
  BOOST_TEST(r.table3.rows.size() == 25u);
  BOOST_TEST(r.unplaced.empty());
}

BOOST_AUTO_TEST_CASE(wrapped_numbers_are_joined_from_above_and_below) {
  const auto r = layout_report();
  // `2574` above the row, `4` below it: 25744; the total likewise 2585 / 0.
  BOOST_TEST(r.table3.cell("new_received", "natural_person")->raw == "25744");
  BOOST_TEST(r.table3.cell("new_received", "commercial")->raw == "46");
  BOOST_TEST(r.table3.cell("new_received", "total")->raw == "25850");
  BOOST_TEST(r.table3.cell("unable.not_held", "natural_person")->raw == "13323");
  BOOST_TEST(r.table3.cell("unable.not_held", "total")->raw == "13342");
}

BOOST_AUTO_TEST_CASE(labels_split_around_the_numbers_and_group_labels) {
  const auto r = layout_report();
  // `2.其他法律行政法规禁止公` above the numbers, `开` below, `不予公` of the group label beside.
  BOOST_TEST(r.table3.cell("denied.prohibited_by_law", "natural_person")->raw == "18");
  BOOST_TEST(r.table3.cell("denied.prohibited_by_law", "total")->raw == "20");
  BOOST_TEST(r.table3.cell("partially_granted", "total")->raw == "0");
  const Cell* cell = r.table3.cell("new_received", "total");
  BOOST_TEST(cell->pos.line == 13u);  // where the number starts, above the row's line
}
