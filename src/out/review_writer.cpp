// Writes a review's pages into a folder: a page a file as the file is added, the index at the end.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "xxgk/review.hpp"

namespace xxgk {
namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (out) out.close();
  if (!out) throw std::runtime_error(fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
}

// A page's file name: its number in the review, then the file's name in characters safe in any URL
// and file system (the path itself is shown on the page).
std::string page_name(std::size_t number, const std::string& path) {
  std::string name = fs::path(path).filename().string();
  if (name.empty() || name == "-") name = "stdin";
  std::string safe;
  for (const char c : name) {
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (safe.size() < 60) safe += plain ? c : '_';
  }
  return fmt::format("{:04}-{}.html", number, safe);
}

}  // namespace

ReviewWriter::ReviewWriter(std::string folder) : folder_(std::move(folder)) {
  std::error_code ec;
  fs::create_directories(folder_, ec);
  if (ec || !fs::is_directory(folder_)) {
    throw std::runtime_error(
        fmt::format("cannot write {}: {}", folder_, ec ? ec.message() : std::string("not a folder")));
  }
}

void ReviewWriter::add(const ReviewFile& file) {
  ReviewIndexEntry entry = review_index_entry(file, page_name(entries_.size() + 1, file.path));
  write_file(fs::path(folder_) / entry.page, review_page(file, "index.html"));
  entries_.push_back(std::move(entry));
}

void ReviewWriter::finish() {
  write_file(fs::path(folder_) / "index.html", review_index(entries_));
}

}  // namespace xxgk
