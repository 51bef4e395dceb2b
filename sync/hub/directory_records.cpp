#include "sync/hub/directory_records.hpp"

#include <string>

namespace mediane::hub {

namespace {

using nlohmann::json;

// The three columns that predate the directory on the laptop; every other field is its own column.
std::string columnOf(const std::string& field) {
    if (field == "nom") return "name";
    if (field == "code_postal") return "postal_code";
    if (field == "adresse") return "address";
    return field;
}

std::int64_t versionOf(const json& fieldVersions, const std::string& key) {
    auto it = fieldVersions.find(key);
    return it != fieldVersions.end() && it->is_number_integer() ? it->get<std::int64_t>() : -1;
}

// The value of a field, from its column name or its standard name, whichever was written last.
const json* valueOf(const StoredRecord& record, const std::string& field) {
    auto column = columnOf(field);
    auto byColumn = record.fields.find(column);
    auto byName = column == field ? record.fields.end() : record.fields.find(field);
    if (byName == record.fields.end()) return byColumn == record.fields.end() ? nullptr : &*byColumn;
    if (byColumn == record.fields.end()) return &*byName;
    return versionOf(record.fieldVersions, field) > versionOf(record.fieldVersions, column) ? &*byName : &*byColumn;
}

}  // namespace

json placeFields(const core::PlaceRecord& place) {
    json fields = json::object();
    for (const auto& f : core::PlaceRecord::fieldNames()) {
        if (f == "id") continue;
        if (f == "latitude" || f == "longitude") {
            const auto& v = f == "latitude" ? place.latitude : place.longitude;
            fields[f] = v ? json(*v) : json(nullptr);
        } else {
            fields[columnOf(f)] = place.get(f);
        }
    }
    fields["kind"] = place.typologie.empty() ? std::string() : place.typologie.front();
    fields["in_directory"] = 1;
    return fields;
}

core::PlaceRecord placeFromRecord(const StoredRecord& record) {
    core::PlaceRecord place;
    place.id = record.recordId;
    for (const auto& f : core::PlaceRecord::fieldNames()) {
        if (f == "id") continue;
        const json* v = valueOf(record, f);
        if (!v || v->is_null()) continue;
        if (f == "latitude" || f == "longitude") {
            auto& slot = f == "latitude" ? place.latitude : place.longitude;
            if (v->is_number()) slot = v->get<double>();
            else if (v->is_string() && !v->get<std::string>().empty()) place.set(f, v->get<std::string>());
        } else if (v->is_string()) {
            place.set(f, v->get<std::string>());
        }
    }
    return place;
}

}  // namespace mediane::hub
