// A web page's bytes to the text the grammar reads, with the map back to the page (internal to
// the library; used by Source).
#pragma once

#include "src/read/decode.hpp"
#include "xxgk/source.hpp"

namespace xxgk {

// Bytes taken as UTF-8 by decode() that are not UTF-8 are read in the charset the page declares,
// else in the one ICU detects; a page that is valid UTF-8 is read as such whatever it declares (a
// page saved again by a browser keeps its old declaration). Then libxml2 parses the UTF-8 and the
// text is what a browser's copy gives (html_text.hpp). InputError for a NUL byte, a byte that is
// not valid (unless `invalid` replaces it), a page nested too deep, and a page without text.
ExtractedText read_web_page(Decoded decoded, InvalidBytes invalid);

}  // namespace xxgk
