# One compile-fail test: cmake -DCXX=... -DFLAGS=... -DSOURCE=... -P check.cmake
#
# The source must compile (-fsyntax-only) as it is: the control, so that a typo or a missing include
# cannot pass for the expected error. With -DMINIMAX_COMPILE_FAIL it must fail, and the compiler's
# output must contain every line the source marks `// expect: <text>` (literal text, in any order).
if(NOT CXX OR NOT SOURCE)
  message(FATAL_ERROR "check.cmake: CXX and SOURCE are required")
endif()
separate_arguments(_flags UNIX_COMMAND "${FLAGS}")
execute_process(COMMAND ${CXX} ${_flags} -fsyntax-only ${SOURCE}
                RESULT_VARIABLE _control_rc OUTPUT_VARIABLE _control_out ERROR_VARIABLE _control_out)
if(NOT _control_rc EQUAL 0)
  message(FATAL_ERROR "the control (without MINIMAX_COMPILE_FAIL) does not compile:\n${_control_out}")
endif()
execute_process(COMMAND ${CXX} ${_flags} -fsyntax-only -DMINIMAX_COMPILE_FAIL ${SOURCE}
                RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
if(_rc EQUAL 0)
  message(FATAL_ERROR "compiled with MINIMAX_COMPILE_FAIL, but it must not")
endif()
file(STRINGS ${SOURCE} _expect_lines REGEX "^// expect: ")
if(NOT _expect_lines)
  message(FATAL_ERROR "${SOURCE} has no `// expect:` line")
endif()
foreach(_line IN LISTS _expect_lines)
  string(REGEX REPLACE "^// expect: " "" _text "${_line}")
  string(FIND "${_out}" "${_text}" _at)
  if(_at EQUAL -1)
    message(FATAL_ERROR "the compiler's output lacks \"${_text}\":\n${_out}")
  endif()
  message(STATUS "found: ${_text}")
endforeach()
