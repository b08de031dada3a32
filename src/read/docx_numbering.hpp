// The numbers Word shows before numbered paragraphs (w:numPr), which are not in the paragraph's
// text: "一、", "（一）", "1.", "①" computed from word/numbering.xml as Word counts them (internal
// to the library; used by the Word reader).
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <libxml/tree.h>

namespace xxgk::docx {

// A number in a numbering format of WordprocessingML (w:numFmt): "decimal" 12, "chineseCounting"
// 十二, "ideographTraditional" 乙, "decimalEnclosedCircle" ⑫, "upperLetter" L, "lowerRoman" xii, …;
// an unknown format as decimal, "none" and "bullet" as "".
std::string format_number(int n, std::string_view format);

class Numbering {
 public:
  // From word/numbering.xml and word/styles.xml (either may be nullptr: a document without lists).
  Numbering(const xmlDoc* numbering, const xmlDoc* styles);

  // What a paragraph shows before its text: its number with the text of its level (w:lvlText,
  // such as "%1、" or "（%1）" or "%1.%2"), and a space after it when the number ends in a
  // character of ASCII and the level puts a tab or a space after it (w:suff). "" for a paragraph
  // that is not numbered, or numbered with bullets. Counts the paragraph: call once for each
  // paragraph, in the order of the document.
  std::string next(const xmlNode* paragraph);

 private:
  static constexpr int kLevels = 9;
  struct Level {
    int start = 0;  // ECMA-376: 0 when w:start is left out
    std::string format = "decimal";
    std::string text;             // w:lvlText
    int restart_after = kLevels;  // w:lvlRestart: restarts when a level up to this one is used (-1: never)
    bool legal = false;           // w:isLgl: the numbers of the levels it shows as decimal
    bool space_after = true;      // w:suff is tab (the default) or space
  };
  struct Abstract {
    std::array<Level, kLevels> levels;
    std::string style_link;  // w:numStyleLink: the definition is the one of that numbering style
  };
  struct Instance {
    std::string abstract_id;
    std::map<int, int> start_overrides;    // level → w:startOverride
    std::map<int, Level> level_overrides;  // level → w:lvlOverride/w:lvl
  };
  struct Counters {
    std::array<int, kLevels> value{};
    std::array<bool, kLevels> started{};
  };
  struct StyleNumbering {
    std::string num_id, level, based_on;
  };

  [[nodiscard]] const Abstract* abstract_of(const Instance& instance) const;
  [[nodiscard]] std::pair<std::string, int> paragraph_numbering(const xmlNode* paragraph) const;

  std::map<std::string, Abstract> abstracts_;
  std::map<std::string, Instance> instances_;
  std::map<std::string, StyleNumbering> styles_;
  // By abstract definition (after w:numStyleLink): lists that share one go on counting.
  std::map<const Abstract*, Counters> counters_;
  std::map<std::string, std::array<bool, kLevels>> overrides_applied_;  // by instance
};

}  // namespace xxgk::docx
