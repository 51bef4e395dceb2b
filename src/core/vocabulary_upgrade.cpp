#include "core/vocabulary_upgrade.hpp"

namespace mediane::core {

const std::vector<CodeMapping>& vocabularyMappings() {
    static const std::vector<CodeMapping> table = {
        {"session_kinds", "individual", "Accompagnement individuel", "individuel", "same activity type"},
        {"session_kinds", "workshop", "Atelier collectif", "collectif", "same activity type"},
        {"session_kinds", "oneoff", "Aide ponctuelle", "", "the national report has no one-off help: the session becomes individual "
                                        "(one person) or collective (several) by its participants and keeps « oneoff »"},
        {"place_modes", "place", "Dans un lieu", "lieu_activite", "same place type"},
        {"place_modes", "home", "À domicile", "domicile", "same place type"},
        {"place_modes", "remote", "À distance", "a_distance", "same place type"},
        {"place_modes", "other", "Autre", "autre", "same place type"},
        {"themes", "equipement", "Prendre en main du matériel", "prendre_en_main_du_materiel", "same label"},
        {"themes", "navigation", "Naviguer sur Internet", "navigation_sur_internet", "same theme"},
        {"themes", "courriel", "Courriels", "email", "same theme"},
        {"themes", "bureautique", "Bureautique", "bureautique", "same code"},
        {"themes", "smartphone", "Applications sur smartphone", "", "retired nationally: a smartphone is equipment (« Téléphone »), not a theme"},
        {"themes", "demarches", "Démarches administratives en ligne", "aide_aux_demarches_administratives", "same theme; the procedure's domain was not recorded"},
        {"themes", "sante", "Santé", "sante", "same code"},
        {"themes", "banque", "Banque et achats en ligne", "banque_et_achats_en_ligne", "same label"},
        {"themes", "emploi", "Insertion professionnelle", "insertion_professionnelle", "same label"},
        {"themes", "securite", "Sécurité numérique", "securite_numerique", "same theme"},
        {"themes", "reseaux_sociaux", "Réseaux sociaux et communication", "reseaux_sociaux", "same code"},
        {"themes", "parentalite", "Parentalité et scolarité", "parentalite", "same code; the national list splits off « Scolarité et numérique »"},
        {"themes", "contenus", "Gérer ses contenus numériques", "gere_ses_contenus_numeriques", "same label"},
        {"themes", "culture", "Culture numérique", "culture_numerique", "same label"},
        {"themes", "autre", "Autre", "", "retired nationally: no « other » theme"},
        {"equipment", "ordinateur", "Ordinateur", "ordinateur", "same code"},
        {"equipment", "smartphone", "Smartphone", "telephone", "the national list says « Téléphone »"},
        {"equipment", "tablette", "Tablette", "tablette", "same code"},
        {"equipment", "autre", "Autre matériel", "autre", "same code"},
        {"autonomy", "entierement_accompagne", "Entièrement accompagné", "entierement_accompagne", "same code"},
        {"autonomy", "partiellement_autonome", "Partiellement autonome", "partiellement_autonome", "same code"},
        {"autonomy", "autonome", "Autonome", "autonome", "same code"},
        {"age_brackets", "moins_12", "Moins de 12 ans", "moins_de_douze", "same bounds"},
        {"age_brackets", "12_18", "12 à 18 ans", "douze_dix_huit", "same bracket (12 to 17)"},
        {"age_brackets", "18_35", "18 à 35 ans", "", "straddles 18 - 24 and 25 - 39"},
        {"age_brackets", "35_60", "35 à 60 ans", "", "straddles 25 - 39 and 40 - 59"},
        {"age_brackets", "60_70", "60 à 70 ans", "soixante_soixante_neuf", "same bracket (60 to 69)"},
        {"age_brackets", "plus_70", "Plus de 70 ans", "soixante_dix_plus", "same bracket"},
        {"age_brackets", "non_communique", "Non communiqué", "non_communique", "same code"},
        {"genders", "femme", "Femme", "feminin", "same meaning"},
        {"genders", "homme", "Homme", "masculin", "same meaning"},
        {"genders", "non_communique", "Non communiqué", "non_communique", "same code"},
        {"social_status", "scolarise", "Scolarisé·e", "scolarise", "same code"},
        {"social_status", "sans_emploi", "Sans emploi", "sans_emploi", "same code"},
        {"social_status", "en_emploi", "En emploi", "en_emploi", "same code"},
        {"social_status", "retraite", "Retraité·e", "retraite", "same code"},
        {"social_status", "non_communique", "Non communiqué", "non_communique", "same code"},
    };
    return table;
}

std::optional<std::string> upgradeCode(std::string_view vocabulary, const std::string& code) {
    for (const auto& m : vocabularyMappings())
        if (m.vocabulary == vocabulary && m.oldCode == code) {
            if (m.newCode.empty()) return std::nullopt;
            return std::string(m.newCode);
        }
    return code;
}

std::string legacyLabel(std::string_view vocabulary, const std::string& code) {
    for (const auto& m : vocabularyMappings())
        if (m.vocabulary == vocabulary && m.oldCode == code) return std::string(m.oldLabel);
    return code;
}

std::optional<std::string> downgradeCode(std::string_view vocabulary, const std::string& code) {
    for (const auto& m : vocabularyMappings())
        if (m.vocabulary == vocabulary && m.newCode == code) return std::string(m.oldCode);
    return std::nullopt;
}

}  // namespace mediane::core
