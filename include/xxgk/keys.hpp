// The canonical keys and labels of the 2021 format (spec §2–§4): one table a newcomer can read.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

// What a label of the format names: a section, or a row or group of a table. Every label rule of
// the grammar carries one (grammar/*.hpp) and lowering reads it from the parse tree, so a variant
// wording is one more rule with the same key, never a row lost.
enum class LabelKey : std::uint8_t {
  none,
  // The six sections, and 收费及减免 of reports before 2019.
  section_overview,
  section_proactive,
  section_applications,
  section_review_litigation,
  section_problems,
  section_other_matters,
  section_fees,
  // Table 二.
  t2_regulations,
  t2_normative_documents,
  t2_licensing,
  t2_other_services,
  t2_punishment,
  t2_coercion,
  t2_fees,
  t2_procurement,
  // Table 三: rows.
  t3_new_received,
  t3_carried_over,
  t3_granted,
  t3_partially_granted,
  t3_state_secret,
  t3_prohibited_by_law,
  t3_security_stability,
  t3_third_party,
  t3_internal_affairs,
  t3_process_info,
  t3_enforcement_file,
  t3_query_matter,
  t3_not_held,
  t3_needs_creation,
  t3_unclear,
  t3_petition,
  t3_repeated,
  t3_publication,
  t3_excessive,
  t3_reconfirm,
  t3_no_correction,
  t3_unpaid_fee,
  t3_other_other,
  t3_total,
  t3_carried_forward,
  // Table 三: groups (三、本年度办理结果, (三)不予公开 …); (六)其他处理 is a row in 2019.
  t3_results,
  t3_denied,
  t3_unable,
  t3_not_processed,
  t3_other,
};

// Whether a label rule's wording is the regulated one, a variant seen in real reports (reported
// as F2 for headings, F4 for rows), or the wording of reports before 2019.
enum class Wording : std::uint8_t { regulated, variant, pre2019 };

// A row of one of the three tables.
struct RowSpec {
  std::string_view key;                 // e.g. "denied.state_secret"
  std::string_view label;               // the canonical label, normalised (half-width punctuation)
  LabelKey label_key = LabelKey::none;  // what the grammar's label rules for this row carry
  std::span<const std::string_view> columns;
  int level = 0;           // table 三: 0, 1 or 2
  std::string_view group;  // table 三: "denied", "unable", ... for level-2 rows
};

struct GroupSpec {
  std::string_view key;
  std::string_view label;
  LabelKey label_key = LabelKey::none;
};

inline constexpr std::array<std::string_view, 7> kTable3Columns = {
    "natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"};
inline constexpr std::array<std::string_view, 7> kTable3ColumnLabels = {
    "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};
inline constexpr std::array<std::string_view, 3> kTable4Groups = {"review", "litigation_direct",
                                                                  "litigation_after_review"};
inline constexpr std::array<std::string_view, 5> kTable4Columns = {"upheld", "corrected", "other", "pending", "total"};
inline constexpr std::array<std::string_view, 5> kTable4ColumnLabels = {"结果维持", "结果纠正", "其他结果", "尚未审结",
                                                                        "总计"};
// The header cells of tables 三 and 四 above the column labels (spec §3, §4): 申请人情况 over the
// seven columns of 三, 法人或其他组织 over the five between 自然人 and 总计; 行政复议 over the first
// group of 四, 行政诉讼 over the other two, each of those under its own label.
inline constexpr std::string_view kTable3ApplicantsLabel = "申请人情况";
inline constexpr std::string_view kTable3OrganisationsLabel = "法人或其他组织";
inline constexpr std::string_view kTable3CornerNote =
    "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)";
inline constexpr std::array<std::string_view, 3> kTable4GroupLabels = {"行政复议", "未经复议直接起诉", "复议后起诉"};
inline constexpr std::string_view kTable4LitigationLabel = "行政诉讼";

// The two format versions differ in table 二 and in (六)其他处理 of table 三 (spec §2, §3).
enum class FormatVersion { v2021, v2019 };

std::span<const RowSpec> table2_rows(FormatVersion version = FormatVersion::v2021);
std::span<const RowSpec> table3_rows(FormatVersion version = FormatVersion::v2021);
std::span<const GroupSpec> table3_groups();

// Column headers of each block of table 二 (2021), keyed by the block's article item, and the
// rows under them.
struct Table2Block {
  std::string_view article;  // "一", "五", "六", "八"
  std::span<const std::string_view> headers;
  std::span<const std::string_view> rows;  // row keys, as in table2_rows()
};
std::span<const Table2Block> table2_blocks(FormatVersion version = FormatVersion::v2021);

// The leaf result rows summed by rule A2: in 2019 (六)其他处理 is one row, `other`.
std::span<const std::string_view> table3_result_leaves(FormatVersion version = FormatVersion::v2021);

// The six sections, in order.
struct SectionSpec {
  int number;
  std::string_view key;
  std::string_view title;
  LabelKey label_key = LabelKey::none;
};
std::span<const SectionSpec> sections();
// The section a heading's label names ("fees" for the pre-2019 section, which has no number);
// null for a label that names no section.
const SectionSpec* section_of(LabelKey label);

const RowSpec* find_row(std::span<const RowSpec> rows, std::string_view key);
// The row whose label rules carry `label`; null when none of these rows has it.
const RowSpec* find_row(std::span<const RowSpec> rows, LabelKey label);
const GroupSpec* find_group(LabelKey label);

// One wording of a table 三 label as the grammar writes it (grammar/table3.hpp): the words alone,
// without numbering or note. A key may have several (the regulated one and variants).
struct LabelWording {
  LabelKey key = LabelKey::none;
  Wording wording = Wording::regulated;
  std::string_view words;
};
// Every row and group label rule of table 三, in the grammar's order.
std::span<const LabelWording> table3_label_wordings();

// Keys of the statistics a pre-2019 report states in its prose (`pre2019.fees.collected`), in
// output order (src/lower_pre2019.cpp).
std::vector<std::string> pre2019_keys();

// A cell's key (`table3.denied.state_secret.natural_person`), made of its parts, as a view of the
// one copy this process keeps of it (src/interned_keys.cpp): the AST's cells hold such views, so a
// report's hundreds of cells allocate no key each. Keys come from the format's tables only, never
// from a document's text, so the copies kept are a few hundred whatever is read. Thread-safe.
std::string_view intern_key(std::initializer_list<std::string_view> parts);
// The keys of a row's cells in column order (`table.row.column`), interned; found by the spec's
// address after the first time, with no key put together.
std::span<const std::string_view> cell_keys(std::string_view table, const RowSpec& row);

}  // namespace xxgk
