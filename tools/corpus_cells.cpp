#include "corpus_cells.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace corpus {

namespace {

std::vector<std::string> lines_in(const fs::path& file) {
  std::vector<std::string> lines;
  std::ifstream in(file, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return "";
  return std::string(s.substr(first, s.find_last_not_of(" \t\r") - first + 1));
}

std::string name_of(const fs::path& file, const fs::path& root) {
  return file.lexically_relative(root).generic_string();
}

// "'0' at 91:2", "unresolved at 91:2", or without " at …" where the expectation has no position.
std::string shown(const CellLine& c) {
  const std::string what = c.unresolved ? std::string("unresolved") : "'" + c.raw + "'";
  return c.pos.empty() ? what : what + " at " + c.pos;
}

// Keys that an X2 or A1 finding names: cells whose reading the report says is open.
std::set<std::string> keys_said_open(const std::vector<xxgk::Finding>& findings) {
  std::set<std::string> keys;
  for (const auto& f : findings) {
    if (f.rule == "X2" || f.rule == "A1") keys.insert(f.keys.begin(), f.keys.end());
  }
  return keys;
}

}  // namespace

std::string position_text(const xxgk::SourcePos& pos) {
  const std::string place = xxgk::describe_place(pos.place);
  return place.empty() ? fmt::format("{}:{}", pos.line, pos.column)
                       : fmt::format("{}:{} {}", pos.line, pos.column, place);
}

std::vector<CellLine> cells_of(const xxgk::Report& report) {
  std::vector<CellLine> cells;
  for (const xxgk::Table* t : report.tables()) {
    for (const auto& row : t->rows) {
      for (const auto& c : row.cells) {
        cells.push_back({std::string(c.key), c.raw, position_text(c.pos), c.state == xxgk::CellState::unresolved});
      }
    }
  }
  return cells;
}

std::string cells_text(const std::vector<CellLine>& cells) {
  std::string out;
  for (const auto& c : cells) out += c.key + '\t' + c.raw + '\t' + c.pos + '\n';
  return out;
}

void read_unresolved(const fs::path& file, Expectation& e) {
  const auto lines = lines_in(file);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string line = trim(lines[i]);
    if (line.empty()) continue;
    if (line[0] == '#') {
      e.notes.push_back(line);
      continue;
    }
    const std::string key = trim(line.substr(0, line.find_first_of(" \t#")));
    const auto hash = line.find('#');
    const std::string why = hash == std::string::npos ? "" : trim(line.substr(hash + 1));
    // A cell given up without a reason is what this file exists to prevent.
    if (why.empty()) {
      e.problems.push_back(
          fmt::format("{} line {}: {} has no reason; write `key  # why`", e.unresolved_name, i + 1, key));
    }
    if (!e.unresolved.emplace(key, why).second) {
      e.problems.push_back(fmt::format("{} line {}: {} is listed twice", e.unresolved_name, i + 1, key));
    }
  }
}

Expectation read_expectation(const fs::path& cells_file, const fs::path& unresolved_file, const fs::path& root) {
  Expectation e;
  e.cells_name = name_of(cells_file, root);
  e.unresolved_name = name_of(unresolved_file, root);
  if (!fs::exists(cells_file)) e.problems.push_back(e.cells_name + " does not exist");
  const auto lines = lines_in(cells_file);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.empty()) continue;
    // The text may hold a tab in principle; the key and the position cannot.
    const auto first = line.find('\t');
    const auto last = line.rfind('\t');
    if (first == std::string::npos || first == last) {
      e.problems.push_back(fmt::format("{} line {}: not key<TAB>value<TAB>line:col", e.cells_name, i + 1));
      continue;
    }
    e.cells.push_back({line.substr(0, first), line.substr(first + 1, last - first - 1), line.substr(last + 1)});
  }
  read_unresolved(unresolved_file, e);
  return e;
}

std::vector<std::string> compare(const Expectation& e, const std::vector<CellLine>& got,
                                 const std::vector<xxgk::Finding>& findings) {
  std::vector<std::string> problems = e.problems;
  std::map<std::string, const CellLine*> read;
  for (const auto& c : got) {
    if (!read.emplace(c.key, &c).second) problems.push_back(c.key + ": read twice");
  }
  const std::set<std::string> said_open = keys_said_open(findings);
  std::set<std::string> expected_keys;
  for (const auto& want : e.cells) {
    expected_keys.insert(want.key);
    const auto it = read.find(want.key);
    if (it == read.end()) {
      problems.push_back(fmt::format("{}: missing, expected {}", want.key, shown(want)));
      continue;
    }
    const CellLine& c = *it->second;
    const auto listed = e.unresolved.find(want.key);
    if (c.unresolved) {
      // An unresolved cell has no value to compare; it is allowed only where listed, and only
      // when the report says so, as its users see it.
      if (listed == e.unresolved.end()) {
        problems.push_back(
            fmt::format("{}: {}, expected {} (not listed in {})", want.key, shown(c), shown(want), e.unresolved_name));
      } else if (said_open.count(want.key) == 0) {
        problems.push_back(want.key + ": unresolved and no X2 or A1 finding says so");
      } else if (!want.pos.empty() && c.pos != want.pos) {
        problems.push_back(fmt::format("{}: unresolved at {}, expected at {}", want.key, c.pos, want.pos));
      }
      continue;
    }
    if (listed != e.unresolved.end()) {
      problems.push_back(
          fmt::format("{}: reads {}, but {} expects it unresolved", want.key, shown(c), e.unresolved_name));
    } else if (c.raw != want.raw || (!want.pos.empty() && c.pos != want.pos)) {
      problems.push_back(fmt::format("{}: expected {}, got {}", want.key, shown(want), shown(c)));
    }
  }
  for (const auto& c : got) {
    if (expected_keys.count(c.key) == 0) {
      problems.push_back(fmt::format("{}: extra cell {}, not in {}", c.key, shown(c), e.cells_name));
    }
  }
  for (const auto& [key, why] : e.unresolved) {
    if (expected_keys.count(key) == 0) {
      problems.push_back(fmt::format("{}: listed in {} but {} has no such cell", key, e.unresolved_name, e.cells_name));
    }
  }
  // Same cells, other order: `xxgk cells` prints in table order, and users read it that way.
  if (problems.empty() && !e.cells.empty() && !e.cells.front().pos.empty()) {
    for (std::size_t i = 0; i < got.size() && i < e.cells.size(); ++i) {
      if (got[i].key != e.cells[i].key) {
        problems.push_back(fmt::format("{}: line {} of {} is {}", got[i].key, i + 1, e.cells_name, e.cells[i].key));
        break;
      }
    }
  }
  return problems;
}

std::vector<std::string> lost_cells(const Expectation& old, const std::vector<CellLine>& got) {
  std::map<std::string, const CellLine*> read;
  for (const auto& c : got) read.emplace(c.key, &c);
  std::map<std::string, const CellLine*> had;
  for (const auto& c : old.cells) had.emplace(c.key, &c);
  std::vector<std::string> lost;
  for (const auto& want : old.cells) {
    if (read.count(want.key) == 0) lost.push_back(fmt::format("{}: missing, was {}", want.key, shown(want)));
  }
  for (const auto& c : got) {
    if (!c.unresolved || old.unresolved.count(c.key) > 0) continue;
    const auto it = had.find(c.key);
    lost.push_back(fmt::format("{}: {}, {}", c.key, shown(c),
                               it == had.end() ? std::string("a new cell") : "was " + shown(*it->second)));
  }
  return lost;
}

std::string unresolved_text(const Expectation& old, const std::vector<CellLine>& got,
                            const std::vector<xxgk::Finding>& findings) {
  std::string body;
  for (const auto& c : got) {
    if (!c.unresolved) continue;
    std::string why;
    if (const auto it = old.unresolved.find(c.key); it != old.unresolved.end()) why = it->second;
    for (const auto& f : findings) {
      if (!why.empty()) break;
      if ((f.rule == "X2" || f.rule == "A1") && std::find(f.keys.begin(), f.keys.end(), c.key) != f.keys.end()) {
        why = f.rule + ": " + f.message;
      }
    }
    body += c.key + "  # " + (why.empty() ? "no finding says why" : why) + '\n';
  }
  if (body.empty()) return "";
  if (old.notes.empty()) {
    return "# The cells xxgk leaves unresolved here, one a line: key  # why. Any other unresolved cell\n"
           "# fails the corpus (tools/corpus_cells.hpp, README \"Corpus tests\").\n" +
           body;
  }
  std::string notes;
  for (const auto& n : old.notes) notes += n + '\n';
  return notes + body;
}

}  // namespace corpus
