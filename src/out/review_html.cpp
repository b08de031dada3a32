// Escaping, the head of a page and the marks findings put on what a page shows.
#include <fmt/format.h>

#include <algorithm>

#include "src/out/review_html.hpp"

namespace xxgk::review {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\0':
        out += "\xEF\xBF\xBD";
        break;  // U+FFFD: a browser would replace it anyway
      default:
        out += c;
    }
  }
  return out;
}

std::string page_head(std::string_view title) {
  // The policy forbids every fetch (images, fonts, styles, scripts, frames, connections) except the
  // page's own inline style and script: a page that referred to anything remote would show nothing
  // of it, rather than call out from the reviewer's machine.
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "script-src 'unsafe-inline'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"xxgk\">\n<title>{}</title>\n<style>{}</style>\n</head>\n",
      escape(title), page_style());
}

Marks::Marks(const std::vector<Finding>& findings) : findings_(findings) {
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const auto& keys = findings[i].keys;
    for (std::size_t k = 0; k < keys.size(); ++k) (k == 0 ? pointing_ : naming_)[keys[k]].push_back(i);
  }
}

std::string Marks::attributes(const std::string& key, std::string_view classes) {
  // The first element that shows a key is where links to it go.
  const bool first = shown_.insert(key).second;
  std::string css(classes);
  std::string ids;
  const auto pointing = pointing_.find(key);
  if (pointing != pointing_.end()) {
    const bool error = std::any_of(pointing->second.begin(), pointing->second.end(),
                                   [&](std::size_t i) { return findings_[i].severity == Severity::error; });
    css += error ? " marked sev-error" : " marked sev-warning";
    for (const std::size_t i : pointing->second) ids += (ids.empty() ? "" : " ") + id(i);
  }
  std::string named;
  if (const auto naming = naming_.find(key); naming != naming_.end()) {
    css += " named";
    for (const std::size_t i : naming->second) named += (named.empty() ? "" : " ") + id(i);
  }
  std::string out = fmt::format(" class=\"{}\" data-key=\"{}\"", css, escape(key));
  if (first) out += fmt::format(" id=\"k-{}\"", escape(key));
  if (!ids.empty()) out += fmt::format(" data-findings=\"{}\"", ids);
  if (!named.empty()) out += fmt::format(" data-named=\"{}\"", named);
  // What findings point at is reached by the keyboard; the rest is selected by click or arrows.
  out += pointing != pointing_.end() ? " tabindex=\"0\"" : " tabindex=\"-1\"";
  return out;
}

std::string Marks::badges(const std::string& key) const {
  const auto pointing = pointing_.find(key);
  if (pointing == pointing_.end()) return {};
  std::string out;
  for (const std::size_t i : pointing->second) {
    const Finding& f = findings_[i];
    out += fmt::format("<span class=\"badge sev-{}\" data-finding=\"{}\" title=\"{} {}: {}\">{}</span>",
                       to_string(f.severity), id(i), to_string(f.severity), escape(f.rule), escape(f.message),
                       escape(f.rule));
  }
  return out;
}

bool Marks::shown(std::size_t finding) const {
  const auto& keys = findings_[finding].keys;
  return !keys.empty() && shown_.contains(keys.front());
}

}  // namespace xxgk::review
