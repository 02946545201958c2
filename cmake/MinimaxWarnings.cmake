# minimax_project_target(<target>): the flags every target of minimax's own code gets: C++20, the
# library, and -Wall -Wextra -Wpedantic (as errors when MINIMAX_WARNINGS_AS_ERRORS is on). Eigen and
# Boost reach the compiler as imported targets, hence as SYSTEM includes: their warnings are theirs.
function(minimax_project_target target)
  target_link_libraries(${target} PRIVATE minimax::minimax)
  target_compile_features(${target} PRIVATE cxx_std_20)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic>)
    if(MINIMAX_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-Werror>)
    endif()
  endif()
  # Translation units compiled by nvcc (the Thrust backend's CUDA builds): the host compiler's
  # warnings on our code, constexpr std functions in device code, and Eigen's harmless notes on
  # defaulted __host__ __device__ members silenced.
  set_target_properties(${target} PROPERTIES CUDA_EXTENSIONS OFF)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CUDA>:--expt-relaxed-constexpr -diag-suppress=20012,20013,20014,20015 -Xcompiler=-Wall,-Wextra>)
endfunction()
