// Identifiers and hub addresses as the protocol boundary checks them on the laptop's side.
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "sync/client/hub_address.hpp"
#include "sync/protocol/identifiers.hpp"
#include "sync/protocol/wire_codec.hpp"

using namespace mediane;

TEST_CASE("record ids with control characters, spaces or excess length are refused", "[sync][ids]") {
    CHECK(sync::isUuid("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"));
    CHECK_FALSE(sync::isUuid("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5"));
    CHECK_FALSE(sync::isUuid("0190a1b2xc3d4-7e5f-8a9b-0c1d2e3f4a5b"));
    CHECK(sync::isRecordId("learner", "L1"));
    CHECK(sync::isRecordId("cheque_event", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"));
    CHECK_FALSE(sync::isRecordId("learner", std::string("L1\0x", 4)));
    CHECK_FALSE(sync::isRecordId("learner", "L1 "));
    CHECK_FALSE(sync::isRecordId("learner", ""));
    CHECK_FALSE(sync::isRecordId("learner", std::string(129, 'a')));
    // A directory place keeps its producer's id, accents and spaces included, but no control character.
    CHECK(sync::isRecordId("place", "Mairie de Bron – espace numérique"));
    CHECK_FALSE(sync::isRecordId("place", "lieu\x01"));
    CHECK_FALSE(sync::isRecordId("place", "lieu\xc2\x85"));  // U+0085, a C1 control
    CHECK(sync::isRecordId("conflict_resolution", "42"));
    CHECK_FALSE(sync::isRecordId("conflict_resolution", "4 2"));
}

TEST_CASE("a pulled change whose record id holds a NUL byte is refused by the laptop", "[sync][ids]") {
    nlohmann::json page = {{"protocol_version", 1},
                           {"changes", {{{"server_seq", 1}, {"entity", "learner"}, {"record_id", std::string("L1\0x", 4)},
                                         {"version", 1}, {"op", "create"}, {"fields", nlohmann::json::object()},
                                         {"deleted", false}}}},
                           {"next_since", 1},
                           {"has_more", false}};
    try {
        sync::decodePullResponse(page.dump());
        FAIL("decoded");
    } catch (const Error& e) {
        CHECK(e.key() == "err.sync.id_invalid");
        CHECK(e.field() == "changes[0].record_id");
    }
}

TEST_CASE("plain HTTP is refused to any hub but this machine's loopback", "[sync][tls]") {
    CHECK_NOTHROW(sync::requireSafeHubUrl("https://resin.example.org"));
    CHECK_NOTHROW(sync::requireSafeHubUrl("http://127.0.0.1:8080"));
    CHECK_NOTHROW(sync::requireSafeHubUrl("http://localhost:8080/"));
    CHECK_NOTHROW(sync::requireSafeHubUrl("http://[::1]:8080"));
    for (std::string url : {"http://resin.example.org", "http://192.168.1.10:8080", "http://127.0.0.1.example.org",
                            "http://user@evil.example.org", "http://localhost.example.org"}) {
        INFO(url);
        try {
            sync::requireSafeHubUrl(url);
            FAIL("accepted");
        } catch (const Error& e) {
            CHECK(e.key() == "err.sync.plain_http");
        }
    }
    CHECK_THROWS(sync::requireSafeHubUrl("ftp://resin.example.org"));
    CHECK_THROWS(sync::requireSafeHubUrl("resin.example.org"));
}

TEST_CASE("a conflicts page goes through the wire codec both ways, and a malformed one names its field",
          "[sync][protocol]") {
    sync::ConflictsResponse page;
    page.conflicts.push_back({7, "over_redemption", "cheque_event", "E2", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
                              "laptop-b", "villeurbanne", {{"cheque_id", "BK1#4"}}, "2026-03-02T10:00:00Z"});
    auto decoded = sync::decodeConflictsResponse(sync::encode(page).dump());
    REQUIRE(decoded.conflicts.size() == 1);
    CHECK(decoded.conflicts[0].id == 7);
    CHECK(decoded.conflicts[0].structure == "villeurbanne");
    CHECK(decoded.conflicts[0].details["cheque_id"] == "BK1#4");

    auto broken = sync::encode(page);
    broken["conflicts"][0].erase("kind");
    try {
        sync::decodeConflictsResponse(broken.dump());
        FAIL("decoded");
    } catch (const Error& e) {
        CHECK(e.field() == "conflicts[0].kind");
    }
}
