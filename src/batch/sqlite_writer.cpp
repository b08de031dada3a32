// The SQLite output: one row per input file keyed by its path, cells and findings beside it, and a
// row per run. Written one transaction per chunk: a run stopped midway keeps every chunk before.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <span>
#include <unordered_map>

#include <fmt/format.h>

#include "src/batch/sqlite.hpp"
#include "src/batch/writer.hpp"

namespace xxgk::batch {
namespace {

// One batch writes a database at a time: a second one is refused at once with a message, instead
// of the two taking turns chunk by chunk until one of them fails mid-run on SQLite's lock. An
// advisory lock on the database file itself, held until after SQLite has closed it (closing any
// descriptor of a file drops the process's POSIX locks, which SQLite uses).
class WriterLock {
 public:
  explicit WriterLock(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd_ < 0) throw std::runtime_error(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      ::close(fd_);
      if (error == EWOULDBLOCK) {
        throw std::runtime_error(fmt::format(
            "another xxgk batch is writing {}; wait until it has finished, or write to another file", path));
      }
      throw std::runtime_error(fmt::format("cannot lock {}: {}", path, std::strerror(error)));
    }
  }
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;
  ~WriterLock() { ::close(fd_); }

 private:
  int fd_ = -1;
};

// 3: reports keyed by path (content_hash a SHA-256, not unique), path_bytes, kind, run_id; runs.
constexpr int kSchemaVersion = 3;

constexpr const char* kSchema = R"(
  CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, state TEXT NOT NULL, arguments TEXT,
    files INTEGER, ok INTEGER, findings INTEGER, partial INTEGER, unreadable INTEGER, timeout INTEGER, message TEXT);
  CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, path_bytes BLOB, content_hash TEXT, kind TEXT, agency TEXT,
    year INTEGER, format_version TEXT, status TEXT NOT NULL, reason TEXT, errors INTEGER, warnings INTEGER,
    parse_ms REAL, run_id INTEGER REFERENCES runs(id));
  CREATE INDEX IF NOT EXISTS reports_by_hash ON reports(content_hash);
  CREATE TABLE IF NOT EXISTS cell_keys (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
  CREATE TABLE IF NOT EXISTS cell_values (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    key_id INTEGER NOT NULL REFERENCES cell_keys(id), value TEXT, number REAL, state TEXT NOT NULL, line INTEGER,
    column INTEGER, PRIMARY KEY (report_id, key_id)) WITHOUT ROWID;
  CREATE VIEW IF NOT EXISTS cells AS
    SELECT report_id, cell_keys.key AS key, value, number, state, line, column
    FROM cell_values JOIN cell_keys ON cell_keys.id = cell_values.key_id;
  CREATE TABLE IF NOT EXISTS findings (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE, rule TEXT NOT NULL, severity TEXT NOT NULL,
    keys TEXT, message TEXT, line INTEGER, column INTEGER);
  CREATE INDEX IF NOT EXISTS findings_by_report ON findings(report_id);
)";

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
    if (pending_.size() == kRowsAtOnce) {
      bind_rows(many_, pending_);
    } else {
      for (const auto& row : pending_) bind_rows(one_, {&row, 1});
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

class SqliteWriter : public Writer {
 public:
  SqliteWriter(const std::string& path, const std::string& arguments) : path_(path), lock_(path) {
    guarded([&] { set_up(arguments); });
  }

  void write(const std::vector<Result>& chunk) override {
    guarded([&] { write_chunk(chunk); });
  }
  void add_cross_year(const std::vector<CrossYearFindings>& found) override {
    guarded([&] {
      exec("BEGIN");
      Statement insert(db_, "INSERT INTO findings SELECT id, ?, ?, ?, ?, ?, ? FROM reports WHERE path = ?");
      Statement count(db_, R"(UPDATE reports SET warnings = warnings + ?1,
        status = CASE status WHEN 'ok' THEN 'findings' ELSE status END,
        reason = CASE WHEN status IN ('ok', 'findings') THEN errors || ' errors, ' || (warnings + ?1) || ' warnings'
                      ELSE reason END
        WHERE path = ?2)");
      for (const auto& report : found) {
        for (const Finding& f : report.findings) {
          insert.reset().text(1, f.rule).text(2, to_string(f.severity)).text(3, f.keys.front()).text(4, f.message);
          insert.integer(5, f.pos.line).integer(6, f.pos.column).text(7, report.path).step();
        }
        count.reset().integer(1, static_cast<long>(report.findings.size())).text(2, report.path).step();
      }
      exec("COMMIT");
    });
  }
  // A file that was under a folder of this run and is there no more: its rows go, so the database
  // shows the folder as it is. Rows of other folders and files are not touched.
  void forget_missing(const std::vector<std::string>& folders) override {
    guarded([&] {
      exec("BEGIN");
      const std::string gone = "SELECT id FROM reports WHERE substr(path, 1, length(?1)) = ?1 AND run_id IS NOT ?2";
      for (const std::string& folder : folders) {
        const std::string printable = printable_path(folder);
        for (const char* table : {"cell_values", "findings"}) {
          Statement remove(db_, fmt::format("DELETE FROM {} WHERE report_id IN ({})", table, gone));
          remove.text(1, printable).integer(2, run_id_).step();
        }
        Statement remove(db_, fmt::format("DELETE FROM reports WHERE id IN ({})", gone));
        remove.text(1, printable).integer(2, run_id_).step();
      }
      exec("COMMIT");
    });
  }
  void finish(const RunCounts& counts) override {
    guarded([&] {
      if (indexes_at_end_) create_lookup_indexes();
      Statement done(db_, R"(UPDATE runs SET finished = strftime('%Y-%m-%dT%H:%M:%fZ'), state = 'finished', files = ?,
        ok = ?, findings = ?, partial = ?, unreadable = ?, timeout = ? WHERE id = ?)");
      done.integer(1, static_cast<long>(counts.files));
      int column = 2;
      for (const char* status : kStatuses) {
        const auto it = counts.by_status.find(status);
        done.integer(column++, it == counts.by_status.end() ? 0 : static_cast<long>(it->second));
      }
      done.integer(column, run_id_).step();
    });
  }
  void failed(const std::string& reason) noexcept override {
    if (db_ == nullptr || run_id_ == 0) return;
    try {  // best effort: the disk may be the reason
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      Statement mark(db_,
                     "UPDATE runs SET finished = strftime('%Y-%m-%dT%H:%M:%fZ'), state = 'failed', message = ? "
                     "WHERE id = ?");
      mark.text(1, reason).integer(2, run_id_).step();
    } catch (...) {
    }
  }

 private:
  std::string path_;
  WriterLock lock_;  // before db_: released after SQLite has closed the file
  Connection db_;
  long run_id_ = 0;
  bool indexes_at_end_ = false;
  // Looked up by the cells' key views without making a string of each (a transparent hash).
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept { return std::hash<std::string_view>{}(key); }
  };
  std::unordered_map<std::string, long, KeyHash, std::equal_to<>> key_ids_;

  // SQLite's messages do not say which file: ours do.
  template <typename Work>
  void guarded(Work work) {
    try {
      work();
    } catch (const std::runtime_error& e) {
      if (db_ != nullptr) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw std::runtime_error(fmt::format("cannot write {}: {}", printable_path(path_), e.what()));
    }
  }

  void set_up(const std::string& arguments) {
    db_.open(path_, "cannot open the database");
    // A write-ahead log: a killed run still leaves a database that opens with every committed chunk.
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = NORMAL");
    check_schema_version();
    exec(kSchema);
    exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
    {
      Statement keys(db_, "SELECT key, id FROM cell_keys");
      while (keys.row()) key_ids_.emplace(keys.column_text(0), keys.column_integer(1));
    }
    // By rule: into a new database it is built once at the end, in a third of the time of keeping
    // it up to date row by row. A database that has rows keeps it up to date, so a run killed
    // before the end leaves it to the next run.
    indexes_at_end_ = count("SELECT count(*) FROM reports") == 0;
    if (!indexes_at_end_) create_lookup_indexes();
    // We hold the lock: a run still marked running was killed.
    exec("UPDATE runs SET state = 'killed' WHERE state = 'running'");
    Statement run(db_,
                  "INSERT INTO runs (started, state, arguments) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ'), "
                  "'running', ?)");
    run.text(1, arguments).step();
    run_id_ = static_cast<long>(sqlite3_last_insert_rowid(db_));
  }

  void write_chunk(const std::vector<Result>& chunk) {
    exec("BEGIN");
    // Prepared once a chunk: the batch inserts hundreds of rows a report.
    Statement find(db_, "SELECT id FROM reports WHERE path = ?");
    Statement delete_cells(db_, "DELETE FROM cell_values WHERE report_id = ?");
    Statement delete_findings(db_, "DELETE FROM findings WHERE report_id = ?");
    Statement delete_report(db_, "DELETE FROM reports WHERE id = ?");
    Statement ins(db_,
                  "INSERT INTO reports (path, path_bytes, content_hash, kind, agency, year, format_version, status, "
                  "reason, errors, warnings, parse_ms, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    CellInserter cells(db_);
    Statement new_key(db_, "INSERT INTO cell_keys (key) VALUES (?)");
    const auto key_id = [&](std::string_view key) {
      if (const auto it = key_ids_.find(key); it != key_ids_.end()) return it->second;
      new_key.reset().text(1, key).step();
      return key_ids_.emplace(key, static_cast<long>(sqlite3_last_insert_rowid(db_))).first->second;
    };
    Statement finding(db_, "INSERT INTO findings VALUES (?,?,?,?,?,?,?)");
    for (const Result& r : chunk) {
      const std::string path = printable_path(r.path);
      // A file read again replaces its rows (keyed by path), whatever its content is now. The
      // deletes are ours, not ON DELETE CASCADE: foreign key checks would cost a lookup a row.
      if (const auto old = find.reset().text(1, path).optional_integer()) {
        delete_cells.reset().integer(1, *old).step();
        delete_findings.reset().integer(1, *old).step();
        delete_report.reset().integer(1, *old).step();
      }
      ins.reset().text(1, path);
      if (path != r.path) ins.blob(2, r.path.data(), r.path.size());
      if (!r.content_hash.empty()) ins.text(3, r.content_hash);
      ins.text(4, r.kind);
      if (r.report) {
        ins.text(5, r.report->agency).text(7, r.report->format_version);
        if (r.report->year) ins.integer(6, *r.report->year);
      }
      ins.text(8, r.status).text(9, r.reason).integer(10, static_cast<long>(r.errors));
      ins.integer(11, static_cast<long>(r.warnings)).real(12, r.parse_ms).integer(13, run_id_).step();
      const long id = static_cast<long>(sqlite3_last_insert_rowid(db_));
      for (const Cell* c : r.cells()) cells.add(id, key_id(c->key), *c);
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

  // A database of another layout is refused, not mixed with this one.
  void check_schema_version() {
    const long version = count("PRAGMA user_version");
    const long tables = count("SELECT count(*) FROM sqlite_master WHERE name = 'reports'");
    if (version == kSchemaVersion || (version == 0 && tables == 0)) return;
    throw std::runtime_error(fmt::format(
        "the database was written by another version of xxgk (schema {}, this one writes {}); write to a new file",
        version, kSchemaVersion));
  }

  // No index of cell_values by key: building it took 1.75 s of a 20,000-report batch, alone at the
  // end, and keeping it would cost more; a key across all reports is a scan of the table instead,
  // 0.45 s on 20,000 reports against 0.12 s with it (tools/bench-batch prints the queries' times).
  // A database made before keeps its index (SQLite keeps it up to date).
  void create_lookup_indexes() { exec("CREATE INDEX IF NOT EXISTS findings_by_rule ON findings(rule)"); }

  long count(const char* sql) {
    Statement query(db_, sql);
    return query.optional_integer().value_or(0);
  }

  void exec(const std::string& sql) { sqlite_exec(db_, sql); }
};

}  // namespace

std::unique_ptr<Writer> open_sqlite_writer(const BatchOptions& o) {
  return std::make_unique<SqliteWriter>(o.output, o.arguments);
}

}  // namespace xxgk::batch
