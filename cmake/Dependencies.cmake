# Finds tia's third-party dependencies. Every miss fails at configure time and names the
# Debian package that provides it (scripts/setup.sh installs them all).

function(tia_missing what package)
  message(FATAL_ERROR "tia: ${what} not found. Install it with: apt-get install ${package}")
endfunction()

# libclang (C API). Debian installs one tree per LLVM version under /usr/lib/llvm-N;
# prefer the newest, accept 14 and later.
file(GLOB _tia_llvm_dirs LIST_DIRECTORIES true /usr/lib/llvm-*)
list(SORT _tia_llvm_dirs COMPARE NATURAL ORDER DESCENDING)
find_path(LIBCLANG_INCLUDE_DIR clang-c/Index.h
  HINTS ${LIBCLANG_ROOT}/include ${_tia_llvm_dirs}
  PATH_SUFFIXES include)
find_library(LIBCLANG_LIBRARY NAMES clang libclang
  HINTS ${LIBCLANG_ROOT}/lib ${_tia_llvm_dirs}
  PATH_SUFFIXES lib)
if(NOT LIBCLANG_INCLUDE_DIR OR NOT LIBCLANG_LIBRARY)
  tia_missing("libclang (clang-c/Index.h and libclang.so)" libclang-dev)
endif()
add_library(tia_libclang INTERFACE)
target_include_directories(tia_libclang SYSTEM INTERFACE ${LIBCLANG_INCLUDE_DIR})
target_link_libraries(tia_libclang INTERFACE ${LIBCLANG_LIBRARY})
# The clang binary of the same LLVM tree: its resource dir holds the builtin headers
# (stddef.h, ...) that libclang needs to parse like the compiler.
get_filename_component(_tia_llvm_root "${LIBCLANG_INCLUDE_DIR}" DIRECTORY)
set(TIA_LLVM_ROOT "${_tia_llvm_root}" CACHE INTERNAL "")
message(STATUS "tia: libclang ${LIBCLANG_LIBRARY}")

find_package(PkgConfig)
if(PkgConfig_FOUND)
  pkg_check_modules(LIBGIT2 IMPORTED_TARGET libgit2)
  pkg_check_modules(XXHASH IMPORTED_TARGET libxxhash)
endif()
if(NOT LIBGIT2_FOUND)
  tia_missing(libgit2 "libgit2-dev pkg-config")
endif()
if(NOT XXHASH_FOUND)
  tia_missing(xxHash "libxxhash-dev pkg-config")
endif()

find_package(SQLite3 QUIET)
if(NOT SQLite3_FOUND)
  tia_missing("SQLite 3" libsqlite3-dev)
endif()
find_package(CLI11 CONFIG QUIET)
if(NOT CLI11_FOUND)
  tia_missing(CLI11 libcli11-dev)
endif()
find_package(TBB CONFIG QUIET)
if(NOT TBB_FOUND)
  tia_missing(oneTBB libtbb-dev)
endif()
find_package(simdjson CONFIG QUIET)
if(NOT simdjson_FOUND)
  tia_missing(simdjson libsimdjson-dev)
endif()
find_package(nlohmann_json CONFIG QUIET)
if(NOT nlohmann_json_FOUND)
  tia_missing("nlohmann JSON" nlohmann-json3-dev)
endif()
find_package(pugixml CONFIG QUIET)
if(NOT pugixml_FOUND)
  tia_missing(pugixml libpugixml-dev)
endif()
if(TIA_BUILD_TESTS)
  find_package(GTest QUIET)
  if(NOT GTest_FOUND)
    tia_missing(GoogleTest "libgtest-dev libgmock-dev")
  endif()
endif()
