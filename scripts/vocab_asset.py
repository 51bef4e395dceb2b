#!/usr/bin/env python3
"""Writes assets/vocab/vocabularies.json from the Coop's reference vocabularies.

Codes are the Coop's stored values (db_value), labels its French labels; the English labels are
ours. Run from the repository root: python3 scripts/vocab_asset.py REFERENCE/coop-cra/vocabularies.json
Médiane's own vocabularies (place kinds of the directory) are kept from the current asset.
"""
import json
import sys

ENGLISH = {
    "individuel": "Individual coaching", "collectif": "Group workshop",
    "lieu_activite": "At a place of activity", "autre": "Elsewhere", "domicile": "At the learner's home",
    "a_distance": "Remote",
    "diagnostic_numerique": "Digital skills check", "prendre_en_main_du_materiel": "Getting started with a device",
    "maintenance_de_materiel": "Device maintenance", "gere_ses_contenus_numeriques": "Managing digital content",
    "navigation_sur_internet": "Browsing the web", "email": "Email", "bureautique": "Office software",
    "reseaux_sociaux": "Social networks and communication", "sante": "Health",
    "banque_et_achats_en_ligne": "Online banking and shopping", "entrepreneuriat": "Supporting a professional",
    "insertion_professionnelle": "Finding work", "securite_numerique": "Online safety",
    "parentalite": "Parenting", "scolarite_et_numerique": "School and digital",
    "creer_avec_le_numerique": "Creating with digital tools", "culture_numerique": "Digital culture",
    "intelligence_artificielle": "Artificial intelligence (AI)",
    "aide_aux_demarches_administratives": "Help with government procedures",
    "papiers_elections_citoyennete": "Papers - Elections - Citizenship", "famille_scolarite": "Family - School",
    "social_sante": "Welfare - Health", "travail_formation": "Work - Training - Business", "logement": "Housing",
    "transports_mobilite": "Transport - Mobility", "argent_impots": "Money - Taxes", "justice": "Justice",
    "etrangers_europe": "Foreigners - Europe", "loisirs_sports_culture": "Leisure - Sports - Culture",
    "associations": "Associations",
    "ordinateur": "Computer", "telephone": "Phone", "tablette": "Tablet", "aucun": "No device",
    "entierement_accompagne": "With guidance", "partiellement_autonome": "Autonomous, guided when needed",
    "autonome": "Autonomous",
    "administration": "Administration (town hall, prefecture…)",
    "mediation_numerique": "Another digital inclusion structure",
    "operateur_ou_organisme_en_charge": "Operator or body in charge of the procedure",
    "aide_sociale": "Social welfare structure (solidarity centre, social centre…)",
    "insertion_professionnelle_redirection": "Employment structure (France Travail, mission locale, chamber of commerce…)",
    "aide_aux_demarches_administratives_redirection": "Help with procedures (France Services…)",
    "debutant": "Beginner", "intermediaire": "Intermediate", "avance": "Advanced",
    "soixante_dix_plus": "70 and over", "soixante_soixante_neuf": "60 - 69", "quarante_cinquante_neuf": "40 - 59",
    "vingt_cinq_trente_neuf": "25 - 39", "dix_huit_vingt_quatre": "18 - 24", "douze_dix_huit": "12 - 17",
    "moins_de_douze": "Under 12", "non_communique": "Not given",
    "masculin": "Male", "feminin": "Female",
    "retraite": "Retired", "sans_emploi": "Unemployed", "en_emploi": "Employed", "scolarise": "In school",
    "non_communique_statut": "Not given or mixed",
}

# Médiane name of each vocabulary -> the Coop's vocabulary it is taken from.
TAKEN = [
    ("session_kinds", "type_activite"), ("place_modes", "type_lieu"), ("themes", "thematiques"),
    ("equipment", "materiel"), ("autonomy", "autonomie"), ("redirections", "structures_redirection"),
    ("workshop_levels", "niveau_atelier"), ("age_brackets", "tranche_age"), ("genders", "genre"),
    ("social_status", "statut_social"), ("duration_presets", "duree_presets"),
    ("duration_ranges", "duree_statistics_ranges"),
]


def english(vocab, value):
    code = value.get("db_value", value["code"])
    key = code
    if vocab == "structures_redirection" and code in ("insertion_professionnelle", "aide_aux_demarches_administratives"):
        key = code + "_redirection"
    if vocab == "statut_social" and code == "non_communique":
        key = "non_communique_statut"
    if vocab == "structures_redirection" and code == "autre":
        return "Other"
    if vocab == "materiel" and code == "autre":
        return "Other"
    if vocab.startswith("duree"):
        return value["label_fr"].replace("mn", " min").replace("Personnaliser", "Custom").replace(
            "Moins de", "Under").replace(" et plus", " and over").replace(" à ", " to ")
    return ENGLISH[key]


def term(vocab, value):
    out = {"code": value.get("db_value", value["code"]), "fr": value["label_fr"], "en": english(vocab, value),
           "coop": value["code"]}
    for key, ours in (("group", "group"), ("stars", "stars"), ("age_below", "age_below"), ("minutes", "minutes"),
                      ("min_minutes", "min_minutes"), ("max_minutes", "max_minutes")):
        if key in value:
            out[ours] = value[key]
    return out


def main():
    reference = json.load(open(sys.argv[1], encoding="utf-8"))
    current = json.load(open("assets/vocab/vocabularies.json", encoding="utf-8"))
    out = {
        "note": "Reference vocabularies of Médiane. Codes are stable and travel through sync and exports; labels "
                "are shown. Every vocabulary but place_kinds is the activity report of La Coop de la médiation "
                "numérique: codes are its stored values, French labels its labels, 'coop' its enum member. "
                "place_kinds follows the data.inclusion typology of the national standard of lieux de médiation "
                "numérique. Regenerate with scripts/vocab_asset.py.",
        "source": "github.com/inclusion-numerique/coop-mediation-numerique commit "
                  + reference["source"]["commit"],
        "version": 2,
    }
    for ours, theirs in TAKEN:
        out[ours] = [term(theirs, v) for v in reference["vocabularies"][theirs]["values"]]
    out["place_kinds"] = current["place_kinds"]
    with open("assets/vocab/vocabularies.json", "w", encoding="utf-8") as f:
        f.write("{\n")
        keys = list(out.keys())
        for i, key in enumerate(keys):
            value = out[key]
            sep = "," if i + 1 < len(keys) else ""
            if isinstance(value, list):
                f.write(f'  "{key}": [\n')
                f.write(",\n".join("    " + json.dumps(t, ensure_ascii=False) for t in value))
                f.write(f"\n  ]{sep}\n")
            else:
                f.write(f'  "{key}": {json.dumps(value, ensure_ascii=False)}{sep}\n')
        f.write("}\n")


if __name__ == "__main__":
    main()
