#!/usr/bin/env python3
"""Generates a CMake + GoogleTest project of realistic shape for tia's benchmarks.

    scripts/gen_project.py OUT_DIR [--libs 20] [--files-per-lib 12] [--tests-per-lib 3]

Shape (defaults give 20 * 12 + 20 * 3 = 300 TUs): every library has a public header with a
class hierarchy, a class template and inline helpers; every source includes its own header,
the shared core header and the header of the previous library (a dependency chain, so
headers are read by many TUs), and calls into the previous library. Each library has a
GoogleTest executable whose cases call the library. Sources include common standard
headers, so parse time is dominated by the same headers real projects read.
"""
import argparse
import os
import textwrap


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(textwrap.dedent(text).lstrip())


def core_header():
    return """
    // Shared core: templates and macros every library uses.
    #pragma once
    #include <algorithm>
    #include <map>
    #include <memory>
    #include <numeric>
    #include <string>
    #include <vector>

    #define CORE_SCALE 3

    namespace core {
    template <typename T>
    class Accumulator {
     public:
      void Add(T v) { values_.push_back(v); }
      T Sum() const { return std::accumulate(values_.begin(), values_.end(), T{}); }
      T Max() const { return values_.empty() ? T{} : *std::max_element(values_.begin(), values_.end()); }
      size_t Count() const { return values_.size(); }
     private:
      std::vector<T> values_;
    };

    inline int Scale(int v) { return v * CORE_SCALE; }

    struct Record {
      std::string name;
      int weight = 1;
      std::map<std::string, int> tags;
    };
    }  // namespace core
    """


def lib_header(i, files):
    decls = "\n".join(f"int Compute{i}_{j}(int x);" for j in range(files))
    return f"""
    // Library {i}: public interface.
    #pragma once
    #include "core/core.h"

    namespace lib{i} {{
    class Base{i} {{
     public:
      virtual ~Base{i}() = default;
      virtual int Eval(int x) const = 0;
    }};

    class Impl{i} : public Base{i} {{
     public:
      int Eval(int x) const override;
    }};

    template <typename T>
    class Table{i} {{
     public:
      void Put(const std::string& k, T v) {{ rows_[k] = v; }}
      T Get(const std::string& k) const {{
        auto it = rows_.find(k);
        return it == rows_.end() ? T{{}} : it->second;
      }}
     private:
      std::map<std::string, T> rows_;
    }};

    inline int Twice{i}(int x) {{ return core::Scale(x) * 2; }}

    {decls}
    }}  // namespace lib{i}
    """


def lib_source(i, j, files):
    prev = f'#include "lib{i-1}/lib{i-1}.h"' if i > 0 else ""
    call_prev = f"lib{i-1}::Compute{i-1}_{j % files}(x)" if i > 0 else "x"
    impl = ""
    if j == 0:
        impl = f"""
    int Impl{i}::Eval(int x) const {{ return Twice{i}(x) + 1; }}
    """
    return f"""
    // Library {i}, part {j}.
    #include "lib{i}/lib{i}.h"
    {prev}
    #include <functional>
    #include <sstream>

    namespace lib{i} {{
    namespace {{
    int Helper(int x) {{
      core::Accumulator<int> acc;
      for (int k = 0; k < x % 7; ++k) acc.Add(k);
      return static_cast<int>(acc.Sum());
    }}
    }}  // namespace
    {impl}
    int Compute{i}_{j}(int x) {{
      std::function<int(int)> f = [](int v) {{ return Twice{i}(v); }};
      Table{i}<int> table;
      table.Put("x", x);
      std::ostringstream out;
      out << table.Get("x");
      return f(Helper(x)) + {call_prev} + static_cast<int>(out.str().size());
    }}
    }}  // namespace lib{i}
    """


def test_source(i, t, files):
    cases = "\n".join(
        f"""
    TEST(Lib{i}Part{t}Test, Case{c}) {{
      EXPECT_GE(lib{i}::Compute{i}_{(t * 4 + c) % files}({c}), 0);
    }}"""
        for c in range(4))
    return f"""
    // Tests of library {i}, part {t}.
    #include <gtest/gtest.h>
    #include "lib{i}/lib{i}.h"
    {cases}

    TEST(Lib{i}Part{t}Test, Virtual) {{
      lib{i}::Impl{i} impl;
      const lib{i}::Base{i}& base = impl;
      EXPECT_EQ(base.Eval(1), lib{i}::Twice{i}(1) + 1);
    }}
    """


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--libs", type=int, default=20)
    ap.add_argument("--files-per-lib", type=int, default=12)
    ap.add_argument("--tests-per-lib", type=int, default=3)
    a = ap.parse_args()
    out = a.out
    write(f"{out}/core/include/core/core.h", core_header())
    cm = ["cmake_minimum_required(VERSION 3.20)", "project(generated CXX)",
          "set(CMAKE_CXX_STANDARD 17)", "set(CMAKE_EXPORT_COMPILE_COMMANDS ON)",
          "find_package(GTest REQUIRED)", "include(GoogleTest)", "enable_testing()",
          "add_library(core INTERFACE)",
          "target_include_directories(core INTERFACE core/include)"]
    for i in range(a.libs):
        write(f"{out}/lib{i}/include/lib{i}/lib{i}.h", lib_header(i, a.files_per_lib))
        srcs = []
        for j in range(a.files_per_lib):
            write(f"{out}/lib{i}/src/part{j}.cc", lib_source(i, j, a.files_per_lib))
            srcs.append(f"lib{i}/src/part{j}.cc")
        deps = "core" + (f" lib{i-1}" if i > 0 else "")
        cm.append(f"add_library(lib{i} STATIC {' '.join(srcs)})")
        cm.append(f"target_include_directories(lib{i} PUBLIC lib{i}/include)")
        cm.append(f"target_link_libraries(lib{i} PUBLIC {deps})")
        tsrcs = []
        for t in range(a.tests_per_lib):
            write(f"{out}/lib{i}/test/part{t}_test.cc", test_source(i, t, a.files_per_lib))
            tsrcs.append(f"lib{i}/test/part{t}_test.cc")
        cm.append(f"add_executable(lib{i}_test {' '.join(tsrcs)})")
        cm.append(f"target_link_libraries(lib{i}_test PRIVATE lib{i} GTest::gtest_main)")
        cm.append(f"gtest_discover_tests(lib{i}_test)")
    write(f"{out}/CMakeLists.txt", "\n".join(cm) + "\n")
    tus = a.libs * (a.files_per_lib + a.tests_per_lib)
    print(f"generated {tus} TUs in {out}")


if __name__ == "__main__":
    main()
