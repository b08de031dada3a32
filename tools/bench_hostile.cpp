// Time and peak memory of the whole pipeline (decode → parse → lower → validate → JSON) on hostile
// inputs of growing size, each run in a child process so that its peak memory is its own.
// A linear parser shows a constant µs/KB down each kind's rows. Run by tools/bench-hostile.
#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "xxgk/xxgk.hpp"

namespace {

struct Kind {
  const char* name;
  std::function<std::string(const std::string& seed, int scale)> make;  // scale 1, 2, 4, 8
};

std::string between(const std::string& text, const std::string& from, const std::string& to) {
  const std::size_t a = text.find(from);
  const std::size_t b = text.find(to, a);
  return text.substr(a, b - a);
}

std::string repeated(const std::string& unit, std::size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

// Table 三 of the seed with each row's cells run together into one run of digits, as a crawler that
// drops whitespace leaves them, but longer: 12 to 40 digits, 1–9 only. Such a run can be cut into
// the row's seven cells in thousands of ways, which is where a search over cuts spends its time.
std::string digit_run_rows(const std::string& table) {
  std::string out;
  unsigned state = 12345;  // a fixed sequence, so that every run measures the same text
  std::size_t row = 0;
  for (std::size_t at = 0; at < table.size();) {
    std::size_t end = table.find('\n', at);
    if (end == std::string::npos) end = table.size();
    const std::string line = table.substr(at, end - at);
    at = end + 1;
    // The cells are the line's tail of digits and tabs, after the label.
    std::size_t cells = line.find_last_not_of("0123456789\t");
    cells = cells == std::string::npos ? 0 : cells + 1;
    if (line.find_first_of("0123456789", cells) == std::string::npos) {
      out += line + "\n";
      continue;
    }
    std::string run;
    for (std::size_t i = 0, n = 12 + 4 * (row++ % 8); i < n; ++i) {
      state = state * 1103515245 + 12345;
      run += static_cast<char>('1' + (state >> 16) % 9);
    }
    out += line.substr(0, cells) + "\t" + run + "\n";
  }
  return out;
}

// The seed with `insert` placed just before the heading `before`.
std::string with(const std::string& seed, const std::string& before, const std::string& insert) {
  std::string out = seed;
  out.insert(out.find(before), insert);
  return out;
}

const std::vector<Kind> kKinds = {
    {"one long line (1-8 MB)",
     [](const std::string& seed, int scale) {
       return with(seed, "二、", repeated("本局依法公开政府信息 12 件,", std::size_t(scale) * 30000) + "\n");
     }},
    {"table 四 repeated (2,500-20,000)",
     [](const std::string& seed, int scale) {
       return with(seed, "五、", repeated(between(seed, "行政复议", "五、"), std::size_t(scale) * 2500));
     }},
    {"table 三 repeated (250-2,000)",
     [](const std::string& seed, int scale) {
       return with(seed, "四、", repeated(between(seed, "三、", "四、"), std::size_t(scale) * 250));
     }},
    {"table 三 rows of long digit runs (250-2,000)",
     [](const std::string& seed, int scale) {
       const std::string table = digit_run_rows(between(seed, "三、", "四、政府"));
       return with(seed, "四、政府", repeated(table, std::size_t(scale) * 250));
     }},
    {"heading repeated (25,000-200,000)",
     [](const std::string& seed, int scale) {
       return seed + repeated("一、总体情况\n(一)主动公开\n", std::size_t(scale) * 25000);
     }},
    {"one run of digits (0.25-2 MB)",
     [](const std::string& seed, int scale) {
       return with(seed, "四、", std::string(std::size_t(scale) * 250000, '7') + "\n");
     }},
    {"whole reports concatenated (100-800)",
     [](const std::string& seed, int scale) { return repeated(seed + "\n", std::size_t(scale) * 100); }},
    {"invalid UTF-8 at the end (1-8 MB)",
     [](const std::string& seed, int scale) {
       return repeated(seed, std::size_t(scale) * (1 << 20) / seed.size()) + "\xFF";
     }},
};

// Runs the pipeline once in a child on the input `make` builds there, moved into the Source as a
// file's bytes are: the child's peak resident set counts the input once, as `xxgk check` on a file
// does (built in the parent, its pages would count in the child's set as well). Seconds of the
// pipeline alone (timed in the child, sent back by a pipe) and the peak in MB.
std::pair<double, double> measure(const std::function<std::string()>& make) {
  malloc_trim(0);  // the parent's freed copies of earlier inputs are not the child's
  int fds[2];
  if (pipe(fds) != 0) std::exit(1);
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    int status = 0;
    std::string bytes = make();
    const auto start = std::chrono::steady_clock::now();
    try {
      const auto source =
          xxgk::Source::from_bytes(std::move(bytes), "bench", "auto", std::numeric_limits<std::size_t>::max());
      const auto report = xxgk::parse_report(source);
      const auto findings = xxgk::validate(report, source);
      status = xxgk::to_json(report).dump().empty() || findings.empty() ? 3 : 0;
    } catch (const xxgk::InputError&) {
      status = 0;  // refused with its position: the expected outcome for bad bytes
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (write(fds[1], &seconds, sizeof seconds) != sizeof seconds) status = 1;
    _exit(status == 3 ? 0 : status);
  }
  close(fds[1]);
  double seconds = 0;
  if (read(fds[0], &seconds, sizeof seconds) != sizeof seconds) seconds = -1;
  close(fds[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fmt::print(stderr, "bench_hostile: the child failed (status {})\n", status);
    std::exit(1);
  }
  return {seconds, static_cast<double>(usage.ru_maxrss) / 1024};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "usage: xxgk_bench_hostile SEED_REPORT.txt\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::string seed{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  fmt::print("{:<46} {:>9} {:>9} {:>8} {:>9} {:>10}\n", "input", "size MB", "seconds", "µs/KB", "peak MB",
             "bytes/byte");
  for (const Kind& kind : kKinds) {
    for (const int scale : {1, 2, 4, 8}) {
      const double mb = static_cast<double>(kind.make(seed, scale).size()) / (1 << 20);
      const auto [seconds, peak_mb] = measure([&] { return kind.make(seed, scale); });
      fmt::print("{:<46} {:>9.2f} {:>9.3f} {:>8.2f} {:>9.0f} {:>10.1f}\n", scale == 1 ? kind.name : "", mb, seconds,
                 seconds * 1e6 / (mb * 1024), peak_mb, peak_mb / mb);
    }
  }
  return 0;
}
