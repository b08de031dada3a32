// xxgk: the command line. Thin: each subcommand reads files, calls the library, prints.
//
// Built twice: `xxgk`, and `xxgk-batch` (XXGK_BATCH) with the batch runner and the libraries of its
// outputs (SQLite, OpenSSL, libxlsxwriter). `xxgk batch` and `xxgk review` run xxgk-batch in place
// of themselves, so that one report from the command line does not pay for loading those.
#include <cerrno>
#include <climits>
#include <cstring>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include <CLI/CLI.hpp>

#include "xxgk/batch.hpp"
#include "xxgk/xxgk.hpp"

namespace {

// Exit codes: 0 no error findings, 1 error findings, 2 a file could not be read or parsed.
constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUnreadable = 2;

struct Options {
  std::vector<std::string> files;
  std::string output;
  std::string review;  // batch --review, review -o: the folder of review pages
  unsigned jobs = 0;
  bool long_csv = false;
  std::string format = "text";
  std::string encoding = "auto";
  double max_size_mb = static_cast<double>(xxgk::kMaxReportBytes >> 20);
  bool lossy = false;
  double timeout_seconds = xxgk::BatchOptions{}.timeout_seconds;
  std::string arguments;  // the command line, as a JSON array
  char** argv = nullptr;  // the command line as given: xxgk-batch gets it as it is

  [[nodiscard]] xxgk::InvalidBytes invalid_bytes() const {
    return lossy ? xxgk::InvalidBytes::replace : xxgk::InvalidBytes::refuse;
  }
  bool trace = false;

  [[nodiscard]] std::size_t max_bytes() const { return static_cast<std::size_t>(max_size_mb * (1 << 20)); }
};

// Reads one file; on failure prints `file:line:col: error: message` and returns nothing.
std::optional<xxgk::Source> read(const std::string& path, const Options& o) {
  try {
    return xxgk::Source::from_file(path, o.encoding, o.max_bytes(), o.invalid_bytes());
  } catch (const xxgk::InputError& e) {
    const auto pos = e.pos();
    std::cerr << fmt::format("{}:{}:{}: error: {}\n", path == "-" ? "<stdin>" : xxgk::printable_path(path),
                             pos.line ? pos.line : 1, pos.column ? pos.column : 1, e.what());
    return std::nullopt;
  }
}

// Runs `each` on every file that can be read; the status says whether one could not be.
template <typename Each>
int for_each_source(const Options& o, Each each) {
  int status = kExitOk;
  for (const auto& path : o.files) {
    const auto source = read(path, o);
    if (!source) {
      status = kExitUnreadable;
      continue;
    }
    each(*source);
  }
  return status;
}

// Runs `each` on the report of every file that can be read and holds one (a web page may not).
template <typename Each>
int for_each_report(const Options& o, Each each) {
  int status = kExitOk;
  const int read_status = for_each_source(o, [&](const xxgk::Source& source) {
    const xxgk::Report report = xxgk::parse_report(source);
    if (const std::string reason = xxgk::no_report_reason(report, source); !reason.empty()) {
      std::cerr << fmt::format("{}:1:1: error: {}\n", source.name(), reason);
      status = kExitUnreadable;
      return;
    }
    each(source, report);
  });
  return read_status != kExitOk ? read_status : status;
}

int run_parse(const Options& o) {
  return for_each_report(
      o, [](const xxgk::Source&, const xxgk::Report& r) { std::cout << xxgk::to_json(r).dump(2) << '\n'; });
}

int run_cells(const Options& o) {
  return for_each_report(o, [](const xxgk::Source&, const xxgk::Report& r) { xxgk::write_cells(r, std::cout); });
}

int run_check(const Options& o) {
  auto all = nlohmann::ordered_json::array();
  std::size_t errors = 0, warnings = 0;
  int status = for_each_report(o, [&](const xxgk::Source& source, const xxgk::Report& report) {
    for (const auto& f : xxgk::validate(report, source)) {
      (f.severity == xxgk::Severity::error ? errors : warnings)++;
      if (o.format == "json") {
        all.push_back(xxgk::to_json(f, source.name()));
      } else {
        xxgk::write_diagnostic(f, source, std::cout);
      }
    }
  });
  if (o.format == "json") {
    std::cout << all.dump(2) << '\n';
  } else {
    std::cout << fmt::format("{} error{}, {} warning{}\n", errors, errors == 1 ? "" : "s", warnings,
                             warnings == 1 ? "" : "s");
  }
  if (status == kExitOk && errors > 0) status = kExitFindings;
  return status;
}

int run_tree(const Options& o) {
  return for_each_source(o, [&o](const xxgk::Source& s) {
    if (o.trace) {
      xxgk::trace_parse(s, std::cout);
    } else {
      std::cout << xxgk::parse_tree_sexpr(s);
    }
  });
}

// What the grammar reads: a text file normalised, or the text a web page, Word or PDF file was
// read as (one line a block, a table row's cells joined by tabs).
int run_text(const Options& o) {
  return for_each_source(o, [](const xxgk::Source& s) { std::cout << s.text(); });
}

#ifdef XXGK_BATCH
int run_batch(const Options& o) {
  xxgk::BatchOptions batch;
  batch.inputs = o.files;
  batch.output = o.output;
  batch.jobs = o.jobs;
  batch.long_csv = o.long_csv;
  batch.encoding = o.encoding;
  batch.max_bytes = o.max_bytes();
  batch.invalid_bytes = o.invalid_bytes();
  batch.timeout_seconds = o.timeout_seconds;
  batch.arguments = o.arguments;
  batch.review = o.review;
  batch.progress = isatty(fileno(stderr)) != 0;
  // Every input gets a status in the output, unreadable ones included: the run itself succeeded.
  // A run that cannot write its output throws, and main() says so with exit 2.
  xxgk::run_batch(batch, std::cerr);
  return kExitOk;
}
#else
// The batch commands: xxgk-batch, from this program's folder, with the same command line (and the
// same argv[0], so runs.arguments records what the user typed). Returns only when it cannot start.
int run_batch(const Options& o) {
  char self[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  std::string program = n > 0 ? std::string(self, static_cast<std::size_t>(n)) : std::string();
  program = program.substr(0, program.rfind('/') + 1) + "xxgk-batch";
  execv(program.c_str(), o.argv);
  throw std::runtime_error(fmt::format("cannot run {}, installed beside xxgk: {}", program, std::strerror(errno)));
}
#endif

// Review pages alone: the batch with no table output, so folders, -j and the statuses work alike.
int run_review(const Options& o) {
  Options review = o;
  review.review = o.output;
  review.output.clear();
  return run_batch(review);
}

struct Subcommand {
  const char* name;
  const char* description;
  std::function<int(const Options&)> run;
};

const Subcommand kSubcommands[] = {
    {"parse", "print the AST of each report as JSON (schema: docs/ast.schema.json)", run_parse},
    {"cells", "print one line per table cell: key<TAB>value<TAB>line:col", run_cells},
    {"check", "validate reports; findings like a compiler (exit 1 on errors, 2 if unreadable)", run_check},
    {"tree", "print the parse tree as an S-expression of named grammar rules", run_tree},
    {"text", "print the text the grammar reads: normalised, and for a web page what it was read as", run_text},
    {"batch", "parse and check many reports into one .sqlite, .csv, .jsonl or .xlsx file (-o)", run_batch},
    {"review", "write review pages: DIR/index.html and a page a report, findings on the tables' cells (-o DIR)",
     run_review},
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"xxgk: parse and validate 政府信息公开工作年度报告 (government information-disclosure annual reports)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("xxgk ") + XXGK_VERSION);
  app.footer(
      "Exit status:\n"
      "  0  done, no error findings (batch: the run finished; each file's status is in the output)\n"
      "  1  check found errors (rules A, F6)\n"
      "  2  a file could not be read (a message with its position), bad arguments, or a batch output that\n"
      "     cannot be written (the message names it and the system's reason)");
  Options options;
  options.argv = argv;
  {
    auto arguments = nlohmann::json::array();
    for (int i = 0; i < argc; ++i) arguments.push_back(xxgk::printable_path(argv[i]));
    options.arguments = arguments.dump();
  }
  const Subcommand* chosen = nullptr;
  for (const auto& sub : kSubcommands) {
    auto* cmd = app.add_subcommand(sub.name, sub.description);
    cmd->add_option("files", options.files,
                    "reports: text files, saved web pages (.html), Word (.docx) or PDF files; - reads standard input")
        ->required();
    cmd->add_option(
        "--encoding", options.encoding,
        "auto (default: BOM, UTF-8, else detected, e.g. GB18030), or an encoding such as GB18030, UTF-16LE");
    cmd->add_option("--max-size", options.max_size_mb, "refuse files larger than this many MB (default 16)")
        ->check(CLI::PositiveNumber);
    cmd->add_flag(
        "--lossy", options.lossy,
        "replace bytes that are not UTF-8 by U+FFFD and go on (reported as X3), instead of refusing the file");
    if (std::string_view(sub.name) == "check") {
      cmd->add_option("--format", options.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    }
    if (std::string_view(sub.name) == "tree") {
      cmd->add_flag("--trace", options.trace, "show every rule the parser tried");
    }
    if (std::string_view(sub.name) == "batch") {
      cmd->add_option("-o,--output", options.output, "output file: .sqlite (or .db), .csv, .jsonl or .xlsx")
          ->required();
      cmd->add_option("-j,--jobs", options.jobs, "parallel jobs (default: all cores)");
      cmd->add_flag("--long", options.long_csv, "CSV and .xlsx: one row per cell instead of one per report");
      cmd->add_option("--review", options.review,
                      "also write review pages into this folder: index.html and a page a report");
    }
    if (std::string_view(sub.name) == "review") {
      cmd->add_option("-o,--output", options.output, "the folder of the pages (created when missing)")->required();
      cmd->add_option("-j,--jobs", options.jobs, "parallel jobs (default: all cores)");
    }
    if (std::string_view(sub.name) == "batch" || std::string_view(sub.name) == "review") {
      cmd->add_option("--timeout", options.timeout_seconds,
                      "seconds a file may take before it gets the status timeout (default 60; 0: no limit)")
          ->check(CLI::NonNegativeNumber);
    }
    cmd->callback([&chosen, &sub] { chosen = &sub; });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUnreadable;
  }
  try {
    return chosen->run(options);
  } catch (const std::exception& e) {
    std::cerr << "xxgk: error: " << e.what() << '\n';
    return kExitUnreadable;
  }
}
