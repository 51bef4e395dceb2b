#include "store/record_tables.hpp"

#include <map>

#include "core/error.hpp"

namespace mediane::store {

namespace {
RecordTable describe(std::string_view entity, std::string table, std::string stateTable = {},
                     std::string stateIdField = {}) {
    RecordTable t;
    t.kind = sync::findRecordKind(entity);
    if (!t.kind) throw Error(Error::Kind::Storage, "err.unknown_entity", {{"entity", std::string(entity)}});
    t.stateTable = stateTable.empty() ? table : std::move(stateTable);
    t.table = std::move(table);
    t.stateIdField = std::move(stateIdField);
    return t;
}

ListStorage tags(const char* wire, const char* facet) {
    return {wire, "session_tags", "session_id", "code", "facet", facet};
}
}  // namespace

const ListStorage* RecordTable::list(std::string_view wire) const {
    for (const auto& l : lists)
        if (l.wire == wire) return &l;
    return nullptr;
}

const DerivedStorage* RecordTable::derivedField(std::string_view wire) const {
    for (const auto& d : derived)
        if (d.wire == wire) return &d;
    return nullptr;
}

const std::vector<RecordTable>& recordTables() {
    static const std::vector<RecordTable> tables = [] {
        std::vector<RecordTable> all;
        all.push_back(describe("place", "places"));
        auto learner = describe("learner", "learners");
        learner.stamps = {"created_at", "updated_at"};
        all.push_back(std::move(learner));
        auto session = describe("session", "sessions");
        session.lists = {{"learner_ids", "session_learners", "session_id", "learner_id", "", ""},
                         tags("themes", "theme"), tags("equipment", "equipment"), tags("competences", "competence"),
                         tags("anonymous_by_gender", "anonymous_gender"), tags("anonymous_by_age", "anonymous_age"),
                         tags("anonymous_by_status", "anonymous_status")};
        // The redemptions themselves are cheque events; the session shows the numbers they redeemed.
        session.derived = {{"cheques_redeemed", "SELECT number FROM pass_cheques WHERE session_id = ?1 ORDER BY number"}};
        session.stamps = {"created_at", "updated_at"};
        all.push_back(std::move(session));
        all.push_back(describe("pass_booklet", "pass_booklets"));
        auto events = describe("cheque_event", "cheque_events", "pass_cheques", "cheque_id");
        events.stamps = {"created_at"};
        all.push_back(std::move(events));
        all.push_back(describe("assessment", "assessments"));
        all.push_back(describe("pass_profile", "pass_profiles"));
        all.push_back(describe("pass_service", "pass_services"));
        return all;
    }();
    return tables;
}

const RecordTable* findRecordTable(std::string_view entity) {
    for (const auto& t : recordTables())
        if (t.kind->entity == entity) return &t;
    return nullptr;
}

const RecordTable& recordTable(std::string_view entity) {
    if (const auto* t = findRecordTable(entity)) return *t;
    throw Error(Error::Kind::Storage, "err.unknown_entity", {{"entity", std::string(entity)}});
}

const std::string& referencedTable(std::string_view refersTo) {
    static const std::string cheques = "pass_cheques";
    if (refersTo == "pass_cheque") return cheques;
    return recordTable(refersTo).table;
}

}  // namespace mediane::store
