// Findings printed like a compiler's: location, rule, key, message, the line and a caret.
#include <ostream>

#include <fmt/format.h>

#include "src/text.hpp"
#include "xxgk/output.hpp"

namespace xxgk {

std::string caret_line(std::string_view line, std::uint32_t column) {
  std::string out;
  std::uint32_t n = 1;
  for (const char32_t cp : code_points(line)) {
    if (n >= column) break;
    // A tab stays a tab so the caret lines up however the terminal expands it.
    if (cp == U'\t') {
      out.push_back('\t');
    } else {
      out.append(static_cast<std::size_t>(display_width(cp)), ' ');
    }
    ++n;
  }
  out.push_back('^');
  return out;
}

void write_diagnostic(const Finding& f, const Source& source, std::ostream& out) {
  out << fmt::format("{}:{}:{}: {}[{}]", source.name(), f.pos.line, f.pos.column, to_string(f.severity), f.rule);
  if (!f.keys.empty()) out << ' ' << f.keys.front() << ':';
  out << ' ' << f.message << '\n';
  const std::string_view line = source.original_line(f.pos.line);
  if (f.pos.line == 0 || line.empty()) return;
  out << fmt::format("{:>5} | {}\n", f.pos.line, line);
  out << "      | " << caret_line(line, f.pos.column) << '\n';
}

}  // namespace xxgk
