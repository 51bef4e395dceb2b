#include "sync/hub/directory_publish.hpp"

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
    json j;
    j["file"] = file;
    j["encoding"] = plan.encoding;
    j["delimiter"] = std::string(1, plan.delimiter);
    j["bom"] = plan.hadBom;
    j["crlf"] = plan.crlf;
    j["rows"] = plan.rows;
    j["created"] = publication.created;
    j["updated"] = publication.updated;
    j["unchanged"] = publication.unchanged;
    j["rejected"] = plan.rejectedRows;
    auto notes = json::array();
    for (const auto& n : plan.notes) {
        json e{{"line", n.line}, {"field", n.field}, {"action", n.action}, {"reason", n.key}};
        // Invalid UTF-8 (a Windows-1252 cell that could not be read) would make the JSON unprintable.
        if (n.action == "rejected") {
            e["value"] = core::isValidUtf8(n.oldValue) ? n.oldValue : std::string();
        } else {
            e["old"] = core::isValidUtf8(n.oldValue) ? n.oldValue : std::string();
            e["new"] = core::isValidUtf8(n.newValue) ? n.newValue : std::string();
        }
        auto params = n.params;
        if (auto reason = params.find("reason_key"); reason != params.end()) params["reason"] = tr.format(reason->second, params);
        for (auto& [k, v] : params)
            if (!core::isValidUtf8(v)) v.clear();
        e["message"] = tr.format(n.key, params);
        notes.push_back(std::move(e));
    }
    j["notes"] = std::move(notes);
    return j;
}

}  // namespace mediane::hub
