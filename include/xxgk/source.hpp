// A report's text: the bytes as read, the normalised UTF-8 the grammar parses, and the map back.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "xxgk/position_map.hpp"

namespace xxgk {

// Where a character of a document without lines of its own is, as a person finds it there: in a
// PDF the page and the point on it; in a Word file the body paragraph, or the table, row and cell.
// All 0 for a text file or a web page, whose lines and columns are their own.
struct DocumentPlace {
  std::uint32_t page = 0;       // PDF: 1-based page
  float x = 0;                  // PDF: points from the page's left edge to the character's left
  float y = 0;                  // PDF: points from the page's top edge to the character's top
  std::uint32_t paragraph = 0;  // Word: 1-based paragraph of the body (0 inside a table)
  std::uint32_t table = 0;      // Word: 1-based table, its row and its cell (counted as written,
  std::uint32_t row = 0;        // a merged cell once)
  std::uint32_t cell = 0;
  [[nodiscard]] bool empty() const noexcept { return page == 0 && paragraph == 0 && table == 0; }
  friend bool operator==(const DocumentPlace&, const DocumentPlace&) = default;
};

// A place in the original file, as a person counts it: 1-based line and character column (of the
// extracted text for a PDF or Word file), and for those the place in the document itself.
struct SourcePos {
  SourcePos() = default;
  SourcePos(std::uint32_t line_, std::uint32_t column_, DocumentPlace place_ = {})
      : line(line_), column(column_), place(place_) {}
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  DocumentPlace place;
  friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

// "page 2, x 312, y 518", "table 2, row 5, cell 3", "paragraph 12"; "" for a text position.
std::string describe_place(const DocumentPlace& place);

// Thrown when a file cannot be read as a report at all (binary, invalid UTF-8, empty).
class InputError : public std::runtime_error {
 public:
  InputError(std::string message, SourcePos pos) : std::runtime_error(std::move(message)), pos_(pos) {}
  [[nodiscard]] SourcePos pos() const noexcept { return pos_; }

 private:
  SourcePos pos_;
};

// Reports are tens of kilobytes; a larger file is refused before it is read, which bounds the
// parser's time and memory: 30 to 130 bytes per byte of text (tools/bench-hostile), so at most
// about 2 GB.
inline constexpr std::size_t kMaxReportBytes = std::size_t{16} << 20;

// How a path reached xxgk: named by the user, or found while walking a folder. Only a named path
// may be a pipe or a device (`<(zcat r.gz)`, /dev/stdin); a FIFO, socket or device found in a
// folder is refused, never waited on.
enum class FileOrigin { named, found_in_folder };

// The bytes of a file ("-": standard input). InputError when it cannot be opened, is a directory
// or not a regular file found in a folder, or holds more than max_bytes: at most max_bytes + 1
// bytes are ever read, whatever the file system says of the size (/dev/zero, `<(yes)`).
std::string read_report_bytes(const std::string& path, std::size_t max_bytes = kMaxReportBytes,
                              FileOrigin origin = FileOrigin::named);

// A file name as text that prints and serialises: bytes that are not UTF-8 (names from unzipped
// Chinese archives, often GBK) are written `\xNN`, and a backslash `\\`, so the text is UTF-8
// and maps back to the bytes one to one.
std::string printable_path(std::string_view bytes);

// What to do with bytes that are not valid in the file's encoding: refuse the file (the default),
// or replace each by U+FFFD and go on (--lossy), for extractors such as html2text 1.3 that cut
// characters apart inside table cells. Replacements are counted and reported (X3).
enum class InvalidBytes { refuse, replace };

// What a reader of a document that is not plain text (a web page; Word and PDF files later) makes
// of it: its text in the form the grammar reads (lines, and table rows as cells joined by tabs, as
// a browser's copy gives them), and for each byte of that text the character of the document it
// shows, so that positions are lines and characters of the document itself.
struct ExtractedText {
  std::string kind;      // "html"
  std::string encoding;  // the document's encoding ("UTF-8", "GB18030", …)
  std::string original;  // the document as UTF-8
  std::string text;
  std::vector<std::uint32_t> original_char;  // for each byte of text: a character index into original
  // Empty, or for each character of original its place in the document (PDF, Word): then original
  // is the reader's own text of the document, and positions name these places.
  std::vector<DocumentPlace> places;
  std::size_t replaced_bytes = 0;  // bytes of the document replaced by U+FFFD (InvalidBytes::replace)
  SourcePos first_replaced;
};

// What a file is by its content, whatever its name: "text", "html", "docx" (a zip archive holding
// word/document.xml), or a kind xxgk refuses with a message saying what to do instead: "pdf",
// "zip", "doc" (binary Word or WPS).
std::string_view document_kind(std::string_view bytes);

class Source {
 public:
  // Decodes and normalises; throws InputError with the position of the first bad byte. A web page
  // (recognised by its markup, whatever the name) is read as a browser's copy of it; a PDF, zip
  // or binary Word file is refused with what to do instead.
  // `encoding` is "auto" (a UTF-8 or UTF-16 byte order mark; NUL bytes that read as UTF-16 text
  // of a report in one byte order; else UTF-8 when valid, else ICU's charset detection among the
  // encodings Chinese reports come in, GB18030 first) or an ICU converter name such as
  // "GB18030", "UTF-16LE", "Big5".
  static Source from_bytes(std::string bytes, std::string name, const std::string& encoding = "auto",
                           std::size_t max_bytes = kMaxReportBytes, InvalidBytes invalid = InvalidBytes::refuse);
  static Source from_file(const std::string& path, const std::string& encoding = "auto",
                          std::size_t max_bytes = kMaxReportBytes,
                          InvalidBytes invalid = InvalidBytes::refuse);  // "-": stdin
  // A document's extracted text, normalised as a text file's is; positions are those of the
  // document (the map of normalisation composed with the reader's).
  static Source from_extracted(ExtractedText document, std::string name);

  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  // The encoding the file was read in ("UTF-8", "GB18030", "UTF-16LE", …).
  [[nodiscard]] const std::string& encoding() const noexcept { return encoding_; }
  // What the file was read as: "text", or "html" for a web page (then text() is what a browser's
  // copy of the page gives, and positions are lines and characters of the HTML), or "docx" for a
  // Word file (then text() is the reader's lines, and positions carry the paragraph or table cell).
  [[nodiscard]] const std::string& kind() const noexcept { return kind_; }
  [[nodiscard]] const std::string& original() const noexcept { return original_; }
  // What the grammar sees: NFKC-normalised, LF line ends, extraction debris removed.
  [[nodiscard]] const std::string& text() const noexcept { return text_; }

  // Position in the original file of a byte offset into text().
  [[nodiscard]] SourcePos position(std::size_t text_offset) const;
  // The same for offsets asked in increasing order (a row's cells), each found on from the one
  // before instead of by searches of the whole text; an offset before the last is found anew.
  class Cursor {
   public:
    explicit Cursor(const Source& source) : source_(source), chars_(source.original_char_, source.text_) {}
    [[nodiscard]] SourcePos position(std::size_t text_offset);

   private:
    const Source& source_;
    PositionMap::Cursor chars_;
    std::uint32_t line_ = 0;  // line starts at or before the character found last (0: none yet)
  };
  // The original line (without its line end), for quoting in diagnostics.
  [[nodiscard]] std::string_view original_line(std::uint32_t line) const;

  // Bytes replaced by U+FFFD (InvalidBytes::replace), and where the first one was.
  [[nodiscard]] std::size_t replaced_bytes() const noexcept { return replaced_bytes_; }
  [[nodiscard]] SourcePos first_replaced() const noexcept { return first_replaced_; }

 private:
  std::string name_;
  std::string encoding_;
  std::string kind_ = "text";
  std::string original_;  // the file's text in UTF-8 (converted when it came in another encoding)
  std::string text_;
  // For each byte of text_, and past its end: the index of the original character it comes from,
  // counted from the start of original_ (sparse: a checkpoint every 64 bytes and the jumps). With
  // the first character index of each line, a position is a binary search and a count of at most
  // 64 bytes, not a count along the line.
  PositionMap original_char_;
  std::vector<std::uint32_t> line_starts_;       // byte offsets of line starts in original_
  std::vector<std::uint32_t> line_start_chars_;  // character indexes of the same line starts
  std::vector<DocumentPlace> places_;            // ExtractedText::places: empty, or one per original character
  std::size_t replaced_bytes_ = 0;
  SourcePos first_replaced_;
};

// Normalisation of one code point, exposed for tests: the UTF-8 it becomes ("" when dropped).
std::string normalise_code_point(char32_t cp);

}  // namespace xxgk
