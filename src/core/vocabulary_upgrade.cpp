#include "core/vocabulary_upgrade.hpp"

namespace mediane::core {

const std::vector<CodeMapping>& vocabularyMappings() {
    static const std::vector<CodeMapping> table = {
        {"session_kinds", "individual", "individuel", "same activity type"},
        {"session_kinds", "workshop", "collectif", "same activity type"},
        {"session_kinds", "oneoff", "", "the national report has no one-off help: the session becomes individual "
                                        "(one person) or collective (several) by its participants and keeps « oneoff »"},
        {"place_modes", "place", "lieu_activite", "same place type"},
        {"place_modes", "home", "domicile", "same place type"},
        {"place_modes", "remote", "a_distance", "same place type"},
        {"place_modes", "other", "autre", "same place type"},
        {"themes", "equipement", "prendre_en_main_du_materiel", "same label"},
        {"themes", "navigation", "navigation_sur_internet", "same theme"},
        {"themes", "courriel", "email", "same theme"},
        {"themes", "bureautique", "bureautique", "same code"},
        {"themes", "smartphone", "", "retired nationally: a smartphone is equipment (« Téléphone »), not a theme"},
        {"themes", "demarches", "aide_aux_demarches_administratives", "same theme; the procedure's domain was not recorded"},
        {"themes", "sante", "sante", "same code"},
        {"themes", "banque", "banque_et_achats_en_ligne", "same label"},
        {"themes", "emploi", "insertion_professionnelle", "same label"},
        {"themes", "securite", "securite_numerique", "same theme"},
        {"themes", "reseaux_sociaux", "reseaux_sociaux", "same code"},
        {"themes", "parentalite", "parentalite", "same code; the national list splits off « Scolarité et numérique »"},
        {"themes", "contenus", "gere_ses_contenus_numeriques", "same label"},
        {"themes", "culture", "culture_numerique", "same label"},
        {"themes", "autre", "", "retired nationally: no « other » theme"},
        {"equipment", "ordinateur", "ordinateur", "same code"},
        {"equipment", "smartphone", "telephone", "the national list says « Téléphone »"},
        {"equipment", "tablette", "tablette", "same code"},
        {"equipment", "autre", "autre", "same code"},
        {"autonomy", "entierement_accompagne", "entierement_accompagne", "same code"},
        {"autonomy", "partiellement_autonome", "partiellement_autonome", "same code"},
        {"autonomy", "autonome", "autonome", "same code"},
        {"age_brackets", "moins_12", "moins_de_douze", "same bounds"},
        {"age_brackets", "12_18", "douze_dix_huit", "same bracket (12 to 17)"},
        {"age_brackets", "18_35", "", "straddles 18 - 24 and 25 - 39"},
        {"age_brackets", "35_60", "", "straddles 25 - 39 and 40 - 59"},
        {"age_brackets", "60_70", "soixante_soixante_neuf", "same bracket (60 to 69)"},
        {"age_brackets", "plus_70", "soixante_dix_plus", "same bracket"},
        {"age_brackets", "non_communique", "non_communique", "same code"},
        {"genders", "femme", "feminin", "same meaning"},
        {"genders", "homme", "masculin", "same meaning"},
        {"genders", "non_communique", "non_communique", "same code"},
        {"social_status", "scolarise", "scolarise", "same code"},
        {"social_status", "sans_emploi", "sans_emploi", "same code"},
        {"social_status", "en_emploi", "en_emploi", "same code"},
        {"social_status", "retraite", "retraite", "same code"},
        {"social_status", "non_communique", "non_communique", "same code"},
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

std::optional<std::string> downgradeCode(std::string_view vocabulary, const std::string& code) {
    for (const auto& m : vocabularyMappings())
        if (m.vocabulary == vocabulary && m.newCode == code) return std::string(m.oldCode);
    return std::nullopt;
}

}  // namespace mediane::core
