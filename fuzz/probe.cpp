// The smallest libFuzzer target: CMake compiles it to learn whether clang++ links -fsanitize=fuzzer.
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }
