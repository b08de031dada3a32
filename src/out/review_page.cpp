// The review page of one report: what it is, its findings with everything each one rests on, the
// tables with the findings on their cells, and the prose with the sentences findings refer to.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "src/out/review_html.hpp"
#include "src/text.hpp"
#include "xxgk/keys.hpp"
#include "xxgk/review.hpp"
#include "xxgk/rules.hpp"

namespace xxgk {
namespace {

using review::escape;
using review::Marks;

std::string number_text(double v) {
  return fmt::format("{}", v);
}

std::string position_text(const SourcePos& pos) {
  if (pos.line == 0) return {};
  std::string out = fmt::format("line {}, column {}", pos.line, pos.column);
  if (const std::string place = describe_place(pos.place); !place.empty()) out += " (" + place + ")";
  return out;
}

// The quoted line with the finding's character marked.
std::string excerpt_html(const Quote& quote, std::uint32_t line) {
  if (quote.line.empty()) return {};
  std::string before, at, after;
  std::uint32_t n = 1;
  for (std::size_t i = 0; i < quote.line.size();) {
    char32_t cp = 0;
    std::size_t length = decode_utf8(quote.line, i, cp);
    if (length == 0) length = 1;
    (n < quote.column ? before : n == quote.column ? at : after).append(quote.line, i, length);
    i += length;
    ++n;
  }
  if (at.empty()) at = " ";  // the position is past the line's end (a blank cell at the end of a row)
  return fmt::format(
      "<pre class=\"excerpt\"><span class=\"ln\" aria-hidden=\"true\">{:>5} | </span>{}<mark class=\"caret\" "
      "title=\"the finding's position\">{}</mark>{}</pre>",
      line, escape(before), escape(at), escape(after));
}

// The extraction notes (X1 resolved, X2 unresolved) about the cells a finding names.
std::string readings_html(const Finding& f, const Report* report) {
  if (report == nullptr) return {};
  std::string out;
  for (const ExtractionNote& note : report->extraction_notes) {
    const bool about = std::any_of(note.keys.begin(), note.keys.end(), [&](const std::string& k) {
      return std::find(f.keys.begin(), f.keys.end(), k) != f.keys.end();
    });
    if (!about) continue;
    std::string readings;
    for (const auto& r : note.readings) readings += (readings.empty() ? "" : " | ") + r;
    out +=
        fmt::format("<dt>Readings ({})</dt><dd>written <q>{}</q>; {}</dd>", escape(note.rule), escape(note.written),
                    readings.empty() ? std::string("no reading could be told apart")
                                     : fmt::format("{} considered: <q>{}</q>{}", note.readings.size(), escape(readings),
                                                   note.rule == "X1" ? ", the one kept" : ", cells left unresolved"));
  }
  return out;
}

std::string finding_html(std::size_t i, const Finding& f, const Quote& quote, const Report* report, const Marks& marks,
                         const std::set<std::size_t>& in_prose) {
  const std::string severity(to_string(f.severity));
  const std::string key = f.keys.empty() ? "" : f.keys.front();
  std::string keys;
  for (const auto& k : f.keys) keys += (keys.empty() ? "" : " ") + k;
  std::string out = fmt::format(
      "<li id=\"{}\" class=\"finding sev-{}\" data-rule=\"{}\" data-key=\"{}\" data-keys=\"{}\" tabindex=\"0\">",
      Marks::id(i), severity, escape(f.rule), escape(key), escape(keys));
  out += fmt::format("<div class=\"fhead\"><span class=\"badge sev-{}\">{}</span> <span class=\"sev\">{}</span> ",
                     severity, escape(f.rule), severity);
  if (key.empty()) {
    out += "<span class=\"nokey\">(no cell or heading)</span>";
  } else if (marks.shown(i)) {
    out += fmt::format("<a class=\"to-key\" href=\"#k-{}\">{}</a>", escape(key), escape(key));
  } else {
    out +=
        fmt::format("<span class=\"key\">{}</span> <span class=\"nokey\">(not drawn on this page)</span>", escape(key));
  }
  out += fmt::format("</div><p class=\"msg\">{}</p><dl class=\"facts\">", escape(f.message));
  try {
    const RuleInfo& info = rule_info(f.rule);
    out +=
        fmt::format("<dt>Rule</dt><dd>{}: {} ({})</dd>", escape(f.rule), escape(info.summary), escape(info.category));
  } catch (const std::out_of_range&) {
    out += fmt::format("<dt>Rule</dt><dd>{}</dd>", escape(f.rule));
  }
  if (f.value) out += fmt::format("<dt>The document</dt><dd class=\"num\">{}</dd>", number_text(*f.value));
  if (f.expected) out += fmt::format("<dt>Expected</dt><dd class=\"num\">{}</dd>", number_text(*f.expected));
  out += readings_html(f, report);
  if (f.keys.size() > 1) {
    out += "<dt>Cells named</dt><dd class=\"keys\">";
    for (const auto& k : f.keys) out += fmt::format("<a href=\"#k-{}\">{}</a> ", escape(k), escape(k));
    out += "</dd>";
  }
  if (const std::string pos = position_text(f.pos); !pos.empty()) {
    out += fmt::format("<dt>Source</dt><dd>{}{}</dd>", escape(pos),
                       in_prose.contains(i) ? fmt::format(" · <a href=\"#p-{}\">the sentence</a>", Marks::id(i)) : "");
  }
  return out + "</dl>" + excerpt_html(quote, f.pos.line) + "</li>";
}

// A paragraph of prose with the sentences findings point into marked.
std::string paragraph_html(const Paragraph& p, const std::vector<ProseMark>& marks, std::set<std::size_t>& anchored) {
  const std::size_t begin = p.offset, end = p.offset + p.text.size();
  std::set<std::size_t> cuts{begin, end};
  for (const ProseMark& m : marks) {
    if (m.end <= begin || m.begin >= end) continue;
    cuts.insert(std::max(m.begin, begin));
    cuts.insert(std::min(m.end, end));
  }
  std::string out = p.heading ? "<p class=\"subheading\">" : "<p>";
  for (auto it = cuts.begin(); std::next(it) != cuts.end(); ++it) {
    const std::size_t from = *it, to = *std::next(it);
    const std::string text = escape(std::string_view(p.text).substr(from - begin, to - from));
    std::string ids, anchor;
    for (const ProseMark& m : marks) {
      if (m.begin > from || m.end < to) continue;
      ids += (ids.empty() ? "" : " ") + Marks::id(m.finding);
      if (anchor.empty() && anchored.insert(m.finding).second) anchor = "p-" + Marks::id(m.finding);
    }
    if (ids.empty()) {
      out += text;
    } else {
      out += fmt::format("<mark class=\"hl\"{} data-findings=\"{}\" tabindex=\"0\" title=\"findings {}\">{}</mark>",
                         anchor.empty() ? "" : fmt::format(" id=\"{}\"", anchor), ids, ids, text);
    }
  }
  return out + "</p>";
}

std::string prose_html(const Report& report, const ReviewContext& context, Marks& marks) {
  std::set<std::size_t> anchored;
  std::string out = "<section id=\"prose\" aria-labelledby=\"prose-h\"><h2 id=\"prose-h\">Text of the report</h2>";
  for (const Paragraph& p : report.preamble) out += paragraph_html(p, context.marks, anchored);
  std::set<std::string_view> present;
  for (const Section& s : report.sections) {
    present.insert(s.key);
    const std::string key = "section." + s.key;
    out +=
        fmt::format("<h3{}>{}{}</h3>", marks.attributes(key, "heading"), escape(s.written_heading), marks.badges(key));
    for (const Paragraph& p : s.prose) out += paragraph_html(p, context.marks, anchored);
  }
  // A section the document lacks is shown where the format has it, said to be missing.
  for (const SectionSpec& spec : sections()) {
    if (present.contains(spec.key)) continue;
    const std::string key = "section." + std::string(spec.key);
    out += fmt::format("<h3{}>{} <span class=\"tag\">missing</span>{}</h3>", marks.attributes(key, "heading missing"),
                       escape(spec.title), marks.badges(key));
  }
  return out + "</section>";
}

std::string legend_html() {
  struct Sample {
    const char* state;
    const char* shown;
    const char* tag;
    const char* meaning;
  };
  static constexpr Sample kSamples[] = {
      {"number", "35", "", "a number"},
      {"zero", "0", "", "zero, written 0"},
      {"blank", "", "blank", "nothing written"},
      {"dash", "-", "dash", "a dash for none"},
      {"slash", "/", "slash", "a slash for none"},
      {"none", "无", "none", "无 written"},
      {"resolved", "12", "X1", "read by X1 from run-together digits"},
      {"unresolved", "1 23", "unresolved", "X2: digits that read several ways"},
      {"absent", "", "absent", "no such cell in the document"},
  };
  std::string out = "<ul class=\"legend\" aria-label=\"cell states\">";
  for (const Sample& s : kSamples) {
    out += fmt::format("<li><span class=\"v st-{}\"><span class=\"raw\">{}</span>{}</span> {}</li>", s.state, s.shown,
                       *s.tag ? fmt::format("<span class=\"tag\">{}</span>", s.tag) : "", s.meaning);
  }
  return out +
         "<li><span class=\"v marked sev-error\"><span class=\"badge sev-error\">A1</span></span> error</li>"
         "<li><span class=\"v marked sev-warning\"><span class=\"badge sev-warning\">F5</span></span> warning</li>"
         "<li><span class=\"v named\">&nbsp;</span> named by a finding</li></ul>";
}

}  // namespace

std::string review_page(const ReviewFile& file, std::string_view index) {
  static const std::vector<Finding> kNoFindings;
  static const ReviewContext kNoContext;
  const std::vector<Finding>& findings = file.findings != nullptr ? *file.findings : kNoFindings;
  const ReviewContext& context = file.context != nullptr ? *file.context : kNoContext;
  const Report* report = file.report;
  Marks marks(findings);
  const std::string title = report != nullptr && !report->title.empty() ? report->title : file.path;

  std::string header = fmt::format("<header><nav><a href=\"{}\">← all reports</a></nav>", escape(index));
  header += fmt::format("<h1{}>{}{}</h1><dl class=\"meta\">", marks.attributes("title", "title"), escape(title),
                        marks.badges("title"));
  const auto meta = [&](std::string_view label, const std::string& value, const std::string& key = "") {
    header += fmt::format("<dt>{}</dt><dd{}>{}{}</dd>", label, key.empty() ? "" : marks.attributes(key, "meta"),
                          escape(value), key.empty() ? "" : marks.badges(key));
  };
  if (report != nullptr) {
    meta("Agency", report->agency.empty() ? "(not found)" : report->agency);
    meta("Year", report->year ? std::to_string(*report->year) : "(not found)", "year");
    meta("Format", report->format_version.empty() ? "(none recognised)" : report->format_version, "format_version");
  }
  meta("File", file.path, "source");
  meta("Read as", file.kind);
  std::size_t errors = 0;
  for (const Finding& f : findings) errors += f.severity == Severity::error ? 1 : 0;
  header += fmt::format("<dt>Status</dt><dd><span class=\"status st-{}\">{}</span>{}</dd>", escape(file.status),
                        escape(file.status), file.reason.empty() ? "" : " · " + escape(file.reason));
  header += fmt::format("<dt>Findings</dt><dd>{} error{}, {} warning{}</dd></dl></header>", errors,
                        errors == 1 ? "" : "s", findings.size() - errors, findings.size() - errors == 1 ? "" : "s");

  std::string body;
  if (report != nullptr) {
    body += "<section id=\"tables\" aria-labelledby=\"tables-h\"><h2 id=\"tables-h\">Tables</h2>" + legend_html();
    body += review::tables_html(*report, marks) + "</section>";
    body += prose_html(*report, context, marks);
  }
  std::set<std::size_t> in_prose;
  for (const ProseMark& m : context.marks) in_prose.insert(m.finding);
  std::string list =
      fmt::format("<section id=\"findings\" aria-labelledby=\"findings-h\"><h2 id=\"findings-h\">Findings ({})</h2>",
                  findings.size());
  if (findings.empty()) list += "<p>No findings.</p>";
  list += "<ol class=\"findings\">";
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Quote quote = i < context.quotes.size() ? context.quotes[i] : Quote{};
    list += finding_html(i, findings[i], quote, report, marks, in_prose);
  }
  list += "</ol></section>";

  std::string out = review::page_head(title + " · xxgk review");
  out += "<body class=\"page\"><a class=\"skip\" href=\"#findings\">Skip to the findings</a>";
  out += header;
  out +=
      "<main><div class=\"side\"><aside id=\"detail\" aria-labelledby=\"detail-h\"><h2 id=\"detail-h\">Selected</h2>";
  out +=
      "<div id=\"detail-body\" aria-live=\"polite\"><p>Select a cell, a heading or a finding (click it, or Tab to "
      "it and press Enter or Space; arrow keys move between cells).</p></div></aside>";
  out += list + "</div><div class=\"doc\">" + body + "</div></main>";
  out += fmt::format("<script>{}</script></body></html>\n", review::page_script());
  return out;
}

}  // namespace xxgk
