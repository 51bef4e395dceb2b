#include "store/sync_account_store.hpp"

#include "store/database.hpp"
#include "store/sync_cursor.hpp"

namespace mediane::store {

SyncAccountStore::SyncAccountStore(Database& db) : m_db(db), m_secret(openDeviceSecret(dataDirOf(db))) {}
SyncAccountStore::SyncAccountStore(Database& db, std::unique_ptr<DeviceSecret> secret)
    : m_db(db), m_secret(std::move(secret)) {}
SyncAccountStore::~SyncAccountStore() = default;

std::optional<SyncAccount> SyncAccountStore::load() {
    auto st = m_db.prepare("SELECT hub_url, login, role, structure, territory, enrolled_at FROM sync_account WHERE id = 1");
    if (!st.step()) return std::nullopt;
    return SyncAccount{st.columnText(0), m_secret->load().value_or(""), st.columnText(1), st.columnText(2),
                       st.columnText(3), st.columnText(4), st.columnText(5)};
}

void SyncAccountStore::save(const SyncAccount& a) {
    Transaction tx(m_db);
    auto previous = load();
    // Another hub has another change feed: its cursor and conflict ids mean nothing here.
    if (previous && previous->hubUrl != a.hubUrl) {
        SyncCursor(m_db).restart();
    }
    m_db.prepare("INSERT OR REPLACE INTO sync_account (id, hub_url, login, role, structure, territory, enrolled_at) "
                 "VALUES (1, ?, ?, ?, ?, ?, ?)")
        .bind(1, a.hubUrl).bind(2, a.login).bind(3, a.role).bind(4, a.structure).bind(5, a.territory)
        .bind(6, a.enrolledAt)
        .run();
    // Before the commit: a token that cannot be kept rolls the account back, so the laptop never
    // looks enrolled without a way to authenticate.
    if (a.deviceToken.empty()) m_secret->erase();
    else m_secret->save(a.deviceToken);
    tx.commit();
}

void SyncAccountStore::forget() {
    Transaction tx(m_db);
    m_db.exec("DELETE FROM sync_account");
    SyncCursor(m_db).restart();
    m_secret->erase();
    tx.commit();
}

void SyncAccountStore::setHubUrl(const std::string& url) {
    m_db.prepare("UPDATE sync_account SET hub_url = ? WHERE id = 1").bind(1, url).run();
}

}  // namespace mediane::store
