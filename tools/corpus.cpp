// xxgk_corpus: runs the corpus under tests/corpus and compares with the expectations there.
//
//   xxgk_corpus tests/corpus            check every case; prints "N passed, M failed"
//   xxgk_corpus --update tests/corpus   rewrite expectations for review (git diff), except for
//                                       cases whose parse tree holds unplaced text: those are refused
//
// grammar/*.txt  tree-sitter style: a name between lines of '=', the input, '---', the expected
//                S-expression (compared with runs of whitespace folded).
// documents/X.txt  a whole report; X.cells holds `xxgk cells`, X.findings the findings
//                  (`line:col: severity[rule] key: message`). Documents listed in
//                  known_failures.txt may fail; they are reported, not counted.
// encodings/NNN_*.txt  seed NNN in another encoding (GB18030, UTF-16) or in traditional characters:
//                  the same cells at the same positions.
// collapsed/X.txt  documents/X.txt with all whitespace inside its tables removed: every cell
//                  reads as in X.txt, or is unresolved and an X2 or A1 finding says so.
// synthetic/ROUTE/N.txt  a generated report as one extraction route gives it (tools/synth);
//                  synthetic/truth/N.json holds its cells: each cell must read as the truth, or
//                  be unresolved with a finding that says so; an injected error must be reported;
//                  a clean report must get no error finding.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "xxgk/xxgk.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

std::string fold_whitespace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty() && c != ')') out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

struct GrammarCase {
  std::string name;
  std::string input;
  std::string expected;
};

bool is_rule_line(std::string_view line, char c) {
  return line.size() >= 3 && std::all_of(line.begin(), line.end(), [c](char x) { return x == c; });
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::vector<GrammarCase> read_cases(const std::string& text) {
  std::vector<GrammarCase> cases;
  const auto lines = lines_of(text);
  for (std::size_t i = 0; i < lines.size();) {
    if (!is_rule_line(lines[i], '=')) {
      ++i;
      continue;
    }
    GrammarCase c;
    c.name = i + 1 < lines.size() ? lines[i + 1] : "";
    i += 3;  // =====, name, =====
    while (i < lines.size() && !is_rule_line(lines[i], '-')) c.input += lines[i++] + "\n";
    ++i;
    while (i < lines.size() && !is_rule_line(lines[i], '=')) c.expected += lines[i++] + "\n";
    cases.push_back(std::move(c));
  }
  return cases;
}

std::string write_cases(const std::vector<GrammarCase>& cases) {
  std::string out;
  for (const auto& c : cases) {
    const std::string rule(std::max<std::size_t>(c.name.size(), 20), '=');
    std::string expected = c.expected;
    while (!expected.empty() && expected.back() == '\n') expected.pop_back();
    out += rule + "\n" + c.name + "\n" + rule + "\n" + c.input + "---\n" + expected + "\n\n";
  }
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

std::string findings_text(const std::vector<xxgk::Finding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    out += fmt::format("{}:{}: {}[{}]", f.pos.line, f.pos.column, xxgk::to_string(f.severity), f.rule);
    if (!f.keys.empty()) out += " " + f.keys.front() + ":";
    out += " " + f.message + "\n";
  }
  return out;
}

// Shows the first line where two texts differ.
void show_difference(const std::string& what, const std::string& expected, const std::string& actual) {
  const auto e = lines_of(expected);
  const auto a = lines_of(actual);
  for (std::size_t i = 0; i < std::max(e.size(), a.size()); ++i) {
    const std::string el = i < e.size() ? e[i] : "<end>";
    const std::string al = i < a.size() ? a[i] : "<end>";
    if (el != al) {
      std::cout << fmt::format("    {} line {}:\n      expected: {}\n      actual:   {}\n", what, i + 1, el, al);
      return;
    }
  }
}

struct Tally {
  int passed = 0;
  int failed = 0;
  int refused = 0;
  int known = 0;
};

void run_grammar(const fs::path& file, bool update, Tally& t) {
  auto cases = read_cases(read_file(file));
  bool changed = false;
  for (auto& c : cases) {
    const std::string label = fmt::format("{}: {}", file.filename().string(), c.name);
    try {
      const auto source = xxgk::Source::from_bytes(c.input, c.name);
      const std::string actual = xxgk::parse_tree_sexpr(source);
      if (fold_whitespace(actual) == fold_whitespace(c.expected)) {
        ++t.passed;
        continue;
      }
      if (update) {
        if (xxgk::parse_tree_has_unplaced(source)) {
          std::cout << "refused (unplaced text in the tree): " << label << '\n';
          ++t.refused;
          continue;
        }
        c.expected = actual;
        changed = true;
        std::cout << "updated: " << label << '\n';
        ++t.passed;
        continue;
      }
      std::cout << "FAIL " << label << '\n';
      show_difference("tree", c.expected, actual);
      ++t.failed;
    } catch (const std::exception& e) {
      std::cout << "FAIL " << label << ": " << e.what() << '\n';
      ++t.failed;
    }
  }
  if (changed) write_file(file, write_cases(cases));
}

void run_document(const fs::path& file, bool update, bool known_failure, Tally& t) {
  const std::string label = file.filename().string();
  fs::path cells_path = file, findings_path = file;
  cells_path.replace_extension(".cells");
  findings_path.replace_extension(".findings");
  try {
    const auto source = xxgk::Source::from_file(file.string());
    const auto report = xxgk::parse_report(source);
    std::ostringstream cells;
    xxgk::write_cells(report, cells);
    const std::string findings = findings_text(xxgk::validate(report, source));
    const bool cells_ok = fs::exists(cells_path) && read_file(cells_path) == cells.str();
    const bool findings_ok = fs::exists(findings_path) && read_file(findings_path) == findings;
    if (cells_ok && findings_ok) {
      ++t.passed;
      return;
    }
    if (update) {
      if (!report.unplaced.empty() || xxgk::parse_tree_has_unplaced(source)) {
        std::cout << "refused (unplaced text in the tree): " << label << '\n';
        ++t.refused;
        return;
      }
      write_file(cells_path, cells.str());
      write_file(findings_path, findings);
      std::cout << "updated: " << label << '\n';
      ++t.passed;
      return;
    }
    if (known_failure) {
      std::cout << "known failure: " << label << '\n';
      ++t.known;
      return;
    }
    std::cout << "FAIL " << label << '\n';
    if (!cells_ok) show_difference("cells", fs::exists(cells_path) ? read_file(cells_path) : "", cells.str());
    if (!findings_ok) show_difference("findings", fs::exists(findings_path) ? read_file(findings_path) : "", findings);
    ++t.failed;
  } catch (const xxgk::InputError& e) {
    std::cout << "FAIL " << label << ": " << e.what() << '\n';
    ++t.failed;
  }
}

// Cell key → raw text, and the keys left unresolved.
struct CellValues {
  std::map<std::string, std::string> raw;
  std::set<std::string> unresolved;
};

CellValues cell_values(const xxgk::Report& report) {
  CellValues v;
  for (const xxgk::Table* t : report.tables()) {
    for (const auto& row : t->rows) {
      for (const auto& c : row.cells) {
        if (c.state == xxgk::CellState::unresolved) v.unresolved.insert(c.key);
        v.raw[c.key] = c.raw;
      }
    }
  }
  return v;
}

// Keys that an X2 or A1 finding names: cells whose reading the report says is open.
std::set<std::string> keys_said_open(const std::vector<xxgk::Finding>& findings) {
  std::set<std::string> keys;
  for (const auto& f : findings) {
    if (f.rule == "X2" || f.rule == "A1") keys.insert(f.keys.begin(), f.keys.end());
  }
  return keys;
}

// Compares read cells with the expected ones; returns the first problem, or "".
std::string compare_cells(const std::map<std::string, std::string>& expected, const CellValues& got,
                          const std::set<std::string>& said_open) {
  for (const auto& [key, value] : expected) {
    const auto it = got.raw.find(key);
    if (it == got.raw.end()) return "missing " + key;
    if (got.unresolved.count(key) > 0) {
      if (said_open.count(key) == 0) return key + " is unresolved and no finding says so";
      continue;
    }
    if (it->second != value) return fmt::format("{} reads '{}', expected '{}'", key, it->second, value);
  }
  return "";
}

// Counts a case: passed when there is no problem, else printed.
void record(const std::string& label, const std::string& problem, Tally& t) {
  if (problem.empty()) {
    ++t.passed;
    return;
  }
  std::cout << "FAIL " << label << ": " << problem << '\n';
  ++t.failed;
}

// encodings/NNN_*.txt: a seed in another encoding gives the seed's cells, positions included.
void run_encoding(const fs::path& file, const fs::path& documents, Tally& t) {
  const std::string label = "encodings/" + file.filename().string();
  std::string problem;
  try {
    const std::string prefix = file.filename().string().substr(0, 4);  // "004_"
    fs::path original;
    for (const auto& entry : fs::directory_iterator(documents)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind(prefix, 0) == 0 && entry.path().extension() == ".txt") original = entry.path();
    }
    std::ostringstream expected, got;
    xxgk::write_cells(xxgk::parse_report(xxgk::Source::from_file(original.string())), expected);
    xxgk::write_cells(xxgk::parse_report(xxgk::Source::from_file(file.string())), got);
    if (expected.str() != got.str()) problem = "cells differ from " + original.filename().string();
  } catch (const std::exception& e) {
    problem = e.what();
  }
  record(label, problem, t);
}

void run_collapsed(const fs::path& file, const fs::path& documents, Tally& t) {
  const std::string label = "collapsed/" + file.filename().string();
  try {
    const auto original = xxgk::Source::from_file((documents / file.filename()).string());
    std::map<std::string, std::string> expected = cell_values(xxgk::parse_report(original)).raw;
    const auto source = xxgk::Source::from_file(file.string());
    const auto report = xxgk::parse_report(source);
    record(label, compare_cells(expected, cell_values(report), keys_said_open(xxgk::validate(report, source))), t);
  } catch (const std::exception& e) {
    std::cout << "FAIL " << label << ": " << e.what() << '\n';
    ++t.failed;
  }
}

void run_synthetic(const fs::path& file, const fs::path& truth_dir, Tally& t) {
  const std::string label = "synthetic/" + file.parent_path().filename().string() + "/" + file.filename().string();
  try {
    fs::path truth_path = truth_dir / file.filename();
    truth_path.replace_extension(".json");
    const auto truth = nlohmann::json::parse(read_file(truth_path));
    const auto expected = truth.at("cells").get<std::map<std::string, std::string>>();
    // html2text cuts characters apart: its users read it with --lossy, and so does this test.
    const bool damaged = file.parent_path().filename() == "html2text";
    const auto source = xxgk::Source::from_file(file.string(), "auto", xxgk::kMaxReportBytes,
                                                damaged ? xxgk::InvalidBytes::replace : xxgk::InvalidBytes::refuse);
    const auto report = xxgk::parse_report(source);
    const auto findings = xxgk::validate(report, source);
    std::string problem = compare_cells(expected, cell_values(report), keys_said_open(findings));
    const bool any_error = std::any_of(findings.begin(), findings.end(),
                                       [](const auto& f) { return f.severity == xxgk::Severity::error; });
    if (problem.empty() && truth.at("injected").is_object()) {
      const std::string rule = truth["injected"]["rule"];
      if (std::none_of(findings.begin(), findings.end(), [&](const auto& f) { return f.rule == rule; })) {
        problem = "the injected " + rule + " error is not reported";
      }
    } else if (problem.empty() && any_error) {
      for (const auto& f : findings) {
        if (f.severity == xxgk::Severity::error) problem = "false error " + f.rule + ": " + f.message;
      }
    }
    record(label, problem, t);
  } catch (const std::exception& e) {
    std::cout << "FAIL " << label << ": " << e.what() << '\n';
    ++t.failed;
  }
}

std::vector<fs::path> files_in(const fs::path& dir, std::string_view extension) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == extension) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  bool update = false;
  fs::path root;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--update") {
      update = true;
    } else {
      root = arg;
    }
  }
  if (root.empty()) {
    std::cerr << "usage: xxgk_corpus [--update] tests/corpus\n";
    return 2;
  }
  std::set<std::string> known_failures;
  for (const auto& line : lines_of(read_file(root / "known_failures.txt"))) {
    if (!line.empty() && line[0] != '#') known_failures.insert(line);
  }
  Tally t;
  for (const auto& file : files_in(root / "grammar", ".txt")) run_grammar(file, update, t);
  for (const auto& file : files_in(root / "documents", ".txt")) {
    run_document(file, update, known_failures.count(file.filename().string()) > 0, t);
  }
  for (const auto& file : files_in(root / "collapsed", ".txt")) run_collapsed(file, root / "documents", t);
  for (const auto& file : files_in(root / "encodings", ".txt")) run_encoding(file, root / "documents", t);
  if (fs::is_directory(root / "synthetic")) {
    std::vector<fs::path> routes;
    for (const auto& route : fs::directory_iterator(root / "synthetic")) {
      if (route.is_directory() && route.path().filename() != "truth") routes.push_back(route.path());
    }
    std::sort(routes.begin(), routes.end());
    for (const auto& route : routes) {
      for (const auto& file : files_in(route, ".txt")) run_synthetic(file, root / "synthetic" / "truth", t);
    }
  }
  if (t.known > 0) std::cout << t.known << " known failures (known_failures.txt)\n";
  if (t.refused > 0)
    std::cout << t.refused << " refused: fix the grammar so nothing is left unplaced, then update again\n";
  std::cout << "corpus: " << t.passed << " passed, " << t.failed << " failed\n";
  return (t.failed > 0 || t.refused > 0) ? 1 : 0;
}
