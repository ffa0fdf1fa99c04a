#!/usr/bin/env python3
"""Generates a CMake + GoogleTest project with many small headers, for the audit report's
scale check (scripts/bench/audit_wide.sh).

    scripts/bench/gen_wide_project.py OUT_DIR [--modules 50] [--headers 100]

Each module has a chain of headers (h1 includes h0, h2 includes h1, ...), each declaring
an inline function and a function its one source file defines; every other module has a
GoogleTest executable that calls a few of those functions, so the audit finds reached and
unreached functions in every directory. Defaults: 5,000 headers, 50 sources, 25 tests.
"""
import argparse
import os


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--modules", type=int, default=50)
    ap.add_argument("--headers", type=int, default=100)
    a = ap.parse_args()
    cmake = [
        "cmake_minimum_required(VERSION 3.20)",
        "project(wide LANGUAGES CXX)",
        "set(CMAKE_CXX_STANDARD 17)",
        "set(CMAKE_EXPORT_COMPILE_COMMANDS ON)",
        "find_package(GTest REQUIRED)",
        "enable_testing()",
    ]
    for m in range(a.modules):
        for h in range(a.headers):
            inc = f'#include "mod{m}/h{h - 1}.h"\n' if h else ""
            write(f"{a.out}/mod{m}/include/mod{m}/h{h}.h",
                  f"#pragma once\n{inc}\nnamespace mod{m} {{\n"
                  f"inline int F{h}(int x) {{ return x + {h}; }}\n"
                  f"int G{h}(int x);\n}}  // namespace mod{m}\n")
        body = "".join(f"int G{h}(int x) {{ return F{h}(x) * 2; }}\n" for h in range(a.headers))
        write(f"{a.out}/mod{m}/src/mod{m}.cc",
              f'#include "mod{m}/h{a.headers - 1}.h"\n\nnamespace mod{m} {{\n{body}}}  // namespace mod{m}\n')
        cmake.append(f"add_library(mod{m} STATIC mod{m}/src/mod{m}.cc)")
        cmake.append(f"target_include_directories(mod{m} PUBLIC mod{m}/include)")
        if m % 2 == 0:
            cases = "".join(f"TEST(Mod{m}Test, G{h}) {{ EXPECT_GT(mod{m}::G{h}(1), 0); }}\n"
                            for h in range(0, a.headers, 7))
            write(f"{a.out}/tests/mod{m}_test.cc",
                  f'#include <gtest/gtest.h>\n\n#include "mod{m}/h{a.headers - 1}.h"\n\n{cases}')
            cmake.append(f"add_executable(mod{m}_test tests/mod{m}_test.cc)")
            cmake.append(f"target_link_libraries(mod{m}_test PRIVATE mod{m} GTest::gtest_main)")
            cmake.append(f"add_test(NAME mod{m}_all COMMAND mod{m}_test)")
    write(f"{a.out}/CMakeLists.txt", "\n".join(cmake) + "\n")


if __name__ == "__main__":
    main()
