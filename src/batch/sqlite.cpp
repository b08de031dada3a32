#include "src/batch/sqlite.hpp"

namespace xxgk::batch {

void sqlite_exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : sqlite3_errmsg(db);
    sqlite3_free(error);
    throw std::runtime_error(message);
  }
}

void Connection::open(const std::string& path, const std::string& failure) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    throw std::runtime_error(failure + ": " + sqlite3_errmsg(db_));
  }
  // A reader (sqlite3, a notebook) holding the database for a moment makes a write wait for it
  // instead of failing the batch.
  sqlite3_busy_timeout(db_, 30'000);
}

Statement::Statement(sqlite3* db, const std::string& sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) {
    throw std::runtime_error(sqlite3_errmsg(db));
  }
}

void Statement::step() {
  if (sqlite3_step(stmt_) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
}

bool Statement::row() {
  const int status = sqlite3_step(stmt_);
  if (status != SQLITE_ROW && status != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
  return status == SQLITE_ROW;
}

std::string Statement::column_text(int i) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
  return text == nullptr ? std::string() : std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i)));
}

std::string_view Statement::column_blob(int i) {
  const void* data = sqlite3_column_blob(stmt_, i);
  return data == nullptr ? std::string_view()
                         : std::string_view(static_cast<const char*>(data),
                                            static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i)));
}

std::optional<long> Statement::optional_integer() {
  const int status = sqlite3_step(stmt_);
  if (status == SQLITE_DONE) return std::nullopt;
  if (status != SQLITE_ROW) throw std::runtime_error(sqlite3_errmsg(db_));
  return static_cast<long>(sqlite3_column_int64(stmt_, 0));
}

}  // namespace xxgk::batch
