// minimax's tour: runs every numeric verification the library has and prints what it verified.
#include <algorithm>
#include <cstdio>

#include <minimax/core/version.hpp>

#include "tour.hpp"

int main() {
  auto& all = tour::sections();
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  std::printf("minimax %s: a tour of what the library verifies\n", minimax::version.string);
  int passed = 0;
  int failed = 0;
  for (const auto& section : all) {
    std::printf("\n== %s ==\n", section.title.c_str());
    tour::report r;
    section.run(r);
    passed += r.passed();
    failed += r.failed();
  }
  std::printf("\ntour: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
