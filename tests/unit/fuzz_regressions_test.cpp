// Inputs the fuzzers of tests/fuzz once crashed on, fed again to the same functions: each must be refused cleanly.
#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/text_file.hpp"
#include "support/temp_dir.hpp"
#include "sync/protocol/wire_codec.hpp"

using namespace mediane;

namespace {
// tests/fuzz/regressions/<target>/<file>: the exact bytes the fuzzer reported.
std::string regression(const std::string& name) {
    return core::readTextFile(test::assetsDir() + "/../tests/fuzz/regressions/" + name);
}

const std::vector<std::pair<const char*, std::function<void(const std::string&)>>> kDecoders = {
    {"push request", [](const std::string& t) { sync::decodePushRequest(t); }},
    {"push response", [](const std::string& t) { sync::decodePushResponse(t); }},
    {"pull response", [](const std::string& t) { sync::decodePullResponse(t); }},
    {"enroll request", [](const std::string& t) { sync::decodeEnrollRequest(t); }},
    {"enroll response", [](const std::string& t) { sync::decodeEnrollResponse(t); }},
    {"resolve request", [](const std::string& t) { sync::decodeResolveRequest(t); }},
    {"error body", [](const std::string& t) { sync::decodeErrorBody(t); }},
};
}  // namespace

TEST_CASE("a number past the range of a double is refused as invalid JSON by every wire decoder", "[fuzz][sync]") {
    // It escaped as nlohmann's out_of_range, which the hub answered 500 with the library's text.
    for (const char* file : {"wire_codec/number_overflow_1e400.json", "wire_codec/number_overflow_in_push_batch.json"}) {
        const auto body = regression(file);
        for (const auto& [name, decode] : kDecoders) {
            INFO(file << ": " << name);
            try {
                decode(body);
                FAIL("accepted");
            } catch (const Error& e) {
                // A 400 naming the problem; which key (invalid JSON, number out of range) is the codec's choice.
                CHECK(e.kind() == Error::Kind::Validation);
            }
        }
    }
}
