// Reading a file's bytes (declared in xxgk/source.hpp); the size message shared with decoding.
#pragma once

#include <cstddef>

#include "xxgk/source.hpp"

namespace xxgk {

// The message for input over the size limit; `size` 0 when only "more than the limit" is known.
InputError too_large(std::size_t size, std::size_t max_bytes);

}  // namespace xxgk
