// Rules tried again and again at the same place: page furniture is looked for at the start of
// every line by each rule that may stand there (a row's cut label, the gap before the next item,
// a cell gap, a word of an unknown label), and nearly always fails. A parse may carry a memo of
// the places where such a rule failed; the rule then fails there at once. Its result depends on
// the input alone, which a parse never changes, so the parse is the same with or without the memo.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>

#include "grammar/first_bytes.hpp"

#include <tao/pegtl.hpp>

namespace xxgk::grammar {

// The rules that have a memo, one slot each.
enum class Memoised : std::uint8_t { page_furniture, count };

// Places where a rule failed, a few hundred recent ones per rule: a rule is tried again at a place
// soon after (the rules around one line), so an entry overwritten by a later place costs only a try.
class FailureMemo {
 public:
  [[nodiscard]] bool failed(Memoised rule, const char* at) const noexcept {
    return places_[static_cast<std::size_t>(rule)][slot(at)] == at;
  }
  void remember(Memoised rule, const char* at) noexcept { places_[static_cast<std::size_t>(rule)][slot(at)] = at; }

 private:
  static constexpr std::size_t kPlaces = 512;
  static std::size_t slot(const char* at) noexcept { return reinterpret_cast<std::uintptr_t>(at) % kPlaces; }
  std::array<std::array<const char*, kPlaces>, static_cast<std::size_t>(Memoised::count)> places_{};
};

// A parse state that carries a memo says so with `FailureMemo& failure_memo()`.
template <typename State>
concept carries_failure_memo = requires(State& s) {
  { s.failure_memo() } -> std::same_as<FailureMemo&>;
};

// Rule, failing at once where it failed before in this parse (when a state carries a memo).
template <Memoised Slot, typename Rule>
struct remember_failures {
  using rule_t = remember_failures;
  using subs_t = tao::pegtl::type_list<Rule>;
  static constexpr first::Set first_bytes() { return first::of<Rule>::value; }

  template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    FailureMemo* memo = nullptr;
    ((memo = memo_of(st) ? memo_of(st) : memo), ...);
    const char* const at = in.current();
    if (memo != nullptr && memo->failed(Slot, at)) return false;
    if (Control<Rule>::template match<A, M, Action, Control>(in, st...)) return true;
    if (memo != nullptr) memo->remember(Slot, at);
    return false;
  }

 private:
  template <typename State>
  static FailureMemo* memo_of(State& state) {
    if constexpr (carries_failure_memo<State>) {
      return &state.failure_memo();
    } else {
      return nullptr;
    }
  }
};

}  // namespace xxgk::grammar

namespace tao::pegtl {
template <typename Name, xxgk::grammar::Memoised Slot, typename Rule>
struct analyze_traits<Name, xxgk::grammar::remember_failures<Slot, Rule>> : analyze_seq_traits<Rule> {};
}  // namespace tao::pegtl
