#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "xxgk/keys.hpp"

namespace xxgk {
namespace {

// Every key made so far, shared by all threads. A node-based set: a key's copy never moves, so the
// views handed out stay valid for the life of the process.
struct SharedKeys {
  std::mutex lock;
  std::unordered_set<std::string> keys;
};
SharedKeys& shared_keys() {
  // Never destroyed: a view handed out must not outlive its copy, even in a thread still running
  // at exit.
  static auto* const keys = new SharedKeys;
  return *keys;
}

}  // namespace

std::string_view intern_key(std::initializer_list<std::string_view> parts) {
  // The key is put together on the stack (keys are under 80 bytes) and looked up first among the
  // keys this thread has seen, without a lock: after a report or two every key is there.
  char buffer[128];
  std::string long_key;
  std::size_t size = 0;
  for (const auto part : parts) size += part.size();
  char* out = buffer;
  if (size > sizeof buffer) {
    long_key.resize(size);
    out = long_key.data();
  }
  for (std::size_t at = 0; const auto part : parts) {
    part.copy(out + at, part.size());
    at += part.size();
  }
  const std::string_view key(out, size);
  thread_local std::unordered_set<std::string_view> seen;
  if (const auto found = seen.find(key); found != seen.end()) return *found;
  SharedKeys& shared = shared_keys();
  std::string_view kept;
  {
    const std::scoped_lock guard(shared.lock);
    kept = *shared.keys.emplace(key).first;
  }
  seen.insert(kept);
  return kept;
}

std::span<const std::string_view> cell_keys(std::string_view table, const RowSpec& row) {
  // A spec made on the stack (a group's subtotal row) may take the address of another: what the
  // keys were made of is kept with them and compared.
  struct Keys {
    std::string table, row;  // copies: the views given may be of strings that go away
    std::span<const std::string_view> columns;
    std::vector<std::string_view> keys;
  };
  thread_local std::unordered_map<const RowSpec*, Keys> known;
  Keys& k = known[&row];
  if (k.table != table || k.row != row.key || k.columns.data() != row.columns.data() ||
      k.columns.size() != row.columns.size() || k.keys.empty()) {
    k = Keys{std::string(table), std::string(row.key), row.columns, {}};
    for (const auto column : row.columns) k.keys.push_back(intern_key({table, ".", row.key, ".", column}));
  }
  return k.keys;
}

}  // namespace xxgk
