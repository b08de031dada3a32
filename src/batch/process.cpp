#include "src/batch/process.hpp"

#include <openssl/evp.h>

#include <chrono>
#include <new>

#include <fmt/format.h>

#include "xxgk/deadline.hpp"
#include "xxgk/parse.hpp"
#include "xxgk/validate.hpp"

namespace xxgk::batch {
namespace {

void set_status(Result& r) {
  std::string missing;
  for (const auto& f : r.findings) {
    (f.severity == Severity::error ? r.errors : r.warnings)++;
    if (f.rule == "F6" && missing.empty()) missing = f.message;
  }
  if (r.report->format_version.empty()) {
    r.status = "partial", r.reason = "no table of the report format was found";
  } else if (!missing.empty()) {
    r.status = "partial", r.reason = missing;
  } else if (!r.findings.empty()) {
    r.status = "findings", r.reason = fmt::format("{} errors, {} warnings", r.errors, r.warnings);
  } else {
    r.status = "ok";
  }
}

// Fills `r` from the file; throws what the pipeline throws.
void read_parse_check(const Input& input, const BatchOptions& o, Result& r) {
  if (!input.problem.empty()) {
    r.status = "unreadable", r.reason = input.problem;
    return;
  }
  std::string bytes;
  try {
    bytes = read_report_bytes(input.path, o.max_bytes, input.origin);
  } catch (const InputError& e) {
    r.status = "unreadable", r.reason = e.what();
    return;
  }
  r.content_hash = sha256_hex(bytes);
  r.kind = document_kind(bytes);  // what a file refused for its kind (a PDF) is recorded as
  const auto start = std::chrono::steady_clock::now();
  try {
    std::optional<ScopedDeadline> deadline;
    if (o.timeout_seconds > 0) {
      deadline.emplace(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(o.timeout_seconds)));
    }
    const auto source = Source::from_bytes(std::move(bytes), input.path, o.encoding, o.max_bytes, o.invalid_bytes);
    r.kind = source.kind();
    r.report = parse_report(source);
    if (std::string reason = no_report_reason(*r.report, source); !reason.empty()) {
      r.status = "unreadable", r.reason = std::move(reason);
      r.report.reset();
      return;
    }
    r.findings = validate(*r.report, source);
    if (!o.review.empty()) r.review = review_context(*r.report, r.findings, source);
  } catch (const InputError& e) {
    r.status = "unreadable";
    r.reason = fmt::format("{}:{}: {}", e.pos().line, e.pos().column, e.what());
    return;
  }
  r.parse_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  set_status(r);
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 is unavailable (OpenSSL)");
  }
  return hex({reinterpret_cast<const char*>(digest), size});
}

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * bytes.size());
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0xF];
  }
  return out;
}

Result process(const Input& input, const BatchOptions& o) noexcept {
  Result r;
  try {
    r.path = input.path;
    read_parse_check(input, o, r);
    return r;
  } catch (const TimeLimitExceeded& e) {
    r.status = "timeout", r.reason = e.what();
  } catch (const std::bad_alloc&) {
    r.status = "unreadable", r.reason = "out of memory while reading this file";
  } catch (const std::exception& e) {  // never lose a file: it is reported, not dropped
    r.status = "unreadable", r.reason = std::string("internal error: ") + e.what();
  } catch (...) {
    r.status = "unreadable", r.reason = "internal error";
  }
  // What was parsed before the failure is not kept: a half-read report would pass for a whole one.
  r.report.reset();
  r.findings.clear();
  r.review.reset();
  r.errors = r.warnings = 0;
  return r;
}

}  // namespace xxgk::batch
