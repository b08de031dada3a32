// CSV and JSON Lines, written through TemporaryOutput; the columns CSV and Excel share.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "src/batch/process.hpp"
#include "src/batch/writer.hpp"
#include "xxgk/keys.hpp"
#include "xxgk/output.hpp"

namespace xxgk::batch {
namespace {

constexpr std::size_t kBufferBytes = 1 << 16;

// RFC 4180: a field with a comma, a quote or a line break (CR too) is quoted.
std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

class CsvWriter : public Writer {
 public:
  CsvWriter(const std::string& path, bool long_form) : out_(path), long_(long_form) {
    out_.write("\xEF\xBB\xBF");  // Excel reads UTF-8 only with the BOM (Python: encoding="utf-8-sig")
    std::string header;
    // Appended piece by piece: GCC 12 at -O3 warns falsely (-Wrestrict) on `"," + std::string`.
    for (const char* column : kReportColumns) (header += header.empty() ? "" : ",") += column;
    if (long_) {
      out_.write(header + ",key,value,state,line,column\n");
      return;
    }
    for (std::size_t k = 0; k < wide_keys().size(); ++k) column_of_.emplace(wide_keys()[k], k);
    for (const auto& k : wide_keys()) (header += ',') += k;
    out_.write(header + '\n');
  }
  void write(const std::vector<Result>& chunk) override {
    for (const Result& r : chunk) {
      std::string fields;
      for (const auto& field : report_fields(r)) (fields += fields.empty() ? "" : ",") += csv_field(field);
      if (long_) {
        // A file without cells still has its row: every input is accounted for.
        const auto cells = r.cells();
        if (cells.empty()) out_.write(fields + ",,,,,\n");
        for (const Cell* c : cells) {
          out_.write(fmt::format("{},{},{},{},{},{}\n", fields, c->key, csv_field(c->raw), to_string(c->state),
                                 c->pos.line, c->pos.column));
        }
        continue;
      }
      std::vector<const std::string*> values(wide_keys().size(), nullptr);  // by column
      for (const Cell* c : r.cells()) {
        if (const auto it = column_of_.find(c->key); it != column_of_.end()) values[it->second] = &c->raw;
      }
      for (const std::string* value : values) {
        fields += ',';
        if (value != nullptr) fields += csv_field(*value);
      }
      out_.write(fields + '\n');
    }
  }
  void finish(const RunCounts& /*counts*/) override { out_.commit(); }

 private:
  TemporaryOutput out_;
  bool long_;
  std::unordered_map<std::string_view, std::size_t> column_of_;  // views into wide_keys()
};

// One line a file: {path, path_bytes?, content_hash, kind, status, reason, report, findings}
// (docs/batch-record.schema.json).
class JsonlWriter : public Writer {
 public:
  explicit JsonlWriter(const std::string& path) : out_(path) {}
  void write(const std::vector<Result>& chunk) override {
    for (const Result& r : chunk) {
      const std::string path = printable_path(r.path);
      nlohmann::ordered_json line{{"path", path}};
      if (path != r.path) line["path_bytes"] = hex(r.path);
      line["content_hash"] =
          r.content_hash.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.content_hash);
      line["kind"] = r.kind;
      line["status"] = r.status;
      line["reason"] = r.reason;
      line["report"] = r.report ? to_json(*r.report) : nlohmann::ordered_json(nullptr);
      auto findings = nlohmann::ordered_json::array();
      for (const auto& f : r.findings) findings.push_back(to_json(f, path));
      line["findings"] = std::move(findings);
      out_.write(line.dump() + '\n');
    }
  }
  void finish(const RunCounts& /*counts*/) override { out_.commit(); }

 private:
  TemporaryOutput out_;
};

}  // namespace

std::vector<std::string> report_fields(const Result& r) {
  const bool has = r.report.has_value();
  return {printable_path(r.path),
          r.status,
          r.reason,
          has ? r.report->agency : "",
          has && r.report->year ? std::to_string(*r.report->year) : "",
          has ? r.report->format_version : "",
          std::to_string(r.errors),
          std::to_string(r.warnings),
          r.kind,
          r.content_hash};
}

const std::vector<std::string>& wide_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    std::set<std::string> seen;
    auto add = [&](const std::string& key) {
      if (seen.insert(key).second) out.push_back(key);
    };
    for (const auto version : {FormatVersion::v2021, FormatVersion::v2019}) {
      for (const auto& row : table2_rows(version)) {
        for (const auto c : row.columns) add("table2." + std::string(row.key) + "." + std::string(c));
      }
    }
    for (const auto version : {FormatVersion::v2021, FormatVersion::v2019}) {
      for (const auto& row : table3_rows(version)) {
        for (const auto c : row.columns) add("table3." + std::string(row.key) + "." + std::string(c));
      }
    }
    for (const auto g : kTable4Groups) {
      for (const auto c : kTable4Columns) add("table4." + std::string(g) + "." + std::string(c));
    }
    for (const auto& k : pre2019_keys()) add(k);
    return out;
  }();
  return keys;
}

TemporaryOutput::TemporaryOutput(std::string path) : path_(std::move(path)), temporary_(path_ + ".partial.XXXXXX") {
  fd_ = ::mkostemp(temporary_.data(), O_CLOEXEC);
  if (fd_ < 0) fail(std::strerror(errno));
  // mkostemp makes the file private (0600); the output gets the mode any new file would.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd_, 0666 & ~mask) != 0) fail(std::strerror(errno));
}

TemporaryOutput::~TemporaryOutput() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temporary_.c_str());
}

void TemporaryOutput::fail(std::string_view reason) const {
  throw std::runtime_error(fmt::format("cannot write {}: {}", printable_path(path_), reason));
}

void TemporaryOutput::write(std::string_view bytes) {
  buffer_ += bytes;
  if (buffer_.size() >= kBufferBytes) flush();
}

void TemporaryOutput::flush() {
  std::size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
  buffer_.clear();
}

void TemporaryOutput::close() {
  flush();
  const int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) fail(std::strerror(errno));
}

void TemporaryOutput::commit() {
  if (fd_ >= 0) {
    flush();
    // Written to the disk before it takes the output's name: a crash cannot leave an empty file
    // there (the data is on disk before the rename is).
    if (::fsync(fd_) != 0) fail(std::strerror(errno));
    close();
  }
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0) fail(std::strerror(errno));
  committed_ = true;
}

std::unique_ptr<Writer> open_csv_writer(const BatchOptions& o) {
  return std::make_unique<CsvWriter>(o.output, o.long_csv);
}

std::unique_ptr<Writer> open_jsonl_writer(const BatchOptions& o) {
  return std::make_unique<JsonlWriter>(o.output);
}

}  // namespace xxgk::batch
