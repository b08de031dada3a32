// Reading a report's bytes without trusting the file system: what is read is bounded by the size
// limit (not by what stat claims), a file found in a folder must be a regular file, and nothing is
// opened in a way that can block (a FIFO with no writer, a terminal).
#include "src/read/read_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include <fmt/format.h>

#include "src/text.hpp"

namespace xxgk {
namespace {

// Closes the descriptor on every way out.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

std::string_view kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISDIR(mode)) return "a folder";
  return "not a regular file";
}

// Reads until the end or one byte past the limit, whichever comes first.
std::string read_bounded(int fd, std::size_t max_bytes, std::size_t size_hint) {
  std::string bytes;
  bytes.reserve(std::min(size_hint, max_bytes) + 1);
  char buffer[1 << 16];
  while (bytes.size() <= max_bytes) {
    const std::size_t want = std::min(sizeof buffer, max_bytes + 1 - bytes.size());
    const ssize_t got = ::read(fd, buffer, want);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      throw InputError(fmt::format("cannot read file: {}", std::strerror(errno)), {});
    }
    bytes.append(buffer, static_cast<std::size_t>(got));
  }
  return bytes;
}

}  // namespace

InputError too_large(std::size_t size, std::size_t max_bytes) {
  const auto mb = [](std::size_t n) { return static_cast<double>(n) / (1 << 20); };
  const std::string what = size == 0 ? fmt::format("input too large: more than {:.1f} MB", mb(max_bytes))
                                     : fmt::format("file too large: {:.1f} MB", mb(size));
  return InputError(
      fmt::format("{}; xxgk reads reports of up to {:.1f} MB (raise it with --max-size)", what, mb(max_bytes)), {1, 1});
}

std::string read_report_bytes(const std::string& path, std::size_t max_bytes, FileOrigin origin) {
  if (path == "-") {
    std::string bytes(max_bytes + 1, '\0');  // standard input has no size: one byte past the limit at most
    std::cin.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(std::cin.gcount()));
    if (bytes.size() > max_bytes) throw too_large(0, max_bytes);
    return bytes;
  }
  // O_NONBLOCK: opening a FIFO that nobody writes to returns at once instead of waiting for a
  // writer; what was opened is then checked, so a file replaced after listing cannot block either.
  const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  struct stat info {};
  if (fd.get() < 0) {
    const int error = errno;
    // A socket cannot be opened at all (ENXIO): say what it is rather than the system's puzzle.
    if (::stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode) && !S_ISDIR(info.st_mode)) {
      throw InputError(fmt::format("{}, not a regular file", kind_of(info.st_mode)), {});
    }
    throw InputError(fmt::format("cannot open file: {}", std::strerror(error)), {});
  }
  if (::fstat(fd.get(), &info) != 0) throw InputError(fmt::format("cannot open file: {}", std::strerror(errno)), {});
  if (S_ISDIR(info.st_mode)) throw InputError("is a directory, not a report file", {});
  const bool regular = S_ISREG(info.st_mode);
  if (!regular) {
    if (origin == FileOrigin::found_in_folder) {
      throw InputError(
          fmt::format("{}, not a regular file: read only when named on the command line", kind_of(info.st_mode)), {});
    }
    // Named on purpose (`<(zcat report.gz)`, /dev/stdin): read it, blocking as a pipe does.
    const int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags >= 0) ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK);
  }
  const std::size_t size = regular ? static_cast<std::size_t>(info.st_size) : 0;
  if (regular && size > max_bytes) throw too_large(size, max_bytes);
  std::string bytes = read_bounded(fd.get(), max_bytes, size);
  if (bytes.size() > max_bytes) throw too_large(regular ? std::max(bytes.size(), size) : 0, max_bytes);
  return bytes;
}

std::string printable_path(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    if (byte == '\\') {
      out += "\\\\";
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t length = decode_utf8(bytes, i, cp);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", byte);
      ++i;
    } else {
      out.append(bytes.substr(i, length));
      i += length;
    }
  }
  return out;
}

}  // namespace xxgk
