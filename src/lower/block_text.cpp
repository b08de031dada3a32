#include "src/lower/block_text.hpp"

#include <algorithm>
#include <bit>

#include "grammar/sections.hpp"

namespace xxgk::block_text {

bool is_number(std::string_view s) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (s.empty() || !digit(s.front()) || !digit(s.back())) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return digit(c) || c == '.'; }) &&
         std::count(s.begin(), s.end(), '.') <= 1;
}

bool is_token_blank(char c) {
  return c == ' ' || c == '\t' || c == '\f' || c == '\r';
}

std::vector<Token> tokens_of(std::string_view text, std::size_t begin, std::size_t end) {
  std::vector<Token> out;
  for (std::size_t i = begin; i < end;) {
    if (is_token_blank(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < end && !is_token_blank(text[j])) ++j;
    const std::string_view t = text.substr(i, j - i);
    out.push_back({std::string(t), i, is_number(t)});
    i = j;
  }
  return out;
}

bool is_furniture(std::string_view text, std::size_t line_start) {
  tao::pegtl::memory_input<tao::pegtl::tracking_mode::lazy> in(text.data(), text.data() + text.size(), "");
  in.bump(line_start);
  return tao::pegtl::parse<grammar::furniture_line>(in);
}

bool TextBlock::has_text() const {
  return std::any_of(lines.begin(), lines.end(), [](const auto& line) {
    return std::any_of(line.begin(), line.end(), [](const Token& t) { return !t.number; });
  });
}

std::vector<TextBlock> blocks_of(std::string_view text, std::size_t begin, std::size_t end) {
  struct Line {
    std::vector<Token> tokens;
    bool page_starts = false;  // a form feed opens it
    bool furniture = false;    // skipped, not a paragraph's end
  };
  std::vector<Line> lines;
  for (std::size_t i = begin; i < end;) {
    std::size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos || nl > end) nl = end;
    const std::string_view line = text.substr(i, nl - i);
    const bool furniture = is_furniture(text, i);
    lines.push_back({furniture ? std::vector<Token>{} : tokens_of(text, i, nl),
                     line.find('\f') != std::string_view::npos, furniture});
    i = nl + 1;
  }
  std::vector<TextBlock> out;
  TextBlock current;
  const auto close = [&] {
    if (!current.lines.empty()) out.push_back(std::move(current));
    current = {};
  };
  for (std::size_t l = 0; l < lines.size(); ++l) {
    if (lines[l].page_starts) close();
    if (lines[l].furniture) continue;
    if (lines[l].tokens.empty()) {
      close();
      continue;
    }
    current.lines.push_back(std::move(lines[l].tokens));
  }
  close();
  return out;
}

std::vector<std::vector<Token>> wrapped_readings(const TextBlock& p) {
  const std::vector<Token>& first = p.lines.front();
  std::vector<Token> after;
  for (std::size_t l = 1; l < p.lines.size(); ++l) after.insert(after.end(), p.lines[l].begin(), p.lines[l].end());
  std::vector<std::vector<Token>> out;
  if (first.size() >= 16) return out;
  for (unsigned wrapped = 1; wrapped < (1U << first.size()); ++wrapped) {
    const auto joins = static_cast<std::size_t>(std::popcount(wrapped));
    if (joins > after.size()) continue;
    const std::size_t whole = after.size() - joins;
    std::vector<Token> cells;
    std::size_t tail = whole;
    bool leading_zero = false;
    for (std::size_t k = 0; k < first.size(); ++k) {
      cells.push_back(first[k]);
      if ((wrapped >> k & 1U) == 0) continue;
      leading_zero = leading_zero || first[k].text.front() == '0';
      cells.back().text += after[tail++].text;
    }
    if (leading_zero) continue;
    cells.insert(cells.end(), after.begin(), after.begin() + static_cast<long>(whole));
    out.push_back(std::move(cells));
  }
  return out;
}

}  // namespace xxgk::block_text
