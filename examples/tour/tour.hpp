#pragma once
// The tour's small framework: sections register themselves, each check prints one line with the
// computed value, the known answer and the distance between them, and main() counts what passed.

#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace tour {

/// Collects a section's verifications and prints them as they run.
class report {
 public:
  /// One verification: |computed - expected| <= tolerance. Prints a line either way.
  bool check(const std::string& what, double computed, double expected, double tolerance) {
    const double distance = std::abs(computed - expected);
    const bool ok = (computed == expected) || distance <= tolerance;  // equal infinities pass
    std::printf("  [%s] %-58s %.17g  (known %.17g, |diff| %.2g <= %.2g)\n", ok ? " ok " : "FAIL", what.c_str(),
                computed, expected, distance, tolerance);
    ++(ok ? passed_ : failed_);
    return ok;
  }
  /// A verification that is a fact rather than a number (an exception thrown, a bound held).
  bool check_that(const std::string& what, bool holds) {
    std::printf("  [%s] %s\n", holds ? " ok " : "FAIL", what.c_str());
    ++(holds ? passed_ : failed_);
    return holds;
  }
  /// A line of explanation, not a verification.
  void say(const std::string& text) { std::printf("  %s\n", text.c_str()); }

  int passed() const { return passed_; }
  int failed() const { return failed_; }

 private:
  int passed_ = 0;
  int failed_ = 0;
};

/// A section of the tour: runs in order of `order`, then title.
struct section {
  int order;
  std::string title;
  std::function<void(report&)> run;
};

inline std::vector<section>& sections() {
  static std::vector<section> all;
  return all;
}

struct registrar {
  registrar(int order, std::string title, std::function<void(report&)> run) {
    sections().push_back({order, std::move(title), std::move(run)});
  }
};

}  // namespace tour

#define MINIMAX_TOUR_CONCAT2(a, b) a##b
#define MINIMAX_TOUR_CONCAT(a, b) MINIMAX_TOUR_CONCAT2(a, b)
/// Defines a tour section: `MINIMAX_TOUR_SECTION(10, "Stable numerics") { r.check(...); }`
#define MINIMAX_TOUR_SECTION(order, title)                                                            \
  static void MINIMAX_TOUR_CONCAT(tour_section_, order)(tour::report & r);                            \
  static const tour::registrar MINIMAX_TOUR_CONCAT(tour_registrar_, order){                           \
      order, title, MINIMAX_TOUR_CONCAT(tour_section_, order)};                                       \
  static void MINIMAX_TOUR_CONCAT(tour_section_, order)(tour::report & r)
