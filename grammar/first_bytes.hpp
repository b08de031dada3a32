// What a rule's match can start with, read from the rule's structure: the bytes its first byte
// may be, and whether it may match without consuming (then what follows it decides). A choice
// among rules (`first_byte_sor`) looks at the next byte once and tries only the rules that can
// start with it: most rules tried at a line or between two cells fail on their first byte, each
// after a rule match or several. The sets are supersets, so the parse is the same.
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>

#include "grammar/characters.hpp"

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

namespace xxgk::grammar::first {

namespace pi = tao::pegtl::internal;
using pi::result_on_found;

struct Set {
  std::array<bool, 256> bytes{};
  bool may_be_empty = false;  // matches without consuming: the rules after it may give the first byte

  constexpr bool admits(unsigned char b) const { return bytes[b]; }
  constexpr Set& add(const Set& other) {
    for (std::size_t b = 0; b < 256; ++b) bytes[b] = bytes[b] || other.bytes[b];
    return *this;
  }
};
// A rule this file does not know may start with anything.
constexpr Set anything() {
  Set s;
  s.bytes.fill(true);
  s.may_be_empty = true;
  return s;
}
// Lookarounds and lookbehinds: they consume nothing.
constexpr Set zero_width() {
  Set s;
  s.may_be_empty = true;
  return s;
}
constexpr Set bytes_of(std::initializer_list<unsigned char> list, bool complement = false) {
  Set s;
  if (complement) s.bytes.fill(true);
  for (const unsigned char b : list) s.bytes[b] = !complement;
  return s;
}
constexpr unsigned char lead_byte(char32_t c) {
  return static_cast<unsigned char>(detail::encode(c).bytes[0]);
}
// The lead bytes of the characters from `lo` to `hi`.
constexpr Set character_range(char32_t lo, char32_t hi) {
  Set s;
  for (char32_t c = lo; c <= hi && c < 0x80; ++c) s.bytes[c] = true;
  if (hi >= 0x80) {
    for (unsigned b = lead_byte(lo < 0x80 ? 0x80 : lo); b <= lead_byte(hi); ++b) s.bytes[b] = true;
  }
  return s;
}

template <typename Rule>
struct of;

// A rule of the grammar's own (a primitive) may say what it starts with: `static constexpr
// first::Set first_bytes()`. Otherwise a rule is what it derives from (its rule_t), or unknown.
template <typename Rule>
constexpr Set derived() {
  if constexpr (requires { Rule::first_bytes(); }) {
    return Rule::first_bytes();
  } else if constexpr (!std::is_same_v<Rule, typename Rule::rule_t>) {
    return of<typename Rule::rule_t>::value;
  } else {
    return anything();
  }
}
template <typename Rule>
struct of {
  static constexpr Set value = derived<Rule>();
};

template <typename... Rules>
constexpr Set sequence() {
  if constexpr (sizeof...(Rules) == 0) {
    return zero_width();
  } else {
    return []<typename First, typename... Rest>(tao::pegtl::type_list<First, Rest...>*) {
      Set s = of<First>::value;
      if constexpr (of<First>::value.may_be_empty) {
        constexpr Set rest = sequence<Rest...>();
        s.add(rest);
        s.may_be_empty = rest.may_be_empty;
      }
      return s;
    }(static_cast<tao::pegtl::type_list<Rules...>*>(nullptr));
  }
}
template <typename... Rules>
constexpr Set choice() {
  Set s;
  ((s.add(of<Rules>::value), s.may_be_empty = s.may_be_empty || of<Rules>::value.may_be_empty), ...);
  return s;
}
template <typename... Rules>
constexpr Set optional() {
  Set s = sequence<Rules...>();
  s.may_be_empty = true;
  return s;
}

template <typename... Rules>
struct of<pi::seq<Rules...>> {
  static constexpr Set value = sequence<Rules...>();
};
template <typename... Rules>
struct of<pi::sor<Rules...>> {
  static constexpr Set value = choice<Rules...>();
};
template <typename... Rules>
struct of<pi::opt<Rules...>> {
  static constexpr Set value = optional<Rules...>();
};
template <typename Rule, typename... Rules>
struct of<pi::star<Rule, Rules...>> {
  static constexpr Set value = optional<Rule, Rules...>();
};
template <typename Rule, typename... Rules>
struct of<pi::plus<Rule, Rules...>> {
  static constexpr Set value = sequence<Rule, Rules...>();
};
template <unsigned Max, typename... Rules>
struct of<pi::rep_opt<Max, Rules...>> {
  static constexpr Set value = optional<Rules...>();
};
template <unsigned Min, unsigned Max, typename... Rules>
struct of<pi::rep_min_max<Min, Max, Rules...>> {
  static constexpr Set value = Min == 0 ? optional<Rules...>() : sequence<Rules...>();
};
template <unsigned Count, typename... Rules>
struct of<pi::rep<Count, Rules...>> {
  static constexpr Set value = Count == 0 ? zero_width() : sequence<Rules...>();
};
// A lookahead consumes nothing, but where it must match, the next byte is one its rules start with.
template <typename... Rules>
struct of<pi::at<Rules...>> {
  static constexpr Set value = sequence<Rules...>();
};
template <typename... Rules>
struct of<pi::not_at<Rules...>> {
  static constexpr Set value = zero_width();
};
template <>
struct of<pi::eof> {
  static constexpr Set value = {};  // only at the end, which first_byte_sor lets through
};
template <>
struct of<pi::failure> {
  static constexpr Set value = {};
};
template <>
struct of<pi::success> {
  static constexpr Set value = zero_width();
};
template <char... Cs>
struct of<pi::one<result_on_found::success, pi::peek_char, Cs...>> {
  static constexpr Set value = bytes_of({static_cast<unsigned char>(Cs)...});
};
template <char... Cs>
struct of<pi::one<result_on_found::failure, pi::peek_char, Cs...>> {
  static constexpr Set value = bytes_of({static_cast<unsigned char>(Cs)...}, true);
};
template <char Lo, char Hi>
struct of<pi::range<result_on_found::success, pi::peek_char, Lo, Hi>> {
  static constexpr Set value = character_range(static_cast<unsigned char>(Lo), static_cast<unsigned char>(Hi));
};
template <char32_t Lo, char32_t Hi>
struct of<pi::range<result_on_found::success, pi::peek_utf8, Lo, Hi>> {
  static constexpr Set value = character_range(Lo, Hi);
};
template <char32_t... Cs>
struct of<one_char<Cs...>> {
  static constexpr Set value = bytes_of({lead_byte(Cs)...});
};
// Any character but these: only the ASCII ones are ruled out (another character may share a
// lead byte with the others).
template <char32_t... Cs>
struct of<not_char<Cs...>> {
  static constexpr Set value = [] {
    Set s = bytes_of({}, true);
    ((Cs < 0x80 ? void(s.bytes[Cs] = false) : void()), ...);
    return s;
  }();
};

}  // namespace xxgk::grammar::first

namespace xxgk::grammar {

// Like sor<Rules...>, with each rule tried only when the next byte may start it (at the end of
// the input, every rule is tried). Same result as sor, as each set holds every byte its rule can
// start with; same tree, as a rule not tried makes no node either.
template <typename... Rules>
struct first_byte_sor {
  using rule_t = first_byte_sor;
  using subs_t = tao::pegtl::type_list<Rules...>;
  static constexpr first::Set first_bytes() { return first::choice<Rules...>(); }

  template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    if (in.empty()) {
      return (Control<Rules>::template match<A, tao::pegtl::rewind_mode::required, Action, Control>(in, st...) || ...);
    }
    const auto b = static_cast<unsigned char>(*in.current());
    return ((first::of<Rules>::value.admits(b) &&
             Control<Rules>::template match<A, tao::pegtl::rewind_mode::required, Action, Control>(in, st...)) ||
            ...);
  }
};

// Where none of the rules matches (not_at<A>, not_at<B>, … in one): each is tried only where the
// next byte may start it. Tried at every character of a label or a header.
template <typename... Rules>
struct none_of : tao::pegtl::not_at<first_byte_sor<Rules...>> {};

// Text up to where Stop matches or one of the bytes stands: star<not_at<Stop>, not_one<Bytes...>>
// (plus<…> when AtLeastOne) in one call, Stop tried only where its first byte stands.
template <bool AtLeastOne, typename Stop, char... Bytes>
struct text_until {
  using rule_t = text_until;
  using subs_t = tao::pegtl::type_list<Stop>;
  static constexpr first::Set first_bytes() {
    first::Set s = first::bytes_of({static_cast<unsigned char>(Bytes)...}, true);
    s.may_be_empty = !AtLeastOne;
    return s;
  }

  template <tao::pegtl::apply_mode, tao::pegtl::rewind_mode, template <typename...> class, template <typename...> class,
            typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... /*st*/) {
    const char* const start = in.current();
    while (!in.empty()) {
      const char c = *in.current();
      if (((c == Bytes) || ...)) break;
      if (first::of<Stop>::value.admits(static_cast<unsigned char>(c))) {
        auto here = in.template mark<tao::pegtl::rewind_mode::required>();  // back here whatever Stop does
        if (tao::pegtl::match<Stop, tao::pegtl::apply_mode::nothing, tao::pegtl::rewind_mode::active,
                              tao::pegtl::nothing, tao::pegtl::normal>(in)) {
          break;
        }
      }
      in.bump(1);
    }
    return !AtLeastOne || in.current() != start;
  }
};

}  // namespace xxgk::grammar

namespace tao::pegtl {
template <typename Name, typename... Rules>
struct analyze_traits<Name, xxgk::grammar::first_byte_sor<Rules...>> : analyze_traits<Name, internal::sor<Rules...>> {};
template <typename Name, bool AtLeastOne, typename Stop, char... Bytes>
struct analyze_traits<Name, xxgk::grammar::text_until<AtLeastOne, Stop, Bytes...>>
    : std::conditional_t<AtLeastOne, analyze_any_traits<>, analyze_opt_traits<>> {};
}  // namespace tao::pegtl
