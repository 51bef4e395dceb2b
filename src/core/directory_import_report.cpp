#include "core/directory_import_report.hpp"

#include <nlohmann/json.hpp>

#include "core/text_file.hpp"

namespace mediane::core {

namespace {
// Invalid UTF-8 (a Windows-1252 cell that could not be read) would make the JSON unprintable.
std::string printable(const std::string& text) { return isValidUtf8(text) ? text : std::string(); }
}  // namespace

nlohmann::json directoryImportReport(const std::string& file, const DirectoryImportPlan& plan,
                                     const DirectoryImportCounts& counts, const Translator& tr) {
    nlohmann::json j;
    j["file"] = file;
    j["encoding"] = plan.encoding;
    j["delimiter"] = std::string(1, plan.delimiter);
    j["bom"] = plan.hadBom;
    j["crlf"] = plan.crlf;
    j["rows"] = plan.rows;
    j["created"] = counts.created;
    j["updated"] = counts.updated;
    j["unchanged"] = counts.unchanged;
    j["rejected"] = plan.rejectedRows;
    auto notes = nlohmann::json::array();
    for (const auto& n : plan.notes) {
        nlohmann::json e{{"line", n.line}, {"field", n.field}, {"action", n.action}, {"reason", n.key}};
        if (n.action == "rejected") {
            e["value"] = printable(n.oldValue);
        } else {
            e["old"] = printable(n.oldValue);
            e["new"] = printable(n.newValue);
        }
        auto params = n.params;
        if (auto reason = params.find("reason_key"); reason != params.end()) params["reason"] = tr.format(reason->second, params);
        for (auto& [k, v] : params) v = printable(v);
        e["message"] = tr.format(n.key, params);
        notes.push_back(std::move(e));
    }
    j["notes"] = std::move(notes);
    return j;
}

}  // namespace mediane::core
