// Pieces the review pages share (internal to the library): escaping, the tables, the inline assets.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "xxgk/ast.hpp"
#include "xxgk/finding.hpp"

namespace xxgk::review {

// Text as HTML text or attribute value: a report is untrusted input (`<script>`, `&`, quotes).
std::string escape(std::string_view text);

// The page's inline style sheet and script: nothing is fetched.
std::string_view page_style();
std::string_view page_script();
std::string_view index_script();

// Opens a page: doctype, a policy that lets the page fetch nothing at all, the title, the style.
std::string page_head(std::string_view title);

// Which findings point at each key (the first key of a finding) and which name it among the others.
// Every place on the page that shows a key (a cell, a row label, a table, a heading, the title)
// asks it for its marks, and the keys shown are recorded, so a finding on a key the page does not
// show is listed as such.
class Marks {
 public:
  explicit Marks(const std::vector<Finding>& findings);
  // ` data-key="…" data-findings="f1 f3"` plus the classes of the worst severity, for an element
  // that shows `key`; and the badges (rule ids) that go inside it.
  [[nodiscard]] std::string attributes(const std::string& key, std::string_view classes);
  [[nodiscard]] std::string badges(const std::string& key) const;
  [[nodiscard]] bool shown(std::size_t finding) const;
  [[nodiscard]] const std::vector<Finding>& findings() const { return findings_; }
  [[nodiscard]] static std::string id(std::size_t finding) { return "f" + std::to_string(finding + 1); }

 private:
  const std::vector<Finding>& findings_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> pointing_, naming_;
  std::set<std::string, std::less<>> shown_;
};

// The three tables (and a pre-2019 report's statistics) in the regulated layout.
std::string tables_html(const Report& report, Marks& marks);

}  // namespace xxgk::review
