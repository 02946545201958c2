# The Thrust backend's targets.
#
#   minimax::thrust        the library with Thrust, device system MINIMAX_THRUST_DEVICE_SYSTEM
#                          (OMP by default where OpenMP is found, else CPP; CUDA under nvcc)
#   minimax_thrust_cpp     device system CPP (sequential host), with Debian's or the toolkit's Thrust
#   minimax_thrust_omp     device system OMP (OpenMP threads), when OpenMP is found
#
# Host-only builds take Thrust from /usr/include (Debian's libthrust-dev); CUDA builds take the
# toolkit's own CCCL, which nvcc finds by itself.
find_path(MINIMAX_THRUST_INCLUDE_DIR thrust/version.h
          HINTS /usr/include ${CUDAToolkit_INCLUDE_DIRS}/cccl /usr/local/cuda/include/cccl
          DOC "Folder holding thrust/ for host-only builds of the Thrust backend")
find_package(OpenMP COMPONENTS CXX)

if(NOT MINIMAX_THRUST_INCLUDE_DIR)
  message(STATUS "minimax: Thrust not found (install libthrust-dev): the Thrust backend is not built")
  set(MINIMAX_HAVE_THRUST OFF)
  return()
endif()
set(MINIMAX_HAVE_THRUST ON)

add_library(minimax_thrust_cpp INTERFACE)
target_link_libraries(minimax_thrust_cpp INTERFACE minimax::minimax)
target_include_directories(minimax_thrust_cpp SYSTEM INTERFACE $<$<COMPILE_LANGUAGE:CXX>:${MINIMAX_THRUST_INCLUDE_DIR}>)
target_compile_definitions(minimax_thrust_cpp INTERFACE THRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_CPP)

if(OpenMP_CXX_FOUND)
  add_library(minimax_thrust_omp INTERFACE)
  target_link_libraries(minimax_thrust_omp INTERFACE minimax::minimax OpenMP::OpenMP_CXX)
  target_include_directories(minimax_thrust_omp SYSTEM INTERFACE $<$<COMPILE_LANGUAGE:CXX>:${MINIMAX_THRUST_INCLUDE_DIR}>)
  target_compile_definitions(minimax_thrust_omp INTERFACE THRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_OMP)
  set(_default_system OMP)
else()
  set(_default_system CPP)
endif()

# CUDA: compiled wherever nvcc is found (CI compiles and links it; a GPU runs it).
if(MINIMAX_BUILD_CUDA)
  include(CheckLanguage)
  check_language(CUDA)
endif()
if(MINIMAX_BUILD_CUDA AND CMAKE_CUDA_COMPILER)
  if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
    set(CMAKE_CUDA_ARCHITECTURES 90)  # Hopper (H100/H200); override with -DCMAKE_CUDA_ARCHITECTURES=...
  endif()
  enable_language(CUDA)
  set(MINIMAX_HAVE_CUDA ON)
  add_library(minimax_thrust_cuda INTERFACE)
  target_link_libraries(minimax_thrust_cuda INTERFACE minimax::minimax)
  target_compile_definitions(minimax_thrust_cuda INTERFACE THRUST_DEVICE_SYSTEM=THRUST_DEVICE_SYSTEM_CUDA)
  # CMake 3.25 does not know the CUDA 13 compiler's language levels: ask for C++20 directly.
  target_compile_options(minimax_thrust_cuda INTERFACE $<$<COMPILE_LANGUAGE:CUDA>:-std=c++20>)
  # Debug builds (the dev preset) compile the device code for checking, not for speed: nvcc's
  # fast-compile level (CUDA 12.8 on) skips the device optimiser's costly passes, which take most of
  # nvcc's time on these units (the network ensemble's test: 82 s -> 51 s).
  if(CMAKE_CUDA_COMPILER_VERSION VERSION_GREATER_EQUAL 12.8)
    target_compile_options(minimax_thrust_cuda INTERFACE $<$<AND:$<COMPILE_LANGUAGE:CUDA>,$<CONFIG:Debug>>:-Ofc=max>)
  endif()
else()
  set(MINIMAX_HAVE_CUDA OFF)
endif()

set(MINIMAX_THRUST_DEVICE_SYSTEM ${_default_system} CACHE STRING "Device system of minimax::thrust: CPP, OMP or CUDA")
set_property(CACHE MINIMAX_THRUST_DEVICE_SYSTEM PROPERTY STRINGS CPP OMP CUDA)
string(TOLOWER "${MINIMAX_THRUST_DEVICE_SYSTEM}" _system)
if(NOT TARGET minimax_thrust_${_system})
  message(FATAL_ERROR "minimax: MINIMAX_THRUST_DEVICE_SYSTEM=${MINIMAX_THRUST_DEVICE_SYSTEM} is not available here")
endif()
add_library(minimax::thrust ALIAS minimax_thrust_${_system})

# Under UBSan (the sanitize preset), Thrust's host systems bind references to a null tag pointer in
# their own headers: that one check is made recoverable for the Thrust targets, and
# tests/sanitize/ubsan.supp silences it inside thrust/ only (halt_on_error keeps the rest fatal).
if(CMAKE_CXX_FLAGS MATCHES "-fsanitize=[^ ]*undefined")
  foreach(_target minimax_thrust_cpp minimax_thrust_omp)
    if(TARGET ${_target})
      target_compile_options(${_target} INTERFACE $<$<COMPILE_LANGUAGE:CXX>:-fsanitize-recover=null>)
    endif()
  endforeach()
endif()

# minimax_cuda_source(<out-var> <sources> [NAME <name>]): a .cu unit that includes each of
# <sources> (one or a list), so that the same test or example files are compiled by the host compiler
# for CPP/OMP and by nvcc for CUDA. The unit is named after its folder and <name> (default: the
# first source's name).
function(minimax_cuda_source out sources)
  cmake_parse_arguments(PARSE_ARGV 2 _arg "" "NAME" "")
  list(GET sources 0 _first)
  get_filename_component(_name ${_first} NAME_WE)
  if(_arg_NAME)
    set(_name ${_arg_NAME})
  endif()
  get_filename_component(_dir ${_first} DIRECTORY)
  get_filename_component(_leaf ${_dir} NAME)
  set(_unit ${CMAKE_CURRENT_BINARY_DIR}/cuda_units/${_leaf}_${_name}.cu)
  set(_content "")
  foreach(_source IN LISTS sources)
    string(APPEND _content "#include \"${_source}\"\n")
  endforeach()
  file(CONFIGURE OUTPUT ${_unit} CONTENT "${_content}")
  set(${out} ${_unit} PARENT_SCOPE)
endfunction()
