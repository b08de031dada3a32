#include "src/module.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace xxgk {
namespace {

// The folder of the running program (a copied program finds the modules copied beside it).
std::string program_folder() {
  char path[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) return {};
  const std::string exe(path, static_cast<std::size_t>(n));
  return exe.substr(0, exe.rfind('/'));
}

void* load(const std::string& name) {
  std::vector<std::string> tried;
  // XXGK_MODULE_DIR is the build folder: tests and tools built elsewhere in the tree find them too.
  for (const std::string& folder : {program_folder(), std::string(XXGK_MODULE_DIR)}) {
    if (folder.empty()) continue;
    const std::string path = folder + "/" + name + ".so";
    if (void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) return handle;
    const char* error = dlerror();
    tried.push_back(error != nullptr ? error : path);
  }
  std::string where;
  for (const std::string& t : tried) where += (where.empty() ? "" : "; ") + t;
  throw std::runtime_error(
      fmt::format("cannot load xxgk's module {}.so, installed beside the program: {}", name, where));
}

}  // namespace

void* module_symbol(const char* name, const char* symbol) {
  static std::mutex mutex;
  static std::map<std::string, void*> loaded;  // handles are never closed: the module's code stays in use
  const std::lock_guard lock(mutex);
  void*& handle = loaded[name];
  if (handle == nullptr) handle = load(name);
  void* address = dlsym(handle, symbol);
  if (address == nullptr) throw std::runtime_error(fmt::format("xxgk's module {}.so has no {}", name, symbol));
  return address;
}

}  // namespace xxgk
