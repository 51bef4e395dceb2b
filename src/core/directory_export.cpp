#include "core/directory_export.hpp"

#include <nlohmann/json.hpp>

#include "core/csv.hpp"

namespace mediane::core {

std::string directoryCsv(const std::vector<PlaceRecord>& places, const DirectorySchema& schema) {
    std::vector<std::string> cells;
    for (const auto& f : schema.fields()) cells.push_back(f.name);
    std::string out = csvRow(cells);
    for (const auto& p : places) {
        cells.clear();
        for (const auto& f : schema.fields()) cells.push_back(p.get(f.name));
        out += csvRow(cells);
    }
    return out;
}

nlohmann::ordered_json directoryJson(const std::vector<PlaceRecord>& places, const DirectorySchema& schema) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& p : places) {
        auto obj = nlohmann::ordered_json::object();
        for (const auto& f : schema.fields()) {
            if (f.name == "latitude" && p.latitude) obj[f.name] = *p.latitude;
            else if (f.name == "longitude" && p.longitude) obj[f.name] = *p.longitude;
            else if (auto v = p.get(f.name); !v.empty() && f.type != "number") obj[f.name] = v;
        }
        out.push_back(std::move(obj));
    }
    return out;
}

}  // namespace mediane::core
