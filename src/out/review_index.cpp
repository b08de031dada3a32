// The index of a review: every file with its status and counts, sortable and filterable by the
// page's own script, and charts drawn as inline SVG (findings by rule, files by status,
// applications received by agency and year).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "src/out/review_html.hpp"
#include "xxgk/review.hpp"

namespace xxgk {
namespace {

using review::escape;

constexpr const char* kStatusOrder[] = {"ok", "findings", "partial", "unreadable", "timeout"};

struct Bar {
  std::string label;
  double value = 0;
  std::string css;  // extra class of the bar
};

// A horizontal bar chart: one bar a label, its value written after it.
std::string bar_chart(std::string_view title, const std::vector<Bar>& bars) {
  constexpr int kLabelWidth = 150, kBarWidth = 260, kRow = 20;
  double most = 0;
  for (const Bar& b : bars) most = std::max(most, b.value);
  const int height = kRow * static_cast<int>(bars.size()) + 8;
  std::string out = fmt::format(
      "<figure><figcaption>{}</figcaption><svg role=\"img\" aria-label=\"{}\" "
      "width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\">",
      escape(title), escape(title), kLabelWidth + kBarWidth + 50, height, kLabelWidth + kBarWidth + 50, height);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const int y = static_cast<int>(i) * kRow + 4;
    const double width = most > 0 ? b.value / most * kBarWidth : 0;
    out += fmt::format(
        "<g><title>{}: {}</title><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
        "<rect class=\"bar{}\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\"/>"
        "<text x=\"{:.1f}\" y=\"{}\">{}</text></g>",
        escape(b.label), b.value, kLabelWidth - 6, y + 13, escape(b.label), b.css.empty() ? "" : " " + b.css,
        kLabelWidth, y + 2, width, kRow - 6, kLabelWidth + width + 4, y + 13, b.value);
  }
  return out + "</svg></figure>";
}

// Applications received (table3.new_received.total) by agency, one bar a year, when the files
// cover several years.
std::string received_chart(const std::vector<ReviewIndexEntry>& entries) {
  std::set<int> years;
  std::map<std::string, std::map<int, double>> by_agency;
  for (const auto& e : entries) {
    if (!e.year || !e.received) continue;
    years.insert(*e.year);
    by_agency[e.agency.empty() ? "(agency not found)" : e.agency][*e.year] += *e.received;
  }
  if (years.size() < 2) return {};
  constexpr std::size_t kMostAgencies = 40;
  std::vector<std::pair<std::string, std::map<int, double>>> agencies(by_agency.begin(), by_agency.end());
  const auto total = [](const auto& a) {
    double sum = 0;
    for (const auto& [year, n] : a.second) sum += n;
    return sum;
  };
  std::stable_sort(agencies.begin(), agencies.end(), [&](const auto& a, const auto& b) { return total(a) > total(b); });
  const std::size_t left_out = agencies.size() > kMostAgencies ? agencies.size() - kMostAgencies : 0;
  agencies.resize(std::min(agencies.size(), kMostAgencies));
  double most = 0;
  for (const auto& a : agencies) {
    for (const auto& [year, n] : a.second) most = std::max(most, n);
  }
  constexpr int kLabelWidth = 220, kColumn = 90, kRow = 20;
  const int width = kLabelWidth + kColumn * static_cast<int>(years.size());
  const int height = kRow * static_cast<int>(agencies.size() + 1) + 8;
  const std::string title = "Applications received (table3.new_received.total) by agency and year";
  std::string out = fmt::format(
      "<figure><figcaption>{}{}</figcaption><svg role=\"img\" "
      "aria-label=\"{}\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\">",
      title, left_out ? fmt::format(" ({} agencies with the most; {} more not drawn)", kMostAgencies, left_out) : "",
      title, width, height, width, height);
  int column = 0;
  for (const int year : years) {
    out += fmt::format("<text x=\"{}\" y=\"14\">{}</text>", kLabelWidth + column++ * kColumn, year);
  }
  for (std::size_t i = 0; i < agencies.size(); ++i) {
    const int y = static_cast<int>(i + 1) * kRow + 4;
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", kLabelWidth - 6, y + 13,
                       escape(agencies[i].first));
    column = 0;
    for (const int year : years) {
      const int x = kLabelWidth + column++ * kColumn;
      const auto n = agencies[i].second.find(year);
      if (n == agencies[i].second.end()) continue;
      const double w = most > 0 ? n->second / most * (kColumn - 36) : 0;
      out += fmt::format(
          "<g><title>{} {}: {}</title><rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\"/>"
          "<text x=\"{:.1f}\" y=\"{}\">{}</text></g>",
          escape(agencies[i].first), year, n->second, x, y + 2, w, kRow - 6, x + w + 3, y + 13, n->second);
    }
  }
  return out + "</svg></figure>";
}

std::string charts(const std::vector<ReviewIndexEntry>& entries) {
  std::map<std::string, std::size_t> rules, statuses;
  for (const auto& e : entries) {
    for (const auto& [rule, n] : e.rules) rules[rule] += n;
    ++statuses[e.status];
  }
  std::vector<Bar> rule_bars;
  for (const auto& [rule, n] : rules) rule_bars.push_back({rule, static_cast<double>(n), ""});
  std::vector<Bar> status_bars;
  for (const char* s : kStatusOrder) {
    if (const auto it = statuses.find(s); it != statuses.end()) {
      status_bars.push_back({s, static_cast<double>(it->second), std::string("st-") + s});
    }
  }
  std::string out = "<section class=\"charts\" aria-label=\"charts\">";
  out += bar_chart("Reports by status", status_bars);
  if (!rule_bars.empty()) out += bar_chart("Findings by rule", rule_bars);
  out += received_chart(entries);
  return out + "</section>";
}

}  // namespace

ReviewIndexEntry review_index_entry(const ReviewFile& file, std::string page) {
  ReviewIndexEntry e;
  e.page = std::move(page);
  e.path = file.path, e.kind = file.kind, e.status = file.status, e.reason = file.reason;
  if (file.report != nullptr) {
    e.agency = file.report->agency;
    e.year = file.report->year;
    e.format_version = file.report->format_version;
    const Cell* received = file.report->table3.cell("new_received", "total");
    if (received != nullptr && received->state == CellState::number) e.received = received->value;
  }
  if (file.findings != nullptr) {
    for (const Finding& f : *file.findings) {
      (f.severity == Severity::error ? e.errors : e.warnings)++;
      ++e.rules[f.rule];
    }
  }
  return e;
}

std::string review_index(const std::vector<ReviewIndexEntry>& entries) {
  std::string out = review::page_head("xxgk review: " + std::to_string(entries.size()) + " reports");
  out += fmt::format("<body class=\"index\"><header><h1>Review of {} report{}</h1></header><main class=\"index\">",
                     entries.size(), entries.size() == 1 ? "" : "s");
  out += "<div class=\"doc\" style=\"grid-column:1/3\">" + charts(entries);
  out +=
      "<h2 id=\"files-h\">Files</h2><div class=\"filters\"><label>Filter <input id=\"filter\" type=\"search\" "
      "placeholder=\"agency, file, rule…\"></label><label>Status <select id=\"status-filter\"><option "
      "value=\"\">all</option>";
  for (const char* s : kStatusOrder) out += fmt::format("<option value=\"{}\">{}</option>", s, s);
  out += "</select></label><span id=\"shown\" aria-live=\"polite\"></span></div>";
  out += "<table class=\"files\" id=\"files\" aria-labelledby=\"files-h\"><thead><tr>";
  const std::pair<const char*, const char*> columns[] = {
      {"File", "text"},   {"Status", "text"},   {"Agency", "text"},     {"Year", "number"}, {"Kind", "text"},
      {"Format", "text"}, {"Errors", "number"}, {"Warnings", "number"}, {"Rules", "text"},  {"Reason", "text"}};
  for (const auto& [name, type] : columns) {
    out += fmt::format("<th scope=\"col\" data-type=\"{}\"><button type=\"button\">{}</button></th>", type, name);
  }
  out += "</tr></thead><tbody>";
  for (const auto& e : entries) {
    std::string rules;
    for (const auto& [rule, n] : e.rules) rules += fmt::format("{}{}×{}", rules.empty() ? "" : " ", rule, n);
    out += fmt::format("<tr data-status=\"{}\"><td><a class=\"page-link\" href=\"{}\">{}</a></td>", escape(e.status),
                       escape(e.page), escape(e.path));
    out += fmt::format("<td><span class=\"status st-{}\">{}</span></td><td>{}</td>", escape(e.status), escape(e.status),
                       escape(e.agency));
    out += fmt::format("<td class=\"num\" data-value=\"{}\">{}</td><td>{}</td><td>{}</td>",
                       e.year ? std::to_string(*e.year) : "", e.year ? std::to_string(*e.year) : "", escape(e.kind),
                       escape(e.format_version));
    out += fmt::format("<td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>", e.errors,
                       e.warnings, escape(rules), escape(e.reason));
  }
  out += "</tbody></table></div></main>";
  out += fmt::format("<script>{}</script></body></html>\n", review::index_script());
  return out;
}

}  // namespace xxgk
