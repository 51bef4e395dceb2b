// Small helpers tests share: a file's raw bytes (to search a notebook or an export) and shell quoting.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace mediane::test {

// Every byte of the file, "" when it cannot be read.
inline std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// One argument for /bin/sh, single-quoted whatever it holds.
inline std::string quoted(const std::string& arg) {
    std::string out = "'";
    for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

}  // namespace mediane::test
