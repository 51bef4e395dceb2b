// A CLI subcommand as plain data (name, help, options, what it runs): main.cpp alone hands it to CLI11.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace mediane::cli {

struct CliOption {
    std::string name{};  // "--format", or a positional argument's name ("file")
    std::string help{};
    // Where the parsed value goes; a bool is a flag. The target must outlive parsing (static or shared).
    std::variant<std::string*, std::uint64_t*, bool*> target{};
    bool required = false;
    bool showDefault = false;           // help prints the target's value before parsing
    std::vector<std::string> choices{};  // empty: any value
};

struct CliCommand {
    // {"export", "directory"}: `directory` under `export`, which an earlier description (maybe another file's) added.
    std::vector<std::string> path{};
    std::string description{};
    std::vector<CliOption> options{};
    bool needsSubcommand = false;  // a group such as `export`: one of its subcommands must follow
    // Runs the command; errors are thrown as mediane::Error and reported by main (the one boundary).
    std::function<void()> run{};
};

// Each cli_*.cpp appends its commands; main registers them with the parser in this order (the help's order).
using CliCommands = std::vector<CliCommand>;

}  // namespace mediane::cli
