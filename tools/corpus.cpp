// xxgk_corpus: runs the corpus under tests/corpus and compares with the expectations there.
//
//   xxgk_corpus tests/corpus            check every case; ends with "corpus: N passed, M failed"
//   xxgk_corpus --update tests/corpus   rewrite expectations for review (git diff); refused for
//                                       cases whose parse tree holds unplaced text, and for cases
//                                       that would lose cells (missing, or unresolved and not
//                                       listed): those are printed, and written only with
//   xxgk_corpus --update --accept-lost tests/corpus
//
// grammar/*.txt  tree-sitter style: a name between lines of '=', the input, '---', the expected
//                S-expression (compared with runs of whitespace folded).
// documents/X.txt  a whole report; X.cells holds `xxgk cells`, X.findings the findings
//                  (`line:col: severity[rule] key: message`). Documents listed in
//                  known_failures.txt may fail; they are reported, not counted.
// documents/X.html  a saved web page holding a report, read directly: the same, with positions
//                  in the HTML.
// documents/X.docx  a Word file holding a report, read directly: the same, each position the
//                  line:col of the reader's text and the place in the document ("18:4 table 1,
//                  row 3, cell 2", "12:1 paragraph 9").
// documents/X.pdf  a PDF file with a text layer, read directly by its words' geometry: the same,
//                  positions lines and columns of the text read from it.
// collapsed/X.txt  documents/X.txt with all whitespace inside its tables removed; X.cells as above.
// encodings/NNN_*.txt  seed NNN in another encoding (GB18030, UTF-16) or in traditional characters:
//                  the cells of documents/NNN_*.cells, at the same positions.
// synthetic/ROUTE/N.txt  a generated report as one extraction route gives it (tools/synth);
//                  synthetic/truth/N.json holds its cells (compared without positions); an
//                  injected error must be reported; a clean report must get no error finding.
//
// Every case with cells: a cell may be unresolved only when X.unresolved next to the case (for
// encodings, the seed's) lists it with a reason and an X2 or A1 finding names it; any other
// unresolved, missing or extra cell, and any other text or position, fails (corpus_cells.hpp).
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

#include "corpus_cells.hpp"
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
    out += fmt::format("{}: {}[{}]", corpus::position_text(f.pos), xxgk::to_string(f.severity), f.rule);
    if (!f.keys.empty()) out += " " + f.keys.front() + ":";
    out += " " + f.message + "\n";
  }
  return out;
}

// The first line where two texts differ, as a problem to print.
std::string first_difference(const std::string& what, const std::string& expected, const std::string& actual) {
  const auto e = lines_of(expected);
  const auto a = lines_of(actual);
  for (std::size_t i = 0; i < std::max(e.size(), a.size()); ++i) {
    const std::string el = i < e.size() ? e[i] : "<end>";
    const std::string al = i < a.size() ? a[i] : "<end>";
    if (el != al) return fmt::format("{} line {}:\n      expected: {}\n      got:      {}", what, i + 1, el, al);
  }
  return what + " differs";
}

struct Tally {
  int passed = 0;
  int failed = 0;
  int refused = 0;
  int known = 0;
};

struct Options {
  fs::path root;             // tests/corpus
  bool update = false;       // --update: rewrite the expectations that differ
  bool accept_lost = false;  // --accept-lost: let an update record lost cells (listed for review)
};

fs::path with_extension(fs::path file, const char* extension) {
  return file.replace_extension(extension);
}

std::string name_in(const fs::path& file, const Options& o) {
  return file.lexically_relative(o.root).generic_string();
}

// A failed case, with its problems: at most kShown of them, since one lost row is seven cells and
// a lowering that loses every run-together row would otherwise bury the other cases.
constexpr std::size_t kShown = 12;

void record(const std::string& label, const std::vector<std::string>& problems, Tally& t) {
  if (problems.empty()) {
    ++t.passed;
    return;
  }
  std::cout << "FAIL " << label << '\n';
  for (std::size_t i = 0; i < problems.size() && i < kShown; ++i) std::cout << "    " << problems[i] << '\n';
  if (problems.size() > kShown) std::cout << fmt::format("    ... and {} more\n", problems.size() - kShown);
  ++t.failed;
}

void run_grammar(const fs::path& file, const Options& o, Tally& t) {
  auto cases = read_cases(read_file(file));
  bool changed = false;
  for (auto& c : cases) {
    const std::string label = fmt::format("{}: {}", name_in(file, o), c.name);
    try {
      const auto source = xxgk::Source::from_bytes(c.input, c.name);
      const std::string actual = xxgk::parse_tree_sexpr(source);
      if (fold_whitespace(actual) == fold_whitespace(c.expected)) {
        ++t.passed;
        continue;
      }
      if (o.update) {
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
      record(label, {first_difference("tree", c.expected, actual)}, t);
    } catch (const std::exception& e) {
      record(label, {e.what()}, t);
    }
  }
  if (changed) write_file(file, write_cases(cases));
}

// --update for a case with X.cells (documents, collapsed): writes X.cells, X.unresolved and, for
// documents, X.findings. Refused for a tree with unplaced text, and for cells lost against the old
// expectation (missing, or unresolved and not listed) unless --accept-lost: an expectation must
// never take lost cells in silently, so they are printed for the reviewer either way.
void update_case(const std::string& label, const fs::path& file, const xxgk::Source& source, const xxgk::Report& report,
                 const std::vector<xxgk::Finding>& findings, const corpus::Expectation& old, bool with_findings,
                 const Options& o, Tally& t) {
  if (!report.unplaced.empty() || xxgk::parse_tree_has_unplaced(source)) {
    std::cout << "refused (unplaced text in the tree): " << label << '\n';
    ++t.refused;
    return;
  }
  const auto got = corpus::cells_of(report);
  const auto lost = corpus::lost_cells(old, got);
  if (!lost.empty()) {
    std::cout << (o.accept_lost ? "accepting lost cells (--accept-lost): "
                                : "refused (cells lost; if the document says so, rerun with --accept-lost): ")
              << label << '\n';
    for (const auto& l : lost) std::cout << "    " << l << '\n';
    if (!o.accept_lost) {
      ++t.refused;
      return;
    }
  }
  write_file(with_extension(file, ".cells"), corpus::cells_text(got));
  const std::string unresolved = corpus::unresolved_text(old, got, findings);
  if (unresolved.empty()) {
    fs::remove(with_extension(file, ".unresolved"));
  } else {
    write_file(with_extension(file, ".unresolved"), unresolved);
  }
  if (with_findings) write_file(with_extension(file, ".findings"), findings_text(findings));
  std::cout << "updated: " << label << '\n';
  ++t.passed;
}

corpus::Expectation expectation_of(const fs::path& file, const Options& o) {
  return corpus::read_expectation(with_extension(file, ".cells"), with_extension(file, ".unresolved"), o.root);
}

// documents/X.txt: the cells of X.cells (unresolved only where X.unresolved lists them) and the
// findings of X.findings.
void run_document(const fs::path& file, const Options& o, bool known_failure, Tally& t) {
  const std::string label = name_in(file, o);
  try {
    const auto source = xxgk::Source::from_file(file.string());
    const auto report = xxgk::parse_report(source);
    const auto findings = xxgk::validate(report, source);
    const auto expected = expectation_of(file, o);
    auto problems = corpus::compare(expected, corpus::cells_of(report), findings);
    const fs::path findings_path = with_extension(file, ".findings");
    if (!fs::exists(findings_path)) {
      problems.push_back(name_in(findings_path, o) + " does not exist");
    } else if (const std::string got = findings_text(findings), want = read_file(findings_path); got != want) {
      problems.push_back(first_difference(name_in(findings_path, o), want, got));
    }
    if (problems.empty()) {
      ++t.passed;
    } else if (o.update) {
      update_case(label, file, source, report, findings, expected, true, o, t);
    } else if (known_failure) {
      std::cout << "known failure: " << label << '\n';
      ++t.known;
    } else {
      record(label, problems, t);
    }
  } catch (const std::exception& e) {
    record(label, {e.what()}, t);
  }
}

// encodings/NNN_*.txt: a seed in another encoding has the seed's committed cells, positions
// included (documents/NNN_*.cells and .unresolved), not those of a fresh parse of the seed,
// which would move with the seed when both go wrong together.
void run_encoding(const fs::path& file, const Options& o, Tally& t) {
  const std::string label = name_in(file, o);
  try {
    const std::string prefix = file.filename().string().substr(0, 4);  // "004_"
    fs::path seed;
    for (const auto& entry : fs::directory_iterator(o.root / "documents")) {
      const std::string name = entry.path().filename().string();
      if (name.rfind(prefix, 0) == 0 && entry.path().extension() == ".txt") seed = entry.path();
    }
    if (seed.empty()) throw std::runtime_error("no documents/" + prefix + "*.txt: the case names no seed");
    const auto source = xxgk::Source::from_file(file.string());
    const auto report = xxgk::parse_report(source);
    record(label, corpus::compare(expectation_of(seed, o), corpus::cells_of(report), xxgk::validate(report, source)),
           t);
  } catch (const std::exception& e) {
    record(label, {e.what()}, t);
  }
}

// collapsed/X.txt: the cells of collapsed/X.cells; those the row's total cannot settle are listed,
// each with its reason, in collapsed/X.unresolved.
void run_collapsed(const fs::path& file, const Options& o, Tally& t) {
  const std::string label = name_in(file, o);
  try {
    const auto source = xxgk::Source::from_file(file.string());
    const auto report = xxgk::parse_report(source);
    const auto findings = xxgk::validate(report, source);
    const auto expected = expectation_of(file, o);
    const auto problems = corpus::compare(expected, corpus::cells_of(report), findings);
    if (!problems.empty() && o.update) {
      update_case(label, file, source, report, findings, expected, false, o, t);
    } else {
      record(label, problems, t);
    }
  } catch (const std::exception& e) {
    record(label, {e.what()}, t);
  }
}

// synthetic/ROUTE/N.txt: the truth's cells (without positions), unresolved only where
// synthetic/ROUTE/N.unresolved lists them; the injected error reported; no error on a clean report.
// The truth is the generator's, so --update writes nothing here.
void run_synthetic(const fs::path& file, const Options& o, Tally& t) {
  const std::string label = name_in(file, o);
  try {
    const fs::path truth_path = with_extension(o.root / "synthetic" / "truth" / file.filename(), ".json");
    const auto truth = nlohmann::json::parse(read_file(truth_path));
    corpus::Expectation expected;
    expected.cells_name = name_in(truth_path, o);
    expected.unresolved_name = name_in(with_extension(file, ".unresolved"), o);
    for (const auto& [key, raw] : truth.at("cells").get<std::map<std::string, std::string>>()) {
      expected.cells.push_back({key, raw, ""});
    }
    corpus::read_unresolved(with_extension(file, ".unresolved"), expected);
    // html2text cuts characters apart: its users read it with --lossy, and so does this test.
    const bool damaged = file.parent_path().filename() == "html2text";
    const auto source = xxgk::Source::from_file(file.string(), "auto", xxgk::kMaxReportBytes,
                                                damaged ? xxgk::InvalidBytes::replace : xxgk::InvalidBytes::refuse);
    const auto report = xxgk::parse_report(source);
    const auto findings = xxgk::validate(report, source);
    auto problems = corpus::compare(expected, corpus::cells_of(report), findings);
    if (truth.at("injected").is_object()) {
      const std::string rule = truth["injected"]["rule"];
      if (std::none_of(findings.begin(), findings.end(), [&](const auto& f) { return f.rule == rule; })) {
        problems.push_back("the injected " + rule + " error is not reported");
      }
    } else {
      for (const auto& f : findings) {
        if (f.severity == xxgk::Severity::error) problems.push_back("false error " + f.rule + ": " + f.message);
      }
    }
    record(label, problems, t);
  } catch (const std::exception& e) {
    record(label, {e.what()}, t);
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
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--update") {
      o.update = true;
    } else if (arg == "--accept-lost") {
      o.accept_lost = true;
    } else {
      o.root = arg;
    }
  }
  if (o.root.empty() || (o.accept_lost && !o.update)) {
    std::cerr << "usage: xxgk_corpus [--update [--accept-lost]] tests/corpus\n";
    return 2;
  }
  std::set<std::string> known_failures;
  for (const auto& line : lines_of(read_file(o.root / "known_failures.txt"))) {
    if (!line.empty() && line[0] != '#') known_failures.insert(line);
  }
  Tally t;
  for (const auto& file : files_in(o.root / "grammar", ".txt")) run_grammar(file, o, t);
  for (const char* extension :
       {".txt", ".html", ".docx", ".pdf"}) {  // reports as text, saved web pages, Word and PDF files
    for (const auto& file : files_in(o.root / "documents", extension)) {
      run_document(file, o, known_failures.count(file.filename().string()) > 0, t);
    }
  }
  for (const auto& file : files_in(o.root / "collapsed", ".txt")) run_collapsed(file, o, t);
  for (const auto& file : files_in(o.root / "encodings", ".txt")) run_encoding(file, o, t);
  if (fs::is_directory(o.root / "synthetic")) {
    std::vector<fs::path> routes;
    for (const auto& route : fs::directory_iterator(o.root / "synthetic")) {
      if (route.is_directory() && route.path().filename() != "truth") routes.push_back(route.path());
    }
    std::sort(routes.begin(), routes.end());
    for (const auto& route : routes) {
      for (const auto& file : files_in(route, ".txt")) run_synthetic(file, o, t);
    }
  }
  if (t.known > 0) std::cout << t.known << " known failures (known_failures.txt)\n";
  if (t.refused > 0) std::cout << t.refused << " refused: see above why; nothing was written for them\n";
  std::cout << "corpus: " << t.passed << " passed, " << t.failed << " failed\n";
  return (t.failed > 0 || t.refused > 0) ? 1 : 0;
}
