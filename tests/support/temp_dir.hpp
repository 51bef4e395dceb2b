// A fresh directory per test, removed at the end of the scope, so tests never share a database.
#pragma once

#include <filesystem>
#include <random>
#include <string>

namespace mediane::test {

class TempDir {
public:
    TempDir() {
        std::random_device rd;
        m_path = std::filesystem::temp_directory_path() /
                 ("mediane-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::string str() const { return m_path.string(); }

private:
    std::filesystem::path m_path;
};

// The source tree's assets, so tests run from any build directory.
inline std::string assetsDir() { return MEDIANE_TEST_ASSETS; }

}  // namespace mediane::test
