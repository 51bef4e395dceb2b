// Protocol versions 1 and 2 side by side: which version a request speaks, how codes move between the two
// vocabularies on the wire, and which vocabularies documents the hub may publish and a laptop may keep.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/error.hpp"
#include "core/text_file.hpp"
#include "support/temp_dir.hpp"
#include "sync/protocol/endpoints.hpp"
#include "sync/protocol/record_kinds.hpp"
#include "sync/protocol/vocabulary_document.hpp"
#include "sync/protocol/vocabulary_wire.hpp"
#include "sync/protocol/wire_codec.hpp"

using namespace mediane;
using nlohmann::json;

namespace {
const sync::RecordKind& kindOf(const char* entity) { return *sync::findRecordKind(entity); }

std::string shippedText() { return core::readTextFile(test::assetsDir() + "/vocab/vocabularies.json"); }

core::Vocabularies shipped() { return core::Vocabularies::fromJson(shippedText(), "asset"); }

// The error key a document is refused with, and the vocabulary it names; "" when accepted.
std::pair<std::string, std::string> refusal(const json& doc) {
    try {
        sync::parseVocabularyDocument(doc.dump());
    } catch (const Error& e) {
        CHECK(e.kind() == Error::Kind::Validation);
        return {e.key(), e.params().count("vocabulary") ? e.params().at("vocabulary") : ""};
    }
    return {};
}
}  // namespace

TEST_CASE("a GET without a protocol parameter is version 1, as the first release sends it", "[sync][vocabulary]") {
    CHECK(sync::parseProtocolParam({}) == 1);
    CHECK(sync::parsePullQuery(sync::splitTarget("/v1/pull?since=0&limit=500").params).protocol == 1);
    CHECK(sync::parseConflictsQuery(sync::splitTarget("/v1/conflicts?after=0").params).protocol == 1);
    // This build says it speaks version 2 in every target it builds.
    auto pull = sync::splitTarget(sync::PullQuery{3, 10}.target());
    CHECK(sync::parsePullQuery(pull.params).protocol == 2);
    CHECK(sync::parseConflictsQuery(sync::splitTarget(sync::ConflictsQuery{5}.target()).params).protocol == 2);
    CHECK(sync::parseProposalsQuery(sync::splitTarget(sync::ProposalsQuery{}.target()).params).protocol == 2);
    CHECK(sync::parseVocabulariesQuery(sync::splitTarget(sync::VocabulariesQuery{4}.target()).params).known == 4);
}

TEST_CASE("a protocol version the hub does not speak is refused by name", "[sync][vocabulary]") {
    for (const char* bad : {"/v1/pull?protocol=3", "/v1/pull?protocol=0", "/v1/pull?protocol=two"}) {
        INFO(bad);
        try {
            sync::parsePullQuery(sync::splitTarget(bad).params);
            FAIL("accepted");
        } catch (const Error& e) {
            CHECK(e.key() == "err.sync.protocol_versions");
            CHECK(e.field() == "protocol");
        }
    }
    auto body = [](int version) {
        return json{{"protocol_version", version}, {"device_id", "laptop-1"}, {"batch", json::array()}}.dump();
    };
    CHECK(sync::decodePushRequest(body(1)).protocolVersion == 1);
    CHECK(sync::decodePushRequest(body(2)).protocolVersion == 2);
    CHECK_THROWS_AS(sync::decodePushRequest(body(3)), Error);
}

TEST_CASE("a first-release session comes back to a first-release laptop as it was written", "[sync][vocabulary]") {
    json fields = {{"kind", "oneoff"}, {"place_mode", "home"}, {"themes", {"courriel", "smartphone"}},
                   {"equipment", {"smartphone"}}, {"learner_ids", {"L1"}}};
    auto kept = sync::upgradeWireFields(kindOf("session"), fields);
    CHECK(fields["kind"] == "individuel");
    CHECK(fields["place_mode"] == "domicile");
    CHECK(fields["themes"] == json{"email"});
    CHECK(fields["equipment"] == json{"telephone"});
    CHECK(fields["legacy_codes"] == "kind:oneoff themes:smartphone");
    CHECK(kept.size() == 2);

    sync::downgradeWireFields(kindOf("session"), fields, shipped());
    CHECK(fields["kind"] == "oneoff");
    CHECK(fields["place_mode"] == "home");
    CHECK(fields["themes"] == json{"courriel", "smartphone"});
    CHECK(fields["equipment"] == json{"smartphone"});
}

TEST_CASE("a collective session never reads as individual on a first-release laptop", "[sync][vocabulary]") {
    json fields = {{"kind", "collectif"}, {"themes", {"intelligence_artificielle", "email"}}, {"equipment", {"aucun"}},
                   {"anonymous_by_gender", {"feminin:3"}}};
    sync::downgradeWireFields(kindOf("session"), fields, shipped());
    CHECK(fields["kind"] == "workshop");
    // Codes version 1 never had travel as their French labels, which that laptop shows as they are.
    CHECK(fields["themes"] == json{shipped().themes().find("intelligence_artificielle")->labelFr, "courriel"});
    CHECK(fields["themes"][0] != "intelligence_artificielle");
    CHECK(fields["equipment"] == json{shipped().equipment().find("aucun")->labelFr});
    CHECK(fields["anonymous_by_gender"] == json{"femme:3"});
    // Sent back, the labels read as the codes again.
    auto vocab = shipped();
    sync::upgradeWireFields(kindOf("session"), fields, &vocab);
    CHECK(fields["kind"] == "collectif");
    CHECK(fields["themes"] == json{"intelligence_artificielle", "email"});
    CHECK(fields["equipment"] == json{"aucun"});
    CHECK(fields["anonymous_by_gender"] == json{"feminin:3"});
}

TEST_CASE("upgrading current codes changes nothing, even a code published later with an old spelling",
          "[sync][vocabulary]") {
    auto vocab = shipped();
    json fields = {{"kind", "collectif"}, {"themes", {"email", "sante"}}, {"equipment", {"telephone"}}};
    json before = fields;
    CHECK(sync::upgradeWireFields(kindOf("session"), fields, &vocab).empty());
    CHECK(fields == before);

    auto doc = json::parse(shippedText());
    doc["themes"].push_back({{"code", "smartphone"}, {"fr", "Smartphone"}});
    auto later = core::Vocabularies::fromJson(doc.dump(), "later");
    json again = {{"themes", {"smartphone"}}};
    CHECK(sync::upgradeWireFields(kindOf("session"), again, &later).empty());
    CHECK(again["themes"] == json{"smartphone"});
}

TEST_CASE("a retired code takes its replacement, or waits in legacy codes when it has none", "[sync][vocabulary]") {
    std::vector<sync::CodeRetirement> retired = {{"themes", "bureautique", "culture_numerique"},
                                                 {"social_status", "retraite", ""}};
    json session = {{"themes", {"bureautique", "culture_numerique", "sante"}}};
    CHECK(sync::retireWireCodes(kindOf("session"), session, retired).empty());
    CHECK(session["themes"] == json{"culture_numerique", "sante"});
    json learner = {{"social_status", "retraite"}, {"legacy_codes", "age_bracket:18_35"}};
    auto kept = sync::retireWireCodes(kindOf("learner"), learner, retired);
    REQUIRE(kept.size() == 1);
    CHECK(learner["social_status"] == "");
    CHECK(learner["legacy_codes"] == "age_bracket:18_35 social_status:retraite");
    CHECK(sync::usesCode(kindOf("session"), json{{"anonymous_by_status", {"retraite:2"}}}, "social_status", "retraite"));
    CHECK_FALSE(sync::usesCode(kindOf("session"), json{{"anonymous_by_status", {"retraite_x:2"}}}, "social_status",
                               "retraite"));
}

TEST_CASE("the shipped vocabularies are a document the hub may serve", "[sync][vocabulary]") {
    auto doc = sync::parseVocabularyDocument(shippedText());
    CHECK(doc.version == shipped().version());
    CHECK(doc.retired.empty());
    for (const auto& name : sync::requiredVocabularies()) CHECK(doc.body.contains(name));
}

TEST_CASE("a vocabularies document is refused with the vocabulary and code at fault", "[sync][vocabulary]") {
    const auto good = json::parse(shippedText());
    auto without = good;
    without.erase("themes");
    CHECK(refusal(without) == std::pair<std::string, std::string>{"err.vocab.missing", "themes"});
    auto twice = good;
    twice["equipment"].push_back(good["equipment"][0]);
    CHECK(refusal(twice) == std::pair<std::string, std::string>{"err.vocab.code_duplicate", "equipment"});
    auto noLabel = good;
    noLabel["themes"].push_back({{"code", "sans_libelle"}});
    CHECK(refusal(noLabel) == std::pair<std::string, std::string>{"err.vocab.label_missing", "themes"});
    auto spaced = good;
    spaced["themes"].push_back({{"code", "deux mots"}, {"fr", "Deux mots"}});
    CHECK(refusal(spaced).first == "err.vocab.code_invalid");
    auto closed = good;
    closed["session_kinds"].push_back({{"code", "ponctuel"}, {"fr", "Ponctuel"}});
    CHECK(refusal(closed) == std::pair<std::string, std::string>{"err.vocab.closed_changed", "session_kinds"});
    auto noVersion = good;
    noVersion.erase("version");
    CHECK(refusal(noVersion).first == "err.vocab.version_missing");
    auto badRetired = good;
    badRetired["retired"] = json::array({{{"vocabulary", "nope"}, {"code", "x"}}});
    CHECK(refusal(badRetired).first == "err.vocab.retired_invalid");
    CHECK(refusal(json::array()).first == "err.vocab.not_json");
}
