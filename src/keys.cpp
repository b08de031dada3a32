#include "xxgk/keys.hpp"

#include "grammar/sections.hpp"
#include "grammar/table2.hpp"
#include "grammar/table3.hpp"

namespace xxgk {
namespace {

constexpr std::array<std::string_view, 3> kIssuedRepealedInForce = {"issued", "repealed", "in_force"};
// 2019: counts of documents made, published, and publicly available in all.
constexpr std::array<std::string_view, 3> kMadePublishedTotal = {"made", "published", "total_public"};
constexpr std::array<std::string_view, 3> kItemsChangeDecisions = {"previous_items", "change", "decisions"};
constexpr std::array<std::string_view, 2> kItemsChange = {"previous_items", "change"};
constexpr std::array<std::string_view, 2> kProcurement = {"items", "amount"};
constexpr std::array<std::string_view, 1> kDecisions = {"decisions"};
constexpr std::array<std::string_view, 1> kAmount = {"amount"};

namespace t2 = grammar::table2;
namespace t3 = grammar::table3;
namespace g = grammar;

// A table 二 row: its label is the words of its label rule.
template <typename Label>
constexpr RowSpec table2_row(std::string_view key, std::span<const std::string_view> columns) {
  return RowSpec{key, Label::words.view(), Label::label_key, columns, 0, ""};
}

constexpr std::array kTable2Rows = {
    table2_row<t2::label_regulations>("regulations", kIssuedRepealedInForce),
    table2_row<t2::label_normative_documents>("normative_documents", kIssuedRepealedInForce),
    table2_row<t2::label_licensing>("licensing", kDecisions),
    table2_row<t2::label_punishment>("punishment", kDecisions),
    table2_row<t2::label_coercion>("coercion", kDecisions),
    table2_row<t2::label_fees>("fees", kAmount),
};

constexpr std::array kTable2Rows2019 = {
    table2_row<t2::label_regulations>("regulations", kMadePublishedTotal),
    // The 2019 format's wording, the second alternative of the same label rule.
    RowSpec{"normative_documents", "规范性文件", t2::label_normative_documents::label_key, kMadePublishedTotal, 0, ""},
    table2_row<t2::label_licensing>("licensing", kItemsChangeDecisions),
    table2_row<t2::label_other_services>("other_services", kItemsChangeDecisions),
    table2_row<t2::label_punishment>("punishment", kItemsChangeDecisions),
    table2_row<t2::label_coercion>("coercion", kItemsChangeDecisions),
    table2_row<t2::label_fees>("fees", kItemsChange),
    table2_row<t2::label_procurement>("procurement", kProcurement),
};

constexpr std::array<std::string_view, 4> kArticle1Headers2019 = {"信息内容", "本年新制作数量", "本年新公开数量",
                                                                  "对外公开总数量"};
constexpr std::array<std::string_view, 4> kItemHeaders2019 = {"信息内容", "上一年项目数量", "本年增/减",
                                                              "处理决定数量"};
constexpr std::array<std::string_view, 3> kFeeHeaders2019 = {"信息内容", "上一年项目数量", "本年增/减"};
constexpr std::array<std::string_view, 3> kProcurementHeaders2019 = {"信息内容", "采购项目数量", "采购总金额"};
constexpr std::array<std::string_view, 2> kArticle1Rows = {"regulations", "normative_documents"};
constexpr std::array<std::string_view, 1> kArticle5Rows = {"licensing"};
constexpr std::array<std::string_view, 2> kArticle5Rows2019 = {"licensing", "other_services"};
constexpr std::array<std::string_view, 2> kArticle6Rows = {"punishment", "coercion"};
constexpr std::array<std::string_view, 1> kArticle8Rows = {"fees"};
constexpr std::array<std::string_view, 1> kArticle9Rows2019 = {"procurement"};
constexpr std::array kTable2Blocks2019 = {
    Table2Block{"一", kArticle1Headers2019, kArticle1Rows},
    Table2Block{"五", kItemHeaders2019, kArticle5Rows2019},
    Table2Block{"六", kItemHeaders2019, kArticle6Rows},
    Table2Block{"八", kFeeHeaders2019, kArticle8Rows},
    Table2Block{"九", kProcurementHeaders2019, kArticle9Rows2019},
};

constexpr std::array<std::string_view, 4> kArticle1Headers = {"信息内容", "本年制发件数", "本年废止件数",
                                                              "现行有效件数"};
constexpr std::array<std::string_view, 2> kDecisionHeaders = {"信息内容", "本年处理决定数量"};
constexpr std::array<std::string_view, 2> kFeeHeaders = {"信息内容", "本年收费金额"};
constexpr std::array kTable2Blocks = {
    Table2Block{"一", kArticle1Headers, kArticle1Rows},
    Table2Block{"五", kDecisionHeaders, kArticle5Rows},
    Table2Block{"六", kDecisionHeaders, kArticle6Rows},
    Table2Block{"八", kFeeHeaders, kArticle8Rows},
};

constexpr std::span<const std::string_view> k7 = kTable3Columns;

// A canonical label: the numbering of its place in the table, the words of its label rule and,
// for (二), the note the format prints with it.
template <g::text Numbering, typename Label, g::text Note = "">
inline constexpr auto canonical = g::join(g::join(Numbering, Label::words), Note);

template <g::text Numbering, typename Label, g::text Note = "">
constexpr RowSpec table3_row(std::string_view key, int level, std::string_view group = "") {
  return RowSpec{key, canonical<Numbering, Label, Note>.view(), Label::label_key, k7, level, group};
}

constexpr std::array kTable3Rows = {
    table3_row<"一、", t3::label_new_received>("new_received", 0),
    table3_row<"二、", t3::label_carried_over>("carried_over", 0),
    table3_row<"(一)", t3::label_granted>("granted", 1),
    table3_row<"(二)", t3::label_partially_granted, "(区分处理的,只计这一情形,不计其他情形)">("partially_granted", 1),
    table3_row<"1.", t3::label_state_secret>("denied.state_secret", 2, "denied"),
    table3_row<"2.", t3::label_prohibited_by_law>("denied.prohibited_by_law", 2, "denied"),
    table3_row<"3.", t3::label_security_stability>("denied.security_stability", 2, "denied"),
    table3_row<"4.", t3::label_third_party>("denied.third_party", 2, "denied"),
    table3_row<"5.", t3::label_internal_affairs>("denied.internal_affairs", 2, "denied"),
    table3_row<"6.", t3::label_process_info>("denied.process_info", 2, "denied"),
    table3_row<"7.", t3::label_enforcement_file>("denied.enforcement_file", 2, "denied"),
    table3_row<"8.", t3::label_query_matter>("denied.query_matter", 2, "denied"),
    table3_row<"1.", t3::label_not_held>("unable.not_held", 2, "unable"),
    table3_row<"2.", t3::label_needs_creation>("unable.needs_creation", 2, "unable"),
    table3_row<"3.", t3::label_unclear>("unable.unclear", 2, "unable"),
    table3_row<"1.", t3::label_petition>("not_processed.petition", 2, "not_processed"),
    table3_row<"2.", t3::label_repeated>("not_processed.repeated", 2, "not_processed"),
    table3_row<"3.", t3::label_publication>("not_processed.publication", 2, "not_processed"),
    table3_row<"4.", t3::label_excessive>("not_processed.excessive", 2, "not_processed"),
    table3_row<"5.", t3::label_reconfirm>("not_processed.reconfirm", 2, "not_processed"),
    table3_row<"1.", t3::label_no_correction>("other.no_correction", 2, "other"),
    table3_row<"2.", t3::label_unpaid_fee>("other.unpaid_fee", 2, "other"),
    table3_row<"3.", t3::label_other_other>("other.other", 2, "other"),
    table3_row<"(七)", t3::label_total>("total", 1),
    table3_row<"四、", t3::label_carried_forward>("carried_forward", 0),
};

// 2019: (六)其他处理 is a data row of its own; the three 2021 items under it do not exist.
constexpr auto kTable3Rows2019 = [] {
  std::array<RowSpec, 23> rows{};
  std::size_t n = 0;
  for (const auto& r : kTable3Rows) {
    if (r.group == "other") continue;
    if (r.key == "total") rows[n++] = table3_row<"(六)", t3::group_other>("other", 1);
    rows[n++] = r;
  }
  return rows;
}();

template <g::text Numbering, typename Label>
constexpr GroupSpec table3_group(std::string_view key) {
  return GroupSpec{key, canonical<Numbering, Label>.view(), Label::label_key};
}

constexpr std::array kTable3Groups = {
    table3_group<"三、", t3::group_results>("results"), table3_group<"(三)", t3::group_denied>("denied"),
    table3_group<"(四)", t3::group_unable>("unable"),   table3_group<"(五)", t3::group_not_processed>("not_processed"),
    table3_group<"(六)", t3::group_other>("other"),
};

constexpr std::array<std::string_view, 20> kResultLeaves = {"granted",
                                                            "partially_granted",
                                                            "denied.state_secret",
                                                            "denied.prohibited_by_law",
                                                            "denied.security_stability",
                                                            "denied.third_party",
                                                            "denied.internal_affairs",
                                                            "denied.process_info",
                                                            "denied.enforcement_file",
                                                            "denied.query_matter",
                                                            "unable.not_held",
                                                            "unable.needs_creation",
                                                            "unable.unclear",
                                                            "not_processed.petition",
                                                            "not_processed.repeated",
                                                            "not_processed.publication",
                                                            "not_processed.excessive",
                                                            "not_processed.reconfirm",
                                                            "other.no_correction",
                                                            "other.unpaid_fee"};
// other.other is the 21st leaf; kept apart so the array size reads as the spec's list.
constexpr std::array<std::string_view, 21> kResultLeavesAll = [] {
  std::array<std::string_view, 21> all{};
  for (std::size_t i = 0; i < kResultLeaves.size(); ++i) all[i] = kResultLeaves[i];
  all[20] = "other.other";
  return all;
}();

constexpr std::array<std::string_view, 19> kResultLeaves2019 = [] {
  std::array<std::string_view, 19> leaves{};
  for (std::size_t i = 0; i < 18; ++i) leaves[i] = kResultLeaves[i];
  leaves[18] = "other";
  return leaves;
}();

// Each section's regulated title is the words of its regulated wording rule.
template <typename Wording>
constexpr SectionSpec section(int number, std::string_view key) {
  return SectionSpec{number, key, Wording::words.view(), Wording::label_key};
}

constexpr std::array kSections = {
    section<g::title_overview>(1, "overview"),         section<g::title_proactive>(2, "proactive"),
    section<g::title_applications>(3, "applications"), section<g::title_review_litigation>(4, "review_litigation"),
    section<g::title_problems>(5, "problems"),         section<g::title_other_matters>(6, "other_matters"),
};
// 收费及减免, a section of reports before 2019 only: it has no place in the regulated order.
constexpr SectionSpec kFeesPre2019 = section<g::title_fees_pre2019>(0, "fees");

// The wordings of the alternatives of a grammar rule (a sor of label rules, or of sets of them:
// grammar's one_of_numbered_labels), read from the rules.
template <typename... Labels>
constexpr auto wordings_of(tao::pegtl::type_list<Labels...> /*unused*/);
template <typename Label>
constexpr auto wordings_of_one() {
  if constexpr (requires { typename Label::labels; }) {
    return wordings_of(typename Label::labels{});
  } else {
    return std::array{LabelWording{Label::label_key, Label::label_wording, Label::words.view()}};
  }
}
template <typename... Labels>
constexpr auto wordings_of(tao::pegtl::type_list<Labels...> /*unused*/) {
  constexpr std::size_t count = (wordings_of_one<Labels>().size() + ...);
  std::array<LabelWording, count> all{};
  std::size_t n = 0;
  ((std::ranges::copy(wordings_of_one<Labels>(), all.begin() + n), n += wordings_of_one<Labels>().size()), ...);
  return all;
}
constexpr auto kTable3RowWordings = wordings_of(t3::row_label::subs_t{});
constexpr auto kTable3GroupWordings = wordings_of_one<t3::group_label>();
constexpr auto kTable3Wordings = [] {
  std::array<LabelWording, kTable3RowWordings.size() + kTable3GroupWordings.size()> all{};
  std::size_t n = 0;
  for (const auto& w : kTable3RowWordings) all[n++] = w;
  for (const auto& w : kTable3GroupWordings) all[n++] = w;
  return all;
}();

}  // namespace

std::span<const LabelWording> table3_label_wordings() {
  return kTable3Wordings;
}

std::span<const RowSpec> table2_rows(FormatVersion v) {
  return v == FormatVersion::v2019 ? std::span<const RowSpec>(kTable2Rows2019) : kTable2Rows;
}
std::span<const RowSpec> table3_rows(FormatVersion v) {
  return v == FormatVersion::v2019 ? std::span<const RowSpec>(kTable3Rows2019) : kTable3Rows;
}
std::span<const GroupSpec> table3_groups() {
  return kTable3Groups;
}
std::span<const Table2Block> table2_blocks(FormatVersion v) {
  return v == FormatVersion::v2019 ? std::span<const Table2Block>(kTable2Blocks2019) : kTable2Blocks;
}
std::span<const std::string_view> table3_result_leaves(FormatVersion v) {
  return v == FormatVersion::v2019 ? std::span<const std::string_view>(kResultLeaves2019) : kResultLeavesAll;
}
std::span<const SectionSpec> sections() {
  return kSections;
}

const RowSpec* find_row(std::span<const RowSpec> rows, std::string_view key) {
  for (const auto& r : rows) {
    if (r.key == key) return &r;
  }
  return nullptr;
}

const RowSpec* find_row(std::span<const RowSpec> rows, LabelKey label) {
  for (const auto& r : rows) {
    if (r.label_key == label) return &r;
  }
  return nullptr;
}

const GroupSpec* find_group(LabelKey label) {
  for (const auto& g : kTable3Groups) {
    if (g.label_key == label) return &g;
  }
  return nullptr;
}

const SectionSpec* section_of(LabelKey label) {
  for (const auto& s : kSections) {
    if (s.label_key == label) return &s;
  }
  return label == kFeesPre2019.label_key ? &kFeesPre2019 : nullptr;
}

}  // namespace xxgk
