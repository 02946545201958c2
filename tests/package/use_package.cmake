# Builds and runs the consumer program against minimax, used as MODE says:
#   find_package     - install BUILD_DIR into WORK/prefix, then find_package(minimax) from there;
#   find_package_blas - configure SOURCE_DIR afresh with MINIMAX_USE_BLAS=ON, install that, then the
#                      same (the installed target must bring EIGEN_USE_BLAS and the BLAS along);
#   add_subdirectory - the consumer's CMakeLists adds SOURCE_DIR as a subdirectory;
#   plain            - the compiler alone, with -I SOURCE_DIR/include and Eigen's include directory.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${out}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "command failed (${rc}): ${ARGN}\n${err}")
  endif()
endfunction()

if(MODE STREQUAL "find_package")
  run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK}/prefix)
  run(${CMAKE_COMMAND} -S ${CONSUMER} -B ${WORK}/build -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
      -DCMAKE_PREFIX_PATH=${WORK}/prefix -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON)
  run(${CMAKE_COMMAND} --build ${WORK}/build)
  run(${WORK}/build/consumer)
elseif(MODE STREQUAL "find_package_blas")
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK}/minimax -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
      -DMINIMAX_USE_BLAS=ON -DMINIMAX_BUILD_TESTS=OFF -DMINIMAX_BUILD_EXAMPLES=OFF -DMINIMAX_BUILD_DOCS=OFF
      -DMINIMAX_BUILD_APPS=OFF -DMINIMAX_BUILD_THRUST=OFF)
  run(${CMAKE_COMMAND} --install ${WORK}/minimax --prefix ${WORK}/prefix)
  run(${CMAKE_COMMAND} -S ${CONSUMER} -B ${WORK}/build -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
      -DCMAKE_PREFIX_PATH=${WORK}/prefix -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON)
  run(${CMAKE_COMMAND} --build ${WORK}/build)
  run(${WORK}/build/consumer)
elseif(MODE STREQUAL "add_subdirectory")
  run(${CMAKE_COMMAND} -S ${CONSUMER} -B ${WORK}/build -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
      -DMINIMAX_SOURCE_DIR=${SOURCE_DIR})
  run(${CMAKE_COMMAND} --build ${WORK}/build)
  run(${WORK}/build/consumer)
elseif(MODE STREQUAL "plain")
  run(${CXX} -std=c++20 -Wall -Wextra -Wpedantic -Werror -I ${SOURCE_DIR}/include -isystem ${EIGEN_DIR}
      ${CONSUMER}/main.cpp -o ${WORK}/consumer)
  run(${WORK}/consumer)
else()
  message(FATAL_ERROR "unknown MODE '${MODE}'")
endif()
