#include "fleet_day.hpp"

#include <array>
#include <random>

#include "core/model.hpp"
#include "sync/protocol/record_wire.hpp"
#include "sync/protocol/wire_codec.hpp"

namespace mediane::bench {

namespace {
// Codes of assets/vocab/vocabularies.json (the national activity report's), the ones advisers use most.
constexpr std::array kThemes{"navigation_sur_internet", "email", "prendre_en_main_du_materiel", "bureautique",
                             "aide_aux_demarches_administratives", "securite_numerique", "sante",
                             "banque_et_achats_en_ligne", "reseaux_sociaux", "social_sante"};
constexpr std::array kEquipment{"ordinateur", "telephone", "tablette", "aucun"};
constexpr std::array kAutonomy{"entierement_accompagne", "partiellement_autonome", "autonome"};
constexpr std::array kAgeBrackets{"soixante_dix_plus", "soixante_soixante_neuf", "quarante_cinquante_neuf",
                                  "vingt_cinq_trente_neuf", "dix_huit_vingt_quatre", "non_communique"};
constexpr std::array kGenders{"masculin", "feminin", "non_communique"};
constexpr std::array kStatuses{"retraite", "sans_emploi", "en_emploi", "non_communique"};
constexpr std::array kCompetences{"1.1", "1.2", "2.1", "2.2", "3.1", "4.1", "4.2", "5.1"};
constexpr std::array kCommunes{std::array{"Villeurbanne", "69100", "69266"}, std::array{"Vénissieux", "69200", "69259"},
                               std::array{"Lyon 8e Arrondissement", "69008", "69388"}};

template <class Array>
const char* pick(std::mt19937& random, const Array& values) {
    return values[std::uniform_int_distribution<std::size_t>(0, values.size() - 1)(random)];
}

// Op ids are UUIDs on the wire (version 4 here: random, as good as the laptops' v7 for the hub's index).
std::string uuid(std::mt19937_64& random) {
    static const char* hex = "0123456789abcdef";
    std::string out(36, '-');
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) continue;
        out[i] = hex[random() & 15];
    }
    out[14] = '4';
    out[19] = hex[8 + (random() & 3)];
    return out;
}

class DayWriter {
public:
    explicit DayWriter(const DaySpec& spec)
        : m_spec(spec), m_random(static_cast<unsigned>(spec.laptop) * 7919u + 17u),
          m_ids(std::hash<std::string>{}(spec.run) ^ static_cast<std::uint64_t>(spec.laptop)),
          m_prefix(spec.run + "-" + std::to_string(spec.laptop) + "-") {}

    std::string id(const char* kind, int n) { return m_prefix + kind + std::to_string(n); }

    void add(const char* entity, const std::string& recordId, nlohmann::json fields, const char* op = "create",
             std::int64_t baseVersion = 0) {
        sync::WireOp wire;
        wire.opId = uuid(m_ids);
        wire.seq = static_cast<std::int64_t>(m_ops.size()) + 1;
        wire.entity = entity;
        wire.recordId = recordId;
        wire.op = op;
        wire.baseVersion = baseVersion;
        wire.fields = std::move(fields);
        wire.hlc = "000001764633600-" + std::to_string(10000 + m_ops.size()) + "-" + m_prefix.substr(0, 20);
        m_ops.push_back(std::move(wire));
    }

    std::string learner(int n) {
        core::Learner l;
        l.pseudonym = "Bénéficiaire " + std::to_string(n);
        l.ageBracket = pick(m_random, kAgeBrackets);
        l.gender = pick(m_random, kGenders);
        l.socialStatus = pick(m_random, kStatuses);
        const auto& commune = kCommunes[static_cast<std::size_t>(n) % kCommunes.size()];
        l.commune = commune[0];
        l.communePostalCode = commune[1];
        l.communeInsee = commune[2];
        l.goals = "Faire ses démarches en ligne seul·e";
        auto recordId = id("l", n);
        add("learner", recordId, sync::toWire(l));
        return recordId;
    }

    std::vector<sync::WireOp> write() {
        std::vector<std::string> learners;
        int chequeNumber = 0;
        const std::string booklet = m_prefix + "bk";
        const std::int64_t firstCheque = 100000 + static_cast<std::int64_t>(m_spec.laptop) * 100;
        for (int s = 0; s < m_spec.sessions; ++s) {
            core::Session session;
            session.date = m_spec.date;
            const bool workshop = s % 5 == 4;
            session.kind = workshop ? core::SessionKind::Workshop : core::SessionKind::Individual;
            session.durationMinutes = workshop ? 120 : 45;
            // Individual sessions: a new learner most of the time, someone seen earlier today otherwise.
            int named = workshop ? 3 : 1;
            for (int k = 0; k < named; ++k) {
                if (learners.empty() || std::uniform_int_distribution<int>(0, 9)(m_random) < 7)
                    learners.push_back(learner(static_cast<int>(learners.size())));
                session.learnerIds.push_back(learners[std::uniform_int_distribution<std::size_t>(0, learners.size() - 1)(m_random)]);
            }
            if (workshop) {
                session.anonymousCount = 4;
                session.anonymousByGender = {{"feminin", 3}, {"masculin", 1}};
                session.workshopTitle = "Découvrir les services publics en ligne";
                session.workshopLevel = "debutant";
            } else {
                session.autonomy = pick(m_random, kAutonomy);
            }
            session.themes = {pick(m_random, kThemes)};
            session.equipment = {pick(m_random, kEquipment)};
            session.competences = {pick(m_random, kCompetences)};
            session.communeName = kCommunes[0][0];
            session.communePostalCode = kCommunes[0][1];
            session.communeInsee = kCommunes[0][2];
            session.notes = "Séance " + std::to_string(s + 1) + " : accompagnement sur " + session.themes.front();
            auto sessionId = id("s", s);
            add("session", sessionId, sync::toWire(session));
            const auto& learnerId = session.learnerIds.front();
            // One session in three hands out a cheque, one in four redeems one (a qualified place's service).
            for (const char* kind : {"given", "redeemed"}) {
                bool happens = std::string(kind) == "given" ? s % 3 == 0 : s % 4 == 1;
                if (!happens) continue;
                core::ChequeEvent event;
                event.number = firstCheque + chequeNumber++;
                event.chequeId = booklet + "#" + std::to_string(event.number);
                event.kind = kind;
                event.learnerId = learnerId;
                event.sessionId = sessionId;
                event.onDate = m_spec.date;
                if (event.kind == "redeemed") event.service = "atelier-2h";
                add("cheque_event", id("e", chequeNumber), sync::toWire(event));
            }
            // An assessment in two sessions of five: the competence worked, a small step up.
            if (s % 5 == 0 || s % 5 == 2) {
                core::Assessment a;
                a.learnerId = learnerId;
                a.sessionId = sessionId;
                a.competenceCode = session.competences.front();
                a.score = std::uniform_int_distribution<int>(0, 7)(m_random);
                a.date = m_spec.date;
                add("assessment", id("a", s), sync::toWire(a));
            }
        }
        // Corrections typed at the end of the day: a commune completed, a goal reworded.
        for (std::size_t k = 0; k < std::min<std::size_t>(2, learners.size()); ++k)
            add("learner", learners[k], {{"goals", "Prendre rendez-vous chez le médecin en ligne"}}, "update", 1);
        return std::move(m_ops);
    }

private:
    const DaySpec& m_spec;
    std::mt19937 m_random;
    std::mt19937_64 m_ids;
    std::string m_prefix;
    std::vector<sync::WireOp> m_ops;
};
}  // namespace

std::vector<sync::WireOp> laptopDay(const DaySpec& spec) { return DayWriter(spec).write(); }

std::string pushBody(const std::string& deviceId, const std::vector<sync::WireOp>& batch) {
    sync::PushRequest request;
    request.deviceId = deviceId;
    request.batch = batch;
    return sync::encode(request).dump();
}

}  // namespace mediane::bench
