// Thin RAII wrappers over SQLite's C API: every call checked, every handle released.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace xxgk::batch {

void sqlite_exec(sqlite3* db, const std::string& sql);

// An open database, closed when it goes out of scope: also when the constructor of the object
// holding it throws after opening it (a database of another layout, for one).
class Connection {
 public:
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() { sqlite3_close(db_); }
  // One connection, used by one thread at a time: SQLite's own locking would only cost time.
  void open(const std::string& path, const std::string& failure);
  operator sqlite3*() const { return db_; }  // NOLINT: used as the handle it wraps

 private:
  sqlite3* db_ = nullptr;
};

// A prepared statement, finalized when it goes out of scope. Strings are bound without a copy
// (SQLITE_STATIC): each must outlive the step that uses it.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement& reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    return *this;
  }
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
  void step();
  bool row();  // true while there is a row to read
  std::string column_text(int i);
  long column_integer(int i) { return static_cast<long>(sqlite3_column_int64(stmt_, i)); }
  std::string_view column_blob(int i);
  std::optional<long> optional_integer();

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace xxgk::batch
