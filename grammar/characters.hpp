// The grammar's smallest pieces: rules written in C++ (primitive) and one character of a set,
// compared as UTF-8 bytes. Rules only.
#pragma once

#include <algorithm>
#include <cstddef>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

namespace xxgk::grammar {

namespace pegtl = tao::pegtl;
using namespace tao::pegtl;  // NOLINT: the grammar reads as PEG, not as namespace soup

// A rule written in C++ instead of composed of others: Derived::test(in) matches at in.current()
// and moves `in` past what it matched. It holds no rules, so it is a leaf of the parse tree.
template <typename Derived>
struct primitive {
  using rule_t = Derived;
  using subs_t = empty_list;
  template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
            typename... States>
  static bool match(ParseInput& in, States&&...) {
    return Derived::test(in);
  }
};

// One character of a set, compared as UTF-8 bytes (PEGTL's utf8::one decodes the character
// first; these are tried at every word). The text is valid UTF-8 once read (src/read/).
namespace detail {
struct encoded {
  char bytes[4]{};
  std::size_t size = 0;
};
constexpr encoded encode(char32_t c) {
  encoded e;
  if (c < 0x80) {
    e.bytes[0] = static_cast<char>(c), e.size = 1;
  } else if (c < 0x800) {
    e.bytes[0] = static_cast<char>(0xC0 | (c >> 6)), e.bytes[1] = static_cast<char>(0x80 | (c & 0x3F)), e.size = 2;
  } else if (c < 0x10000) {
    e.bytes[0] = static_cast<char>(0xE0 | (c >> 12)), e.bytes[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    e.bytes[2] = static_cast<char>(0x80 | (c & 0x3F)), e.size = 3;
  } else {
    e.bytes[0] = static_cast<char>(0xF0 | (c >> 18)), e.bytes[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    e.bytes[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F)), e.bytes[3] = static_cast<char>(0x80 | (c & 0x3F));
    e.size = 4;
  }
  return e;
}
template <char32_t C>
inline constexpr encoded encoded_v = encode(C);
// The length of the UTF-8 character at p (0 when it is cut off or not UTF-8).
inline std::size_t character_at(const char* p, const char* end) {
  const auto lead = static_cast<unsigned char>(*p);
  const std::size_t size = lead < 0x80           ? 1
                           : (lead >> 5) == 0x6  ? 2
                           : (lead >> 4) == 0xE  ? 3
                           : (lead >> 3) == 0x1E ? 4
                                                 : 0;
  if (size == 0 || static_cast<std::size_t>(end - p) < size) return 0;
  for (std::size_t i = 1; i < size; ++i) {
    if ((static_cast<unsigned char>(p[i]) & 0xC0) != 0x80) return 0;
  }
  return size;
}
}  // namespace detail
template <char32_t... Cs>
struct one_char : primitive<one_char<Cs...>> {
  template <typename ParseInput>
  static bool test(ParseInput& in) {
    const char* p = in.current();
    const auto rest = static_cast<std::size_t>(in.end() - p);
    const auto is = [&](const detail::encoded& e) {
      if (rest < e.size) return false;
      for (std::size_t i = 0; i < e.size; ++i) {
        if (p[i] != e.bytes[i]) return false;
      }
      in.bump(e.size);
      return true;
    };
    return (is(detail::encoded_v<Cs>) || ...);
  }
};
// One character, none of a set.
template <char32_t... Cs>
struct not_char : primitive<not_char<Cs...>> {
  template <typename ParseInput>
  static bool test(ParseInput& in) {
    if (in.empty()) return false;
    const char* p = in.current();
    const std::size_t size = detail::character_at(p, in.end());
    if (size == 0) return false;
    const auto is = [&](const detail::encoded& e) { return e.size == size && std::equal(p, p + size, e.bytes); };
    if ((is(detail::encoded_v<Cs>) || ...)) return false;
    in.bump(size);
    return true;
  }
};

}  // namespace xxgk::grammar

namespace tao::pegtl {
template <typename Name, char32_t... Cs>
struct analyze_traits<Name, xxgk::grammar::one_char<Cs...>> : analyze_any_traits<> {};
template <typename Name, char32_t... Cs>
struct analyze_traits<Name, xxgk::grammar::not_char<Cs...>> : analyze_any_traits<> {};
}  // namespace tao::pegtl
