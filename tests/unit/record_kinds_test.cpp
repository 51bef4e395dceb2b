// The record kinds' descriptions agree with the notebook's schema and with the domain records they bind.
#include <catch2/catch.hpp>

#include <set>

#include "notebook_fixture.hpp"
#include "store/database.hpp"
#include "store/record_rows.hpp"
#include "store/record_tables.hpp"
#include "store/remote_changes.hpp"
#include "support/record_samples.hpp"
#include "sync/protocol/record_wire.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
std::set<std::string> columnsOf(store::Database& db, const std::string& table) {
    std::set<std::string> out;
    auto st = db.prepare("SELECT name FROM pragma_table_info(?)");
    st.bind(1, table);
    while (st.step()) out.insert(st.columnText(0));
    return out;
}

template <class Record>
nlohmann::json throughStruct(const nlohmann::json& wire) {
    Record record;
    sync::fromWire(wire, record);
    return sync::toWire(record);
}

nlohmann::json throughDomainRecord(const std::string& entity, const nlohmann::json& wire) {
    if (entity == "learner") return throughStruct<core::Learner>(wire);
    if (entity == "session") return throughStruct<core::Session>(wire);
    if (entity == "pass_booklet") return throughStruct<core::PassBooklet>(wire);
    if (entity == "cheque_event") return throughStruct<core::ChequeEvent>(wire);
    if (entity == "assessment") return throughStruct<core::Assessment>(wire);
    if (entity == "place") return throughStruct<core::Place>(wire);
    if (entity == "pass_profile") return throughStruct<core::PassProfile>(wire);
    if (entity == "pass_service") return throughStruct<core::PassService>(wire);
    FAIL("no domain record for " << entity);
    return {};
}

SampleContext sampleContext() {
    SampleContext context{{}, "Centre social Parilly", "claire"};
    for (const auto& kind : sync::recordKinds()) context.ids[kind.entity] = "id-of-" + kind.entity;
    return context;
}
}  // namespace

TEST_CASE("every wire field of every record kind has a column, a list table or a derivation in the notebook") {
    NotebookFixture f;
    store::Database db(f.dir.str() + "/" + app::Notebook::kDatabaseFile);
    REQUIRE(store::recordTables().size() == sync::recordKinds().size());
    for (const auto& table : store::recordTables()) {
        INFO(table.kind->entity);
        auto columns = columnsOf(db, table.table);
        CHECK(columns.count("id"));
        CHECK(columnsOf(db, table.stateTable).count("sync_state"));
        for (const auto& field : table.kind->fields) {
            INFO(field.wire);
            if (const auto* list = table.list(field.wire)) {
                auto listColumns = columnsOf(db, list->table);
                CHECK(listColumns.count(list->ownerColumn));
                CHECK(listColumns.count(list->valueColumn));
            } else if (const auto* derived = table.derivedField(field.wire)) {
                CHECK(field.role == sync::FieldRole::Derived);
                CHECK_NOTHROW(db.prepare(derived->select));
            } else {
                CHECK(columns.count(field.wire));
            }
        }
        for (const auto& stamp : table.stamps) CHECK(columns.count(stamp));
    }
}

TEST_CASE("every wire field of every record kind survives the trip through its domain record") {
    auto context = sampleContext();
    for (const auto& kind : sync::recordKinds()) {
        INFO(kind.entity);
        auto wire = sampleWire(kind, context);
        CHECK(throughDomainRecord(kind.entity, wire) == wire);
    }
}

TEST_CASE("a record kind refers only to kinds described before it") {
    std::set<std::string> before;
    for (const auto& kind : sync::recordKinds()) {
        for (const auto& field : kind.fields) {
            INFO(kind.entity + "." + field.wire);
            if (field.role == sync::FieldRole::Reference) CHECK(before.count(field.refersTo));
            if (field.role == sync::FieldRole::Choice) CHECK(field.choices.size() >= 2);
        }
        before.insert(kind.entity);
        if (kind.entity == "pass_booklet") before.insert("pass_cheque");  // cheques come with their booklet
    }
}

TEST_CASE("a field of a newer Médiane or of the wrong type leaves the domain record's value alone") {
    core::Session s;
    s.durationMinutes = 45;
    sync::fromWire({{"duration_minutes", "long"}, {"kind", "séance inconnue"}, {"from_the_future", 1}}, s);
    CHECK(s.durationMinutes == 45);
    CHECK(s.kind == core::SessionKind::Individual);
}

TEST_CASE("a pulled record with mistyped fields and forged references is applied without them or set aside whole") {
    NotebookFixture f;
    store::Database db(f.dir.str() + "/" + app::Notebook::kDatabaseFile);
    store::Transaction tx(db);
    store::RemoteChanges remote(db);
    // Forged references name nothing here: they are stored empty, and the learner list skips them.
    nlohmann::json forged = {{"date", "2026-11-30"}, {"duration_minutes", 30}, {"kind", "individuel"},
                             {"place_mode", "lieu_activite"}, {"place_id", "no-such-place"},
                             {"learner_ids", {"no-such-learner", f.learner.id}}, {"notes", {{"nested", {1, 2}}}}};
    CHECK(remote.apply({1, "session", "s-forged", 1, forged, false, {}}));
    auto stored = store::RecordRows(db, "session").find("s-forged");
    REQUIRE(stored);
    CHECK(stored->at("place_id") == "");
    CHECK(stored->at("learner_ids") == nlohmann::json::array({f.learner.id}));
    CHECK(stored->at("notes") == R"({"nested":[1,2]})");
    // A duration the schema refuses (CHECK > 0, a string reads as 0): the whole change is set aside.
    CHECK_FALSE(remote.apply({2, "session", "s-refused", 1, {{"date", "2026-11-30"}, {"duration_minutes", "long"},
                                                            {"kind", "individuel"}, {"place_mode", "lieu_activite"}}, false, {}}));
    CHECK_FALSE(store::RecordRows(db, "session").exists("s-refused"));
    CHECK(db.scalarInt("SELECT count(*) FROM sync_skipped WHERE record_id = 's-refused'") == 1);
    // An entity no kind describes is set aside too.
    CHECK_FALSE(remote.apply({3, "payroll", "p-1", 1, {{"x", 1}}, false, {}}));
    tx.commit();
}

TEST_CASE("a record pulled from a hub still on the first release's codes is stored in the national ones") {
    NotebookFixture f;
    store::Database db(f.dir.str() + "/" + app::Notebook::kDatabaseFile);
    store::Transaction tx(db);
    store::RemoteChanges remote(db);
    nlohmann::json old = {{"date", "2026-03-02"}, {"duration_minutes", 20}, {"kind", "oneoff"},
                          {"place_mode", "remote"}, {"learner_ids", {f.learner.id}},
                          {"themes", {"courriel", "smartphone"}}, {"equipment", {"smartphone"}}};
    CHECK(remote.apply({1, "session", "s-v1", 1, old, false, {}}));
    auto stored = store::RecordRows(db, "session").find("s-v1");
    REQUIRE(stored);
    CHECK(stored->at("kind") == "individuel");
    CHECK(stored->at("place_mode") == "a_distance");
    CHECK(stored->at("themes") == nlohmann::json::array({"email"}));
    CHECK(stored->at("equipment") == nlohmann::json::array({"telephone"}));
    CHECK(stored->at("legacy_codes") == "kind:oneoff themes:smartphone");
    CHECK(remote.apply({2, "learner", "l-v1", 3, {{"pseudonym", "B-12"}, {"age_bracket", "18_35"}, {"gender", "femme"}}, false, {}}));
    auto learner = store::RecordRows(db, "learner").find("l-v1");
    REQUIRE(learner);
    CHECK(learner->at("gender") == "feminin");
    CHECK(learner->at("age_bracket") == "");
    CHECK(learner->at("legacy_codes") == "age_bracket:18_35");
    tx.commit();
}
