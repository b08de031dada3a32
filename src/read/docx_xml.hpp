// The XML parts of a Word file parsed with libxml2, safely, and the few questions the reader asks
// of their elements (internal to the library; used by the Word reader).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <libxml/tree.h>

namespace xxgk::docx {

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDoc = std::unique_ptr<xmlDoc, DocFree>;

// Parses a part: no network, no external DTD, entities never substituted, libxml2's own limits
// on depth and sizes kept (no XML_PARSE_HUGE). An OOXML part never has a document type
// declaration, so a part with one (where "billion laughs" entities are declared) is refused as
// soon as the parser meets it, before any entity is declared. InputError for that and for XML
// that is not well formed, naming the part and the line.
XmlDoc parse_part(std::string_view bytes, std::string_view name);

// True when `node` is the element `local` of WordprocessingML (transitional or strict namespace).
bool is_w(const xmlNode* node, std::string_view local);
// True when `node` is the element `local` of Markup Compatibility (mc:AlternateContent, …).
bool is_mc(const xmlNode* node, std::string_view local);

// The first child element that is_w(child, local), or nullptr.
const xmlNode* w_child(const xmlNode* node, std::string_view local);

// The value of the WordprocessingML attribute `local` (w:val, w:numId, …), or nullopt.
std::optional<std::string_view> w_attr(const xmlNode* node, std::string_view local);

// w:val of the child element `local` (such as w:numFmt w:val="decimal"), or nullopt.
std::optional<std::string_view> child_val(const xmlNode* node, std::string_view local);

// An integer attribute value; nullopt when it is not a number within ±1e9.
std::optional<int> as_int(std::optional<std::string_view> value);

// A toggle property (w:vanish, w:b …) as Word reads it: present and not val="0"/"false"/"off".
bool is_on(const xmlNode* property);

// The branch of mc:AlternateContent the reader takes: the first mc:Choice, else mc:Fallback. The
// branches show the same content for consumers of different abilities; reading both would read
// a text box twice.
const xmlNode* chosen_branch(const xmlNode* alternate_content);

}  // namespace xxgk::docx
