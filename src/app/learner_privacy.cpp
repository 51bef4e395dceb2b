// Notebook: erasure, withdrawal of consent, the right of access and the retention period (docs/privacy.md).
#include "app/notebook.hpp"

#include <nlohmann/json.hpp>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/uuid.hpp"
#include "store/learner_dossier.hpp"
#include "store/learner_erasure.hpp"
#include "sync/protocol/learner_erasure.hpp"
#include "sync/protocol/record_kinds.hpp"

namespace mediane::app {

namespace {
// The day and period of the last start-up pass of the retention period ("2026-12-02 24").
constexpr const char* kRetentionCheckedSetting = "retention_checked";

core::Learner withoutIdentity(core::Learner l) {
    l.firstName.clear();
    l.lastName.clear();
    l.phone.clear();
    l.email.clear();
    l.consentDate.clear();
    return l;
}
}  // namespace

void Notebook::eraseLearner(const std::string& id) {
    auto before = m_learners.find(id);
    if (!before) throw Error(Error::Kind::NotFound, "err.learner_unknown", {{"id", id}});
    {
        store::Transaction tx(*m_db);
        store::LearnerErasure erasure(*m_db);
        // The outbox first: it reads the sessions that still name the learner.
        bool hubMayKnow = erasure.scrubOutbox(id);
        erasure.eraseRows(id);
        // The tombstone carries nothing but the id: the hub and every laptop apply the same rule.
        if (hubMayKnow) m_outbox.append("learner", id, "delete", nlohmann::json::object(), static_cast<int>(before->version));
        tx.commit();
    }
    store::LearnerErasure::wipeTraces(*m_db);
}

core::Learner Notebook::withdrawConsent(const std::string& id) {
    auto before = m_learners.find(id);
    if (!before) throw Error(Error::Kind::NotFound, "err.learner_unknown", {{"id", id}});
    core::Learner after = withoutIdentity(*before);
    after.updatedAt = core::nowUtc();
    {
        store::Transaction tx(*m_db);
        // Earlier payloads still hold the name: emptied first, then the withdrawal syncs as an update.
        store::LearnerErasure(*m_db).scrubIdentity(id);
        m_learners.update(*before, after);
        tx.commit();
    }
    store::LearnerErasure::wipeTraces(*m_db);
    return *m_learners.find(id);
}

std::string Notebook::learnerDossierJson(const std::string& id) {
    auto dossier = store::learnerDossier(*m_db, id);
    if (dossier.is_null()) throw Error(Error::Kind::NotFound, "err.learner_unknown", {{"id", id}});
    dossier["exported_at"] = core::nowUtc();
    dossier["device_id"] = m_settings.deviceId();
    {
        // The hub's privacy audit learns of the export at the next sync: ids only, never what was exported.
        store::Transaction tx(*m_db);
        m_outbox.append(std::string(sync::kPrivacyEventEntity), core::newUuidV7(), "create",
                        {{"action", "export"}, {"learner_id", id}, {"format", "json"}});
        tx.commit();
    }
    return dossier.dump(2);
}

int Notebook::expireIdentities(int retentionMonths, const std::string& today) {
    return store::LearnerErasure(*m_db).applyRetention(retentionMonths, today);
}

int Notebook::expireIdentitiesAtStart(int retentionMonths, const std::string& today) {
    const std::string checked = today + " " + std::to_string(retentionMonths);
    if (m_settings.get(kRetentionCheckedSetting) == checked) return 0;
    int expired = expireIdentities(retentionMonths, today);
    m_settings.set(kRetentionCheckedSetting, checked);  // only once it succeeded: a failed pass is tried again
    return expired;
}

int Notebook::retentionMonths() {
    auto text = m_settings.get(store::LearnerErasure::kRetentionSetting);
    try {
        int months = text.empty() ? 0 : std::stoi(text);
        return months > 0 ? months : sync::kDefaultRetentionMonths;
    } catch (const std::exception&) {
        return sync::kDefaultRetentionMonths;
    }
}

}  // namespace mediane::app
