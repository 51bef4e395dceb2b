// Runs `mediane --lang en --data DIR/data ARGS` as a process, stdin from text, and keeps its exit code and output.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "support/file_text.hpp"
#include "support/temp_dir.hpp"

namespace mediane::test {

struct CliRun {
    int exitCode = -1;
    std::string out, err;
};

inline CliRun runCli(const TempDir& dir, const std::vector<std::string>& args, const std::string& input = {}) {
    std::string command = quoted(MEDIANE_CLI) + " --lang en --data " + quoted((dir.path() / "data").string());
    for (const auto& a : args) {
        command += ' ';
        command += quoted(a);
    }
    auto in = dir.path() / "stdin.txt", out = dir.path() / "stdout.txt", err = dir.path() / "stderr.txt";
    std::ofstream(in) << input;
    command += " < " + quoted(in.string()) + " > " + quoted(out.string()) + " 2> " + quoted(err.string());
    int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

inline std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace mediane::test
