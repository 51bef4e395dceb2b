// Applies a push batch op by op under the conflict rules of docs/sync-protocol.md, in one store transaction.
#pragma once

#include <memory>

#include "core/legacy_codes.hpp"
#include "sync/hub/hub_store.hpp"
#include "sync/hub/hub_vocabularies.hpp"
#include "sync/protocol/record_kinds.hpp"
#include "sync/protocol/wire_types.hpp"

namespace mediane::hub {

// Every learner and session op is first moved to the current codes (sync::upgradeWireFields, then the
// retirements of published vocabularies), whatever the protocol version of the push: the upgrade is
// idempotent, and a version 1 laptop's French labels read back as codes. Codes with no equivalent go to
// the record's legacy_codes and to the hub's report of unmapped codes.
class PushApplier {
public:
    // `vocabularies`: the hub's current ones (labels and retirements); null reads codes only.
    PushApplier(HubStore& store, const Principal& principal,
                std::shared_ptr<const CurrentVocabularies> vocabularies = nullptr);
    // Every op gets a result; a rejected op never blocks the others. Results follow the batch order,
    // in the protocol version of the request.
    sync::PushResponse apply(const sync::PushRequest& request);

private:
    sync::OpResult applyOne(const sync::WireOp& sent);
    // Upgrades the op's codes in place; returns the codes kept aside.
    std::vector<core::LegacyCode> upgradeCodes(sync::WireOp& op, const sync::RecordKind& kind);
    // An update's legacy_codes: the record's, less the entries of the fields this update sets, plus its own.
    void mergeLegacyCodes(sync::WireOp& op, const sync::RecordKind& kind, const StoredRecord& record);
    sync::OpResult create(const sync::WireOp& op, const sync::RecordKind& kind);
    sync::OpResult update(const sync::WireOp& op, const sync::RecordKind& kind, StoredRecord record);
    sync::OpResult remove(const sync::WireOp& op, const sync::RecordKind& kind, StoredRecord record);
    sync::OpResult propose(const sync::WireOp& op);
    // A laptop's access export, for the privacy audit: recorded with the sender's login and device.
    sync::OpResult notePrivacyEvent(const sync::WireOp& op);
    sync::OpResult conflict(const sync::WireOp& op, const std::string& kind, const std::string& structure,
                            nlohmann::json details, std::int64_t version, std::int64_t serverSeq);
    std::int64_t write(const sync::WireOp& op, const StoredRecord& record);

    HubStore& m_store;
    Principal m_principal;
    Scope m_scope;
    std::shared_ptr<const CurrentVocabularies> m_vocabularies;
    bool m_sentLegacy = false;  // the op being applied carried legacy_codes itself
    bool m_erased = false;           // a learner was erased in this batch: wipe the WAL after the commit
    bool m_identityCleared = false;  // the op being applied withdrew a learner's identity
    const nlohmann::json* m_sentFields = nullptr;  // the op being applied, as its laptop holds it
};

}  // namespace mediane::hub
