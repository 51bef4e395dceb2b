#include "store/learner_dossier.hpp"

#include "store/database.hpp"
#include "store/record_rows.hpp"

namespace mediane::store {

namespace {
using nlohmann::json;

json recordsWhere(Database& db, const char* entity, const std::string& idsQuery, const std::string& learnerId) {
    std::vector<std::string> ids;
    {
        auto st = db.prepare(idsQuery);
        st.bind(1, learnerId);
        while (st.step()) ids.push_back(st.columnText(0));
    }
    RecordRows rows(db, entity);
    json out = json::array();
    for (const auto& id : ids) {
        if (auto wire = rows.find(id)) {
            (*wire)["id"] = id;
            out.push_back(*wire);
        }
    }
    return out;
}
}  // namespace

json learnerDossier(Database& db, const std::string& learnerId) {
    auto learner = RecordRows(db, "learner").find(learnerId);
    if (!learner) return json();
    (*learner)["id"] = learnerId;
    {
        auto st = db.prepare("SELECT version, created_at, updated_at, sync_state FROM learners WHERE id = ?");
        st.bind(1, learnerId);
        if (st.step()) {
            (*learner)["version"] = st.columnInt(0);
            (*learner)["created_at"] = st.columnText(1);
            (*learner)["updated_at"] = st.columnText(2);
            (*learner)["sync_state"] = st.columnText(3);
        }
    }
    json dossier = json::object();
    dossier["learner"] = *learner;
    dossier["sessions"] = recordsWhere(db, "session",
                                       "SELECT sl.session_id FROM session_learners sl JOIN sessions s ON s.id = sl.session_id "
                                       "WHERE sl.learner_id = ? ORDER BY s.date, s.id",
                                       learnerId);
    dossier["assessments"] = recordsWhere(db, "assessment",
                                          "SELECT id FROM assessments WHERE learner_id = ? ORDER BY date, id", learnerId);
    json cheques = json::array();
    auto st = db.prepare("SELECT number, state, given_on, redeemed_on, paid_on, coalesce(session_id, '') "
                         "FROM pass_cheques WHERE learner_id = ? ORDER BY number");
    st.bind(1, learnerId);
    while (st.step())
        cheques.push_back({{"number", st.columnInt(0)}, {"state", st.columnText(1)}, {"given_on", st.columnText(2)},
                           {"redeemed_on", st.columnText(3)}, {"paid_on", st.columnText(4)},
                           {"session_id", st.columnText(5)}});
    dossier["cheques"] = cheques;
    return dossier;
}

}  // namespace mediane::store
