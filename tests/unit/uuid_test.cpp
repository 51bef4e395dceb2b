#include "core/uuid.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace mediane::core;

TEST_CASE("record ids are UUIDv7 and sort in creation order") {
    std::vector<std::string> ids;
    for (int i = 0; i < 5000; ++i) ids.push_back(newUuidV7());
    std::set<std::string> unique(ids.begin(), ids.end());
    CHECK(unique.size() == ids.size());
    for (std::size_t i = 1; i < ids.size(); ++i) REQUIRE(ids[i - 1] < ids[i]);
    for (const auto& id : ids) {
        REQUIRE(isUuid(id));
        REQUIRE(id[14] == '7');                                   // version nibble
        REQUIRE(std::string("89ab").find(id[19]) != std::string::npos);  // RFC 4122 variant
    }
}

TEST_CASE("a UUIDv7 carries its creation time in its first 48 bits") {
    std::string id = uuidV7At(0x0192F0C47B1EULL);
    CHECK(id.substr(0, 13) == "0192f0c4-7b1e");
}

TEST_CASE("malformed ids are not taken for UUIDs") {
    CHECK_FALSE(isUuid(""));
    CHECK_FALSE(isUuid("0192f0c4-7b1e-7a3c-8d21-5f0e3c9b1a7"));
    CHECK_FALSE(isUuid("0192f0c4x7b1e-7a3c-8d21-5f0e3c9b1a77"));
    CHECK_FALSE(isUuid("0192f0c4-7b1e-7a3c-8d21-5f0e3c9b1a7g"));
}
