// Applies a push batch op by op under the conflict rules of docs/sync-protocol.md, in one store transaction.
#pragma once

#include "sync/hub/hub_store.hpp"
#include "sync/protocol/record_kinds.hpp"
#include "sync/protocol/wire_types.hpp"

namespace mediane::hub {

class PushApplier {
public:
    PushApplier(HubStore& store, const Principal& principal);
    // Every op gets a result; a rejected op never blocks the others. Results follow the batch order.
    sync::PushResponse apply(const sync::PushRequest& request);

private:
    sync::OpResult applyOne(const sync::WireOp& op);
    sync::OpResult create(const sync::WireOp& op, const sync::RecordKind& kind);
    sync::OpResult update(const sync::WireOp& op, const sync::RecordKind& kind, StoredRecord record);
    sync::OpResult remove(const sync::WireOp& op, const sync::RecordKind& kind, StoredRecord record);
    sync::OpResult propose(const sync::WireOp& op);
    sync::OpResult conflict(const sync::WireOp& op, const std::string& kind, const std::string& structure,
                            nlohmann::json details, std::int64_t version, std::int64_t serverSeq);
    std::int64_t write(const sync::WireOp& op, const StoredRecord& record);

    HubStore& m_store;
    Principal m_principal;
    Scope m_scope;
};

}  // namespace mediane::hub
