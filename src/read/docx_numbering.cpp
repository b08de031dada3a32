// Word's list numbering: a paragraph's w:numPr (or its style's) names a numbering instance (w:num)
// and a level; the instance names an abstract definition (w:abstractNum) whose level gives the
// start, the format and the text around the number. Counters belong to the abstract definition:
// Word goes on counting across instances that share one, unless an instance restarts a level
// (w:lvlOverride/w:startOverride), as "Restart at 1" writes it.
#include "src/read/docx_numbering.hpp"

#include <fmt/format.h>

#include "src/read/docx_xml.hpp"
#include "src/text.hpp"

namespace xxgk::docx {
namespace {

// Numbers written with CJK numerals up to 9999: counting (十一, 一百〇一) and legal (壹拾壹) forms.
std::string cjk_number(int n, const char* const digits[10], const char* const units[4], bool bare_ten) {
  if (n <= 0 || n > 9999) return std::to_string(n);
  const int place_digits[4] = {n / 1000, n / 100 % 10, n / 10 % 10, n % 10};
  std::string out;
  bool zero_pending = false;
  for (int k = 0; k < 4; ++k) {
    const int d = place_digits[k];
    const int unit = 3 - k;
    if (d == 0) {
      zero_pending = !out.empty();
      continue;
    }
    if (zero_pending) out += digits[0];
    zero_pending = false;
    // 十一, not 一十一, when the tens are the first place written (Word's counting forms).
    if (!(bare_ten && d == 1 && unit == 1 && out.empty())) out += digits[d];
    out += units[unit];
  }
  return out;
}

std::string roman(int n, bool upper) {
  if (n <= 0 || n >= 4000) return std::to_string(n);
  static constexpr std::pair<int, const char*> kParts[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string out;
  for (const auto& [value, letters] : kParts) {
    for (; n >= value; n -= value) out += letters;
  }
  if (upper) {
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// A, B, … Z, AA, BB, …: Word repeats the letter.
std::string letters(int n, char first) {
  if (n <= 0) return std::to_string(n);
  return std::string(static_cast<std::size_t>((n - 1) / 26 + 1), static_cast<char>(first + (n - 1) % 26));
}

// A code point in UTF-8 (src/text.hpp's encoder).
std::string utf8(char32_t cp) {
  std::string out;
  append_utf8(out, cp);
  return out;
}

// The signs for 1 to 20 that start at `first` (①, ⑴, ⒈); decimal beyond.
std::string enclosed(int n, char32_t first) {
  return n >= 1 && n <= 20 ? utf8(first + static_cast<char32_t>(n - 1)) : std::to_string(n);
}

std::string cycle(int n, const char* const signs[], int count) {
  return n >= 1 ? signs[(n - 1) % count] : std::to_string(n);
}

}  // namespace

std::string format_number(int n, std::string_view format) {
  static const char* const kCounting[10] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  static const char* const kThousand[10] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  static const char* const kLegal[10] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
  static const char* const kUnits[4] = {"", "十", "百", "千"};
  static const char* const kLegalUnits[4] = {"", "拾", "佰", "仟"};
  static const char* const kStems[10] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
  static const char* const kBranches[12] = {"子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"};
  if (format == "none" || format == "bullet") return "";
  if (format == "decimalZero") return n >= 0 && n < 10 ? fmt::format("0{}", n) : std::to_string(n);
  if (format == "chineseCounting" || format == "japaneseCounting" || format == "taiwaneseCounting") {
    return cjk_number(n, kCounting, kUnits, true);
  }
  if (format == "chineseCountingThousand" || format == "taiwaneseCountingThousand") {
    return cjk_number(n, kThousand, kUnits, true);
  }
  if (format == "chineseLegalSimplified") return cjk_number(n, kLegal, kLegalUnits, false);
  if (format == "ideographDigital" || format == "taiwaneseDigital" || format == "japaneseDigitalTenThousand") {
    if (n < 0) return std::to_string(n);
    std::string out;
    for (const char d : std::to_string(n)) out += kCounting[d - '0'];
    return out;
  }
  if (format == "ideographTraditional") return cycle(n, kStems, 10);
  if (format == "ideographZodiac") return cycle(n, kBranches, 12);
  if (format == "decimalEnclosedCircle" || format == "decimalEnclosedCircleChinese") return enclosed(n, U'\u2460');
  if (format == "decimalEnclosedParen") return enclosed(n, U'\u2474');
  if (format == "decimalEnclosedFullstop") return enclosed(n, U'\u2488');
  if (format == "decimalFullWidth" || format == "decimalFullWidth2") {
    if (n < 0) return std::to_string(n);
    std::string out;
    for (const char d : std::to_string(n)) out += utf8(U'\uFF10' + static_cast<char32_t>(d - '0'));
    return out;
  }
  if (format == "upperLetter") return letters(n, 'A');
  if (format == "lowerLetter") return letters(n, 'a');
  if (format == "upperRoman") return roman(n, true);
  if (format == "lowerRoman") return roman(n, false);
  return std::to_string(n);  // decimal, and formats a report does not use (cardinalText, hebrew1, …)
}

namespace {

// w:numFmt of a level, also where Word 2010 wraps it in mc:AlternateContent (a custom format in
// the choice, its plain equivalent in the fallback).
std::string level_format(const xmlNode* lvl) {
  if (const auto val = child_val(lvl, "numFmt")) return std::string(*val);
  for (const xmlNode* c = lvl->children; c != nullptr; c = c->next) {
    if (!is_mc(c, "AlternateContent")) continue;
    for (const xmlNode* branch = c->children; branch != nullptr; branch = branch->next) {
      if (!is_mc(branch, "Fallback")) continue;
      if (const auto val = child_val(branch, "numFmt")) return std::string(*val);
    }
  }
  return "decimal";
}

const xmlNode* root_of(const xmlDoc* doc) {
  return doc == nullptr ? nullptr : xmlDocGetRootElement(const_cast<xmlDoc*>(doc));
}

}  // namespace

Numbering::Numbering(const xmlDoc* numbering, const xmlDoc* styles) {
  const auto read_level = [](const xmlNode* lvl, Level& level) {
    level.start = as_int(child_val(lvl, "start")).value_or(0);
    level.format = level_format(lvl);
    level.text = std::string(child_val(lvl, "lvlText").value_or(""));
    if (const auto restart = as_int(child_val(lvl, "lvlRestart"))) level.restart_after = *restart - 1;
    level.legal = is_on(w_child(lvl, "isLgl"));
    level.space_after = child_val(lvl, "suff").value_or("tab") != "nothing";
  };
  const auto level_index = [](const xmlNode* lvl) { return as_int(w_attr(lvl, "ilvl")).value_or(-1); };
  if (const xmlNode* root = root_of(numbering)) {
    for (const xmlNode* n = root->children; n != nullptr; n = n->next) {
      if (is_w(n, "abstractNum")) {
        Abstract& abstract = abstracts_[std::string(w_attr(n, "abstractNumId").value_or(""))];
        abstract.style_link = std::string(child_val(n, "numStyleLink").value_or(""));
        for (const xmlNode* lvl = n->children; lvl != nullptr; lvl = lvl->next) {
          const int index = level_index(lvl);
          if (is_w(lvl, "lvl") && index >= 0 && index < kLevels) read_level(lvl, abstract.levels[index]);
        }
      } else if (is_w(n, "num")) {
        Instance& instance = instances_[std::string(w_attr(n, "numId").value_or(""))];
        instance.abstract_id = std::string(child_val(n, "abstractNumId").value_or(""));
        for (const xmlNode* o = n->children; o != nullptr; o = o->next) {
          const int index = level_index(o);
          if (!is_w(o, "lvlOverride") || index < 0 || index >= kLevels) continue;
          if (const auto start = as_int(child_val(o, "startOverride"))) instance.start_overrides[index] = *start;
          if (const xmlNode* lvl = w_child(o, "lvl")) read_level(lvl, instance.level_overrides[index]);
        }
      }
    }
  }
  if (const xmlNode* root = root_of(styles)) {
    for (const xmlNode* s = root->children; s != nullptr; s = s->next) {
      if (!is_w(s, "style")) continue;
      StyleNumbering& style = styles_[std::string(w_attr(s, "styleId").value_or(""))];
      style.based_on = std::string(child_val(s, "basedOn").value_or(""));
      const xmlNode* num_pr = w_child(w_child(s, "pPr"), "numPr");
      style.num_id = std::string(child_val(num_pr, "numId").value_or(""));
      style.level = std::string(child_val(num_pr, "ilvl").value_or(""));
    }
  }
}

const Numbering::Abstract* Numbering::abstract_of(const Instance& instance) const {
  const Instance* current = &instance;
  // A definition that links to a numbering style takes that style's list (bounded: links may loop).
  for (int hops = 0; hops < 8; ++hops) {
    const auto abstract = abstracts_.find(current->abstract_id);
    if (abstract == abstracts_.end()) return nullptr;
    if (abstract->second.style_link.empty()) return &abstract->second;
    const auto style = styles_.find(abstract->second.style_link);
    if (style == styles_.end()) return &abstract->second;
    const auto linked = instances_.find(style->second.num_id);
    if (linked == instances_.end()) return &abstract->second;
    current = &linked->second;
  }
  return nullptr;
}

// The paragraph's numbering instance and level: its own w:numPr, else its style's (through
// w:basedOn). numId 0 means "not numbered".
std::pair<std::string, int> Numbering::paragraph_numbering(const xmlNode* paragraph) const {
  const xmlNode* properties = w_child(paragraph, "pPr");
  const xmlNode* num_pr = w_child(properties, "numPr");
  std::string num_id(child_val(num_pr, "numId").value_or(""));
  std::string level(child_val(num_pr, "ilvl").value_or(""));
  std::string style_id(child_val(properties, "pStyle").value_or(""));
  for (int hops = 0; hops < 16 && (num_id.empty() || level.empty()) && !style_id.empty(); ++hops) {
    const auto style = styles_.find(style_id);
    if (style == styles_.end()) break;
    if (num_id.empty()) num_id = style->second.num_id;
    if (level.empty()) level = style->second.level;
    style_id = style->second.based_on;
  }
  return {num_id, as_int(std::string_view(level)).value_or(0)};
}

std::string Numbering::next(const xmlNode* paragraph) {
  const auto [num_id, level] = paragraph_numbering(paragraph);
  if (num_id.empty() || num_id == "0" || level < 0 || level >= kLevels) return "";
  const auto instance = instances_.find(num_id);
  if (instance == instances_.end()) return "";
  const Abstract* abstract = abstract_of(instance->second);
  if (abstract == nullptr) return "";
  const auto level_of = [&](int k) -> const Level& {
    const auto o = instance->second.level_overrides.find(k);
    return o != instance->second.level_overrides.end() ? o->second : abstract->levels[k];
  };
  const Level& this_level = level_of(level);
  Counters& counters = counters_[abstract];
  std::array<bool, kLevels>& applied = overrides_applied_[num_id];
  if (const auto o = instance->second.start_overrides.find(level);
      o != instance->second.start_overrides.end() && !applied[level]) {
    applied[level] = true;
    counters.value[level] = o->second;
  } else if (!counters.started[level]) {
    counters.value[level] = this_level.start;
  } else {
    ++counters.value[level];
  }
  counters.started[level] = true;
  for (int deeper = level + 1; deeper < kLevels; ++deeper) {
    const int restart_after = level_of(deeper).restart_after;
    if (level <= restart_after) counters.started[deeper] = false;
  }
  if (this_level.format == "bullet" || this_level.format == "none") return "";
  std::string out;
  const std::string& text = this_level.text;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
      const int k = text[i + 1] - '1';
      const Level& shown = level_of(k);
      const int value = counters.started[k] ? counters.value[k] : shown.start;
      out += format_number(value, this_level.legal && k < level ? "decimal" : shown.format);
      ++i;
    } else {
      out += text[i];
    }
  }
  if (this_level.space_after && !out.empty() && static_cast<unsigned char>(out.back()) < 0x80) out += ' ';
  return out;
}

}  // namespace xxgk::docx
