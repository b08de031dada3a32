// Prose against tables (B4) and year consistency (Y1). Prose is free text, so these are
// pattern checks on each sentence with spaces and line breaks removed (PDF text breaks
// sentences, and numbers, anywhere).
#include <algorithm>
#include <cstdlib>

#include "src/findings.hpp"
#include "src/sentences.hpp"
#include "src/text.hpp"
#include "xxgk/validate.hpp"

namespace xxgk {
namespace {

// A sentence of prose with each byte's offset in the normalised text.
class NarrativeCheck {
 public:
  NarrativeCheck(const Report& r, const Source& source, std::vector<Finding>& out)
      : r_(r), source_(source), out_(out) {}

  void run() {
    std::vector<const std::vector<Paragraph>*> parts{&r_.preamble};
    for (const Section& s : r_.sections) parts.push_back(&s.prose);
    for (const auto* part : parts) {
      for (const Sentence& s : sentences_of(*part)) {
        statistical_period(s);
        this_year(s);
        applications(s);
        normative_documents(s);
        review_litigation(s);
      }
    }
  }

 private:
  const Report& r_;
  const Source& source_;
  std::vector<Finding>& out_;

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
        "B4", {cell->key},
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
};

}  // namespace

void check_narrative(const Report& report, const Source& source, std::vector<Finding>& out) {
  NarrativeCheck(report, source, out).run();
}

}  // namespace xxgk
