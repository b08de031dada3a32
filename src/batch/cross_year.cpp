#include "src/batch/cross_year.hpp"

#include <cstdint>
#include <cstring>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "xxgk/keys.hpp"
#include "xxgk/source.hpp"

namespace xxgk::batch {
namespace {

// What the cross-year checks need of a report: its numbers that B1 and B2 compare, with their
// positions.
struct KeptNumber {
  double value = 0;
  SourcePos pos;
  std::uint8_t key = 0;  // index into cross_year_keys()
};
struct YearSummary {
  std::string path, status;
  int year = 0;
  std::vector<KeptNumber> kept;
};

// The cells B1 and B2 compare (spec §5), with their keys.
const std::vector<std::string>& cross_year_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k;
    for (const auto column : kTable3Columns) {
      k.push_back("table3.carried_over." + std::string(column));
      k.push_back("table3.carried_forward." + std::string(column));
    }
    for (const char* row : {"regulations", "normative_documents"}) {
      for (const char* column : {"in_force", "issued", "repealed"}) {
        k.push_back(std::string("table2.") + row + "." + column);
      }
    }
    return k;
  }();
  return keys;
}

std::vector<KeptNumber> kept_numbers(const Result& r) {
  static const auto index = [] {
    std::unordered_map<std::string_view, std::uint8_t> by_key;
    const auto& keys = cross_year_keys();
    for (std::size_t k = 0; k < keys.size(); ++k) by_key.emplace(keys[k], static_cast<std::uint8_t>(k));
    return by_key;
  }();
  std::vector<KeptNumber> kept;
  for (const Cell* c : r.cells()) {
    if (c->state != CellState::number || !c->value) continue;
    if (const auto it = index.find(c->key); it != index.end()) kept.push_back({*c->value, c->pos, it->second});
  }
  return kept;
}

const KeptNumber* kept_at(const YearSummary& s, std::string_view key) {
  for (const KeptNumber& n : s.kept) {
    if (cross_year_keys()[n.key] == key) return &n;
  }
  return nullptr;
}

std::optional<double> number_at(const YearSummary& s, std::string_view key) {
  const KeptNumber* n = kept_at(s, key);
  return n ? std::optional<double>(n->value) : std::nullopt;
}

// B1 and B2 between a report and the one of the year before from the same agency: warnings on the
// later report.
std::vector<Finding> compare(const YearSummary& s, const YearSummary& prev) {
  std::vector<Finding> out;
  for (const auto column : kTable3Columns) {
    const std::string now_key = "table3.carried_over." + std::string(column);
    const auto now = number_at(s, now_key);
    const auto before = number_at(prev, "table3.carried_forward." + std::string(column));
    if (!now || !before || *now == *before) continue;
    out.push_back(Finding{
        "B1",
        Severity::warning,
        {now_key},
        fmt::format("上年结转 is {} but the {} report ({}) carried {} forward", *now, prev.year, prev.path, *before),
        kept_at(s, now_key)->pos,
        now,
        before});
  }
  for (const char* row : {"regulations", "normative_documents"}) {
    const std::string key = std::string("table2.") + row + ".in_force";
    const auto in_force = number_at(s, key);
    const auto issued = number_at(s, std::string("table2.") + row + ".issued");
    const auto repealed = number_at(s, std::string("table2.") + row + ".repealed");
    const auto last_in_force = number_at(prev, key);
    if (!in_force || !issued || !repealed || !last_in_force) continue;
    const double expected = *last_in_force + *issued - *repealed;
    if (*in_force == expected) continue;
    out.push_back(Finding{"B2",
                          Severity::warning,
                          {key},
                          fmt::format("现行有效件数 is {} but {} in force in {} + {} issued − {} repealed = {}",
                                      *in_force, *last_in_force, prev.year, *issued, *repealed, expected),
                          kept_at(s, key)->pos,
                          in_force,
                          expected});
  }
  return out;
}

constexpr std::size_t kPacked = sizeof(double) + 2 * sizeof(std::uint32_t) + 1;

std::string pack(const std::vector<KeptNumber>& kept) {
  std::string packed;  // field by field: no padding bytes
  for (const KeptNumber& n : kept) {
    packed.append(reinterpret_cast<const char*>(&n.value), sizeof n.value);
    packed.append(reinterpret_cast<const char*>(&n.pos.line), sizeof n.pos.line);
    packed.append(reinterpret_cast<const char*>(&n.pos.column), sizeof n.pos.column);
    packed.push_back(static_cast<char>(n.key));
  }
  return packed;
}

YearSummary summary_at(Statement& row, int first) {
  YearSummary s;
  s.path = row.column_text(first), s.status = row.column_text(first + 1);
  s.year = static_cast<int>(row.column_integer(first + 2));
  const std::string_view blob = row.column_blob(first + 3);
  for (std::size_t at = 0; at + kPacked <= blob.size(); at += kPacked) {
    KeptNumber& n = s.kept.emplace_back();
    std::memcpy(&n.value, blob.data() + at, sizeof n.value);
    std::memcpy(&n.pos.line, blob.data() + at + 8, sizeof n.pos.line);
    std::memcpy(&n.pos.column, blob.data() + at + 12, sizeof n.pos.column);
    n.key = static_cast<std::uint8_t>(blob[at + 16]);
  }
  return s;
}

}  // namespace

YearSummaries::YearSummaries() {
  db_.open("", "cannot open a temporary database for the cross-year checks");
  sqlite_exec(db_, R"(CREATE TABLE summaries (id INTEGER PRIMARY KEY, path TEXT, status TEXT, agency TEXT,
                      year INTEGER, kept BLOB))");
}

void YearSummaries::add(const std::vector<Result>& chunk) {
  sqlite_exec(db_, "BEGIN");
  Statement insert(db_, "INSERT INTO summaries (path, status, agency, year, kept) VALUES (?, ?, ?, ?, ?)");
  for (const Result& r : chunk) {
    if (!r.report || !r.report->year || r.report->agency.empty() || r.report->format_version == "pre-2019") {
      continue;
    }
    const auto kept = kept_numbers(r);
    if (kept.empty()) continue;  // nothing to compare
    const std::string packed = pack(kept), path = printable_path(r.path);
    insert.reset().text(1, path).text(2, r.status).text(3, r.report->agency).integer(4, *r.report->year);
    insert.blob(5, packed.data(), packed.size()).step();
  }
  sqlite_exec(db_, "COMMIT");
}

void YearSummaries::check(std::size_t at_once, const std::function<void(std::vector<CrossYearFindings>&)>& found) {
  sqlite_exec(db_, "CREATE INDEX by_agency_year ON summaries(agency, year, id)");
  Statement pairs(db_, R"(
    SELECT now.path, now.status, now.year, now.kept, prev.path, prev.status, prev.year, prev.kept
    FROM summaries AS now JOIN summaries AS prev
      ON prev.id = (SELECT min(id) FROM summaries WHERE agency = now.agency AND year = now.year - 1)
    ORDER BY now.id)");
  std::vector<CrossYearFindings> out;
  while (pairs.row()) {
    const YearSummary now = summary_at(pairs, 0);
    auto findings = compare(now, summary_at(pairs, 4));
    if (findings.empty()) continue;
    out.push_back({now.path, now.status, std::move(findings)});
    if (out.size() >= at_once) {
      found(out);
      out.clear();
    }
  }
  if (!out.empty()) found(out);
}

}  // namespace xxgk::batch
