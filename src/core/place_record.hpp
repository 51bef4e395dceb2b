// A place of the national "lieux de médiation numérique" standard (v1.0.2), every field of it.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace mediane::core {

// Why list fields are vectors: the standard joins them with `|` in CSV, older files with `;` or `, `;
// the model keeps the values, and only the CSV writer decides the separator.
struct PlaceRecord {
    std::string id;
    std::string pivot;                 // SIRET, RNA or RIDET
    std::string nom;
    std::string commune;
    std::string codePostal;
    std::string codeInsee;
    std::string adresse;
    std::string complementAdresse;
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::vector<std::string> typologie;
    std::string telephone;
    std::vector<std::string> courriels;
    std::vector<std::string> siteWeb;
    std::string horaires;              // OSM opening_hours, kept as written even when unparsable
    std::string presentationResume;
    std::string presentationDetail;
    std::string source;
    std::vector<std::string> itinerance;
    std::string structureParente;
    std::string dateMaj;               // ISO date
    std::vector<std::string> services;
    std::vector<std::string> publicsSpecifiquementAdresses;
    std::vector<std::string> priseEnChargeSpecifique;
    std::vector<std::string> fraisACharge;
    std::vector<std::string> dispositifProgrammesNationaux;
    std::vector<std::string> formationsLabels;
    std::string autresFormationsLabels;
    std::vector<std::string> modalitesAcces;
    std::vector<std::string> modalitesAccompagnement;
    std::string ficheAccesLibre;
    std::string priseRdv;

    bool operator==(const PlaceRecord&) const = default;

    // Field by its standard name, as the CSV cell text (lists joined with `|`, numbers as written).
    std::string get(const std::string& fieldName) const;
    // Sets a field from its standard name and cell text (lists split on `|`); false for an unknown name.
    bool set(const std::string& fieldName, const std::string& cellText);
    // The standard's field names, in the standard's order (also the order of the CSV export).
    static const std::vector<std::string>& fieldNames();
    static bool isListField(const std::string& fieldName);
};

std::string joinList(const std::vector<std::string>& values, const std::string& separator = "|");
std::vector<std::string> splitList(const std::string& text, const std::string& separator = "|");
// Shortest text that reads back as the same double, with a dot ("43.52609").
std::string formatCoordinate(double value);

}  // namespace mediane::core
