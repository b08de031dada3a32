// What a review page takes from the source while it is at hand: the line each finding quotes and
// the sentences of the prose findings point into (B4, Y1, B5: the narrative checks' sentences).
#include "src/sentences.hpp"
#include "src/text.hpp"
#include "xxgk/review.hpp"

namespace xxgk {
namespace {

bool before(const SourcePos& a, const SourcePos& b) {
  return a.line != b.line ? a.line < b.line : a.column < b.column;
}

// The sentences of some prose (cut as the narrative checks cut them) that hold a finding's
// position, as stretches of the normalised text.
void mark_sentences(const std::vector<Paragraph>& prose, const std::vector<Finding>& findings, const Source& source,
                    std::vector<ProseMark>& marks) {
  if (prose.empty()) return;
  for (const Sentence& s : sentences_of(prose)) {
    if (s.offsets.empty()) continue;
    const SourcePos first = source.position(s.offsets.front());
    const SourcePos last = source.position(s.offsets.back());
    for (std::size_t i = 0; i < findings.size(); ++i) {
      const SourcePos& at = findings[i].pos;
      if (at.line == 0 || before(at, first) || before(last, at)) continue;
      char32_t cp = 0;
      const std::size_t length = decode_utf8(source.text(), s.offsets.back(), cp);
      marks.push_back({s.offsets.front(), s.offsets.back() + std::max<std::size_t>(length, 1), i});
    }
  }
}

}  // namespace

ReviewContext review_context(const Report& report, const std::vector<Finding>& findings, const Source& source) {
  ReviewContext context;
  context.quotes.reserve(findings.size());
  for (const Finding& f : findings) {
    const std::string_view line = f.pos.line == 0 ? std::string_view() : source.original_line(f.pos.line);
    context.quotes.push_back(line.empty() ? Quote{} : quote_line(line, f.pos.column));
  }
  mark_sentences(report.preamble, findings, source, context.marks);
  for (const Section& section : report.sections) mark_sentences(section.prose, findings, source, context.marks);
  return context;
}

}  // namespace xxgk
