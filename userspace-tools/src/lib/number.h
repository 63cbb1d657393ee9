// The one integer parser: every number ingensctl reads alone, from the
// kernel, a file or the command line, goes through here, so they are all held
// to the same rule and refused with the same words. (Rows of numbers between
// blanks, buddyinfo's and util_histogram's, are read word by word.)
#pragma once

#include <charconv>
#include <concepts>
#include <optional>
#include <string_view>

namespace ingens {

enum class NumberProblem { None, Empty, NotANumber, Negative, OutOfRange };

template <std::integral T>
struct ParsedNumber {
    std::optional<T> value;
    NumberProblem problem = NumberProblem::None;
};

// Plain digits in `base` (10 or 16, no "0x"), with a leading '-' for signed
// types; nothing before or after. A '-' for an unsigned type is Negative, a
// value T cannot hold OutOfRange: both are numbers, only not acceptable ones.
template <std::integral T>
ParsedNumber<T> parse_number(std::string_view text, int base = 10) {
    if (text.empty()) return {std::nullopt, NumberProblem::Empty};
    std::string_view digits = text;
    if (digits.front() == '-') digits.remove_prefix(1);
    const auto is_digit = [base](char c) {
        return (c >= '0' && c <= '9') ||
               (base == 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
    };
    if (digits.empty()) return {std::nullopt, NumberProblem::NotANumber};
    for (char c : digits) {
        if (!is_digit(c)) return {std::nullopt, NumberProblem::NotANumber};
    }
    if (text.front() == '-' && !std::signed_integral<T>) {
        return {std::nullopt, NumberProblem::Negative};
    }
    T value{};
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (ec == std::errc::result_out_of_range) return {std::nullopt, NumberProblem::OutOfRange};
    if (ec != std::errc() || ptr != text.data() + text.size()) {
        return {std::nullopt, NumberProblem::NotANumber};
    }
    return {value, NumberProblem::None};
}

// Why a number was refused, for messages: "not a plain decimal number".
constexpr std::string_view number_problem_text(NumberProblem problem) {
    switch (problem) {
    case NumberProblem::None: return "ok";
    case NumberProblem::Empty: return "empty value";
    case NumberProblem::NotANumber: return "not a plain decimal number";
    case NumberProblem::Negative: return "negative values are not allowed";
    case NumberProblem::OutOfRange: return "too large";
    }
    return "invalid";
}

// The value, or nullopt for any problem.
template <std::integral T>
std::optional<T> to_number(std::string_view text, int base = 10) {
    return parse_number<T>(text, base).value;
}

}  // namespace ingens
