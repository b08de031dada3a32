// The report's skeleton: title, the six section headings (with the variants seen in real
// reports, spec §7), subsection headings and prose.
#pragma once

#include "grammar/common.hpp"

namespace xxgk::grammar {

// ---------------------------------------------------------------------------------------------
// Title: `<机关>YYYY年政府信息公开工作年度报告`, sometimes with the agency on a line of its own.

struct title_suffix : sor<label<"政府信息公开工作年度报告">, label<"政府信息公开年度报告">,
                          label<"政府信息公开情况的报告">, label<"政府信息公开工作报告">> {};
struct title_text : plus<not_at<title_suffix>, not_one<'\n'>, not_at<one_char<U'。', U'》'>>, not_at<one<','>>> {};
struct title_line : seq<at_line_start, hspaces, opt<title_text>, title_suffix, line_end> {};
// A short line holding only the agency's name, directly above the title line.
struct title_agency : seq<text_until<true, one_char<U'。', U'、'>, '(', ',', ':', '\n', ' ', '\t', '\f'>, line_end> {};
struct title_agency_line : seq<at_line_start, hspaces, title_agency, star<blank_line>> {};
struct report_title : sor<seq<title_agency_line, title_line>, title_line> {};

// A cheap test that a title may start here, tried before report_title: a title suffix ending its
// line starts on the line before anything title_text cannot hold (。 》 , or the line's end). Most
// lines fail it at once, where title_text would try the four suffixes at each character.
struct title_suffix_on_line : primitive<title_suffix_on_line> {
  template <typename ParseInput>
  static bool test(ParseInput& in) {
    const std::string_view rest(in.current(), in.size());
    std::size_t i = rest.find_first_not_of(" \t");
    for (bool first = true; i < rest.size() && rest[i] != '\n'; first = false) {
      const std::string_view here = rest.substr(i);
      if (here.starts_with("政")) {
        memory_input<tracking_mode::lazy> at(here.data(), in.end(), "");  // the lookahead moves this one
        if (pegtl::match<seq<title_suffix, line_end>, apply_mode::nothing, rewind_mode::active, nothing, normal>(at)) {
          return true;
        }
      }
      if (!first && (here[0] == ',' || here.starts_with("。") || here.starts_with("》"))) return false;
      i += detail::utf8_length(static_cast<unsigned char>(here[0]));
    }
    return false;
  }
};
struct may_be_title
    : sor<quiet_at<title_suffix_on_line>, quiet_at<hspaces, title_agency, star<blank_line>, title_suffix_on_line>> {};

// ---------------------------------------------------------------------------------------------
// Running heads and foots (grammar/common.hpp's page furniture): PDF text repeats the report's
// title, or the agency's name, at the head or foot of each page, so inside a table too.

// A line that only repeats the title (`…2023年政府信息公开工作年度报告`, or the suffix alone), or,
// below a blank line, only the agency's name as the title writes it. One rule in C++, not a tree
// node: a gap tries it at every line of a table, and most tries end at the line's first characters.
struct running_head : primitive<running_head> {
  // After its indentation, a digit (of the year) or a character that is not ASCII.
  static constexpr first::Set first_bytes() {
    first::Set s = first::character_range(U'0', U'9').add(first::bytes_of({' ', '\t'}));
    for (std::size_t b = 0x80; b < 256; ++b) s.bytes[b] = true;
    return s;
  }
  // The title is looked for in the report's first 32 lines and 2 KB (a bound on the work each
  // line of a table may cost).
  static constexpr std::size_t title_within = 2048;
  static constexpr int title_lines_within = 32;

  template <typename ParseInput>
  static bool test(ParseInput& in) {
    if (!at_line_indent::test(in)) return false;
    const char* p = in.current();
    while (p != in.end() && (*p == ' ' || *p == '\t')) ++p;
    // Most lines of a table fail at their first characters: an agency's name starts with a Chinese
    // character, a title with one or with the year (`2023年`); a row's numbering or cells do not.
    if (p == in.end()) return false;
    if (static_cast<unsigned char>(*p) < 0x80) {
      const char* q = p;
      while (q != in.end() && *q >= '0' && *q <= '9') ++q;
      if (q == p || !std::string_view(q, static_cast<std::size_t>(in.end() - q)).starts_with("年")) return false;
    }
    const std::string_view rest(p, static_cast<std::size_t>(in.end() - p));
    std::string_view line = rest.substr(0, rest.find('\n'));
    line = line.substr(0, line.find_last_not_of(" \t") + 1);
    if (line.empty() || !(repeats_title(line) || names_the_agency(line, in))) return false;
    in.bump(static_cast<std::size_t>(line.data() + line.size() - in.current()));
    return true;
  }

 private:
  // The line is a title line: words, then a title suffix that ends the line (all end with 报告).
  static bool repeats_title(std::string_view line) {
    if (!line.ends_with("报告")) return false;
    memory_input<tracking_mode::lazy> at(line.data(), line.data() + line.size(), "");
    return pegtl::match<seq<opt<title_text>, title_suffix, eof>, apply_mode::nothing, rewind_mode::active, nothing,
                        normal>(at);
  }

  // The line is the agency's name as the title writes it: in the report's head, a line starts
  // with these words and goes on with the year or the title's suffix, or they stand alone on the
  // line above the title.
  template <typename ParseInput>
  static bool names_the_agency(std::string_view name, ParseInput& in) {
    // A name is 3 to 40 characters, none of them ASCII or 、: no line with a cell, a numbering, a
    // blank or a heading's 、 inside it goes further.
    if (name.size() < 9 || name.size() > 120 || name.find("、") != std::string_view::npos) return false;
    if (std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
      return false;
    }
    // A name is common words: it is taken only where a page break shows, below a blank line
    // (pdftotext's form feed).
    if (!after_blank_line::test(in)) return false;
    const char* const begin = in.begin();
    const char* const end = in.end();
    const char* const head_end = begin + std::min(title_within, static_cast<std::size_t>(end - begin));
    int lines = 0;
    for (const char* line = begin; line < head_end && lines < title_lines_within; ++lines) {
      const char* text = line;
      while (text != head_end && (*text == ' ' || *text == '\t')) ++text;
      if (text != name.data() && static_cast<std::size_t>(end - text) >= name.size() &&
          std::string_view(text, name.size()) == name && goes_on_as_title(text + name.size(), end)) {
        return true;
      }
      const void* const next = std::memchr(text, '\n', static_cast<std::size_t>(head_end - text));
      if (next == nullptr) break;
      line = static_cast<const char*>(next) + 1;
    }
    return false;
  }
  // After the name: the year and the rest of a title line, a title suffix, or the line's end
  // and a title line below.
  static bool goes_on_as_title(const char* p, const char* end) {
    while (p != end && (*p == ' ' || *p == '\t')) ++p;
    if (p == end) return false;
    if (*p == '\n') {
      while (p != end && (*p == ' ' || *p == '\t' || *p == '\n')) ++p;
      return p != end && title_on_line(p, end);
    }
    if (*p >= '0' && *p <= '9') return title_on_line(p, end) || year_then_title(p, end);
    memory_input<tracking_mode::lazy> at(p, end, "");
    return pegtl::match<seq<title_suffix, line_end>, apply_mode::nothing, rewind_mode::active, nothing, normal>(at);
  }
  // `2021 年` ending the line, the title's suffix on the next (the title wrapped after the year).
  static bool year_then_title(const char* p, const char* end) {
    while (p != end && *p >= '0' && *p <= '9') ++p;
    while (p != end && (*p == ' ' || *p == '\t')) ++p;
    const std::string_view year_sign = "年";
    if (static_cast<std::size_t>(end - p) < year_sign.size() || std::string_view(p, year_sign.size()) != year_sign) {
      return false;
    }
    p += year_sign.size();
    while (p != end && (*p == ' ' || *p == '\t')) ++p;
    if (p == end || *p != '\n') return false;
    while (p != end && (*p == ' ' || *p == '\t' || *p == '\n')) ++p;
    return p != end && title_on_line(p, end);
  }
  static bool title_on_line(const char* p, const char* end) {
    memory_input<tracking_mode::lazy> at(p, end, "");
    return title_suffix_on_line::test(at);
  }
};

// ---------------------------------------------------------------------------------------------
// Section headings. Each accepted wording is its own rule so the variant is visible in the tree.

struct heading_number : seq<sor<chinese_numeral, range<'1', '6'>>, hspaces, list_comma, hspaces> {};

// One accepted wording of a section title, with the section it names; each becomes a tree node.
template <text Wording, LabelKey Section, xxgk::Wording W = xxgk::Wording::regulated>
struct wording : label<Wording>, names<Section, W, Wording> {};
using enum LabelKey;
using xxgk::Wording::pre2019;
using xxgk::Wording::variant;

struct title_overview : wording<"总体情况", section_overview> {};
struct title_proactive : wording<"主动公开政府信息情况", section_proactive> {};
struct title_applications : wording<"收到和处理政府信息公开申请情况", section_applications> {};
struct title_review_litigation : wording<"政府信息公开行政复议、行政诉讼情况", section_review_litigation> {};
struct title_review_litigation_because_of_work
    : wording<"因政府信息公开工作被申请行政复议、提起行政诉讼情况", section_review_litigation, variant> {};
struct title_review_and_litigation : wording<"政府信息公开行政复议和行政诉讼情况", section_review_litigation, variant> {
};
struct title_problems : wording<"存在的主要问题及改进情况", section_problems> {};
struct title_problems_of_work : wording<"政府信息公开工作存在的主要问题及改进情况", section_problems, variant> {};
struct title_problems_short : wording<"存在主要问题及改进情况", section_problems, variant> {};
struct title_problems_shortest : wording<"存在问题及改进情况", section_problems, variant> {};
struct title_problems_with_he : wording<"存在的主要问题和改进情况", section_problems, variant> {};
struct title_other_matters : wording<"其他需要报告的事项", section_other_matters> {};
// Wordings of reports before 2019, which followed no national layout (spec: 概述 / 主动公开 /
// 依申请公开 / 收费及减免 / 复议诉讼 / 问题及改进).
struct title_overview_pre2019 : wording<"概述", section_overview, pre2019> {};
struct title_applications_pre2019 : wording<"依申请公开政府信息情况", section_applications, pre2019> {};
struct title_applications_pre2019_short : wording<"依申请公开情况", section_applications, pre2019> {};
struct title_fees_pre2019 : wording<"政府信息公开的收费及减免情况", section_fees, pre2019> {};
struct title_review_litigation_pre2019
    : wording<"因政府信息公开申请行政复议、提起行政诉讼的情况", section_review_litigation, pre2019> {};
struct title_problems_pre2019 : wording<"政府信息公开工作存在的主要问题及改进措施", section_problems, pre2019> {};

struct known_section_title
    : sor<title_overview, title_proactive, title_applications, title_review_litigation,
          title_review_litigation_because_of_work, title_review_and_litigation, title_problems_of_work, title_problems,
          title_problems_short, title_problems_shortest, title_problems_with_he, title_other_matters,
          title_overview_pre2019, title_applications_pre2019, title_applications_pre2019_short, title_fees_pre2019,
          title_review_litigation_pre2019, title_problems_pre2019> {};

struct section_heading : seq<at_line_start, hspaces, heading_number, known_section_title, line_end> {};

// A heading in the place of a section whose wording we do not know (`三、依申请公开情况`): a short
// line, Chinese numeral and 、, no sentence punctuation. Lowering matches it by closeness.
struct other_heading_text
    : seq<rep_min_max<2, 30, not_at<one_char<U'。', U'；', U'，'>>, not_at<one<',', ';', ':'>>, not_char<U'\n'>>,
          line_end> {};
struct unknown_section_heading
    : seq<at_line_start, hspaces, chinese_numeral, one_char<U'、'>, hspaces, other_heading_text> {};

// `(一)主动公开` opening a line; the rest of the line may already be prose.
struct subsection_heading : seq<at_line_start, hspaces, paren_numeral, line_rest, opt<newline>> {};

// Everything else on a line is prose (it is placed: it belongs to the section above it).
struct prose_line : seq<line_text, opt<newline>> {};

}  // namespace xxgk::grammar

namespace tao::pegtl {
template <typename Name>
struct analyze_traits<Name, xxgk::grammar::title_suffix_on_line> : analyze_opt_traits<> {};
template <typename Name>
struct analyze_traits<Name, xxgk::grammar::running_head> : analyze_any_traits<> {};
}  // namespace tao::pegtl
