#include "xxgk/validate.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

#include "src/rules/findings.hpp"
#include "xxgk/deadline.hpp"
#include "xxgk/rules.hpp"

namespace xxgk {
namespace {

constexpr RuleInfo kRules[] = {
    {"A1", Severity::error, "合计错误", "table 三: each row's 总计 equals the sum of its six applicant columns"},
    {"A2", Severity::error, "合计错误", "table 三: (七)总计 equals the sum of the leaf result rows, column by column"},
    {"A3", Severity::error, "勾稽关系错误", "table 三: 新收 + 上年结转 = (七)总计 + 结转下年度, column by column"},
    {"A4", Severity::error, "合计错误", "table 三: a subtotal written on a group label equals the sum of its items"},
    {"A5", Severity::error, "合计错误", "table 四: 行政复议 总计 = 维持 + 纠正 + 其他 + 尚未审结"},
    {"A6", Severity::error, "合计错误", "table 四: 未经复议直接起诉 总计 = 维持 + 纠正 + 其他 + 尚未审结"},
    {"A7", Severity::error, "合计错误", "table 四: 复议后起诉 总计 = 维持 + 纠正 + 其他 + 尚未审结"},
    {"A8", Severity::error, "单位错误",
     "domains: counts are non-negative integers; the fee is a non-negative amount in 万元"},
    {"B1", Severity::warning, "表格数据不一致", "上年结转 equals last year's 结转下年度 (needs last year's report)"},
    {"B2", Severity::warning, "表格数据不一致",
     "现行有效件数 follows last year's plus 制发 minus 废止 (needs last year's report)"},
    {"B4", Severity::warning, "表格数据不一致", "numbers stated in the prose match the tables"},
    {"B5", Severity::warning, "表格数据不一致",
     "the fee notices 六 says were sent (none, or N) cover table 三's other.unpaid_fee less 上年结转"},
    {"Y1", Severity::warning, "年份错误", "the title year, the statistical period and this-year statements agree"},
    {"Y2", Severity::warning, "格式不规范", "the table layout is the one in force for the report's year"},
    {"F1", Severity::warning, "格式不规范", "each of the six sections is present"},
    {"F2", Severity::warning, "格式不规范", "section headings use the regulated wording and numbering"},
    {"F3", Severity::warning, "格式不规范", "sections come in the regulated order and carry their own number"},
    {"F4", Severity::warning, "格式不规范", "fixed labels are written as regulated (typos found by closeness)"},
    {"F5", Severity::warning, "格式不规范", "no cell is left blank (write 0)"},
    {"F6", Severity::error, "内容缺项", "every table, row and cell of the format is present"},
    {"F7", Severity::warning, "格式不规范", "all table text is placed: no stray cells, duplicate rows or unknown rows"},
    {"F8", Severity::warning, "格式不规范", "the report has a title, before 一、总体情况"},
    {"X1", Severity::warning, "提取",
     "numbers split by extraction were rejoined: the one reading the row's rules accept"},
    {"X2", Severity::warning, "提取",
     "numbers split by extraction allow several readings: the cells are left unresolved"},
    {"X3", Severity::warning, "提取", "bytes that are not UTF-8 were replaced (--lossy): the text was damaged"},
};

}  // namespace

std::span<const RuleInfo> rule_catalogue() {
  return kRules;
}

const RuleInfo& rule_info(std::string_view id) {
  for (const auto& r : kRules) {
    if (r.id == id) return r;
  }
  throw std::out_of_range("unknown rule id");
}

std::string_view to_string(Severity s) {
  return s == Severity::error ? "error" : "warning";
}

namespace {

// A real report has about 200 cells, so more findings of one rule than this come from a document
// that repeats a table or a heading thousands of times: the rest are counted in one finding.
constexpr std::size_t kMaxFindingsPerRule = 100;

void summarise_floods(std::vector<Finding>& findings) {
  std::map<std::string, std::size_t> seen;
  std::map<std::string, Finding> summaries;
  std::vector<Finding> kept;
  for (auto& f : findings) {
    if (++seen[f.rule] <= kMaxFindingsPerRule) {
      kept.push_back(std::move(f));
      continue;
    }
    auto [it, first] = summaries.try_emplace(f.rule, f);
    if (!first && f.severity == Severity::error) it->second.severity = Severity::error;
  }
  for (auto& [rule, summary] : summaries) {
    const std::size_t more = seen[rule] - kMaxFindingsPerRule;
    summary.message = fmt::format("{} more {} findings from here on are not listed one by one (the first: {})", more,
                                  rule, summary.message);
    summary.keys.resize(std::min<std::size_t>(summary.keys.size(), 1));
    summary.value.reset(), summary.expected.reset();
    kept.push_back(std::move(summary));
  }
  findings = std::move(kept);
}

}  // namespace

std::vector<Finding> validate(const Report& report, const Source& source) {
  // The checks hold no search, only passes over the report: under a time limit, looking before and
  // after them is enough (a report repeated to 16 MB takes about a tenth of a second to check).
  check_deadline();
  std::vector<Finding> findings;
  if (source.replaced_bytes() > 0) {
    findings.push_back(make_finding(
        "X3", {"source"},
        fmt::format("{} bytes that are not UTF-8 were replaced by U+FFFD, this one first: the extractor damaged "
                    "the text, and labels or cells near them may be unreadable",
                    source.replaced_bytes()),
        source.first_replaced()));
  }
  if (report.format_version == "pre-2019") {
    // No national layout to hold it to: only what the prose says about its year (Y1).
    check_narrative(report, source, findings);
  } else {
    check_arithmetic(report, findings);
    check_format(report, findings);
    check_narrative(report, source, findings);
  }
  check_deadline();
  const auto by_position = [](const Finding& a, const Finding& b) {
    return std::tie(a.pos.line, a.pos.column) < std::tie(b.pos.line, b.pos.column);
  };
  std::stable_sort(findings.begin(), findings.end(), by_position);
  summarise_floods(findings);
  std::stable_sort(findings.begin(), findings.end(), by_position);
  return findings;
}

}  // namespace xxgk
