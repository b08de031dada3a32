// xxgk batch: every input gets a status (ok, findings, partial, unreadable) and a reason; results
// are written chunk by chunk (one SQLite transaction, or a temporary file renamed at the end), so a
// run stopped midway leaves a usable output and memory does not grow with the number of files.
#include "xxgk/batch.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "xxgk/xxgk.hpp"

namespace fs = std::filesystem;

namespace xxgk {
namespace {

constexpr std::size_t kChunk = 256;  // files held in memory at once

// ---- SQLite helpers

void sqlite_exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "sqlite error";
    sqlite3_free(error);
    throw std::runtime_error(message);
  }
}

// An open database, closed when it goes out of scope: also when the constructor of the object
// holding it throws after opening it (a database of another layout, for one).
class Connection {
 public:
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() { sqlite3_close(db_); }
  // One connection, used by one thread at a time: SQLite's own locking would only cost time.
  void open(const std::string& path, const std::string& failure) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      throw std::runtime_error(failure);
    }
  }
  operator sqlite3*() const { return db_; }  // NOLINT: used as the handle it wraps

 private:
  sqlite3* db_ = nullptr;
};

// A prepared statement, finalized when it goes out of scope.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sqlite3_errmsg(db));
    }
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement& reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    return *this;
  }
  // Not copied (SQLITE_STATIC): every string bound here outlives the step that uses it, being a
  // member of the chunk being written, a local of the loop, or a static name (to_string).
  Statement& text(int i, std::string_view s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
    return *this;
  }
  Statement& integer(int i, long v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& real(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  Statement& blob(int i, const void* data, std::size_t size) {
    sqlite3_bind_blob(stmt_, i, data, static_cast<int>(size), SQLITE_STATIC);
    return *this;
  }
  void step() {
    if (sqlite3_step(stmt_) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
  }
  bool row() {
    const int status = sqlite3_step(stmt_);
    if (status != SQLITE_ROW && status != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
    return status == SQLITE_ROW;
  }
  std::string column_text(int i) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
    return text == nullptr ? std::string() : std::string(text);
  }
  long column_integer(int i) { return static_cast<long>(sqlite3_column_int64(stmt_, i)); }
  std::string_view column_blob(int i) {
    const void* data = sqlite3_column_blob(stmt_, i);
    return data == nullptr ? std::string_view()
                           : std::string_view(static_cast<const char*>(data),
                                              static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i)));
  }
  std::optional<long> optional_integer() {
    const int status = sqlite3_step(stmt_);
    if (status == SQLITE_DONE) return std::nullopt;
    if (status != SQLITE_ROW) throw std::runtime_error(sqlite3_errmsg(db_));
    return static_cast<long>(sqlite3_column_int64(stmt_, 0));
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

struct Result {
  std::string path;
  std::string hash;
  std::string status;  // ok, findings, partial, unreadable
  std::string reason;
  std::optional<Report> report;
  std::vector<Finding> findings;
  double parse_ms = 0;
  std::size_t errors = 0, warnings = 0;
};

const std::vector<const Cell*> cells_of(const Report& r);

// What the cross-year checks need of a report: its numbers that B1 and B2 compare, with their
// positions.
struct KeptNumber {
  double value = 0;
  SourcePos pos;
  std::uint8_t key = 0;  // index into cross_year_keys()
};
struct YearSummary {
  std::string hash, path;
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

std::vector<KeptNumber> kept_numbers(const Report& report) {
  static const auto index = [] {
    std::unordered_map<std::string_view, std::uint8_t> by_key;
    const auto& keys = cross_year_keys();
    for (std::size_t k = 0; k < keys.size(); ++k) by_key.emplace(keys[k], static_cast<std::uint8_t>(k));
    return by_key;
  }();
  std::vector<KeptNumber> kept;
  for (const Cell* c : cells_of(report)) {
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

// A finding of B1 or B2, for the report with this content hash and path.
struct CrossYearFinding {
  std::string hash, path;
  Finding finding;
};

// B1 and B2 between a report and the one of the year before from the same agency (spec §5):
// warnings on the later report.
void cross_year_findings(const YearSummary& s, const YearSummary& prev, std::vector<CrossYearFinding>& out) {
  for (const auto column : kTable3Columns) {
    const std::string now_key = "table3.carried_over." + std::string(column);
    const auto now = number_at(s, now_key);
    const auto before = number_at(prev, "table3.carried_forward." + std::string(column));
    if (!now || !before || *now == *before) continue;
    out.push_back({s.hash, s.path,
                   Finding{"B1",
                           Severity::warning,
                           {now_key},
                           fmt::format("上年结转 is {} but the {} report ({}) carried {} forward", *now, prev.year,
                                       prev.path, *before),
                           kept_at(s, now_key)->pos,
                           now,
                           before}});
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
    out.push_back({s.hash, s.path,
                   Finding{"B2",
                           Severity::warning,
                           {key},
                           fmt::format("现行有效件数 is {} but {} in force in {} + {} issued − {} repealed = {}",
                                       *in_force, *last_in_force, prev.year, *issued, *repealed, expected),
                           kept_at(s, key)->pos,
                           in_force,
                           expected}});
  }
}

// The summaries of every report of the batch, in a private temporary SQLite database (on disk,
// removed when it is closed): the memory the cross-year checks take does not grow with the
// number of files.
class YearSummaries {
 public:
  YearSummaries() {
    db_.open("", "cannot open a temporary database for the cross-year checks");
    sqlite_exec(db_, R"(CREATE TABLE summaries (id INTEGER PRIMARY KEY, hash TEXT, path TEXT, agency TEXT,
                        year INTEGER, kept BLOB))");
  }

  void add(const std::vector<Result>& chunk) {
    sqlite_exec(db_, "BEGIN");
    Statement insert(db_, "INSERT INTO summaries (hash, path, agency, year, kept) VALUES (?, ?, ?, ?, ?)");
    for (const Result& r : chunk) {
      if (!r.report || !r.report->year || r.report->agency.empty() || r.report->format_version == "pre-2019") {
        continue;
      }
      const auto kept = kept_numbers(*r.report);
      if (kept.empty()) continue;  // nothing to compare
      std::string packed;          // field by field: no padding bytes
      for (const KeptNumber& n : kept) {
        packed.append(reinterpret_cast<const char*>(&n.value), sizeof n.value);
        packed.append(reinterpret_cast<const char*>(&n.pos.line), sizeof n.pos.line);
        packed.append(reinterpret_cast<const char*>(&n.pos.column), sizeof n.pos.column);
        packed.push_back(static_cast<char>(n.key));
      }
      insert.reset().text(1, r.hash).text(2, r.path).text(3, r.report->agency).integer(4, *r.report->year);
      insert.blob(5, packed.data(), packed.size()).step();
    }
    sqlite_exec(db_, "COMMIT");
  }

  // B1 and B2 for every report whose agency has a report of the year before (the first one read,
  // when there are several), in the order the reports were read; given `at_once` at a time.
  void check(std::size_t at_once, const std::function<void(std::vector<CrossYearFinding>&)>& found) {
    sqlite_exec(db_, "CREATE INDEX by_agency_year ON summaries(agency, year, id)");
    Statement pairs(db_, R"(
      SELECT now.hash, now.path, now.year, now.kept, prev.hash, prev.path, prev.year, prev.kept
      FROM summaries AS now JOIN summaries AS prev
        ON prev.id = (SELECT min(id) FROM summaries WHERE agency = now.agency AND year = now.year - 1)
      ORDER BY now.id)");
    std::vector<CrossYearFinding> out;
    while (pairs.row()) {
      cross_year_findings(summary_at(pairs, 0), summary_at(pairs, 4), out);
      if (out.size() >= at_once) {
        found(out);
        out.clear();
      }
    }
    if (!out.empty()) found(out);
  }

 private:
  Connection db_;

  static YearSummary summary_at(Statement& row, int first) {
    YearSummary s;
    s.hash = row.column_text(first), s.path = row.column_text(first + 1);
    s.year = static_cast<int>(row.column_integer(first + 2));
    const std::string_view blob = row.column_blob(first + 3);
    constexpr std::size_t kPacked = sizeof(double) + 2 * sizeof(std::uint32_t) + 1;
    for (std::size_t at = 0; at + kPacked <= blob.size(); at += kPacked) {
      KeptNumber& n = s.kept.emplace_back();
      std::memcpy(&n.value, blob.data() + at, sizeof n.value);
      std::memcpy(&n.pos.line, blob.data() + at + 8, sizeof n.pos.line);
      std::memcpy(&n.pos.column, blob.data() + at + 12, sizeof n.pos.column);
      n.key = static_cast<std::uint8_t>(blob[at + 16]);
    }
    return s;
  }
};

std::string content_hash(const std::string& bytes) {
  std::uint64_t h = 0x9E3779B97F4A7C15ULL;
  std::size_t i = 0;
  const auto mix = [&](std::uint64_t word) { h = std::rotl((h ^ word) * 0xFF51AFD7ED558CCDULL, 31); };
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + i, 8);
    mix(word);
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  mix(tail);
  return fmt::format("{:016x}-{}", h, bytes.size());
}

Result process(const std::string& path, const BatchOptions& o) {
  Result r;
  r.path = path;
  const auto start = std::chrono::steady_clock::now();
  std::string bytes;
  try {
    bytes = read_report_bytes(path, o.max_bytes);
  } catch (const InputError& e) {
    r.status = "unreadable", r.reason = e.what(), r.hash = "unreadable:" + path;
    return r;
  }
  r.hash = content_hash(bytes);
  try {
    const auto source = Source::from_bytes(std::move(bytes), path, o.encoding, o.max_bytes, o.invalid_bytes);
    r.report = parse_report(source);
    r.findings = validate(*r.report, source);
  } catch (const InputError& e) {
    r.status = "unreadable";
    r.reason = fmt::format("{}:{}: {}", e.pos().line, e.pos().column, e.what());
    return r;
  }
  r.parse_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::string missing;
  for (const auto& f : r.findings) {
    (f.severity == Severity::error ? r.errors : r.warnings)++;
    if (f.rule == "F6" && missing.empty()) missing = f.message;
  }
  if (r.report->format_version.empty()) {
    r.status = "partial", r.reason = "no table of the report format was found";
  } else if (!missing.empty()) {
    r.status = "partial", r.reason = missing;
  } else if (!r.findings.empty()) {
    r.status = "findings", r.reason = fmt::format("{} errors, {} warnings", r.errors, r.warnings);
  } else {
    r.status = "ok";
  }
  return r;
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> paths;
  for (const auto& input : inputs) {
    if (input == "-") {
      for (std::string line; std::getline(std::cin, line);) {
        if (!line.empty()) paths.push_back(line);
      }
    } else if (fs::is_directory(input)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::recursive_directory_iterator(input)) {
        if (entry.is_regular_file()) found.push_back(entry.path().string());
      }
      std::sort(found.begin(), found.end());
      paths.insert(paths.end(), found.begin(), found.end());
    } else {
      paths.push_back(input);  // a missing file still gets its status
    }
  }
  return paths;
}

const std::vector<const Cell*> cells_of(const Report& r) {
  std::vector<const Cell*> cells;
  for (const Table* t : r.tables()) {
    for (const Row& row : t->rows) {
      for (const Cell& c : row.cells) cells.push_back(&c);
    }
  }
  return cells;
}

// ---- outputs

class Writer {
 public:
  virtual ~Writer() = default;
  virtual void write(const std::vector<Result>& chunk) = 0;
  // Findings that need several reports (B1, B2), for the report with this content hash.
  virtual void add_findings(const std::vector<CrossYearFinding>& /*findings*/) {}
  virtual void finish() = 0;
};

class SqliteWriter : public Writer {
 public:
  explicit SqliteWriter(const std::string& path) {
    db_.open(path, "cannot open " + path);
    // A write-ahead log: a killed run still leaves a database that opens with every committed chunk.
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = NORMAL");
    check_schema_version();
    exec(R"(CREATE TABLE IF NOT EXISTS reports (
      id INTEGER PRIMARY KEY, path TEXT NOT NULL, content_hash TEXT NOT NULL UNIQUE, agency TEXT, year INTEGER,
      format_version TEXT, status TEXT NOT NULL, reason TEXT, errors INTEGER, warnings INTEGER, parse_ms REAL))");
    // Cells are stored with a number for their key (a few hundred keys, millions of cells), keyed by
    // report and key (a report has each key once): stored in that order, a report's cells are
    // together and no second index by report is kept up to date row by row. The view `cells`
    // shows them with their keys.
    exec("CREATE TABLE IF NOT EXISTS cell_keys (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE)");
    exec(R"(CREATE TABLE IF NOT EXISTS cell_values (
      report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
      key_id INTEGER NOT NULL REFERENCES cell_keys(id), value TEXT, number REAL, state TEXT NOT NULL, line INTEGER,
      column INTEGER, PRIMARY KEY (report_id, key_id)) WITHOUT ROWID)");
    exec(R"(CREATE VIEW IF NOT EXISTS cells AS
      SELECT report_id, cell_keys.key AS key, value, number, state, line, column
      FROM cell_values JOIN cell_keys ON cell_keys.id = cell_values.key_id)");
    exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
    {
      Statement keys(db_, "SELECT key, id FROM cell_keys");
      while (keys.row()) key_ids_.emplace(keys.column_text(0), keys.column_integer(1));
    }
    exec(R"(CREATE TABLE IF NOT EXISTS findings (
      report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE, rule TEXT NOT NULL, severity TEXT NOT NULL,
      keys TEXT, message TEXT, line INTEGER, column INTEGER))");
    exec("CREATE INDEX IF NOT EXISTS findings_by_report ON findings(report_id)");
    // By key and rule: into a new database these are built once at the end, in a third of the time
    // of keeping them up to date row by row. A database that has rows keeps them up to date.
    indexes_at_end_ = count("SELECT count(*) FROM reports") == 0;
    if (!indexes_at_end_) create_lookup_indexes();
  }

  // One transaction per chunk: a run stopped midway keeps every chunk written before.
  void write(const std::vector<Result>& chunk) override {
    exec("BEGIN");
    // Prepared once a chunk: the batch inserts hundreds of rows a report.
    Statement find(db_, "SELECT id FROM reports WHERE content_hash = ?");
    Statement delete_cells(db_, "DELETE FROM cell_values WHERE report_id = ?");
    Statement delete_findings(db_, "DELETE FROM findings WHERE report_id = ?");
    Statement delete_report(db_, "DELETE FROM reports WHERE id = ?");
    Statement ins(db_,
                  "INSERT INTO reports (path, content_hash, agency, year, format_version, status, reason, errors, "
                  "warnings, parse_ms) VALUES (?,?,?,?,?,?,?,?,?,?)");
    CellInserter cells(db_);
    Statement new_key(db_, "INSERT INTO cell_keys (key) VALUES (?)");
    const auto key_id = [&](const std::string& key) {
      if (const auto it = key_ids_.find(key); it != key_ids_.end()) return it->second;
      new_key.reset().text(1, key).step();
      return key_ids_.emplace(key, static_cast<long>(sqlite3_last_insert_rowid(db_))).first->second;
    };
    Statement finding(db_, "INSERT INTO findings VALUES (?,?,?,?,?,?,?)");
    for (const Result& r : chunk) {
      // Re-running on the same file replaces its rows (keyed by content) instead of adding some.
      // The deletes are ours, not ON DELETE CASCADE: foreign key checks would cost a lookup a row.
      if (const auto old = find.reset().text(1, r.hash).optional_integer()) {
        delete_cells.reset().integer(1, *old).step();
        delete_findings.reset().integer(1, *old).step();
        delete_report.reset().integer(1, *old).step();
      }
      ins.reset().text(1, r.path).text(2, r.hash);
      if (r.report) {
        ins.text(3, r.report->agency).text(5, r.report->format_version);
        if (r.report->year) ins.integer(4, *r.report->year);
      }
      ins.text(6, r.status).text(7, r.reason).integer(8, static_cast<long>(r.errors));
      ins.integer(9, static_cast<long>(r.warnings)).real(10, r.parse_ms).step();
      const long id = static_cast<long>(sqlite3_last_insert_rowid(db_));
      if (!r.report) continue;
      for (const Cell* c : cells_of(*r.report)) cells.add(id, key_id(c->key), *c);
      cells.flush();
      for (const Finding& f : r.findings) {
        std::string keys;
        for (const auto& k : f.keys) keys += (keys.empty() ? "" : " ") + k;
        finding.reset().integer(1, id).text(2, f.rule).text(3, to_string(f.severity)).text(4, keys);
        finding.text(5, f.message).integer(6, f.pos.line).integer(7, f.pos.column).step();
      }
    }
    exec("COMMIT");
  }
  void add_findings(const std::vector<CrossYearFinding>& findings) override {
    exec("BEGIN");
    Statement insert(db_, "INSERT INTO findings SELECT id, ?, ?, ?, ?, ?, ? FROM reports WHERE content_hash = ?");
    for (const auto& [hash, path, f] : findings) {
      insert.reset().text(1, f.rule).text(2, to_string(f.severity)).text(3, f.keys.front()).text(4, f.message);
      insert.integer(5, f.pos.line).integer(6, f.pos.column).text(7, hash).step();
    }
    exec("COMMIT");
  }
  void finish() override {
    if (indexes_at_end_) create_lookup_indexes();
  }

 private:
  // 2: cells stored in cell_values with key numbers (cell_keys), shown by the view cells.
  static constexpr int kSchemaVersion = 2;
  Connection db_;
  bool indexes_at_end_ = false;
  std::unordered_map<std::string, long> key_ids_;

  // A database of another layout is refused, not mixed with this one.
  void check_schema_version() {
    const long version = count("PRAGMA user_version");
    const long tables = count("SELECT count(*) FROM sqlite_master WHERE name = 'reports'");
    if (version == kSchemaVersion || (version == 0 && tables == 0)) return;
    throw std::runtime_error(fmt::format(
        "the database was written by another version of xxgk (schema {}, this one writes {}); write to a new file",
        version, kSchemaVersion));
  }

  void create_lookup_indexes() {
    exec("CREATE INDEX IF NOT EXISTS cells_by_key ON cell_values(key_id)");
    exec("CREATE INDEX IF NOT EXISTS findings_by_rule ON findings(rule)");
  }

  long count(const char* sql) {
    Statement query(db_, sql);
    return query.optional_integer().value_or(0);
  }

  void exec(const std::string& sql) { sqlite_exec(db_, sql); }

  // Cells go in kRowsAtOnce to a statement: most of an insert's cost is the statement's step, not
  // the row.
  class CellInserter {
   public:
    static constexpr int kColumns = 7;
    static constexpr int kRowsAtOnce = 32;
    explicit CellInserter(sqlite3* db) : many_(db, insert_sql(kRowsAtOnce)), one_(db, insert_sql(1)) {}
    void add(long report_id, long key_id, const Cell& c) {
      pending_.push_back({report_id, key_id, &c});
      if (pending_.size() == kRowsAtOnce) flush();
    }
    void flush() {
      Statement& statement = pending_.size() == kRowsAtOnce ? many_ : one_;
      if (&statement == &many_) {
        bind_rows(statement, pending_);
      } else {
        for (const auto& row : pending_) bind_rows(statement, {&row, 1});
      }
      pending_.clear();
    }

   private:
    Statement many_, one_;
    struct Pending {
      long report_id, key_id;
      const Cell* cell;
    };
    std::vector<Pending> pending_;

    static std::string insert_sql(int rows) {
      std::string sql = "INSERT INTO cell_values VALUES ";
      for (int i = 0; i < rows; ++i) sql += i ? ",(?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?)";
      return sql;
    }
    static void bind_rows(Statement& statement, std::span<const Pending> rows) {
      statement.reset();
      int at = 0;
      for (const auto& [report_id, key_id, c] : rows) {
        statement.integer(at + 1, report_id).integer(at + 2, key_id).text(at + 3, c->raw);
        if (c->value) statement.real(at + 4, *c->value);
        statement.text(at + 5, to_string(c->state)).integer(at + 6, c->pos.line).integer(at + 7, c->pos.column);
        at += kColumns;
      }
      statement.step();
    }
  };
};

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Written to a temporary file and renamed when complete: readers never see half a file.
class FileWriter : public Writer {
 public:
  explicit FileWriter(std::string path) : path_(std::move(path)), temporary_(path_ + ".partial") {
    out_.open(temporary_, std::ios::binary);
    if (!out_) throw std::runtime_error("cannot write " + temporary_);
  }
  void finish() override {
    out_.close();
    fs::rename(temporary_, path_);
  }

 protected:
  std::string path_, temporary_;
  std::ofstream out_;
};

class CsvWriter : public FileWriter {
 public:
  CsvWriter(std::string path, bool long_form) : FileWriter(std::move(path)), long_(long_form) {
    out_ << "\xEF\xBB\xBF";  // spreadsheet programs read UTF-8 only with the BOM
    if (long_) {
      out_ << "path,key,value,state,line,column\n";
      return;
    }
    // One column per canonical key of every layout, in the spec's order.
    std::set<std::string> seen;
    auto add = [&](const std::string& key) {
      if (seen.insert(key).second) keys_.push_back(key);
    };
    for (const auto version : {FormatVersion::v2021, FormatVersion::v2019}) {
      for (const auto& row : table2_rows(version)) {
        for (const auto c : row.columns) add("table2." + std::string(row.key) + "." + std::string(c));
      }
    }
    for (const auto version : {FormatVersion::v2021, FormatVersion::v2019}) {
      for (const auto& row : table3_rows(version)) {
        for (const auto c : row.columns) add("table3." + std::string(row.key) + "." + std::string(c));
      }
    }
    for (const auto g : kTable4Groups) {
      for (const auto c : kTable4Columns) add("table4." + std::string(g) + "." + std::string(c));
    }
    for (const auto& k : pre2019_keys()) add(k);
    for (std::size_t k = 0; k < keys_.size(); ++k) column_of_.emplace(keys_[k], k);
    out_ << "path,status,reason,agency,year,format_version,errors,warnings";
    for (const auto& k : keys_) out_ << ',' << k;
    out_ << '\n';
  }
  void write(const std::vector<Result>& chunk) override {
    for (const Result& r : chunk) {
      if (long_) {
        if (!r.report) continue;
        for (const Cell* c : cells_of(*r.report)) {
          out_ << csv_field(r.path) << ',' << c->key << ',' << csv_field(c->raw) << ',' << to_string(c->state) << ','
               << c->pos.line << ',' << c->pos.column << '\n';
        }
        continue;
      }
      std::vector<const std::string*> values(keys_.size(), nullptr);  // by column
      if (r.report) {
        for (const Cell* c : cells_of(*r.report)) {
          if (const auto it = column_of_.find(c->key); it != column_of_.end()) values[it->second] = &c->raw;
        }
      }
      out_ << csv_field(r.path) << ',' << r.status << ',' << csv_field(r.reason) << ','
           << csv_field(r.report ? r.report->agency : "") << ','
           << (r.report && r.report->year ? std::to_string(*r.report->year) : "") << ','
           << (r.report ? r.report->format_version : "") << ',' << r.errors << ',' << r.warnings;
      for (const std::string* value : values) out_ << ',' << (value == nullptr ? "" : csv_field(*value));
      out_ << '\n';
    }
  }

 private:
  bool long_;
  std::vector<std::string> keys_;
  std::unordered_map<std::string_view, std::size_t> column_of_;  // views into keys_
};

class JsonlWriter : public FileWriter {
 public:
  using FileWriter::FileWriter;
  void write(const std::vector<Result>& chunk) override {
    for (const Result& r : chunk) {
      nlohmann::ordered_json line = r.report ? to_json(*r.report) : nlohmann::ordered_json::object();
      line["path"] = r.path;
      line["status"] = r.status;
      line["reason"] = r.reason;
      auto findings = nlohmann::ordered_json::array();
      for (const auto& f : r.findings) findings.push_back(to_json(f, r.path));
      line["findings"] = findings;
      out_ << line.dump() << '\n';
    }
  }
};

// Threads that live for the whole batch. What a thread sets up once (ICU's Traditional→Simplified
// transliterator, about 50 ms; the normalisation table; the parse tree's free list) is kept per
// thread, and a thread per chunk paid for it again every 256 files.
class WorkerPool {
 public:
  explicit WorkerPool(unsigned threads) {
    for (unsigned t = 0; t < threads; ++t) threads_.emplace_back([this] { work(); });
  }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  ~WorkerPool() {
    {
      const std::lock_guard lock(mutex_);
      stop_ = true;
    }
    more_.notify_all();
    for (auto& t : threads_) t.join();
  }
  // task(0) … task(count - 1) on the pool's threads; returns when every one has returned. One run
  // at a time.
  void run(std::size_t count, const std::function<void(std::size_t)>& task) {
    std::unique_lock lock(mutex_);
    task_ = &task, count_ = count, next_ = 0, finished_ = 0;
    more_.notify_all();
    done_.wait(lock, [&] { return finished_ == count_; });
    count_ = 0;
  }

 private:
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable more_, done_;
  const std::function<void(std::size_t)>* task_ = nullptr;
  std::size_t count_ = 0, next_ = 0, finished_ = 0;
  bool stop_ = false;

  void work() {
    std::unique_lock lock(mutex_);
    for (;;) {
      more_.wait(lock, [&] { return stop_ || next_ < count_; });
      if (stop_) return;
      const std::size_t i = next_++;
      lock.unlock();
      (*task_)(i);
      lock.lock();
      if (++finished_ == count_) done_.notify_all();
    }
  }
};

std::unique_ptr<Writer> writer_for(const BatchOptions& o) {
  const std::string ext = fs::path(o.output).extension().string();
  if (ext == ".sqlite" || ext == ".db") return std::make_unique<SqliteWriter>(o.output);
  if (ext == ".csv") return std::make_unique<CsvWriter>(o.output, o.long_csv);
  if (ext == ".jsonl") return std::make_unique<JsonlWriter>(o.output);
  throw std::runtime_error("the output must end in .sqlite, .csv or .jsonl");
}

}  // namespace

std::size_t run_batch(const BatchOptions& o, std::ostream& log) {
  const auto paths = expand_inputs(o.inputs);
  auto writer = writer_for(o);
  const unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  const auto start = std::chrono::steady_clock::now();
  std::size_t unreadable = 0, done = 0;
  std::map<std::string, std::size_t> by_status;
  YearSummaries summaries;
  WorkerPool pool(static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(paths.size(), 1))));
  const auto parse_chunk = [&](std::size_t first) {
    const std::size_t count = std::min(kChunk, paths.size() - first);
    std::vector<Result> chunk(count);
    pool.run(count, [&](std::size_t i) {
      try {
        chunk[i] = process(paths[first + i], o);
      } catch (const std::exception& e) {  // never lose a file: it is reported, not dropped
        chunk[i].path = paths[first + i];
        chunk[i].hash = "failed:" + paths[first + i];
        chunk[i].status = "unreadable";
        chunk[i].reason = std::string("internal error: ") + e.what();
      }
    });
    return chunk;
  };
  // With several jobs, the next chunk is parsed while this one is written (two chunks in memory at
  // most); with -j 1 everything runs on one core, one step after the other.
  const auto launch = jobs > 1 ? std::launch::async : std::launch::deferred;
  std::future<std::vector<Result>> pending;
  if (!paths.empty()) pending = std::async(launch, parse_chunk, 0);
  for (std::size_t first = 0; first < paths.size(); first += kChunk) {
    const std::size_t count = std::min(kChunk, paths.size() - first);
    std::vector<Result> chunk = pending.get();
    if (first + kChunk < paths.size()) pending = std::async(launch, parse_chunk, first + kChunk);
    writer->write(chunk);
    summaries.add(chunk);
    for (const Result& r : chunk) {
      ++by_status[r.status];
      unreadable += r.status == "unreadable";
    }
    done += count;
    if (o.progress) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const double rate = static_cast<double>(done) / std::max(seconds, 1e-9);
      log << fmt::format("\r{}/{} files, {:.0f} files/s, ETA {:.0f} s   ", done, paths.size(), rate,
                         static_cast<double>(paths.size() - done) / std::max(rate, 1e-9))
          << std::flush;
    }
  }
  if (o.progress) log << '\n';
  summaries.check(1000, [&](std::vector<CrossYearFinding>& found) {
    writer->add_findings(found);
    for (const auto& [hash, path, f] : found) {
      log << fmt::format("{}:{}:{}: warning[{}] {}: {}\n", path, f.pos.line, f.pos.column, f.rule, f.keys.front(),
                         f.message);
    }
  });
  writer->finish();
  std::string summary;
  for (const auto& [status, n] : by_status) summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", n, status);
  log << fmt::format("{} files: {}\n", paths.size(), summary.empty() ? "none" : summary);
  return unreadable;
}

}  // namespace xxgk
