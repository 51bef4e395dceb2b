// A forged booklet would make the hub send a structure the other structures' cheque events: the hub refuses it.
#include <catch2/catch.hpp>

#include "hub_fixture.hpp"

using namespace mediane::test;

namespace {
Op booklet(const std::string& id, const std::string& structure, std::int64_t first, std::int64_t last) {
    return {newOpId(), 1, "pass_booklet", id, "create", 0,
            {{"structure", structure}, {"first_number", first}, {"last_number", last}, {"face_value_cents", 1000}}};
}

json resultOf(HubFixture& f, HttpClient& http, const std::string& device, const Op& op) {
    auto r = f.push(http, device, {op});
    REQUIRE(r.status == 200);
    return r.json()["results"][0];
}

std::size_t othersChequeEvents(const HttpClient& http, const std::string& own) {
    std::size_t n = 0;
    for (const auto& c : pullAll(http))
        if (c["entity"] == "cheque_event" && c["fields"].value("structure", own) != own) ++n;
    return n;
}
}  // namespace

TEST_CASE("a booklet forged over another structure's numbers or over more than 10,000 numbers is refused, "
          "and its structure pulls none of the others' cheque events",
          "[hub][pass][hostile]") {
    HubFixture f;
    f.addUser("olga", "adviser", "owner");
    f.addUser("alice", "adviser", "lyon8");
    f.addUser("mallory", "adviser", "evil");
    auto olga = f.enroll("olga", "laptop-o");
    auto alice = f.enroll("alice", "laptop-a");
    auto mallory = f.enroll("mallory", "laptop-m");
    REQUIRE(resultOf(f, olga, "laptop-o", booklet("BK1", "owner", 1, 10))["status"] == "applied");
    REQUIRE(resultOf(f, alice, "laptop-a", redeemCheque("E1", "BK1#4"))["status"] == "applied");

    auto wide = resultOf(f, mallory, "laptop-m", booklet("BKX", "evil", 1, 1000000000));
    CHECK(wide["status"] == "rejected");
    CHECK(wide["reason"] == "field_invalid");
    CHECK(wide["message"].get<std::string>().find("10000") != std::string::npos);
    auto over = resultOf(f, mallory, "laptop-m", booklet("BKY", "evil", 3, 6));
    CHECK(over["status"] == "rejected");
    CHECK(over["message"].get<std::string>().find("another structure's booklet") != std::string::npos);
    auto reversed = resultOf(f, mallory, "laptop-m", booklet("BKR", "evil", 30, 20));
    CHECK(reversed["status"] == "rejected");
    auto notANumber = booklet("BKS", "evil", 40, 50);
    notANumber.fields["first_number"] = "1";
    CHECK(resultOf(f, mallory, "laptop-m", notANumber)["status"] == "rejected");

    // A booklet of its own numbers is fine; it cannot be widened later over the owner's.
    REQUIRE(resultOf(f, mallory, "laptop-m", booklet("BKZ", "evil", 11, 20))["status"] == "applied");
    Op widen{newOpId(), 2, "pass_booklet", "BKZ", "update", 1, {{"first_number", 2}}};
    CHECK(resultOf(f, mallory, "laptop-m", widen)["status"] == "rejected");

    CHECK(othersChequeEvents(mallory, "evil") == 0);
    CHECK(othersChequeEvents(olga, "owner") == 1);  // the owner of the booklet still sees Alice's redemption
}
