// The demo notebook: a day-by-day simulation of five years of a structure's activity.
//
// Sections: 1. deterministic randomness and dates  2. the territory (places, names, communes)
//           3. batched writes  4. the simulation (learners, sessions, cheques, assessments)
#include "app/demo_generator.hpp"
#include "app/directory_demo.hpp"

#include "app/notebook.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/pass_rules.hpp"
#include "core/uuid.hpp"
#include "core/validation.hpp"
#include "sync/protocol/pass_settings.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <random>

namespace mediane::app {

namespace {

// ---- 1. Deterministic randomness and dates ----------------------------------------------------

// Why not std::uniform_int_distribution: its algorithm is implementation-defined, and a seed must
// give the same demo with any standard library.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_rng(seed) {}
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : m_rng() % n; }
    int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1))); }
    bool chance(double p) { return static_cast<double>(m_rng() >> 11) * 0x1.0p-53 < p; }
    template <class T>
    const T& pick(const std::vector<T>& items) { return items[below(items.size())]; }

private:
    std::mt19937_64 m_rng;
};

struct Weighted {
    const char* code;
    int weight;
};

const char* pickWeighted(Random& random, const std::vector<Weighted>& items) {
    int total = 0;
    for (const auto& i : items) total += i.weight;
    int r = static_cast<int>(random.below(static_cast<std::uint64_t>(total)));
    for (const auto& i : items) {
        if (r < i.weight) return i.code;
        r -= i.weight;
    }
    return items.back().code;
}

using Day = std::chrono::sys_days;

Day parseDay(const std::string& iso) {
    int y = 0;
    unsigned m = 0, d = 0;
    std::sscanf(iso.c_str(), "%d-%u-%u", &y, &m, &d);
    return Day{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

std::string isoOf(Day day) {
    std::chrono::year_month_day ymd{day};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buffer;
}

int yearOf(Day day) { return static_cast<int>(std::chrono::year_month_day{day}.year()); }

std::uint64_t millisOf(Day day, int minuteOfDay) {
    auto seconds = static_cast<std::int64_t>(day.time_since_epoch().count()) * 86400 + minuteOfDay * 60;
    return static_cast<std::uint64_t>(seconds) * 1000;
}

std::string stampOf(Day day, int minuteOfDay) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:00Z", isoOf(day).c_str(), minuteOfDay / 60, minuteOfDay % 60);
    return buffer;
}

// ---- 2. The territory: Lyon Métropole ------------------------------------------------------------

struct DemoPlace {
    const char* name;
    const char* kind;
    const char* address;
    const char* postalCode;
    const char* commune;
    int weight;  // how busy it is
};

const std::vector<DemoPlace> kPlaces = {
    {"Médiathèque Lucie-Aubrac", "BIB", "2 avenue Marcel-Houël", "69200", "Vénissieux", 14},
    {"Centre social des Minguettes", "CS", "14 rue Gaston-Monmousseau", "69200", "Vénissieux", 12},
    {"France Services de Vaulx-en-Velin", "FS", "3 place de la Nation", "69120", "Vaulx-en-Velin", 13},
    {"Centre social Georges-Lévy", "CS", "8 rue Joseph-Blein", "69120", "Vaulx-en-Velin", 8},
    {"Médiathèque du Tonkin", "BIB", "2 promenade Lénine", "69100", "Villeurbanne", 10},
    {"Maison de la Métropole de Bron", "MUNI", "25 avenue Franklin-Roosevelt", "69500", "Bron", 7},
    {"CCAS de Saint-Fons", "CCAS", "1 place Roger-Salengro", "69190", "Saint-Fons", 6},
    {"Bus numérique itinérant", "ITINERANT", "Parking du marché", "69140", "Rillieux-la-Pape", 6},
    {"Tiers-lieu La Fabrique", "TIERS_LIEUX", "17 rue de la République", "69150", "Décines-Charpieu", 4},
    {"Association Parlons Numérique", "ASSO", "56 avenue des États-Unis", "69008", "Lyon 8e", 6},
    {"France Services de Givors", "FS", "9 rue Joseph-Faure", "69700", "Givors", 5},
    {"Agence France Travail de Saint-Priest", "PE", "4 boulevard Édouard-Herriot", "69800", "Saint-Priest", 3},
    {"MJC de Rillieux", "MJC", "11 chemin de la Roue", "69140", "Rillieux-la-Pape", 3},
    {"Mairie annexe de Pierre-Bénite", "MUNI", "7 rue Ampère", "69310", "Pierre-Bénite", 2},
};

const std::vector<Weighted> kCommunes = {
    {"Vénissieux", 22}, {"Vaulx-en-Velin", 20}, {"Villeurbanne", 14}, {"Bron", 9},
    {"Saint-Fons", 8},  {"Rillieux-la-Pape", 8}, {"Lyon 8e", 7},      {"Décines-Charpieu", 4},
    {"Givors", 5},      {"Saint-Priest", 4},     {"Pierre-Bénite", 2}, {"Meyzieu", 2},
};

const std::vector<std::string> kFirstNames = {
    "Hélène", "Zoé", "Jérôme", "Françoise", "Noël", "Agnès", "Benoît", "Cécile", "Chloé", "Clément",
    "Élodie", "Émile", "Éric", "Gaëlle", "Gérard", "Inès", "Joël", "Léa", "Léon", "Loïc",
    "Maël", "Mélanie", "Michèle", "Anaïs", "Raphaël", "Séverine", "Stéphane", "Thérèse", "Valérie", "Yannick",
    "Fatou", "Mohamed", "Aïcha", "Karim", "Nadia", "Sofiane", "Amélie", "René", "André", "Josiane",
    "Réjane", "Marie", "Jean", "Paulette", "Christophe", "Sylvie", "Nathalie", "Odile", "Mathéo", "Maëlys",
};

const std::vector<std::string> kLastNames = {
    "Lefèvre", "Bénard",  "Gérard",   "Mercier", "Dupré",    "Lemaître", "Fabre",   "Rivière", "Boucher",  "Girard",
    "Roussel", "Chevalier", "Legrand", "Moreau", "Garnier",  "Lambert",  "Faure",   "Rousseau", "Blanc",   "Guérin",
    "Muller",  "Perrin",  "Morel",    "Mathieu", "Gauthier", "Dumont",   "Lopez",   "Fontaine", "Bérenger", "Benali",
    "Diallo",  "Nguyen",  "Haddad",   "Ferreira", "Da Silva", "Traoré",  "Aït-Ali", "Théry",   "Lécuyer",  "Delaunay",
};

// Pseudonyms advisers give when a person does not want their name kept: a word and a number.
const std::vector<std::string> kPseudonymWords = {
    "Mésange", "Érable",   "Châtaigne", "Hérisson", "Églantine", "Pivoine", "Tilleul",  "Bouleau", "Colibri",
    "Écureuil", "Libellule", "Mimosa",  "Noisette", "Olivier",   "Peuplier", "Rossignol", "Saule",  "Tournesol",
    "Azalée",  "Bleuet",   "Cèdre",     "Cigale",   "Dahlia",    "Genêt",   "Hêtre",    "Lavande", "Myrtille",
    "Orchidée", "Pâquerette", "Renoncule", "Sésame", "Verveine",
};

const std::vector<std::string> kGoals = {
    "Être autonome pour ses démarches CAF et Ameli", "Garder le contact avec ses petits-enfants en visio",
    "Trouver un emploi et postuler en ligne", "Utiliser son smartphone sans appréhension",
    "Suivre la scolarité de ses enfants sur l'ENT", "Faire ses comptes en ligne en sécurité",
    "Prendre ses rendez-vous médicaux seul·e",
};

const std::vector<std::string> kNotes = {
    "Création d'une adresse courriel et premiers envois.",
    "Prise de rendez-vous médical en ligne, avec l'application de la personne.",
    "Déclaration de revenus en ligne avec FranceConnect.",
    "Mise à jour de l'attestation CAF ; le mot de passe était perdu, réinitialisé ensemble.",
    "Installation d'une messagerie pour appeler la famille au Maroc.",
    "Vérification d'un SMS suspect : c'était de l'hameçonnage, rien n'a été saisi.",
    "Candidature sur le site de France Travail, CV mis à jour.",
    "Accès à l'ENT du collège de sa fille, identifiants retrouvés.",
    "Paramétrage du smartphone neuf : contacts, photos, sauvegarde.",
    "Demande de carte grise sur le site de l'ANTS, « pièce justificative » scannée.",
    "Orientée vers la permanence de l'écrivain public pour un courrier.",
    "Atelier « Mes premiers pas sur la tablette », très bonne participation.",
};

// The themes of digital mediation (the national form's first group), « aide aux démarches administratives »
// the most frequent, as in the Coop's statistics.
const std::vector<Weighted> kThemes = {
    {"aide_aux_demarches_administratives", 22}, {"prendre_en_main_du_materiel", 18}, {"email", 12},
    {"navigation_sur_internet", 8}, {"insertion_professionnelle", 7}, {"sante", 6}, {"securite_numerique", 5},
    {"banque_et_achats_en_ligne", 5}, {"bureautique", 4}, {"reseaux_sociaux", 3}, {"parentalite", 2},
    {"gere_ses_contenus_numeriques", 1}, {"culture_numerique", 1}, {"diagnostic_numerique", 2},
    {"scolarite_et_numerique", 1}, {"intelligence_artificielle", 1}, {"maintenance_de_materiel", 1},
    {"entrepreneuriat", 1}, {"creer_avec_le_numerique", 1},
};

// The administrative procedures (the form's second group, only with « aide aux démarches administratives »),
// each with procedures an adviser would name in « Nom de la démarche ».
const std::vector<std::pair<const char*, std::vector<std::string>>> kProcedures = {
    {"social_sante", {"Demande de RSA", "Complémentaire santé solidaire", "Attestation de droits Ameli"}},
    {"argent_impots", {"Déclaration de revenus", "Paiement d'une amende", "Prélèvement à la source"}},
    {"famille_scolarite", {"Demande d'allocations familiales", "Inscription à la cantine"}},
    {"travail_formation", {"Inscription à France Travail", "Actualisation mensuelle France Travail"}},
    {"logement", {"Demande d'aide au logement (APL)", "Demande de logement social"}},
    {"transports_mobilite", {"Demande de carte grise", "Demande de permis de conduire"}},
    {"papiers_elections_citoyennete", {"Pré-demande de carte d'identité", "Demande de passeport",
                                       "Inscription sur les listes électorales"}},
    {"justice", {"Demande d'aide juridictionnelle"}},
    {"etrangers_europe", {"Renouvellement de titre de séjour"}},
    {"loisirs_sports_culture", {"Pass Culture"}},
    {"associations", {"Déclaration de création d'association"}},
};
const std::vector<std::string> kParentOnlyProcedures = {"Création d'un compte FranceConnect",
                                                        "Récupération d'identifiants perdus"};

// Workshop titles by theme; other themes get « Atelier : <theme> ».
const std::map<std::string, std::vector<std::string>> kWorkshopTitles = {
    {"prendre_en_main_du_materiel", {"Mes premiers pas sur la tablette", "Apprivoiser son smartphone"}},
    {"email", {"Créer et utiliser sa boîte mail"}},
    {"navigation_sur_internet", {"Chercher une information sur Internet"}},
    {"securite_numerique", {"Déjouer les arnaques en ligne", "Des mots de passe sûrs"}},
    {"aide_aux_demarches_administratives", {"Mes démarches en ligne avec FranceConnect"}},
    {"bureautique", {"Écrire un CV avec un traitement de texte"}},
    {"reseaux_sociaux", {"Garder le contact avec ses proches"}},
    {"intelligence_artificielle", {"Découvrir l'intelligence artificielle"}},
};

// The CRCN competences a theme usually works.
const std::map<std::string, std::vector<std::string>> kThemeCompetences = {
    {"prendre_en_main_du_materiel", {"5.1", "5.2"}}, {"navigation_sur_internet", {"1.1"}}, {"email", {"2.1"}},
    {"bureautique", {"3.1", "1.2"}}, {"aide_aux_demarches_administratives", {"2.4", "1.2"}},
    {"sante", {"2.4", "4.3"}}, {"banque_et_achats_en_ligne", {"4.1", "2.4"}}, {"insertion_professionnelle", {"3.1", "2.4"}},
    {"securite_numerique", {"4.1", "4.2"}}, {"reseaux_sociaux", {"2.2", "4.2"}}, {"parentalite", {"2.3", "4.3"}},
    {"gere_ses_contenus_numeriques", {"3.2"}}, {"culture_numerique", {"1.1", "3.2"}}, {"diagnostic_numerique", {"5.1"}},
    {"scolarite_et_numerique", {"2.3"}}, {"intelligence_artificielle", {"1.1", "3.2"}},
    {"maintenance_de_materiel", {"5.1", "5.2"}}, {"entrepreneuriat", {"2.2", "3.1"}}, {"creer_avec_le_numerique", {"3.1", "3.2"}},
};

// Where the learner is sent when oriented (the national form's « structure de redirection »).
const std::vector<Weighted> kRedirections = {
    {"administration", 30}, {"operateur_ou_organisme_en_charge", 22}, {"aide_sociale", 15},
    {"aide_aux_demarches_administratives", 12}, {"mediation_numerique", 9}, {"insertion_professionnelle", 8},
    {"autre", 4}};

const std::vector<Weighted> kAgeBrackets = {
    {"soixante_dix_plus", 22}, {"soixante_soixante_neuf", 20}, {"quarante_cinquante_neuf", 20},
    {"vingt_cinq_trente_neuf", 14}, {"dix_huit_vingt_quatre", 8}, {"douze_dix_huit", 3}, {"moins_de_douze", 1},
    {"non_communique", 9}};
const std::vector<Weighted> kGenders = {{"feminin", 58}, {"masculin", 38}, {"non_communique", 4}};

// The INSEE code and postal code of the territory's communes (code officiel géographique); Pierre-Bénite
// merged into Oullins-Pierre-Bénite (69149).
const std::map<std::string, std::pair<const char*, const char*>> kCommuneCodes = {
    {"Vénissieux", {"69259", "69200"}}, {"Vaulx-en-Velin", {"69256", "69120"}}, {"Villeurbanne", {"69266", "69100"}},
    {"Bron", {"69029", "69500"}}, {"Saint-Fons", {"69199", "69190"}}, {"Rillieux-la-Pape", {"69286", "69140"}},
    {"Lyon 8e", {"69388", "69008"}}, {"Décines-Charpieu", {"69275", "69150"}}, {"Givors", {"69091", "69700"}},
    {"Saint-Priest", {"69290", "69800"}}, {"Pierre-Bénite", {"69149", "69310"}}, {"Meyzieu", {"69282", "69330"}},
};
const std::vector<Weighted> kActiveStatus = {{"sans_emploi", 40}, {"en_emploi", 35}, {"retraite", 5}, {"non_communique", 20}};
const std::vector<Weighted> kWorkshopLevels = {{"debutant", 55}, {"intermediaire", 30}, {"avance", 8}, {"", 7}};

// The ages a bracket spans, to give a learner a birth year that falls in it.
struct AgeSpan {
    const char* bracket;
    int youngest, oldest;
};
const std::vector<AgeSpan> kAgeSpans = {
    {"soixante_dix_plus", 70, 91},     {"soixante_soixante_neuf", 60, 69}, {"quarante_cinquante_neuf", 40, 59},
    {"vingt_cinq_trente_neuf", 25, 39}, {"dix_huit_vingt_quatre", 18, 24},  {"douze_dix_huit", 12, 17},
    {"moins_de_douze", 9, 11},
};

// Remote sessions: the Coop records the commune of the employing structure (Lyon 8e here).
constexpr const char* kStructureCommune = "Lyon 8e";

// "é" → "e" and friends, for e-mail addresses built from accented names.
std::string asciiLower(const std::string& text) {
    static const std::vector<std::pair<std::string, char>> folds = {
        {"é", 'e'}, {"è", 'e'}, {"ê", 'e'}, {"ë", 'e'}, {"É", 'e'}, {"à", 'a'}, {"â", 'a'},
        {"î", 'i'}, {"ï", 'i'}, {"ô", 'o'}, {"û", 'u'}, {"ù", 'u'}, {"ü", 'u'}, {"ç", 'c'},
    };
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        bool folded = false;
        for (const auto& [from, to] : folds) {
            if (text.compare(i, from.size(), from) == 0) {
                out += to;
                i += from.size();
                folded = true;
                break;
            }
        }
        if (folded) continue;
        char c = text[i++];
        if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || c == '-') out += c;
        else if (c == ' ') out += '-';
    }
    return out;
}

// ---- 3. Batched writes -----------------------------------------------------------------------

// One transaction per few thousand records: one fsync per batch instead of one per record,
// while each record still writes its outbox row inside the same transaction.
class Batch {
public:
    static constexpr int kRecordsPerTransaction = 5000;
    // Why new rather than make_unique: a Transaction cannot be moved, and only a new-expression builds it
    // in place from the notebook's transaction().
    explicit Batch(Notebook& notebook) : m_notebook(notebook), m_tx(new store::Transaction(notebook.transaction())) {}
    void wrote(int records = 1) {
        m_pending += records;
        if (m_pending < kRecordsPerTransaction) return;
        m_tx->commit();
        m_tx.reset();
        m_tx.reset(new store::Transaction(m_notebook.transaction()));
        m_pending = 0;
    }
    void finish() { m_tx->commit(); }

private:
    Notebook& m_notebook;
    std::unique_ptr<store::Transaction> m_tx;
    int m_pending = 0;
};

// ---- 4. The simulation -----------------------------------------------------------------------

struct Plan {
    int learners, sessions, booklets, chequesPerBooklet, years;
};

Plan planFor(DemoScale scale) {
    if (scale == DemoScale::Large) return {20000, 100000, 500, 100, 5};
    return {200, 2000, 10, 100, 5};
}

struct LearnerState {
    std::string id;
    int visits = 0;
    std::vector<std::int64_t> givenCheques;
    std::map<std::string, int> scores;  // CRCN competence → last assessed score
};

class Simulation {
public:
    Simulation(Notebook& notebook, const DemoOptions& options)
        : m_nb(notebook), m_random(options.seed), m_plan(planFor(options.scale)),
          m_end(parseDay(options.endDate.empty() ? core::today() : options.endDate)),
          m_start(m_end - std::chrono::days(365 * m_plan.years)), m_batch(notebook) {}

    DemoSummary run() {
        addPlaces();
        keepPassSettings();
        scheduleAndSimulate();
        m_batch.finish();
        m_summary.firstDate = isoOf(m_start);
        m_summary.lastDate = isoOf(m_end);
        m_summary.outboxRows = m_nb.outbox().pendingCount();
        return m_summary;
    }

private:
    void addPlaces() {
        for (std::size_t i = 0; i < kPlaces.size(); ++i) {
            const auto& p = kPlaces[i];
            core::Place place;
            place.id = core::uuidV7At(millisOf(m_start, static_cast<int>(i)));
            place.name = p.name;
            place.kind = p.kind;
            place.address = p.address;
            place.postalCode = p.postalCode;
            place.commune = p.commune;
            core::validatePlace(place, m_nb.vocabularies());
            m_nb.placeStore().insert(place);
            m_placeIds.push_back(place.id);
            m_placeWeights.push_back(p.weight);
            m_batch.wrote();
            ++m_summary.places;
        }
    }

    std::size_t pickPlace() {
        int total = 0;
        for (int w : m_placeWeights) total += w;
        int r = static_cast<int>(m_random.below(static_cast<std::uint64_t>(total)));
        for (std::size_t i = 0; i < m_placeWeights.size(); ++i) {
            if (r < m_placeWeights[i]) return i;
            r -= m_placeWeights[i];
        }
        return 0;
    }

    // Sessions per day: weekdays, a little on Saturdays, quieter in August and at Christmas,
    // and a structure that grows busier year after year.
    std::vector<double> dayWeights(const std::vector<Day>& days) {
        std::vector<double> weights;
        for (std::size_t i = 0; i < days.size(); ++i) {
            unsigned weekday = std::chrono::weekday{days[i]}.c_encoding();  // 0 = Sunday
            double w = weekday == 0 ? 0.0 : weekday == 6 ? 0.15 : 1.0;
            std::chrono::year_month_day ymd{days[i]};
            unsigned month = static_cast<unsigned>(ymd.month()), dayOfMonth = static_cast<unsigned>(ymd.day());
            if (month == 8) w *= 0.4;
            if ((month == 12 && dayOfMonth >= 24) || (month == 1 && dayOfMonth == 1)) w *= 0.3;
            double t = days.size() > 1 ? double(i) / double(days.size() - 1) : 1.0;
            weights.push_back(w * (0.35 + 0.65 * t));
        }
        return weights;
    }

    void scheduleAndSimulate() {
        std::vector<Day> days;
        for (Day d = m_start; d <= m_end; d += std::chrono::days(1)) days.push_back(d);
        auto weights = dayWeights(days);
        double total = 0;
        for (double w : weights) total += w;

        // Booklets arrive regularly, the last one two months before the end.
        std::vector<std::size_t> arrival;
        std::size_t arrivalSpan = days.size() > 60 ? days.size() - 60 : days.size();
        for (int k = 0; k < m_plan.booklets; ++k)
            arrival.push_back(static_cast<std::size_t>(k) * arrivalSpan / static_cast<std::size_t>(m_plan.booklets));

        double eligible = m_plan.sessions * 0.85;
        m_giveProbability = std::min(0.9, 0.7 * m_plan.booklets * m_plan.chequesPerBooklet / (eligible * 2.0));

        double cumulative = 0;
        std::int64_t scheduled = 0;
        std::size_t nextBooklet = 0;
        unsigned currentMonth = 0;
        for (std::size_t i = 0; i < days.size(); ++i) {
            while (nextBooklet < arrival.size() && arrival[nextBooklet] <= i) receiveBooklet(static_cast<int>(nextBooklet++), days[i]);
            cumulative += weights[i];
            auto upTo = static_cast<std::int64_t>(std::llround(m_plan.sessions * cumulative / total));
            int today = static_cast<int>(upTo - scheduled);
            scheduled = upTo;
            if (today == 0) continue;
            unsigned month = static_cast<unsigned>(std::chrono::year_month_day{days[i]}.month());
            if (month != currentMonth) {
                payRedeemedBefore(days[i]);
                currentMonth = month;
            }
            for (int k = 0; k < today; ++k) {
                int minute = 8 * 60 + 30 + k * 600 / today;
                addSession(days[i], minute, m_plan.sessions - m_summary.sessions);
            }
        }
    }

    // The structure is both a distributor and a qualified place, with the two services most places offer; as
    // the hub would have sent them, so the demo's outbox holds only the activity.
    void keepPassSettings() {
        const std::string structure = "Association Parlons Numérique";
        auto settings = m_nb.passSettingsStore();
        core::PassProfile profile;
        profile.id = sync::passProfileId(structure);
        profile.structure = structure;
        settings.keepAsPulled(profile);
        for (const auto& [code, label] : {std::pair{"atelier-2h", "Atelier collectif 2 h"},
                                          std::pair{"accompagnement-1h", "Accompagnement individuel 1 h"}}) {
            core::PassService service;
            service.id = sync::passServiceId(structure, code);
            service.structure = structure;
            service.code = code;
            service.label = label;
            settings.keepAsPulled(service);
        }
    }

    void receiveBooklet(int k, Day day) {
        core::PassBooklet b;
        b.id = core::uuidV7At(millisOf(day, 8 * 60 + k % 60));
        b.structure = "Association Parlons Numérique";
        b.firstNumber = 6900001 + static_cast<std::int64_t>(k) * m_plan.chequesPerBooklet;
        b.lastNumber = b.firstNumber + m_plan.chequesPerBooklet - 1;
        b.faceValueCents = 1000;
        b.receivedOn = isoOf(day);
        b.expiry = isoOf(day + std::chrono::days(548));  // eighteen months
        // Two funders, so the dashboard's per-funder figures have something to tell apart (no draw: the
        // random sequence, and so every other demo figure, stays as it was).
        b.funder = k % 3 == 0 ? "Conseil départemental du Rhône" : "Métropole de Lyon";
        core::pass_rules::checkBooklet(b);
        m_nb.passStore().insertBooklet(b);
        m_batch.wrote(1 + static_cast<int>(b.size()));
        for (auto n = b.firstNumber; n <= b.lastNumber; ++n) {
            core::PassCheque c;
            c.id = b.id + "#" + std::to_string(n);  // the repository's naming of cheques
            c.bookletId = b.id;
            c.number = n;
            c.faceValueCents = b.faceValueCents;
            c.expiry = b.expiry;
            m_cheques.push_back(c);
            m_stock.push_back(n);
        }
        if (m_chequeBase == 0) m_chequeBase = b.firstNumber;
        ++m_summary.booklets;
        m_summary.cheques += b.size();
    }

    core::PassCheque& cheque(std::int64_t number) { return m_cheques[static_cast<std::size_t>(number - m_chequeBase)]; }

    // The operator pays at the start of each month for the cheques redeemed before it, at their face value.
    void payRedeemedBefore(Day day) {
        std::chrono::year_month_day ymd{day};
        std::string firstOfMonth = isoOf(Day{ymd.year() / ymd.month() / std::chrono::day{1}});
        std::vector<std::int64_t> keep;
        for (auto number : m_redeemedUnpaid) {
            auto& c = cheque(number);
            if (c.redeemedOn >= firstOfMonth) {
                keep.push_back(number);
                continue;
            }
            core::pass_rules::checkCanPay(c);
            c.state = core::ChequeState::Paid;
            c.paidOn = isoOf(day);
            m_nb.passStore().recordEvent(c, "paid", c.paidOn, c.faceValueCents);
            m_batch.wrote();
            ++m_summary.chequesPaid;
        }
        m_redeemedUnpaid = std::move(keep);
    }

    std::size_t createLearner(Day day, int minute) {
        auto index = m_learners.size();
        core::Learner l;
        l.id = core::uuidV7At(millisOf(day, minute));
        l.pseudonym = kPseudonymWords[index % kPseudonymWords.size()] + " " +
                      std::to_string(100 + index / kPseudonymWords.size());
        l.ageBracket = pickWeighted(m_random, kAgeBrackets);
        // Most people give their birth year (the bracket then follows from it, as the national form does);
        // some only say their bracket, a few neither.
        if (l.ageBracket != core::kAgeNotGiven && m_random.chance(0.85)) {
            for (const auto& span : kAgeSpans)
                if (l.ageBracket == span.bracket)
                    l.birthYear = yearOf(day) - m_random.between(span.youngest, span.oldest);
            core::deriveAgeBracket(l, m_nb.vocabularies(), yearOf(day));
        }
        l.gender = pickWeighted(m_random, kGenders);
        bool senior = l.ageBracket == "soixante_dix_plus" || l.ageBracket == "soixante_soixante_neuf";
        bool young = l.ageBracket == "moins_de_douze" || l.ageBracket == "douze_dix_huit";
        l.socialStatus = senior ? (m_random.chance(0.9) ? "retraite" : "non_communique")
                         : young ? "scolarise"
                                 : pickWeighted(m_random, kActiveStatus);
        l.commune = pickWeighted(m_random, kCommunes);
        l.communeInsee = kCommuneCodes.at(l.commune).first;
        l.communePostalCode = kCommuneCodes.at(l.commune).second;
        if (m_random.chance(0.4)) l.goals = m_random.pick(kGoals);
        if (m_random.chance(0.3)) {
            l.consentDate = isoOf(day);
            l.firstName = m_random.pick(kFirstNames);
            l.lastName = m_random.pick(kLastNames);
            if (m_random.chance(0.7))
                l.phone = "06 " + std::to_string(m_random.between(10, 99)) + " " + std::to_string(m_random.between(10, 99)) +
                          " " + std::to_string(m_random.between(10, 99)) + " " + std::to_string(m_random.between(10, 99));
            if (m_random.chance(0.45)) l.email = asciiLower(l.firstName) + "." + asciiLower(l.lastName) + "@exemple.fr";
            ++m_summary.learnersWithConsent;
        }
        l.createdAt = l.updatedAt = stampOf(day, minute);
        core::validateLearner(l, m_nb.vocabularies());
        m_nb.learnerStore().insert(l);
        m_batch.wrote();
        m_learners.push_back({l.id, 0, {}, {}});
        ++m_summary.learners;
        return index;
    }

    // A newcomer as often as needed to reach the planned head count; otherwise mostly someone
    // from the recent cohort (people come back for a series of sessions).
    std::size_t pickLearner(Day day, int minute, std::int64_t sessionsLeft) {
        auto remaining = static_cast<double>(m_plan.learners - static_cast<int>(m_learners.size()));
        double slotsLeft = std::max(1.0, static_cast<double>(sessionsLeft) * 1.6);
        if (m_learners.empty() || (remaining > 0 && m_random.chance(remaining / slotsLeft)))
            return createLearner(day, minute);
        // People given Pass numérique cheques come back to use them.
        if (!m_holders.empty() && m_random.chance(0.2)) {
            auto slot = m_random.below(m_holders.size());
            auto who = m_holders[slot];
            if (!m_learners[who].givenCheques.empty()) return who;
            m_holders[slot] = m_holders.back();
            m_holders.pop_back();
        }
        std::size_t n = m_learners.size();
        if (n > 400 && m_random.chance(0.65)) return n - 1 - m_random.below(400);
        return m_random.below(n);
    }

    void addSession(Day day, int minute, std::int64_t sessionsLeft) {
        core::Session s;
        s.date = isoOf(day);
        double r = static_cast<double>(m_random.below(1000)) / 1000.0;
        s.kind = r < 0.85 ? core::SessionKind::Individual : core::SessionKind::Workshop;
        bool workshop = s.kind == core::SessionKind::Workshop;
        bool quickHelp = !workshop && r >= 0.6;

        if (workshop) {
            s.placeMode = core::PlaceMode::Place;
        } else {
            int m = m_random.between(0, 99);
            s.placeMode = m < 82 ? core::PlaceMode::Place : m < 90 ? core::PlaceMode::Home
                        : m < 97 ? core::PlaceMode::Remote : core::PlaceMode::Other;
        }
        std::size_t place = pickPlace();
        if (s.placeMode == core::PlaceMode::Place) s.placeId = m_placeIds[place];
        // At home or elsewhere: the commune where it happened; remote: the structure's (as the Coop records it).
        if (s.placeMode == core::PlaceMode::Home || s.placeMode == core::PlaceMode::Other ||
            s.placeMode == core::PlaceMode::Remote) {
            std::string commune = s.placeMode == core::PlaceMode::Remote ? kStructureCommune : pickWeighted(m_random, kCommunes);
            const auto& codes = kCommuneCodes.at(commune);
            s.communeName = commune;
            s.communeInsee = codes.first;
            s.communePostalCode = codes.second;
        }

        std::vector<std::size_t> people;
        // A few people seen once do not want to be recorded at all: an anonymous individual session.
        const bool anonymousVisit = !workshop && m_random.chance(0.04);
        int wanted = workshop ? m_random.between(2, 8) : anonymousVisit ? 0 : 1;
        for (int attempt = 0; static_cast<int>(people.size()) < wanted && attempt < wanted * 4; ++attempt) {
            auto who = pickLearner(day, minute, sessionsLeft);
            if (std::find(people.begin(), people.end(), who) == people.end()) people.push_back(who);
        }
        for (auto who : people) s.learnerIds.push_back(m_learners[who].id);
        if (workshop) s.anonymousCount = m_random.between(0, 6);
        if (anonymousVisit) s.anonymousCount = 1;
        describeAnonymous(s);

        int themeCount = workshop ? 1 : m_random.between(1, 2);
        while (static_cast<int>(s.themes.size()) < themeCount) {
            std::string theme = pickWeighted(m_random, kThemes);
            if (std::find(s.themes.begin(), s.themes.end(), theme) == s.themes.end()) s.themes.push_back(theme);
        }
        addProcedure(s);
        if (workshop) {
            auto titles = kWorkshopTitles.find(s.themes.front());
            s.workshopTitle = titles != kWorkshopTitles.end()
                                  ? m_random.pick(titles->second)
                                  : "Atelier : " + m_nb.vocabularies().themes().label(s.themes.front(), "fr");
            s.workshopLevel = pickWeighted(m_random, kWorkshopLevels);
        }
        // « Aucun »: a conversation, a diagnostic, a paper form read together — nothing else then.
        if (!workshop && m_random.chance(0.04)) {
            s.equipment.push_back("aucun");
        } else {
            s.equipment.push_back(workshop ? (m_random.chance(0.6) ? "ordinateur" : "tablette")
                                           : pickWeighted(m_random, {{"telephone", 48}, {"ordinateur", 38}, {"tablette", 9}, {"autre", 5}}));
            if (!workshop && m_random.chance(0.15) && s.equipment.front() != "ordinateur") s.equipment.push_back("ordinateur");
        }
        for (const auto& theme : s.themes) {
            auto worked = kThemeCompetences.find(theme);
            if (worked == kThemeCompetences.end()) continue;  // the administrative procedures: their parent's
            for (const auto& code : worked->second)
                if (m_random.chance(0.6) && std::find(s.competences.begin(), s.competences.end(), code) == s.competences.end())
                    s.competences.push_back(code);
        }

        int visits = people.empty() ? 0 : m_learners[people.front()].visits;
        double autonomous = std::min(0.5, 0.05 + 0.06 * visits), partial = 0.35;
        double a = static_cast<double>(m_random.below(1000)) / 1000.0;
        if (!workshop)
            s.autonomy = a < autonomous ? "autonome" : a < autonomous + partial ? "partiellement_autonome" : "entierement_accompagne";

        if (quickHelp) s.durationMinutes = m_random.pick(std::vector<int>{10, 15, 20, 30});
        else if (!workshop) s.durationMinutes = m_random.pick(std::vector<int>{30, 45, 60, 60, 90});
        else s.durationMinutes = m_random.pick(std::vector<int>{90, 120, 120, 180});

        // Oriented to another structure: its kind always, a place of the directory about half the time.
        if (!workshop && m_random.chance(0.06)) {
            s.oriented = 1;
            s.redirection = pickWeighted(m_random, kRedirections);
            if (m_random.chance(0.5)) {
                auto other = (place + 1 + m_random.below(m_placeIds.size() - 1)) % m_placeIds.size();
                s.orientationPlaceId = m_placeIds[other];
            }
        }
        if (m_random.chance(0.35)) s.notes = m_random.pick(kNotes);

        // Cheques the learner was given earlier are redeemed when they come back.
        if (!workshop && !people.empty()) {
            auto& learner = m_learners[people.front()];
            std::vector<std::int64_t> stillGiven;
            for (auto number : learner.givenCheques) {
                auto& c = cheque(number);
                if (s.chequesRedeemed.size() < 2 && !c.isExpiredOn(s.date) && m_random.chance(0.85))
                    s.chequesRedeemed.push_back(number);
                else if (!c.isExpiredOn(s.date))
                    stillGiven.push_back(number);
            }
            learner.givenCheques = std::move(stillGiven);
        }

        s.id = core::uuidV7At(millisOf(day, minute));
        s.createdAt = stampOf(day, minute);
        core::validateSession(s, m_nb.vocabularies(), m_nb.framework());
        m_nb.sessionStore().insert(s);
        m_batch.wrote();
        ++m_summary.sessions;
        if (workshop) ++m_summary.workshops;

        for (auto number : s.chequesRedeemed) {
            auto& c = cheque(number);
            core::pass_rules::checkCanRedeem(c, s.date);
            c.state = core::ChequeState::Redeemed;
            c.sessionId = s.id;
            c.redeemedOn = s.date;
            c.service = workshop ? "atelier-2h" : "accompagnement-1h";
            m_nb.passStore().recordEvent(c, "redeemed", s.date);
            m_batch.wrote();
            m_redeemedUnpaid.push_back(number);
            ++m_summary.chequesRedeemed;
        }
        for (auto who : people) ++m_learners[who].visits;
        if (!workshop && !people.empty()) {
            giveCheques(people.front(), s.date);
            assess(people.front(), s);
        }
    }

    // What the adviser knows of the anonymous participants: most genders, fewer ages and statuses, and
    // how many had come before.
    void describeAnonymous(core::Session& s) {
        if (s.anonymousCount == 0) return;
        auto breakdown = [&](const std::vector<Weighted>& codes, double told) {
            std::map<std::string, int> counts;
            for (int i = 0; i < s.anonymousCount; ++i)
                if (m_random.chance(told)) {
                    std::string code = pickWeighted(m_random, codes);
                    if (code != core::kAgeNotGiven) ++counts[code];
                }
            std::vector<core::HeadCount> out;
            for (const auto& [code, n] : counts) out.push_back({code, n});
            return out;
        };
        s.anonymousByGender = breakdown(kGenders, 0.85);
        s.anonymousByAge = breakdown(kAgeBrackets, 0.6);
        s.anonymousByStatus = breakdown(
            {{"retraite", 35}, {"sans_emploi", 25}, {"en_emploi", 20}, {"scolarise", 5}, {"non_communique", 15}}, 0.5);
        s.anonymousAlreadyAccompanied = m_random.between(0, s.anonymousCount / 2);
    }

    // With « aide aux démarches administratives », often the procedures' themes and the procedure's name.
    void addProcedure(core::Session& s) {
        if (std::find(s.themes.begin(), s.themes.end(), core::kAdministrativeParentTheme) == s.themes.end()) return;
        if (!m_random.chance(0.75)) return;
        int procedures = m_random.chance(0.8) ? 1 : 2;
        std::vector<std::string> names;
        for (int i = 0; i < procedures; ++i) {
            const auto& [theme, examples] = kProcedures[m_random.below(kProcedures.size())];
            if (std::find(s.themes.begin(), s.themes.end(), theme) != s.themes.end()) continue;
            s.themes.push_back(theme);
            names.push_back(m_random.pick(examples));
        }
        if (names.empty()) names.push_back(m_random.pick(kParentOnlyProcedures));
        if (m_random.chance(0.7)) s.procedureName = names.front();
    }

    void giveCheques(std::size_t who, const std::string& date) {
        if (!m_random.chance(m_giveProbability)) return;
        int count = m_random.between(1, 3);
        if (m_learners[who].givenCheques.empty()) m_holders.push_back(who);
        for (int i = 0; i < count; ++i) {
            // Oldest stock first; cheques that expired on the shelf stay there, counted as expired.
            while (!m_stock.empty() && cheque(m_stock.front()).isExpiredOn(date)) m_stock.pop_front();
            if (m_stock.empty()) return;
            auto& c = cheque(m_stock.front());
            m_stock.pop_front();
            core::pass_rules::checkCanGive(c, m_learners[who].id, date);
            c.state = core::ChequeState::Given;
            c.learnerId = m_learners[who].id;
            c.givenOn = date;
            m_nb.passStore().recordEvent(c, "given", date);
            m_batch.wrote();
            m_learners[who].givenCheques.push_back(c.number);
            ++m_summary.chequesGiven;
        }
    }

    // Levels rise slowly from 1–2: a step at a time, sometimes none.
    void assess(std::size_t who, const core::Session& s) {
        if (s.competences.empty() || !m_random.chance(0.35)) return;
        auto& learner = m_learners[who];
        const auto& code = m_random.pick(s.competences);
        auto found = learner.scores.find(code);
        int score = found == learner.scores.end() ? m_random.between(0, 6)
                                                  : std::min(core::Assessment::kMaxScore,
                                                             found->second + (m_random.chance(0.4) ? 0 : m_random.chance(0.75) ? 1 : 2));
        learner.scores[code] = score;
        core::Assessment a;
        a.id = core::uuidV7At(millisOf(parseDay(s.date), 20 * 60));
        a.learnerId = learner.id;
        a.competenceCode = code;
        a.score = score;
        a.date = s.date;
        a.sessionId = s.id;
        core::validateAssessment(a, m_nb.framework());
        m_nb.assessmentStore().insert(a);
        m_batch.wrote();
        ++m_summary.assessments;
    }

    Notebook& m_nb;
    Random m_random;
    Plan m_plan;
    Day m_end, m_start;
    Batch m_batch;
    DemoSummary m_summary;
    std::vector<std::string> m_placeIds;
    std::vector<int> m_placeWeights;
    std::vector<LearnerState> m_learners;
    std::vector<core::PassCheque> m_cheques;
    std::int64_t m_chequeBase = 0;
    std::deque<std::int64_t> m_stock;
    std::vector<std::int64_t> m_redeemedUnpaid;
    std::vector<std::size_t> m_holders;  // learners who may still hold given cheques
    double m_giveProbability = 0.25;
};

}  // namespace

DemoSummary generateDemo(Notebook& notebook, const DemoOptions& options) {
    auto started = std::chrono::steady_clock::now();
    auto status = notebook.status();
    if (status.learners + status.sessions + status.cheques + status.places + status.assessments > 0)
        throw Error(Error::Kind::Refused, "err.demo_not_empty", {{"file", status.dataFile}});
    if (!options.endDate.empty() && !core::isIsoDate(options.endDate))
        throw validationError("err.date_invalid", "demo.end_date");
    auto summary = Simulation(notebook, options).run();
    if (options.scale == DemoScale::Large) {  // the territory's Rés'IN directory, for search at scale
        std::mt19937_64 directoryRng(options.seed);
        summary.places += generateDemoDirectory(notebook, directoryRng, 10000, {}, options.endDate);
    }
    summary.elapsedSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace mediane::app
