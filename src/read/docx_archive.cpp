// libzip on a buffer in memory: the archive opened with its consistency checked, a part read only
// after its header passed the size checks, and inflated through a bounded buffer so that a header
// that lies about the size cannot make it read more than the bound.
#include "src/read/docx_archive.hpp"

#include <memory>

#include <fmt/format.h>
#include <zip.h>

#include "xxgk/source.hpp"

namespace xxgk::docx {
namespace {

InputError damaged(std::string_view what, std::string_view why) {
  return InputError(fmt::format("a damaged Word file (DOCX): {}: {}", what, why), {1, 1});
}

std::string libzip_message(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string message = zip_error_strerror(&error);
  zip_error_fini(&error);
  return message;
}

struct FileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

}  // namespace

Archive::Archive(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    const std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw damaged("not readable as a zip archive", message);
  }
  // ZIP_CHECKCONS: the local headers must agree with the central directory, as in a file written
  // whole; a truncated or patched archive is refused here rather than half read.
  zip_ = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (zip_ == nullptr) {
    zip_source_free(source);
    const std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw damaged("not readable as a zip archive (truncated, or not a zip)", message);
  }
  zip_error_fini(&error);
}

Archive::~Archive() {
  zip_discard(zip_);
}

std::optional<std::string> Archive::part(const char* name, std::size_t max_bytes) const {
  const zip_int64_t index = zip_name_locate(zip_, name, ZIP_FL_NOCASE);
  if (index < 0) return std::nullopt;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
    throw damaged(name, zip_strerror(zip_));
  }
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE) {
    throw InputError(fmt::format("a Word file (DOCX) with {} encrypted: remove the password (in Word: File, Info, "
                                 "Protect Document) and save it again",
                                 name),
                     {1, 1});
  }
  if ((stat.valid & ZIP_STAT_SIZE) == 0) throw damaged(name, "no size in its header");
  if (stat.size > max_bytes) {
    throw InputError(fmt::format("a Word file (DOCX) whose {} inflates to {} bytes, more than the {} MB a report's "
                                 "part may have (a zip bomb?)",
                                 name, stat.size, max_bytes >> 20),
                     {1, 1});
  }
  if ((stat.valid & ZIP_STAT_COMP_SIZE) != 0 && stat.size > kSmallPart &&
      static_cast<double>(stat.size) > kMaxCompressionRatio * static_cast<double>(stat.comp_size)) {
    throw InputError(fmt::format("a Word file (DOCX) whose {} claims to inflate {} bytes to {}: no real document "
                                 "compresses so much (a zip bomb?)",
                                 name, stat.comp_size, stat.size),
                     {1, 1});
  }
  const std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0));
  if (!file) {
    const int code = zip_error_code_zip(zip_get_error(zip_));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD) {
      throw InputError(fmt::format("a Word file (DOCX) with {} encrypted: remove the password and save it again", name),
                       {1, 1});
    }
    throw damaged(name, libzip_message(code));
  }
  // Read in chunks up to one byte past the header's size: a part that inflates to more than its
  // header says is refused after at most that many bytes, whatever it would inflate to.
  std::string bytes;
  const std::size_t limit = static_cast<std::size_t>(stat.size) + 1;
  constexpr std::size_t kChunk = 64 * 1024;
  while (bytes.size() < limit) {
    const std::size_t at = bytes.size();
    bytes.resize(std::min(limit, at + kChunk));
    const zip_int64_t got = zip_fread(file.get(), bytes.data() + at, bytes.size() - at);
    if (got < 0) throw damaged(name, zip_file_strerror(file.get()));
    bytes.resize(at + static_cast<std::size_t>(got));
    if (got == 0) break;
  }
  if (bytes.size() != stat.size) {
    throw damaged(
        name, fmt::format("it inflates to {} bytes where its header says {}",
                          bytes.size() == limit ? fmt::format("more than {}", stat.size) : std::to_string(bytes.size()),
                          stat.size));
  }
  return bytes;
}

}  // namespace xxgk::docx
