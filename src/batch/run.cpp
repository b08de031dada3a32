// xxgk batch: every input gets a status (ok, findings, partial, unreadable, timeout) and a reason;
// results are written chunk by chunk, so a run stopped midway leaves a usable output and memory
// does not grow with the number of files.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <optional>
#include <system_error>

#include <fmt/format.h>

#include "src/batch/cross_year.hpp"
#include "src/batch/inputs.hpp"
#include "src/batch/pool.hpp"
#include "src/batch/process.hpp"
#include "src/batch/writer.hpp"
#include "xxgk/batch.hpp"

namespace xxgk {
namespace batch {

constexpr std::size_t kChunk = 256;  // files held in memory at once

std::vector<const Cell*> Result::cells() const {
  std::vector<const Cell*> out;
  if (!report) return out;
  for (const Table* t : report->tables()) {
    for (const Row& row : t->rows) {
      for (const Cell& c : row.cells) out.push_back(&c);
    }
  }
  return out;
}

namespace {

// A review alone (`xxgk review`): no table output.
class NoWriter final : public Writer {
 public:
  void write(const std::vector<Result>& /*chunk*/) override {}
  void finish(const RunCounts& /*counts*/) override {}
};

}  // namespace

std::unique_ptr<Writer> open_writer(const BatchOptions& o) {
  if (o.output.empty()) return std::make_unique<NoWriter>();
  const std::string ext = std::filesystem::path(o.output).extension().string();
  if (ext == ".sqlite" || ext == ".db") return open_sqlite_writer(o);
  if (ext == ".csv") return open_csv_writer(o);
  if (ext == ".jsonl") return open_jsonl_writer(o);
  if (ext == ".xlsx") return open_xlsx_writer(o);
  throw std::runtime_error("the output must end in .sqlite, .csv, .jsonl or .xlsx");
}

namespace {

// Starts `work` on its own thread when there is more than one job and the system gives a
// thread; otherwise it runs when its result is asked for.
template <typename Work>
std::future<std::vector<Result>> start(bool in_parallel, Work work) {
  if (in_parallel) {
    try {
      return std::async(std::launch::async, work);
    } catch (const std::system_error&) {
      // no thread to be had: the same work, one step after the other
    }
  }
  return std::async(std::launch::deferred, work);
}

void print_cross_year(const std::vector<CrossYearFindings>& found, std::ostream& log) {
  for (const auto& report : found) {
    for (const Finding& f : report.findings) {
      log << fmt::format("{}:{}:{}: warning[{}] {}: {}\n", report.path, f.pos.line, f.pos.column, f.rule,
                         f.keys.front(), f.message);
    }
  }
}

// The review page of each file, from what the batch recorded of it.
void add_review_pages(ReviewWriter& review, const std::vector<Result>& chunk) {
  for (const Result& r : chunk) {
    ReviewFile file;
    file.path = printable_path(r.path);
    file.kind = r.kind, file.status = r.status, file.reason = r.reason;
    if (r.report) file.report = &*r.report, file.findings = &r.findings;
    if (r.review) file.context = &*r.review;
    review.add(file);
  }
}

void run(const BatchOptions& o, Writer& writer, const ExpandedInputs& inputs, RunCounts& counts, std::ostream& log) {
  const auto& files = inputs.files;
  const unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  const auto start_time = std::chrono::steady_clock::now();
  YearSummaries summaries;
  std::optional<ReviewWriter> review;
  if (!o.review.empty()) review.emplace(o.review);
  WorkerPool pool(static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(files.size(), 1))));
  const auto parse_chunk = [&](std::size_t first) {
    const std::size_t count = std::min(kChunk, files.size() - first);
    std::vector<Result> chunk(count);
    pool.run(count, [&](std::size_t i) { chunk[i] = process(files[first + i], o); });
    return chunk;
  };
  // With several jobs, the next chunk is parsed while this one is written (two chunks in memory at
  // most); with -j 1 everything runs on one core, one step after the other.
  std::future<std::vector<Result>> pending;
  if (!files.empty()) pending = start(jobs > 1, [&] { return parse_chunk(0); });
  std::size_t done = 0;
  for (std::size_t first = 0; first < files.size(); first += kChunk) {
    std::vector<Result> chunk = pending.get();
    if (first + kChunk < files.size())
      pending = start(jobs > 1, [&, next = first + kChunk] { return parse_chunk(next); });
    writer.write(chunk);
    if (review) add_review_pages(*review, chunk);
    summaries.add(chunk);
    for (const Result& r : chunk) ++counts.by_status[r.status];
    done += chunk.size();
    if (o.progress) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time).count();
      const double rate = static_cast<double>(done) / std::max(seconds, 1e-9);
      log << fmt::format("\r{}/{} files, {:.0f} files/s, ETA {:.0f} s   ", done, files.size(), rate,
                         static_cast<double>(files.size() - done) / std::max(rate, 1e-9))
          << std::flush;
    }
  }
  if (o.progress) log << '\n';
  summaries.check(1000, [&](std::vector<CrossYearFindings>& found) {
    writer.add_cross_year(found);
    print_cross_year(found, log);
    for (const auto& report : found) {
      if (report.status == "ok") --counts.by_status["ok"], ++counts.by_status["findings"];
    }
  });
  writer.forget_missing(inputs.folders);
  if (review) review->finish();
}

}  // namespace
}  // namespace batch

BatchSummary run_batch(const BatchOptions& o, std::ostream& log) {
  const auto inputs = batch::expand_inputs(o.inputs);
  if (!o.output.empty()) batch::refuse_output_among_inputs(o.output, o.inputs, inputs);
  if (!o.review.empty()) batch::refuse_output_among_inputs(o.review, o.inputs, inputs);
  const auto writer = batch::open_writer(o);
  batch::RunCounts counts;
  counts.files = inputs.files.size();
  try {
    batch::run(o, *writer, inputs, counts, log);
    writer->finish(counts);
  } catch (const std::exception& e) {
    writer->failed(e.what());
    throw;
  }
  std::string summary;
  for (const char* status : batch::kStatuses) {
    const auto it = counts.by_status.find(status);
    if (it == counts.by_status.end() || it->second == 0) continue;
    summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", it->second, status);
  }
  log << fmt::format("{} files: {}\n", counts.files, summary.empty() ? "none" : summary);
  BatchSummary result;
  result.files = counts.files;
  result.unreadable = counts.by_status["unreadable"];
  result.timeout = counts.by_status["timeout"];
  return result;
}

}  // namespace xxgk
