// Prose against tables (B4; B5 for the fees stated in 六) and year consistency (Y1). Prose is
// free text, so these are pattern checks on each sentence with spaces and line breaks removed
// (PDF text breaks sentences, and numbers, anywhere).
#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "src/rules/findings.hpp"
#include "src/sentences.hpp"
#include "src/text.hpp"
#include "xxgk/validate.hpp"

namespace xxgk {
namespace {

// What a sentence of 六 says about the fee notices (收费通知) sent in the year (rule B5).
struct FeeNoticeStatement {
  double notices = 0;
  std::string said;    // the reading, for the message
  std::string words;   // the clause that says it, spaces removed
  std::size_t at = 0;  // byte index in the sentence
};

bool ends_with(std::string_view text, std::string_view end) {
  return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

// `未发出收费通知`, `没有向申请人发出收费通知`, `无收费通知`: a negation right before a verb of
// sending (or before 向/曾/对 and whom), or right before the notice. `逾期未按收费通知要求缴纳费用`
// negates paying, not sending; `未缴费的再次发出收费通知` sends one.
std::optional<std::size_t> notice_not_sent(std::string_view before_notice) {
  for (const std::string_view none : {"无", "没有", "未有"}) {
    if (ends_with(before_notice, none)) return before_notice.size() - none.size();
  }
  constexpr std::size_t kMostBetween = 3 * 6;  // 向申请人 and the like: up to six characters
  for (const std::string_view negation : {"未", "没有"}) {
    for (auto at = before_notice.find(negation); at != std::string_view::npos;
         at = before_notice.find(negation, at + 1)) {
      const std::size_t after = at + negation.size();
      for (const std::string_view send : {"发出", "下发", "发送", "送达", "出具", "开具"}) {
        const auto verb = before_notice.find(send, after);
        if (verb == std::string_view::npos) continue;
        const std::string_view between = before_notice.substr(after, verb - after);
        const bool to_whom = between.starts_with("向") || between.starts_with("曾") || between.starts_with("对");
        if (between.empty() || (to_whom && between.size() <= kMostBetween)) return at;
      }
    }
  }
  return std::nullopt;
}

std::optional<FeeNoticeStatement> fee_notices_in_clause(const Sentence& s, std::size_t begin, std::size_t end) {
  const std::string_view clause = std::string_view(s.text).substr(begin, end - begin);
  for (const std::string_view notice : {"收费通知", "缴费通知"}) {
    const auto at = clause.find(notice);
    if (at == std::string_view::npos || ends_with(clause.substr(0, at), "按")) continue;
    if (const auto negation = notice_not_sent(clause.substr(0, at))) {
      return FeeNoticeStatement{0, "no fee notice was sent", {}, begin + *negation};
    }
    // `发出收费通知2件`, `…的件数和总金额以及实际收取的总金额分别为0件、0元、0元`: the count comes first.
    if (const auto n = number_with_unit(s, begin + at, {"件", "份", "次", "个"}); n && n->at < end) {
      return FeeNoticeStatement{n->value, fmt::format("{} fee notices were sent", number_text(n->value)), {}, n->at};
    }
    // `发出收费通知的件数和总金额以及实际收取的总金额均为0`. (`实际收取的总金额为0` alone is about
    // what was collected, and says nothing of the notices.)
    for (const std::string_view zero : {"均为0", "均为零", "都为0", "都是0", "均是0", "件数为0", "件数为零"}) {
      if (const auto z = clause.find(zero, at); z != std::string_view::npos) {
        return FeeNoticeStatement{0, "no fee notice was sent", {}, begin + z};
      }
    }
  }
  // `本年度没有产生信息公开处理费`: no fee was levied, so none could go unpaid.
  for (const std::string_view none : {"未产生", "没有产生", "无产生"}) {
    const auto at = clause.find(none);
    if (at != std::string_view::npos && clause.find("费", at) != std::string_view::npos) {
      return FeeNoticeStatement{0, "no information-processing fee arose", {}, begin + at};
    }
  }
  return std::nullopt;
}

// The first statement about fee notices in the sentence, read clause by clause (a comma ends a
// clause: `发出收费通知1件,实际收取0元` holds two statements).
std::optional<FeeNoticeStatement> fee_notices_stated(const Sentence& s) {
  for (std::size_t begin = 0; begin < s.text.size();) {
    const std::size_t end = std::min(s.text.find(',', begin), s.text.size());
    if (auto stated = fee_notices_in_clause(s, begin, end)) {
      stated->words = s.text.substr(begin, end - begin);
      if (ends_with(stated->words, "。")) stated->words.resize(stated->words.size() - std::string_view("。").size());
      return stated;
    }
    begin = end + 1;
  }
  return std::nullopt;
}

// A sentence of prose with each byte's offset in the normalised text.
class NarrativeCheck {
 public:
  NarrativeCheck(const Report& r, const Source& source, std::vector<Finding>& out)
      : r_(r), source_(source), out_(out) {}

  void run() {
    sentences(r_.preamble, false);
    for (const Section& s : r_.sections) sentences(s.prose, s.key == "other_matters");
  }

 private:
  const Report& r_;
  const Source& source_;
  std::vector<Finding>& out_;
  bool fees_reported_ = false;  // one B5 a report: every statement in 六 is held to the same cell

  void sentences(const std::vector<Paragraph>& prose, bool other_matters) {
    for (const Sentence& s : sentences_of(prose)) {
      statistical_period(s);
      this_year(s);
      applications(s);
      normative_documents(s);
      review_litigation(s);
      // 六 is where the format asks for the fees (发出收费通知的件数和总金额以及实际收取的总金额).
      if (other_matters) fee_notices(s);
    }
  }

  SourcePos pos(const Sentence& s, std::size_t at) const {
    return source_.position(s.offsets[std::min(at, s.offsets.size() - 1)]);
  }

  // The prose says `said` where the table has the cell; `also_fine` are other readings some
  // agencies use (e.g. new plus carried-over applications as "received").
  void compare(const Sentence& s, std::size_t at, double said, const Cell* cell, std::string_view what,
               std::initializer_list<std::optional<double>> also_fine = {}) {
    const auto table = arithmetic_value(cell);
    if (!table || *table == said) return;
    for (const auto& alt : also_fine) {
      if (alt && *alt == said) return;
    }
    out_.push_back(make_finding(
        "B4", {std::string(cell->key)},
        fmt::format("the prose says {} {} but {} is {}", what, number_text(said), cell->key, number_text(*table)),
        pos(s, at), table, said));
  }

  void statistical_period(const Sentence& s) {
    if (!r_.year) return;
    for (std::size_t i = s.text.find("年1月1日"); i != std::string::npos; i = s.text.find("年1月1日", i + 1)) {
      if (i < 4 ||
          !std::all_of(s.text.begin() + static_cast<long>(i - 4), s.text.begin() + static_cast<long>(i), is_digit))
        continue;
      const int year = std::atoi(s.text.substr(i - 4, 4).c_str());
      if (year != *r_.year) {
        out_.push_back(make_finding(
            "Y1", {"year"}, fmt::format("the statistical period starts in {} but the title says {}", year, *r_.year),
            pos(s, i - 4), year, *r_.year));
      }
    }
  }

  // A sentence that opens with a year speaks of the year it reports on; the report's year and
  // the next (plans) are expected.
  void this_year(const Sentence& s) {
    if (!r_.year || s.text.size() < 7 || !std::all_of(s.text.begin(), s.text.begin() + 4, is_digit)) return;
    if (s.text.compare(4, 3, "年") != 0) return;
    const int year = std::atoi(s.text.substr(0, 4).c_str());
    if (year == *r_.year || year == *r_.year + 1) return;
    out_.push_back(make_finding(
        "Y1", {"year"},
        fmt::format("a sentence about the reporting year opens with {} but the report is on {}", year, *r_.year),
        pos(s, 0), year, *r_.year));
  }

  void applications(const Sentence& s) {
    if (!s.has("申请") || s.has("行政复议") || s.has("行政诉讼") || s.has("信访")) return;
    const Table& t = r_.table3;
    const auto received = arithmetic_value(t.cell("new_received", "total"));
    const auto carried = arithmetic_value(t.cell("carried_over", "total"));
    const std::optional<double> received_and_carried =
        received && carried ? std::optional<double>(*received + *carried) : std::nullopt;
    if (const auto none = s.text.find("未收到"); none != std::string::npos) {
      compare(s, none, 0, t.cell("new_received", "total"), "applications received:");
      return;
    }
    std::size_t handled_from = 0;
    if (const auto at = s.text.find("收到"); at != std::string::npos) {
      if (const auto n = number_with_unit(s, at, {"件"})) {
        compare(s, n->at, n->value, t.cell("new_received", "total"), "applications received:", {received_and_carried});
        handled_from = n->at + 1;
      } else {
        return;
      }
    }
    // "办结N件" may follow in the same sentence as the received count.
    for (std::string_view verb : {"办结", "处理", "答复", "办理"}) {
      if (const auto at = s.text.find(verb, handled_from); at != std::string::npos) {
        if (const auto n = number_with_unit(s, at, {"件"})) {
          compare(s, n->at, n->value, t.cell("total", "total"), "applications handled:", {received_and_carried});
        }
        return;
      }
    }
  }

  void normative_documents(const Sentence& s) {
    const auto at = s.text.find("规范性文件");
    if (at == std::string::npos || !(s.has("印发") || s.has("制发"))) return;
    const Table& t = r_.table2;
    if (const auto n = number_with_unit(s, at, {"个", "件"})) {
      compare(s, n->at, n->value, t.cell("normative_documents", "issued"), "normative documents issued:");
    }
    if (const auto repealed = s.text.find("废止", at); repealed != std::string::npos) {
      if (const auto n = number_with_unit(s, repealed, {"个", "件"})) {
        compare(s, n->at, n->value, t.cell("normative_documents", "repealed"), "normative documents repealed:");
      }
    }
    if (const auto in_force = s.text.find("有效", at); in_force != std::string::npos) {
      if (const auto n = number_with_unit(s, in_force, {"个", "件"})) {
        compare(s, n->at, n->value, t.cell("normative_documents", "in_force"), "normative documents in force:");
      }
    }
  }

  void review_litigation(const Sentence& s) {
    const auto review = s.text.find("行政复议");
    const auto litigation = s.text.find("行政诉讼");
    if (review == std::string::npos && litigation == std::string::npos) return;
    const bool none = s.has("未发生") || s.has("未收到") || s.has("没有") || s.has("未出现");
    const Cell* review_total = r_.table4.cell("review", "total");
    if (none && !number_with_unit(s, 0, {"件", "起"})) {
      if (review != std::string::npos) compare(s, review, 0, review_total, "administrative reviews:");
      if (litigation != std::string::npos) {
        for (std::string_view group : {"litigation_direct", "litigation_after_review"}) {
          compare(s, litigation, 0, r_.table4.cell(group, "total"), "lawsuits:");
        }
      }
      return;
    }
    if (review != std::string::npos) {
      if (const auto n = number_with_unit(s, review, {"件", "起"}); n && n->at - review <= 3 * 8) {
        compare(s, n->at, n->value, review_total, "administrative reviews:");
      }
    }
  }

  // B5. An applicant can only fail to pay a fee notice that was sent, so the applications table 三
  // counts as closed for that reason (other.unpaid_fee) each had one: this year, unless it was
  // carried over from last year (上年结转) and its notice went out then. 六 is held to that when it
  // says how many notices went out, or that no fee arose at all. That nothing was collected (未收取信息处理费) is
  // what an unpaid notice leaves, so it is not compared; nor is table 二's 行政事业性收费, in 万元,
  // which is another thing.
  void fee_notices(const Sentence& s) {
    if (fees_reported_) return;
    const Cell* unpaid = r_.table3.cell("other.unpaid_fee", "total");
    const auto unpaid_count = arithmetic_value(unpaid);
    const Cell* carried = r_.table3.cell("carried_over", "total");
    const auto carried_count = arithmetic_value(carried);
    if (!unpaid_count || !carried_count || *unpaid_count <= *carried_count) return;
    const auto stated = fee_notices_stated(s);
    const double needed = *unpaid_count - *carried_count;
    if (!stated || stated->notices >= needed) return;
    std::vector<std::string> keys{std::string(unpaid->key)};
    std::string carried_note;
    if (*carried_count > 0) {
      keys.emplace_back(carried->key);
      carried_note = fmt::format(", and only {} was carried over from last year", number_text(*carried_count));
    }
    out_.push_back(make_finding(
        "B5", keys,
        fmt::format("六 says {} ('{}') but {} is {}{}: an applicant cannot fail to pay a notice that was never sent",
                    stated->said, stated->words, unpaid->key, number_text(*unpaid_count), carried_note),
        pos(s, stated->at), unpaid_count, stated->notices));
    fees_reported_ = true;
  }
};

}  // namespace

void check_narrative(const Report& report, const Source& source, std::vector<Finding>& out) {
  NarrativeCheck(report, source, out).run();
}

}  // namespace xxgk
