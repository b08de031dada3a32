// The bytes a rule can start with (grammar/first_bytes.hpp), and the choices that use them.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "grammar/report.hpp"
#include "xxgk/source.hpp"

namespace g = xxgk::grammar;
namespace pegtl = tao::pegtl;
namespace first = xxgk::grammar::first;

namespace {

// Counts the tries of Counted under the rule matched.
template <typename Counted>
struct tries {
  static inline int count = 0;
  template <typename Rule>
  struct control : pegtl::normal<Rule> {
    template <typename ParseInput, typename... States>
    static void start(const ParseInput& /*in*/, States&&... /*st*/) {
      if constexpr (std::is_same_v<Rule, Counted>) ++count;
    }
  };
};

template <typename Rule, typename Counted>
int tries_of(std::string_view input) {
  tries<Counted>::count = 0;
  pegtl::memory_input in(input.data(), input.size(), "test");
  (void)pegtl::parse<Rule, pegtl::nothing, tries<Counted>::template control>(in);
  return tries<Counted>::count;
}

template <typename Rule>
bool matches_at(const std::string& text, std::size_t at) {
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.size(), "test");
  in.bump(at);
  return pegtl::parse<Rule>(in);
}

// Rules chosen among by their first byte, each checked at every line start and every word of
// the text.
template <typename... Rules>
void check_first_bytes_hold(const std::string& text, const std::string& name) {
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (at > 0 && text[at - 1] != '\n' && text[at - 1] != ' ' && text[at - 1] != '\t') continue;
    const auto byte = static_cast<unsigned char>(text[at]);
    (
        [&] {
          if (!first::of<Rules>::value.admits(byte) && matches_at<Rules>(text, at)) {
            BOOST_ERROR(name << ": " << pegtl::demangle<Rules>() << " matches at byte " << at
                             << " but its first bytes leave out " << static_cast<int>(byte));
          }
        }(),
        ...);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(first_bytes_follow_the_rules_structure) {
  constexpr first::Set page_number = first::of<g::page_number>::value;
  BOOST_TEST(page_number.admits('-'));
  BOOST_TEST(page_number.admits('2'));                      // 2/6
  BOOST_TEST(page_number.admits(first::lead_byte(U'第')));  // 第2页
  BOOST_TEST(page_number.admits(' '));                      // its indentation
  BOOST_TEST(!page_number.admits('('));
  BOOST_TEST(!page_number.admits(first::lead_byte(U'一')));
  BOOST_TEST(!page_number.may_be_empty);
  constexpr first::Set cell = first::of<g::cell>::value;
  BOOST_TEST(cell.admits('0'));
  BOOST_TEST(cell.admits('/'));
  BOOST_TEST(cell.admits(first::lead_byte(U'无')));
  BOOST_TEST(!cell.admits('('));
  // A rule it cannot read may start with anything.
  BOOST_TEST(first::of<g::title_suffix_on_line>::value.admits('('));
}

BOOST_AUTO_TEST_CASE(a_choice_tries_only_rules_the_next_byte_can_start) {
  // A table row's line start: no page furniture starts with a bracket.
  BOOST_TEST((tries_of<g::page_furniture, g::page_number>("(一)予以公开 1 0 0 0 0 0 1\n")) == 0);
  BOOST_TEST((tries_of<g::page_furniture, g::page_number>("- 2 -\n")) == 1);
  // A label is tried only where its first character follows the numbering.
  BOOST_TEST((tries_of<g::table3::row_label, g::table3::label_granted>("(一)予以公开 1")) == 1);
  BOOST_TEST((tries_of<g::table3::row_label, g::table3::label_partially_granted>("(一)予以公开 1")) == 0);
}

// Every rule chosen by its first byte, at every line start of the corpus texts: where it matches,
// its set holds the byte.
BOOST_AUTO_TEST_CASE(first_bytes_hold_on_the_corpus) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(XXGK_CORPUS)) {
    if (entry.path().extension() != ".txt") continue;
    std::string text;
    try {
      text = xxgk::Source::from_file(entry.path().string()).text();
    } catch (const std::exception&) {
      continue;  // the corpus's bad inputs
    }
    const std::string name = entry.path().filename().string();
    check_first_bytes_hold<g::blank_line, g::section_heading, g::table2_block, g::table3::table, g::table4::table,
                           g::page_number, g::last_line_of_page, g::running_head, g::unplaced_row,
                           g::unknown_section_heading, g::subsection_heading, g::table3::group, g::table3::row,
                           g::table3::row_numbered_apart, g::table3::repeated_header, g::table3::unrecognised_row,
                           g::table3::unrecognised_run_row, g::table3::label_fragment, g::cell>(text, name);
    ++files;
  }
  BOOST_TEST(files > 100u);
}
