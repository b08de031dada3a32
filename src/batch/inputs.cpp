#include "src/batch/inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace xxgk::batch {
namespace {

// Depth first, each folder's entries in name order. A link to a folder is not followed: it is the
// one way a walk can loop. A link that cannot be resolved (broken, or a loop of links) is kept as
// a file that cannot be read, with the system's reason.
void walk(const fs::path& folder, std::vector<Input>& out) {
  std::error_code ec;
  fs::directory_iterator it(folder, ec);
  if (ec) {
    out.push_back({folder.string(), FileOrigin::found_in_folder, fmt::format("cannot read folder: {}", ec.message())});
    return;
  }
  std::vector<fs::directory_entry> entries;
  for (const fs::directory_iterator end; it != end; it.increment(ec)) {
    if (ec) break;
    entries.push_back(*it);
  }
  if (ec) {
    out.push_back(
        {folder.string(), FileOrigin::found_in_folder, fmt::format("cannot read all of folder: {}", ec.message())});
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
  for (const auto& entry : entries) {
    const std::string path = entry.path().string();
    const auto own = entry.symlink_status(ec);
    if (ec) {
      out.push_back({path, FileOrigin::found_in_folder, fmt::format("cannot read entry: {}", ec.message())});
      continue;
    }
    if (fs::is_directory(own)) {
      walk(entry.path(), out);
      continue;
    }
    if (fs::is_symlink(own)) {
      const auto target = entry.status(ec);
      if (ec) {
        out.push_back({path, FileOrigin::found_in_folder,
                       fmt::format("symbolic link that cannot be followed: {}", ec.message())});
        continue;
      }
      if (fs::is_directory(target)) {
        out.push_back({path, FileOrigin::found_in_folder,
                       "symbolic link to a folder, not followed (name the folder itself to read it)"});
        continue;
      }
    }
    // Regular files, and FIFOs, sockets and devices, which reading refuses with their kind.
    out.push_back({path, FileOrigin::found_in_folder, {}});
  }
}

// The absolute, normalised form of a path whose last parts may not exist yet.
fs::path resolved(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? fs::absolute(path).lexically_normal() : p;
}

bool inside(const fs::path& path, const fs::path& folder) {
  auto f = folder.begin(), p = path.begin();
  for (; f != folder.end() && !f->empty(); ++f, ++p) {
    if (p == path.end() || *p != *f) return false;
  }
  return true;
}

}  // namespace

ExpandedInputs expand_inputs(const std::vector<std::string>& named) {
  ExpandedInputs inputs;
  for (const auto& input : named) {
    if (input == "-") {
      for (std::string line; std::getline(std::cin, line);) {
        if (!line.empty()) inputs.files.push_back({line, FileOrigin::named, {}});
      }
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      inputs.folders.push_back((fs::path(input) / "").string());
      walk(input, inputs.files);
    } else {
      inputs.files.push_back({input, FileOrigin::named, {}});  // a missing file still gets its status
    }
  }
  return inputs;
}

void refuse_output_among_inputs(const std::string& output, const std::vector<std::string>& named,
                                const ExpandedInputs& inputs) {
  const fs::path out = resolved(output);
  for (const auto& input : named) {
    if (input == "-") continue;
    std::error_code ec;
    if (fs::is_directory(input, ec) && inside(out, resolved(input))) {
      throw std::runtime_error(fmt::format(
          "the output {} lies inside the input folder {}: it would be read as a report by the next run; write "
          "it elsewhere",
          output, input));
    }
  }
  for (const Input& file : inputs.files) {
    if (file.origin == FileOrigin::named && resolved(file.path) == out) {
      throw std::runtime_error(
          fmt::format("the output {} is also an input: it would be overwritten; write it elsewhere", output));
    }
  }
}

}  // namespace xxgk::batch
