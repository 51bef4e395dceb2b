#include "sync/hub/directory_publish.hpp"

#include "core/directory_import_report.hpp"
#include "core/text_file.hpp"
#include "core/uuid.hpp"
#include "sync/hub/directory_records.hpp"

namespace mediane::hub {

namespace {

using nlohmann::json;

// Writes the place when it is new or differs from the hub's; returns which it was.
enum class Outcome { Created, Updated, Unchanged };

Outcome publishPlace(HubStore& store, const core::PlaceRecord& place) {
    auto existing = store.findRecord("place", place.id);
    bool live = existing && !existing->deleted;
    auto fields = placeFields(place);
    // Compared as stored, so a record still carrying a laptop's standard-named fields is rewritten once.
    if (live && existing->fields == fields) return Outcome::Unchanged;
    StoredRecord record;
    record.entity = "place";
    record.recordId = place.id;
    record.version = existing ? existing->version + 1 : 1;
    // Field versions say which version last wrote each field, as for a pushed update; the import is the
    // directory's truth, so fields outside the column set are dropped with their versions.
    record.fieldVersions = json::object();
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        bool same = live && existing->fields.contains(it.key()) && existing->fields[it.key()] == it.value() &&
                    existing->fieldVersions.contains(it.key());
        record.fieldVersions[it.key()] = same ? existing->fieldVersions[it.key()] : json(record.version);
    }
    record.fields = std::move(fields);
    store.writeRecord(record, live ? "update" : "create", core::newUuidV7(), "hub");
    return live ? Outcome::Updated : Outcome::Created;
}

}  // namespace

DirectoryPublication publishDirectory(HubStore& store, const core::DirectoryImportPlan& plan) {
    DirectoryPublication out;
    store.inTransaction([&] {
        out = {};
        for (const auto& [line, place] : plan.places) {
            switch (publishPlace(store, place)) {
                case Outcome::Created: ++out.created; break;
                case Outcome::Updated: ++out.updated; break;
                case Outcome::Unchanged: ++out.unchanged; break;
            }
        }
    });
    return out;
}

json directoryImportReport(const std::string& file, const core::DirectoryImportPlan& plan,
                           const DirectoryPublication& publication, const core::Translator& tr) {
    return core::directoryImportReport(file, plan, {publication.created, publication.updated, publication.unchanged}, tr);
}

}  // namespace mediane::hub
