#include "xxgk/deadline.hpp"

#include <fmt/format.h>

namespace xxgk {
namespace {

using Clock = std::chrono::steady_clock;

// The deadline of this thread and the limit it came from (for the message); unset by default.
struct Deadline {
  Clock::time_point at{};
  Clock::duration limit{};
  bool set = false;
};
constinit thread_local Deadline deadline;

std::string describe(Clock::duration limit) {
  using namespace std::chrono;
  if (limit % seconds(1) == Clock::duration::zero()) return fmt::format("{} s", duration_cast<seconds>(limit).count());
  return fmt::format("{} ms", duration_cast<milliseconds>(limit).count());
}

}  // namespace

ScopedDeadline::ScopedDeadline(Clock::duration limit)
    : outer_at_(deadline.at), outer_limit_(deadline.limit), outer_set_(deadline.set) {
  const Clock::time_point now = Clock::now();
  // A limit too long to add to the clock (duration::max() for "none") would overflow: it is no limit.
  const Clock::time_point at = limit >= Clock::time_point::max() - now ? Clock::time_point::max() : now + limit;
  if (!deadline.set || at < deadline.at) deadline = {at, limit, true};
  detail::polls_left = 1;  // the next poll reads the clock: a limit already past is seen at once
}

ScopedDeadline::~ScopedDeadline() {
  deadline = {outer_at_, outer_limit_, outer_set_};
}

void check_deadline() {
  if (deadline.set && Clock::now() >= deadline.at) {
    throw TimeLimitExceeded(fmt::format("time limit of {} exceeded", describe(deadline.limit)));
  }
}

void detail::check_deadline_after_polls() {
  polls_left = kPollsPerCheck;
  check_deadline();
}

}  // namespace xxgk
