// `tia merge OUT IN...`: the union of databases made by `tia index --shard K/N`.
#include <iostream>

#include "command.h"
#include "tia/store/merge.h"

namespace tia::cli {
namespace {

int RunMerge(const std::string& out, const std::vector<std::string>& inputs) {
  for (const std::string& in : inputs)
    if (in == out) return Fail(in + ": the output cannot also be an input");
  MergeStats s;
  std::string err;
  if (!MergeDatabases(out, inputs, &s, &err)) return Fail(err);
  std::cout << "merged " << inputs.size() << (inputs.size() == 1 ? " database" : " databases")
            << " into " << out << ": " << s.tus << " TUs, " << s.shards << " file versions, "
            << s.symbols << " symbols, " << s.edges << " edges\n";
  return kExitOk;
}

Command merge_cmd(11, [](CLI::App& app) -> Command::Runner {
  auto out = std::make_shared<std::string>();
  auto inputs = std::make_shared<std::vector<std::string>>();
  auto* cmd =
      app.add_subcommand("merge", "Merge databases (the parts of tia index --shard K/N) into OUT");
  cmd->add_option("OUT", *out, "The merged database (created when missing)")->required();
  cmd->add_option("IN", *inputs, "Databases to merge")->required();
  return [out, inputs] { return RunMerge(*out, *inputs); };
});

}  // namespace
}  // namespace tia::cli
