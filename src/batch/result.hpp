// What the batch knows of one input file once it has been read, parsed and checked.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "xxgk/ast.hpp"
#include "xxgk/finding.hpp"
#include "xxgk/review.hpp"

namespace xxgk::batch {

struct Result {
  std::string path;           // as named or found: the file system's bytes, not always UTF-8
  std::string content_hash;   // SHA-256 of the file's bytes in hex; empty when they could not be read
  std::string kind = "text";  // what the file was read as: text, html; or pdf, docx, zip, doc (refused)
  std::string status;         // ok, findings, partial, unreadable, timeout
  std::string reason;
  std::optional<Report> report;
  std::vector<Finding> findings;
  std::optional<ReviewContext> review;  // what a review page takes from the source (--review)
  double parse_ms = 0;
  std::size_t errors = 0, warnings = 0;

  // Every cell of every table, in table order.
  [[nodiscard]] std::vector<const Cell*> cells() const;
};

// The statuses, in the order summaries list them.
inline constexpr const char* kStatuses[] = {"ok", "findings", "partial", "unreadable", "timeout"};

}  // namespace xxgk::batch
