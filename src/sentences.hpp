// Prose as sentences with spaces and line breaks removed (PDF text breaks sentences and numbers
// anywhere), each byte with its offset in the normalised text. Shared by the narrative checks and
// the statistics of pre-2019 reports (internal to the library).
#pragma once

#include <algorithm>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xxgk/ast.hpp"

namespace xxgk {

// The offset in the normalised text of each byte of a sentence, kept as runs of consecutive
// offsets: a sentence is copied from the text with only blanks taken out, and one offset of 8 bytes
// a byte of text was most of the memory of checking a report with a long paragraph.
class SentenceOffsets {
 public:
  void push_back(std::size_t offset) {
    if (size_ == 0 || offset != back() + 1) runs_.push_back({size_, offset});
    ++size_;
  }
  [[nodiscard]] std::size_t operator[](std::size_t i) const {
    const auto run = std::upper_bound(runs_.begin(), runs_.end(), i,
                                      [](std::size_t at, const Run& r) { return at < r.first_byte; }) -
                     1;
    return run->offset + (i - run->first_byte);
  }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] std::size_t front() const { return runs_.front().offset; }
  [[nodiscard]] std::size_t back() const { return runs_.back().offset + (size_ - 1 - runs_.back().first_byte); }

 private:
  struct Run {
    std::size_t first_byte;  // of the sentence
    std::size_t offset;      // of that byte in the text; the run's next bytes follow it
  };
  std::vector<Run> runs_;
  std::size_t size_ = 0;
};

struct Sentence {
  std::string text;
  SentenceOffsets offsets;
  [[nodiscard]] bool has(std::string_view s) const { return text.find(s) != std::string::npos; }
};

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

inline std::vector<Sentence> sentences_of(const std::vector<Paragraph>& paragraphs) {
  std::vector<Sentence> out(1);
  for (const Paragraph& p : paragraphs) {
    for (std::size_t i = 0; i < p.text.size(); ++i) {
      const char c = p.text[i];
      if (c == ' ' || c == '\t' || c == '\n') continue;
      out.back().text.push_back(c);
      out.back().offsets.push_back(p.offset + i);
      const std::string& t = out.back().text;
      const bool sentence_end =
          (t.size() >= 3 && (t.compare(t.size() - 3, 3, "。") == 0 || t.compare(t.size() - 3, 3, "；") == 0)) ||
          c == ';' || c == '!' || c == '?' || c == ':';
      if (sentence_end) out.emplace_back();
    }
    if (p.heading && !out.back().text.empty()) out.emplace_back();
  }
  if (out.back().text.empty()) out.pop_back();
  return out;
}

struct NumberMention {
  double value = 0;
  std::size_t at = 0;  // byte index in the sentence
};

// The first number at or after `from` that is followed by one of the units (件, 个, 起 …).
inline std::optional<NumberMention> number_with_unit(const Sentence& s, std::size_t from,
                                                     std::initializer_list<std::string_view> units) {
  for (std::size_t i = from; i < s.text.size(); ++i) {
    if (!is_digit(s.text[i]) || (i > 0 && (is_digit(s.text[i - 1]) || s.text[i - 1] == '.'))) continue;
    std::size_t j = i;
    while (j < s.text.size() && is_digit(s.text[j])) ++j;
    for (const auto unit : units) {
      if (s.text.compare(j, unit.size(), unit) == 0)
        return NumberMention{std::strtod(s.text.substr(i, j - i).c_str(), nullptr), i};
    }
  }
  return std::nullopt;
}

}  // namespace xxgk
