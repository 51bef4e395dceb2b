#include "sync/hub/directory_service.hpp"

#include "core/directory_export.hpp"
#include "sync/hub/directory_records.hpp"

namespace mediane::hub {

DirectoryDocument directoryDocument(HubStore& store, const core::DirectorySchema& schema, sync::DirectoryFormat format) {
    DirectoryDocument doc;
    std::vector<core::PlaceRecord> places;
    for (const auto& record : store.liveRecords("place")) {
        auto place = placeFromRecord(record);
        // Export strictly: a place an adviser created with a name only is not yet a place of the standard.
        if (schema.check(place).empty()) places.push_back(std::move(place));
        else doc.skipped.push_back(record.recordId);
    }
    if (format == sync::DirectoryFormat::Json) {
        doc.body = core::directoryJson(places, schema).dump(2);
        doc.contentType = "application/json";
    } else {
        doc.body = core::directoryCsv(places, schema);
        doc.contentType = "text/csv; charset=utf-8";
    }
    return doc;
}

std::vector<sync::WireProposal> placeProposals(HubStore& store, const Scope& scope, int limit) {
    std::vector<sync::WireProposal> out;
    // Conflicts of every kind share one id sequence: page through them until enough proposals are found.
    std::int64_t after = 0;
    while (static_cast<int>(out.size()) < limit) {
        auto page = store.conflicts(after, 500, scope);
        if (page.empty()) break;
        for (const auto& c : page) {
            after = c.id;
            if (c.kind != "place_proposal" || static_cast<int>(out.size()) >= limit) continue;
            out.push_back({c.id, c.recordId, c.opId, c.deviceId, c.structure, c.details.value("op", std::string()),
                           c.details.value("proposed", nlohmann::json::object()),
                           c.details.value("current", nlohmann::json()), c.createdAt});
        }
    }
    return out;
}

}  // namespace mediane::hub
