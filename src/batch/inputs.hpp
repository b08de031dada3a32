// From what the user named to the list of files a batch reads: folders walked without following
// links to folders (no loops), every entry that cannot be read kept with its reason.
#pragma once

#include <string>
#include <vector>

#include "xxgk/source.hpp"

namespace xxgk::batch {

struct Input {
  std::string path;
  FileOrigin origin = FileOrigin::named;
  std::string problem;  // why it cannot be read at all (a broken link, a folder that cannot be listed)
};

struct ExpandedInputs {
  std::vector<Input> files;
  std::vector<std::string> folders;  // the folders walked, each ending in '/', as the paths found start
};

// Files, folders (recursively) and "-" (a list of paths on standard input, one a line).
ExpandedInputs expand_inputs(const std::vector<std::string>& named);

// Throws when `output` is one of the inputs or lies inside an input folder: it would be read
// back, or overwritten before it is read. Checked before any work is done.
void refuse_output_among_inputs(const std::string& output, const std::vector<std::string>& named,
                                const ExpandedInputs& inputs);

}  // namespace xxgk::batch
