// Every field of every record kind, written on one laptop, read on another after a sync through a real hub.
#include <catch2/catch.hpp>

#include "core/hlc.hpp"
#include "core/uuid.hpp"
#include "store/database.hpp"
#include "store/local_settings.hpp"
#include "store/outbox.hpp"
#include "store/record_rows.hpp"
#include "store/record_tables.hpp"
#include "store/record_writer.hpp"
#include "support/record_samples.hpp"
#include "sync_fixture.hpp"

using namespace mediane;
using namespace mediane::test;

namespace {
constexpr const char* kStructure = "Centre social Parilly";

// A second connection to the laptop's notebook: the test writes and reads rows the way the repositories do.
std::string notebookFile(Laptop& laptop) { return laptop.dir.str() + "/" + app::Notebook::kDatabaseFile; }
}  // namespace

TEST_CASE("every field of every record kind written on one laptop reaches another unchanged through the hub") {
    HubFixture hub;
    // A coordinator writes (a place from an adviser would only be a proposal); an adviser of the same
    // structure reads.
    hub.addUser("claire", "coordinator", kStructure, "metropole-lyon");
    hub.addUser("bruno", "adviser", kStructure, "metropole-lyon");
    Laptop a, b;
    a.enroll(hub, "claire");
    b.enroll(hub, "bruno");

    SampleContext context{{}, kStructure, "claire"};
    std::map<std::string, nlohmann::json> written;
    {
        store::Database db(notebookFile(a));
        core::HybridClock clock(store::LocalSettings(db).deviceId());
        store::Outbox outbox(db, clock);
        store::Transaction tx(db);
        for (const auto& kind : sync::recordKinds()) {  // dependency order: references point backwards
            std::string id = sampleId(kind, context);
            if (id.empty()) id = core::newUuidV7();
            auto wire = sampleWire(kind, context);
            store::RecordWriter(db, outbox).create(kind.entity, id, wire);
            context.ids[kind.entity] = id;
            written[kind.entity] = wire;
        }
        tx.commit();
    }
    a.sync();
    b.sync();

    store::Database dbA(notebookFile(a)), dbB(notebookFile(b));
    for (const auto& kind : sync::recordKinds()) {
        const auto& id = context.ids.at(kind.entity);
        auto onA = store::RecordRows(dbA, kind.entity).find(id);
        auto onB = store::RecordRows(dbB, kind.entity).find(id);
        INFO(kind.entity);
        REQUIRE(onA);
        REQUIRE(onB);
        for (const auto& f : kind.fields) {
            INFO(kind.entity + "." + f.wire);
            const auto& sent = written.at(kind.entity).at(f.wire);
            if (f.role == sync::FieldRole::Derived) {
                // Made from other records on each laptop: the same there as here, and not trivially empty.
                CHECK(onA->at(f.wire) == onB->at(f.wire));
                CHECK_FALSE(onA->at(f.wire).empty());
            } else if (f.role == sync::FieldRole::StampedAdviser) {
                CHECK(onB->at(f.wire) == "claire");
            } else {
                CHECK(onA->at(f.wire) == sent);
                CHECK(onB->at(f.wire) == sent);
            }
        }
    }
    CHECK(a.pending() == 0);
    CHECK(b.count("SELECT count(*) FROM sync_skipped") == 0);
}
