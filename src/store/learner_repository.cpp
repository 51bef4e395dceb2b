#include "store/learner_repository.hpp"

#include "store/database.hpp"
#include "store/outbox.hpp"

#include <cctype>

#include <nlohmann/json.hpp>

namespace mediane::store {

namespace {
#define MEDIANE_LEARNER_COLUMNS                                                                          \
    "SELECT l.id, l.pseudonym, l.first_name, l.last_name, l.phone, l.email, l.consent_date, l.age_bracket, " \
    "l.gender, l.social_status, l.commune, l.goals, l.created_at, l.updated_at, l.version, l.sync_state "
constexpr const char* kSelect = MEDIANE_LEARNER_COLUMNS "FROM learners l ";
// Why FTS first and ORDER BY f.rowid: FTS5 then walks its matches newest first and stops at the limit;
// ordering by the learners' rowid sorted every match of a one-letter prefix first (24 ms instead of
// 0.2 ms on 20,000 learners).
constexpr const char* kSearch = MEDIANE_LEARNER_COLUMNS
    "FROM learners_fts f JOIN learners l ON l.rowid = f.rowid WHERE learners_fts MATCH ? "
    "ORDER BY f.rowid DESC LIMIT ?";
#undef MEDIANE_LEARNER_COLUMNS

core::Learner read(const Statement& st) {
    core::Learner l;
    l.id = st.columnText(0);
    l.pseudonym = st.columnText(1);
    l.firstName = st.columnText(2);
    l.lastName = st.columnText(3);
    l.phone = st.columnText(4);
    l.email = st.columnText(5);
    l.consentDate = st.columnText(6);
    l.ageBracket = st.columnText(7);
    l.gender = st.columnText(8);
    l.socialStatus = st.columnText(9);
    l.commune = st.columnText(10);
    l.goals = st.columnText(11);
    l.createdAt = st.columnText(12);
    l.updatedAt = st.columnText(13);
    l.version = static_cast<int>(st.columnInt(14));
    l.syncState = core::syncStateFrom(st.columnText(15));
    return l;
}

// The synced fields of a learner, by wire name.
nlohmann::json fieldsOf(const core::Learner& l) {
    return {{"pseudonym", l.pseudonym}, {"first_name", l.firstName}, {"last_name", l.lastName},
            {"phone", l.phone},         {"email", l.email},          {"consent_date", l.consentDate},
            {"age_bracket", l.ageBracket}, {"gender", l.gender},     {"social_status", l.socialStatus},
            {"commune", l.commune},     {"goals", l.goals}};
}
}  // namespace

void LearnerRepository::insert(const core::Learner& l) {
    m_db.prepare("INSERT INTO learners (id, pseudonym, first_name, last_name, phone, email, consent_date, "
                 "age_bracket, gender, social_status, commune, goals, created_at, updated_at, version, sync_state) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')")
        .bind(1, l.id).bind(2, l.pseudonym).bind(3, l.firstName).bind(4, l.lastName).bind(5, l.phone)
        .bind(6, l.email).bind(7, l.consentDate).bind(8, l.ageBracket).bind(9, l.gender).bind(10, l.socialStatus)
        .bind(11, l.commune).bind(12, l.goals).bind(13, l.createdAt).bind(14, l.updatedAt).bind(15, l.version)
        .run();
    m_outbox.append("learner", l.id, "create", fieldsOf(l), 0);
}

void LearnerRepository::update(const core::Learner& before, const core::Learner& after) {
    nlohmann::json changed = nlohmann::json::object();
    auto old = fieldsOf(before), now = fieldsOf(after);
    for (auto it = now.begin(); it != now.end(); ++it)
        if (old[it.key()] != it.value()) changed[it.key()] = it.value();
    if (changed.empty()) return;
    m_db.prepare("UPDATE learners SET pseudonym=?, first_name=?, last_name=?, phone=?, email=?, consent_date=?, "
                 "age_bracket=?, gender=?, social_status=?, commune=?, goals=?, updated_at=?, sync_state='pending' "
                 "WHERE id=?")
        .bind(1, after.pseudonym).bind(2, after.firstName).bind(3, after.lastName).bind(4, after.phone)
        .bind(5, after.email).bind(6, after.consentDate).bind(7, after.ageBracket).bind(8, after.gender)
        .bind(9, after.socialStatus).bind(10, after.commune).bind(11, after.goals).bind(12, after.updatedAt)
        .bind(13, after.id)
        .run();
    m_outbox.append("learner", after.id, "update", changed, before.version);
}

std::optional<core::Learner> LearnerRepository::find(const std::string& id) {
    auto st = m_db.prepare(std::string(kSelect) + "WHERE l.id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read(st);
}

std::string ftsPrefixQuery(const std::string& typed) {
    std::string query, word;
    auto flush = [&] {
        if (word.empty()) return;
        if (!query.empty()) query += ' ';
        query += '"' + word + "\"*";
        word.clear();
    };
    for (char c : typed) {
        unsigned char u = static_cast<unsigned char>(c);
        // Letters (including UTF-8 bytes of accented ones) and digits make words; everything else separates.
        if (u >= 0x80 || std::isalnum(u)) word += c;
        else flush();
    }
    flush();
    return query;
}

std::vector<core::Learner> LearnerRepository::search(const std::string& typed, int limit) {
    std::vector<core::Learner> out;
    std::string query = ftsPrefixQuery(typed);
    auto st = query.empty()
                  ? m_db.prepare(std::string(kSelect) + "ORDER BY l.rowid DESC LIMIT ?")
                  : m_db.prepare(kSearch);
    if (query.empty()) st.bind(1, limit);
    else st.bind(1, query).bind(2, limit);
    while (st.step()) out.push_back(read(st));
    return out;
}

std::vector<core::Learner> LearnerRepository::all() {
    auto st = m_db.prepare(std::string(kSelect) + "ORDER BY l.rowid");
    std::vector<core::Learner> out;
    while (st.step()) out.push_back(read(st));
    return out;
}

std::int64_t LearnerRepository::count() { return m_db.scalarInt("SELECT count(*) FROM learners"); }

}  // namespace mediane::store
