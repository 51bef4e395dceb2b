#include "sync/hub/record_history.hpp"

#include "core/calendar.hpp"

namespace mediane::hub {

void noteRecordChange(HubStore& store, const Principal& principal, const sync::WireOp& op,
                      const sync::RecordKind& kind, const sync::OpResult& result) {
    if (kind.lifecycle != sync::Lifecycle::Mergeable) return;
    if (result.status != "applied" && result.status != "conflict") return;
    RecordChangeEntry entry;
    entry.entity = op.entity;
    entry.recordId = op.recordId;
    entry.op = op.op;
    // A create's fields are the whole record: its history says "created", not every field.
    if (op.op == "update" && op.fields.is_object())
        for (auto it = op.fields.begin(); it != op.fields.end(); ++it)
            if (const auto* field = kind.field(it.key()); field && sync::isCorrectable(*field))
                entry.fields.push_back(it.key());
    entry.login = principal.login;
    entry.deviceId = principal.deviceId;
    entry.at = core::nowUtc();
    entry.serverSeq = result.serverSeq;
    store.addRecordChange(entry);
}

std::string recordHistoryLines(HubStore& store, const std::string& sinceIso) {
    std::string out;
    for (const auto& c : store.recordChangesSince(sinceIso, 1000000)) {
        // The audit log's keys too (audit_log.hpp), so both read the same way side by side.
        nlohmann::json line = {{"time", c.at},          {"address", "push"},      {"login", c.login},
                               {"device", c.deviceId},  {"action", c.entity + " " + c.op}, {"result", "ok"},
                               {"entity", c.entity},    {"record_id", c.recordId}, {"fields", c.fields},
                               {"server_seq", c.serverSeq}};
        out += line.dump() + "\n";
    }
    return out;
}

}  // namespace mediane::hub

namespace mediane::hub {

std::optional<sync::ChangeAuthor> authorOfChange(const std::string& historyRow) {
    auto author = nlohmann::json::parse(historyRow, nullptr, false);
    if (!author.is_array() || author.size() != 5) return std::nullopt;
    sync::ChangeAuthor a;
    a.login = author[0].get<std::string>();
    a.at = author[1].get<std::string>();
    a.op = author[2].get<std::string>();
    auto names = nlohmann::json::parse(author[3].get<std::string>(), nullptr, false);
    if (names.is_array())
        for (const auto& n : names)
            if (n.is_string()) a.fields.push_back(n.get<std::string>());
    a.deviceId = author[4].get<std::string>();
    return a;
}

}  // namespace mediane::hub
