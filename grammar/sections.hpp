// The report's skeleton: title, the six section headings (with the variants seen in real
// reports, spec §7), subsection headings and prose.
#pragma once

#include "grammar/common.hpp"

namespace xxgk::grammar {

// ---------------------------------------------------------------------------------------------
// Title: `<机关>YYYY年政府信息公开工作年度报告`, sometimes with the agency on a line of its own.

struct title_suffix : sor<label<"政府信息公开工作年度报告">, label<"政府信息公开年度报告">,
                          label<"政府信息公开情况的报告">, label<"政府信息公开工作报告">> {};
struct title_text : plus<not_at<title_suffix>, not_one<'\n'>, not_at<utf8::one<U'。', U'》'>>, not_at<one<','>>> {};
struct title_line : seq<at_line_start, hspaces, opt<title_text>, title_suffix, line_end> {};
// A short line holding only the agency's name, directly above the title line.
struct title_agency
    : seq<plus<not_at<utf8::one<U'。', U'、', U'('>>, not_at<one<',', ':'>>, not_one<'\n', ' ', '\t'>>, line_end> {};
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
    : seq<rep_min_max<2, 30, not_at<utf8::one<U'。', U'；', U'，'>>, not_at<one<',', ';', ':'>>, utf8::not_one<U'\n'>>,
          line_end> {};
struct unknown_section_heading
    : seq<at_line_start, hspaces, chinese_numeral, utf8::one<U'、'>, hspaces, other_heading_text> {};

// `(一)主动公开` opening a line; the rest of the line may already be prose.
struct subsection_heading : seq<at_line_start, hspaces, paren_numeral, line_rest, opt<newline>> {};

// Everything else on a line is prose (it is placed: it belongs to the section above it).
struct prose_line : seq<line_text, opt<newline>> {};

}  // namespace xxgk::grammar

namespace tao::pegtl {
template <typename Name>
struct analyze_traits<Name, xxgk::grammar::title_suffix_on_line> : analyze_opt_traits<> {};
}  // namespace tao::pegtl
