// The conflict inbox: every conflict the hub recorded, both versions side by side, and the decisions that sync back.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "app/notebook.hpp"

namespace mediane::store {
struct RemoteConflict;
}

namespace mediane::app {

// What a screen shows of a conflict (its details stay in the app, as the hub sent them).
struct ConflictSummary {
    std::int64_t id = 0;
    std::string kind, entity, recordId, deviceId, structure, createdAt;
    std::string state;  // open | sent | resolved
    std::string resolvedBy, resolvedAt, resolutionNote;
};

// One conflict as a person reviews it.
struct ConflictView {
    ConflictSummary conflict;
    std::string recordLabel;  // the learner's pseudonym, the cheque number, the place's name; else the record id
    struct FieldRow {
        std::string field;
        // As a person reads them: text without quotes, a number as written, "" for nothing. The values
        // themselves (a field may be text, a number or null) are what a decision sends back.
        std::string hub;       // the value the hub kept (from the other computer)
        std::string incoming;  // the value the conflicting computer sent
        std::string hubJson, incomingJson;
    };
    std::vector<FieldRow> fields;  // learner conflicts: the clashing fields (hard) or the fields applied (soft)
    struct Redemption {
        std::string recordId;  // the cheque event: what a decision names as "keep"
        std::string sessionId, date, place, structure;
        bool incoming = false;  // the redemption that raised the conflict
    };
    std::vector<Redemption> redemptions;  // over-redemption: every session that redeemed the cheque
    bool raisedHere = false;  // the conflicting operation came from this computer
    std::string refusal;      // the hub refused a decision made here (e.g. "forbidden: …"); empty otherwise
    bool decidable = true;    // false: shown for information, a coordinator decides (app/conflict_scope)
};

// Usage: ConflictInbox inbox(notebook); inbox.refresh(state.sync().generation());
//        state.run([&] { inbox.resolveFields(id, {{"phone", "06…"}}, ""); }, "conflicts.msg_resolved");
// Reads the local copy only (sync_conflicts): works offline; decisions go through the outbox.
class ConflictInbox {
public:
    explicit ConflictInbox(Notebook& notebook) : m_notebook(notebook) {}

    // Reads again when the generation differs from the last read (a sync completed) or after a decision.
    void refresh(std::int64_t generation);
    void reload();
    const std::vector<ConflictView>& open() const { return m_open; }      // open, or decided here and not yet confirmed
    const std::vector<ConflictView>& closed() const { return m_closed; }  // resolved by the hub
    const ConflictView* find(std::int64_t id) const;

    // A learner conflict: the value kept per field (every clashing field of a hard conflict), as a new version.
    void resolveFields(std::int64_t id, const nlohmann::json& chosen, const std::string& note);
    // The same, choosing per field the incoming value (true) or the hub's (false) as the view shows them.
    void resolveFieldsKeeping(std::int64_t id, const std::map<std::string, bool>& keepIncoming, const std::string& note);
    // An over-redemption: the redemption (cheque event id) that keeps the cheque, and why.
    void resolveRedemption(std::int64_t id, const std::string& keepRecordId, const std::string& note);
    // Any other conflict (a soft one, an update after a deletion, a place proposal): a decision note.
    void resolveWithNote(std::int64_t id, const std::string& note);

private:
    void decide(const store::RemoteConflict& conflict, const nlohmann::json& resolution);
    ConflictView view(const store::RemoteConflict& conflict);

    Notebook& m_notebook;
    std::vector<ConflictView> m_open, m_closed;
    std::int64_t m_generation = -1;
};

}  // namespace mediane::app
