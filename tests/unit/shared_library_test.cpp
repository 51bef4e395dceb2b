// Libraries opened at first use: a missing one or a missing function is an error naming it and its package.
#include <catch2/catch.hpp>

#include <cstring>

#include "core/error.hpp"
#include "core/shared_library.hpp"

using namespace mediane;

TEST_CASE("a library that is not installed is named with the package to install", "[shared_library]") {
    try {
        core::SharedLibrary::open("libmediane-absent.so.7", "mediane-absent7");
        FAIL("opened a library that does not exist");
    } catch (const Error& e) {
        CHECK(e.key() == "err.library_missing");
        CHECK(e.params().at("library") == "libmediane-absent.so.7");
        CHECK(e.params().at("package") == "mediane-absent7");
        CHECK_FALSE(e.params().at("detail").empty());
    }
}

TEST_CASE("a function taken from an opened library works, and a missing one is refused", "[shared_library]") {
    auto libc = core::SharedLibrary::open("libc.so.6", "libc6");
    auto length = libc.symbol<decltype(&std::strlen)>("strlen");
    CHECK(length("Médiane") == std::strlen("Médiane"));
    try {
        libc.symbol<void (*)()>("mediane_no_such_function");
        FAIL("found a function that does not exist");
    } catch (const Error& e) {
        CHECK(e.key() == "err.library_missing");
        CHECK(e.params().at("library") == "libc.so.6");
    }
}

namespace {
struct ProbeFunctions {
    int generation;
};
int g_loads = 0;
ProbeFunctions loadProbe() {
    if (++g_loads == 1) throw Error(Error::Kind::Io, "err.library_missing", {{"library", "libprobe.so.1"}});
    return ProbeFunctions{g_loads};
}
}  // namespace

TEST_CASE("a library that failed to open is tried again, and one that opened is not opened twice", "[shared_library]") {
    CHECK_THROWS_AS(core::loadedOnce<ProbeFunctions>(loadProbe), Error);
    CHECK(core::loadedOnce<ProbeFunctions>(loadProbe).generation == 2);
    CHECK(core::loadedOnce<ProbeFunctions>(loadProbe).generation == 2);
    CHECK(g_loads == 2);
}
