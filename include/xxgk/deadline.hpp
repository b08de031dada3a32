// A time limit on the work of one thread (issue #12): a file that would take minutes to read fails
// with TimeLimitExceeded instead of holding a batch worker that long. Cooperative: the parser and
// the searches of lowering check the limit at points where their state unwinds cleanly, so the
// thread goes on to the next file with nothing leaked or left half made.
//
//   const xxgk::ScopedDeadline limit{std::chrono::seconds(seconds)};
//   const auto report = xxgk::parse_report(source);  // may throw TimeLimitExceeded
//   const auto findings = xxgk::validate(report, source);
//
// (Braces: `ScopedDeadline limit(std::chrono::seconds(seconds));` declares a function.) Without a
// ScopedDeadline on the thread nothing is ever thrown. Parsing, lowering and validate() look at the
// limit, and so does the web page reader (at each element and text run libxml2 hands over);
// reading and decoding a text file (Source) and the outputs do not: they are single passes, under
// a second for the largest file read.
#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>

namespace xxgk {

// The limit of the innermost scope that set it: "time limit of 30 s exceeded".
class TimeLimitExceeded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A deadline for this thread, `limit` from now, until the end of the scope. Scopes nest: an inner
// one never extends the deadline of the one around it, and that one is in force again after it.
class ScopedDeadline {
 public:
  explicit ScopedDeadline(std::chrono::steady_clock::duration limit);
  ~ScopedDeadline();
  ScopedDeadline(const ScopedDeadline&) = delete;
  ScopedDeadline& operator=(const ScopedDeadline&) = delete;

 private:
  std::chrono::steady_clock::time_point outer_at_;
  std::chrono::steady_clock::duration outer_limit_;
  bool outer_set_;
};

// Throws TimeLimitExceeded when this thread's deadline has passed; does nothing when none is set.
void check_deadline();

namespace detail {
// Calls of poll_deadline() before the next reading of the clock. A clock reading costs about 20 ns,
// a poll one decrement: the parser polls at every rule that builds tree nodes, tens of millions of
// times a batch. 4096 polls take well under a millisecond.
inline constexpr std::uint32_t kPollsPerCheck = 4096;
inline constinit thread_local std::uint32_t polls_left = kPollsPerCheck;
void check_deadline_after_polls();
}  // namespace detail

// check_deadline() for hot loops: the clock is read once every kPollsPerCheck calls (and at the
// first call after a ScopedDeadline starts, so an expired limit is seen at once).
inline void poll_deadline() {
  if (--detail::polls_left == 0) [[unlikely]] {
    detail::check_deadline_after_polls();
  }
}

}  // namespace xxgk
