#include "store/outbox_delivery.hpp"

#include <nlohmann/json.hpp>

#include "store/database.hpp"
#include "store/record_tables.hpp"

namespace mediane::store {

namespace {
constexpr const char* kSendable =
    "FROM outbox o WHERE o.state = 'pending' AND NOT EXISTS "
    "(SELECT 1 FROM outbox e WHERE e.record_id = o.record_id AND e.state = 'error' AND e.seq < o.seq) ";
}  // namespace

std::vector<QueuedOperation> OutboxDelivery::sendable(int limit) {
    std::vector<QueuedOperation> out;
    forEachSendable(limit, [&](QueuedOperation& op) {
        out.push_back(std::move(op));
        return true;
    });
    return out;
}

void OutboxDelivery::forEachSendable(int limit, const std::function<bool(QueuedOperation&)>& take) {
    auto st = m_db.prepare(std::string("SELECT o.seq, o.op_id, o.entity, o.record_id, o.op, o.base_version, o.fields, "
                                       "o.hlc ") + kSendable + "ORDER BY o.seq LIMIT ?");
    st.bind(1, limit);
    while (st.step()) {
        QueuedOperation op{st.columnInt(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4),
                           st.columnInt(5), st.columnText(6), st.columnText(7)};
        if (!take(op)) return;
    }
}

std::int64_t OutboxDelivery::sendableCount() { return m_db.scalarInt(std::string("SELECT count(*) ") + kSendable); }

void OutboxDelivery::acknowledge(const std::string& opId) {
    m_db.prepare("UPDATE outbox SET state = 'acked', error = '' WHERE op_id = ?").bind(1, opId).run();
}

void OutboxDelivery::refuse(const std::string& opId, const std::string& message) {
    m_db.prepare("UPDATE outbox SET state = 'error', error = ? WHERE op_id = ?").bind(1, message).bind(2, opId).run();
}

void OutboxDelivery::carryVersion(std::string_view entity, const std::string& recordId, std::int64_t afterSeq,
                                  std::int64_t fromVersion, std::int64_t toVersion) {
    m_db.prepare("UPDATE outbox SET base_version = ? WHERE record_id = ? AND state != 'acked' AND seq > ? "
                 "AND base_version = ?")
        .bind(1, toVersion).bind(2, recordId).bind(3, afterSeq).bind(4, fromVersion).run();
    const auto* t = findRecordTable(entity);
    if (t && t->kind->lifecycle == sync::Lifecycle::Mergeable)
        m_db.prepare("UPDATE " + t->table + " SET version = ? WHERE id = ? AND version = ?")
            .bind(1, toVersion).bind(2, recordId).bind(3, fromVersion).run();
}

std::vector<nlohmann::json> unacknowledgedFields(Database& db, std::string_view entity, const std::string& recordId) {
    auto st = db.prepare("SELECT fields FROM outbox WHERE record_id = ? AND entity = ? AND state != 'acked' ORDER BY seq");
    st.bind(1, recordId).bind(2, entity);
    std::vector<nlohmann::json> out;
    while (st.step()) out.push_back(nlohmann::json::parse(st.columnText(0)));
    return out;
}

}  // namespace mediane::store
