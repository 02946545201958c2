# Runs PROGRAM SECTION and writes what it prints to OUTPUT: cmake -DPROGRAM=... -DSECTION=... -DOUTPUT=... -P
# A failing run fails the docs build (a page must not show the output of a proof that does not hold).
execute_process(COMMAND ${PROGRAM} ${SECTION} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} ${SECTION} failed (${_rc}):\n${_out}${_err}")
endif()
file(WRITE ${OUTPUT} "${_out}")
