#include "app/directory_demo.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "app/directory_service.hpp"
#include "app/notebook.hpp"
#include "core/calendar.hpp"

namespace mediane::app {

namespace {

struct Commune {
    const char* name;
    const char* postalCode;
    const char* insee;
    double lat, lon;
};

constexpr std::array<Commune, 20> kCommunes = {{
    {"Lyon", "69001", "69381", 45.7676, 4.8344}, {"Lyon", "69003", "69383", 45.7597, 4.8518},
    {"Lyon", "69007", "69387", 45.7453, 4.8420}, {"Lyon", "69008", "69388", 45.7346, 4.8691},
    {"Lyon", "69009", "69389", 45.7745, 4.8056}, {"Villeurbanne", "69100", "69266", 45.7719, 4.8902},
    {"Vénissieux", "69200", "69259", 45.6975, 4.8867}, {"Vaulx-en-Velin", "69120", "69256", 45.7785, 4.9204},
    {"Bron", "69500", "69029", 45.7386, 4.9133}, {"Saint-Priest", "69800", "69290", 45.6960, 4.9440},
    {"Caluire-et-Cuire", "69300", "69034", 45.7953, 4.8467}, {"Rillieux-la-Pape", "69140", "69286", 45.8214, 4.8983},
    {"Oullins", "69600", "69149", 45.7144, 4.8075}, {"Décines-Charpieu", "69150", "69275", 45.7692, 4.9589},
    {"Meyzieu", "69330", "69282", 45.7667, 5.0036}, {"Givors", "69700", "69091", 45.5906, 4.7689},
    {"Saint-Fons", "69190", "69199", 45.7086, 4.8533}, {"Écully", "69130", "69081", 45.7744, 4.7775},
    {"Tassin-la-Demi-Lune", "69160", "69244", 45.7639, 4.7800}, {"Pierre-Bénite", "69310", "69152", 45.7036, 4.8242},
}};

constexpr std::array<std::pair<const char*, const char*>, 8> kKinds = {{
    {"Médiathèque", "BIB"}, {"Centre social", "CS"}, {"France Services", "FS"}, {"Espace numérique", "ASSO"},
    {"CCAS", "CCAS"}, {"Tiers-lieu", "TIERS_LIEUX"}, {"MJC", "MJC"}, {"Maison de quartier", "ASSO"},
}};
constexpr std::array<const char*, 16> kNames = {
    "Jean-Macé", "Lucie-Aubrac", "Bonnefoi", "Marie-Curie", "des Étoiles", "Louis-Pergaud", "du Parc",
    "Simone-Veil", "Gabriel-Rosset", "des Minguettes", "Croix-Luizet", "Jacques-Prévert", "du Grand Large",
    "Elsa-Triolet", "de la Duchère", "Pablo-Neruda"};
constexpr std::array<const char*, 14> kStreets = {
    "rue Paul-Bert", "avenue Jean-Jaurès", "rue de la République", "place Henri-Barbusse", "boulevard des États-Unis",
    "rue Marcel-Cachin", "cours Émile-Zola", "rue Victor-Hugo", "avenue Berthelot", "rue du Bourbonnais",
    "chemin des Sœurs", "rue Anatole-France", "avenue Franklin-Roosevelt", "grande rue de la Guillotière"};
constexpr std::array<const char*, 10> kHours = {
    "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00",
    "Tu-Sa 10:00-18:00; PH off",
    "Mo,We,Fr 14:00-17:00",
    "Mo-Fr 08:30-12:30,13:30-17:00; PH off",
    "Jan-Jul,Sep-Dec: Mo-Fr 09:00-17:00",
    "We 13:30-18:00; Sa 09:30-12:30",
    "Mo-Th 09:00-12:00; Fr 14:00-16:30",
    "24/7",
    "Mo-Sa 10:00-19:00; Su off",
    "sur rendez-vous",  // real files carry such text: the card shows it as written
};

template <typename T>
const T& pick(const std::vector<T>& v, std::mt19937_64& rng) {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
}

// 1 to maxCount distinct values of a vocabulary, in vocabulary order (as forms write them).
std::vector<std::string> someOf(const std::vector<std::string>& vocabulary, std::mt19937_64& rng, int maxCount) {
    std::vector<std::string> out;
    if (vocabulary.empty()) return out;
    int want = std::uniform_int_distribution<int>(1, maxCount)(rng);
    double p = std::min(1.0, double(want) / double(vocabulary.size()));
    for (const auto& v : vocabulary)
        if (std::bernoulli_distribution(p)(rng)) out.push_back(v);
    if (out.empty()) out.push_back(pick(vocabulary, rng));
    return out;
}

}  // namespace

int generateDemoDirectory(Notebook& notebook, std::mt19937_64& rng, int count, const std::string& assetsDir,
                          const std::string& updatedOn) {
    DirectoryService directory(notebook, assetsDir.empty() ? findAssetsDir("/proc/self/exe") : assetsDir);
    const auto& schema = directory.schema();
    auto vocabulary = [&](const char* name) {
        const auto* f = schema.field(name);
        return f ? f->vocabulary : std::vector<std::string>{};
    };
    const auto services = vocabulary("services"), publics = vocabulary("publics_specifiquement_adresses"),
               care = vocabulary("prise_en_charge_specifique"), fees = vocabulary("frais_a_charge"),
               programmes = vocabulary("dispositif_programmes_nationaux"), access = vocabulary("modalites_acces"),
               support = vocabulary("modalites_accompagnement");
    std::uniform_int_distribution<int> digit(0, 9), percent(0, 99);
    std::uniform_real_distribution<double> jitter(-0.01, 0.01);
    const std::string dateMaj = updatedOn.empty() ? core::today() : updatedOn;

    int written = 0;
    while (written < count) {
        auto tx = notebook.transaction();
        // Why batches: one transaction per few thousand places keeps the import at a few fsyncs.
        for (int inBatch = 0; inBatch < 2000 && written < count; ++inBatch, ++written) {
            const auto& commune = kCommunes[std::uniform_int_distribution<std::size_t>(0, kCommunes.size() - 1)(rng)];
            const auto& kind = kKinds[std::uniform_int_distribution<std::size_t>(0, kKinds.size() - 1)(rng)];
            core::PlaceRecord p;
            char id[32];
            std::snprintf(id, sizeof id, "demo-lieu-%05d", written + 1);
            p.id = id;
            for (int i = 0; i < 14; ++i) p.pivot += static_cast<char>('0' + digit(rng));
            p.nom = std::string(kind.first) + " " + kNames[std::uniform_int_distribution<std::size_t>(0, kNames.size() - 1)(rng)];
            p.commune = commune.name;
            p.codePostal = commune.postalCode;
            p.codeInsee = commune.insee;
            p.adresse = std::to_string(1 + percent(rng)) + " " +
                        kStreets[std::uniform_int_distribution<std::size_t>(0, kStreets.size() - 1)(rng)];
            p.latitude = commune.lat + jitter(rng);
            p.longitude = commune.lon + jitter(rng);
            p.typologie = {kind.second};
            p.telephone = "+334";
            for (int i = 0; i < 8; ++i) p.telephone += static_cast<char>('0' + digit(rng));
            p.courriels = {"contact@" + std::string(id) + ".example.org"};
            p.horaires = kHours[std::uniform_int_distribution<std::size_t>(0, kHours.size() - 1)(rng)];
            p.presentationResume = "Accompagnement aux usages du numérique, " + std::string(commune.name) + ".";
            p.source = "Démo Médiane";
            p.itinerance = {percent(rng) < 5 ? "Itinérant" : "Fixe"};
            p.dateMaj = dateMaj;
            p.services = someOf(services, rng, 4);
            if (percent(rng) < 30) p.publicsSpecifiquementAdresses = someOf(publics, rng, 2);
            if (percent(rng) < 20) p.priseEnChargeSpecifique = someOf(care, rng, 2);
            p.fraisACharge = someOf(fees, rng, 1);
            if (percent(rng) < 60) p.dispositifProgrammesNationaux = someOf(programmes, rng, 2);
            p.modalitesAcces = someOf(access, rng, 2);
            p.modalitesAccompagnement = someOf(support, rng, 3);
            directory.repository().upsert(p);
        }
        tx.commit();
    }
    return written;
}

}  // namespace mediane::app
