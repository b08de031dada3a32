// The canonical keys and labels of the 2021 format (spec §2–§4): one table a newcomer can read.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

// A row of one of the three tables.
struct RowSpec {
  std::string_view key;           // e.g. "denied.state_secret"
  std::string_view label;         // the canonical label, normalised (half-width punctuation)
  std::string_view grammar_rule;  // the grammar rule that recognises the label
  std::span<const std::string_view> columns;
  int level = 0;           // table 三: 0, 1 or 2
  std::string_view group;  // table 三: "denied", "unable", ... for level-2 rows
};

struct GroupSpec {
  std::string_view key;
  std::string_view label;
  std::string_view grammar_rule;
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

// The two format versions differ in table 二 and in (六)其他处理 of table 三 (spec §2, §3).
enum class FormatVersion { v2021, v2019 };

std::span<const RowSpec> table2_rows(FormatVersion version = FormatVersion::v2021);
std::span<const RowSpec> table3_rows(FormatVersion version = FormatVersion::v2021);
std::span<const GroupSpec> table3_groups();

// Column headers of each block of table 二 (2021), keyed by the block's article item.
struct Table2Block {
  std::string_view article;  // "一", "五", "六", "八"
  std::span<const std::string_view> headers;
};
std::span<const Table2Block> table2_blocks(FormatVersion version = FormatVersion::v2021);

// The leaf result rows summed by rule A2: in 2019 (六)其他处理 is one row, `other`.
std::span<const std::string_view> table3_result_leaves(FormatVersion version = FormatVersion::v2021);

// The six sections, in order.
struct SectionSpec {
  int number;
  std::string_view key;
  std::string_view title;
};
std::span<const SectionSpec> sections();

const RowSpec* find_row(std::span<const RowSpec> rows, std::string_view key);

// Keys of the statistics a pre-2019 report states in its prose (`pre2019.fees.collected`), in
// output order (src/lower_pre2019.cpp).
std::vector<std::string> pre2019_keys();

}  // namespace xxgk
