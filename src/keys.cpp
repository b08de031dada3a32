#include "xxgk/keys.hpp"

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

constexpr std::array kTable2Rows = {
    RowSpec{"regulations", "规章", "table2::label_regulations", kIssuedRepealedInForce, 0, ""},
    RowSpec{"normative_documents", "行政规范性文件", "table2::label_normative_documents", kIssuedRepealedInForce, 0,
            ""},
    RowSpec{"licensing", "行政许可", "table2::label_licensing", kDecisions, 0, ""},
    RowSpec{"punishment", "行政处罚", "table2::label_punishment", kDecisions, 0, ""},
    RowSpec{"coercion", "行政强制", "table2::label_coercion", kDecisions, 0, ""},
    RowSpec{"fees", "行政事业性收费", "table2::label_fees", kAmount, 0, ""},
};

constexpr std::array kTable2Rows2019 = {
    RowSpec{"regulations", "规章", "table2::label_regulations", kMadePublishedTotal, 0, ""},
    RowSpec{"normative_documents", "规范性文件", "table2::label_normative_documents", kMadePublishedTotal, 0, ""},
    RowSpec{"licensing", "行政许可", "table2::label_licensing", kItemsChangeDecisions, 0, ""},
    RowSpec{"other_services", "其他对外管理服务事项", "table2::label_other_services", kItemsChangeDecisions, 0, ""},
    RowSpec{"punishment", "行政处罚", "table2::label_punishment", kItemsChangeDecisions, 0, ""},
    RowSpec{"coercion", "行政强制", "table2::label_coercion", kItemsChangeDecisions, 0, ""},
    RowSpec{"fees", "行政事业性收费", "table2::label_fees", kItemsChange, 0, ""},
    RowSpec{"procurement", "政府集中采购", "table2::label_procurement", kProcurement, 0, ""},
};

constexpr std::array<std::string_view, 4> kArticle1Headers2019 = {"信息内容", "本年新制作数量", "本年新公开数量",
                                                                  "对外公开总数量"};
constexpr std::array<std::string_view, 4> kItemHeaders2019 = {"信息内容", "上一年项目数量", "本年增/减",
                                                              "处理决定数量"};
constexpr std::array<std::string_view, 3> kFeeHeaders2019 = {"信息内容", "上一年项目数量", "本年增/减"};
constexpr std::array<std::string_view, 3> kProcurementHeaders2019 = {"信息内容", "采购项目数量", "采购总金额"};
constexpr std::array kTable2Blocks2019 = {
    Table2Block{"一", kArticle1Headers2019},    Table2Block{"五", kItemHeaders2019},
    Table2Block{"六", kItemHeaders2019},        Table2Block{"八", kFeeHeaders2019},
    Table2Block{"九", kProcurementHeaders2019},
};

constexpr std::array<std::string_view, 4> kArticle1Headers = {"信息内容", "本年制发件数", "本年废止件数",
                                                              "现行有效件数"};
constexpr std::array<std::string_view, 2> kDecisionHeaders = {"信息内容", "本年处理决定数量"};
constexpr std::array<std::string_view, 2> kFeeHeaders = {"信息内容", "本年收费金额"};
constexpr std::array kTable2Blocks = {
    Table2Block{"一", kArticle1Headers},
    Table2Block{"五", kDecisionHeaders},
    Table2Block{"六", kDecisionHeaders},
    Table2Block{"八", kFeeHeaders},
};

constexpr std::span<const std::string_view> k7 = kTable3Columns;

constexpr std::array kTable3Rows = {
    RowSpec{"new_received", "一、本年新收政府信息公开申请数量", "table3::label_new_received", k7, 0, ""},
    RowSpec{"carried_over", "二、上年结转政府信息公开申请数量", "table3::label_carried_over", k7, 0, ""},
    RowSpec{"granted", "(一)予以公开", "table3::label_granted", k7, 1, ""},
    RowSpec{"partially_granted", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
            "table3::label_partially_granted", k7, 1, ""},
    RowSpec{"denied.state_secret", "1.属于国家秘密", "table3::label_state_secret", k7, 2, "denied"},
    RowSpec{"denied.prohibited_by_law", "2.其他法律行政法规禁止公开", "table3::label_prohibited_by_law", k7, 2,
            "denied"},
    RowSpec{"denied.security_stability", "3.危及“三安全一稳定”", "table3::label_security_stability", k7, 2, "denied"},
    RowSpec{"denied.third_party", "4.保护第三方合法权益", "table3::label_third_party", k7, 2, "denied"},
    RowSpec{"denied.internal_affairs", "5.属于三类内部事务信息", "table3::label_internal_affairs", k7, 2, "denied"},
    RowSpec{"denied.process_info", "6.属于四类过程性信息", "table3::label_process_info", k7, 2, "denied"},
    RowSpec{"denied.enforcement_file", "7.属于行政执法案卷", "table3::label_enforcement_file", k7, 2, "denied"},
    RowSpec{"denied.query_matter", "8.属于行政查询事项", "table3::label_query_matter", k7, 2, "denied"},
    RowSpec{"unable.not_held", "1.本机关不掌握相关政府信息", "table3::label_not_held", k7, 2, "unable"},
    RowSpec{"unable.needs_creation", "2.没有现成信息需要另行制作", "table3::label_needs_creation", k7, 2, "unable"},
    RowSpec{"unable.unclear", "3.补正后申请内容仍不明确", "table3::label_unclear", k7, 2, "unable"},
    RowSpec{"not_processed.petition", "1.信访举报投诉类申请", "table3::label_petition", k7, 2, "not_processed"},
    RowSpec{"not_processed.repeated", "2.重复申请", "table3::label_repeated", k7, 2, "not_processed"},
    RowSpec{"not_processed.publication", "3.要求提供公开出版物", "table3::label_publication", k7, 2, "not_processed"},
    RowSpec{"not_processed.excessive", "4.无正当理由大量反复申请", "table3::label_excessive", k7, 2, "not_processed"},
    RowSpec{"not_processed.reconfirm", "5.要求行政机关确认或重新出具已获取信息", "table3::label_reconfirm", k7, 2,
            "not_processed"},
    RowSpec{"other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "table3::label_no_correction", k7, 2, "other"},
    RowSpec{"other.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "table3::label_unpaid_fee", k7, 2, "other"},
    RowSpec{"other.other", "3.其他", "table3::label_other_other", k7, 2, "other"},
    RowSpec{"total", "(七)总计", "table3::label_total", k7, 1, ""},
    RowSpec{"carried_forward", "四、结转下年度继续办理", "table3::label_carried_forward", k7, 0, ""},
};

// 2019: (六)其他处理 is a data row of its own; the three 2021 items under it do not exist.
constexpr auto kTable3Rows2019 = [] {
  std::array<RowSpec, 23> rows{};
  std::size_t n = 0;
  for (const auto& r : kTable3Rows) {
    if (r.group == "other") continue;
    if (r.key == "total") rows[n++] = RowSpec{"other", "(六)其他处理", "table3::group_other", k7, 1, ""};
    rows[n++] = r;
  }
  return rows;
}();

constexpr std::array kTable3Groups = {
    GroupSpec{"results", "三、本年度办理结果", "table3::group_results"},
    GroupSpec{"denied", "(三)不予公开", "table3::group_denied"},
    GroupSpec{"unable", "(四)无法提供", "table3::group_unable"},
    GroupSpec{"not_processed", "(五)不予处理", "table3::group_not_processed"},
    GroupSpec{"other", "(六)其他处理", "table3::group_other"},
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

constexpr std::array kSections = {
    SectionSpec{1, "overview", "总体情况"},
    SectionSpec{2, "proactive", "主动公开政府信息情况"},
    SectionSpec{3, "applications", "收到和处理政府信息公开申请情况"},
    SectionSpec{4, "review_litigation", "政府信息公开行政复议、行政诉讼情况"},
    SectionSpec{5, "problems", "存在的主要问题及改进情况"},
    SectionSpec{6, "other_matters", "其他需要报告的事项"},
};

}  // namespace

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

}  // namespace xxgk
