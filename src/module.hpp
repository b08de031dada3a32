// Parts of xxgk that need a large library live in modules (shared objects) loaded the first time a
// process needs them, not at every start: poppler and the 25 libraries it brings took 2.3 ms of
// the 8 ms a process spent starting, for every text file too (README, "Start-up").
#pragma once

namespace xxgk {

// The address of `symbol` in the module `name` (the file `name`.so), loaded on first use (safe
// from any thread) and kept until the process ends. The module is looked for beside the program,
// then in the build folder it was built in. std::runtime_error, saying where it was looked for,
// when it is in neither or lacks the symbol.
void* module_symbol(const char* name, const char* symbol);

}  // namespace xxgk

// A module's entry point, the one symbol it shows (modules are built with hidden visibility).
#define XXGK_MODULE_ENTRY extern "C" __attribute__((visibility("default")))
