#include "app/conflict_export.hpp"

#include <nlohmann/json.hpp>

#include "app/conflict_inbox.hpp"

namespace mediane::app {

namespace {
using nlohmann::json;

json parsedOrNull(const std::string& text) {
    if (text.empty()) return nullptr;
    auto value = json::parse(text, nullptr, false);
    return value.is_discarded() ? json(text) : value;
}

json exported(const ConflictView& v) {
    const auto& c = v.conflict;
    json out = {{"id", c.id},
                {"kind", c.kind},
                {"record", {{"entity", c.entity}, {"id", c.recordId}, {"label", v.recordLabel}}},
                {"state", c.state},
                {"structure", c.structure},
                {"created_at", c.createdAt},
                {"raised_here", v.raisedHere},
                {"decidable_here", v.decidable}};
    json fields = json::array();
    for (const auto& f : v.fields)
        fields.push_back({{"field", f.field}, {"hub", parsedOrNull(f.hubJson)}, {"incoming", parsedOrNull(f.incomingJson)}});
    json redemptions = json::array();
    for (const auto& r : v.redemptions)
        redemptions.push_back({{"event_id", r.recordId}, {"session_id", r.sessionId}, {"date", r.date},
                               {"place", r.place}, {"structure", r.structure}, {"incoming", r.incoming}});
    out["sides"] = {{"fields", fields}, {"redemptions", redemptions}};
    if (c.state == "resolved")
        out["resolution"] = {{"by", c.resolvedBy}, {"at", c.resolvedAt}, {"note", c.resolutionNote}};
    if (!v.refusal.empty()) out["decision_refused"] = v.refusal;
    return out;
}
}  // namespace

json conflictsForExport(Notebook& notebook) {
    ConflictInbox inbox(notebook);
    inbox.reload();
    json out = json::array();
    for (const auto* list : {&inbox.open(), &inbox.closed()})
        for (const auto& v : *list) out.push_back(exported(v));
    return out;
}

}  // namespace mediane::app
