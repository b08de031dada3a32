// One input file through the whole pipeline, with every way it can fail turned into its status.
#pragma once

#include <string>

#include "src/batch/inputs.hpp"
#include "src/batch/result.hpp"
#include "xxgk/batch.hpp"

namespace xxgk::batch {

// Never throws: a file that cannot be read, runs out of memory or out of time gets its status
// (unreadable, timeout) and a reason; the rest of the batch goes on.
Result process(const Input& input, const BatchOptions& options) noexcept;

// SHA-256 of the bytes, as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);
// Bytes as lowercase hex digits, two a byte (hashes, and the bytes of a path that is not UTF-8).
std::string hex(std::string_view bytes);

}  // namespace xxgk::batch
