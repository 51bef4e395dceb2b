// France's intercommunalities (EPCI) and their member communes (assets/communes/intercommunalites.csv):
// the territories a coordinator picks for the coverage of places.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

namespace mediane::core {

struct Intercommunality {
    std::string siren;                  // e.g. "200046977"
    std::string name;                   // « Métropole de Lyon »
    std::string type;                   // MET69, METRO, CU, CA or CC
    std::vector<std::string> communes;  // INSEE codes of its current communes (never an arrondissement)
};

class Intercommunalities {
public:
    // Reads the asset (code_siren, nom, type, communes). Throws mediane::Error (Io, "err.asset_invalid") naming
    // the file and line of a malformed row, or (Io, "err.file_unreadable").
    static Intercommunalities loadFile(const std::string& path);
    static Intercommunalities fromCsv(const std::string& csvText, const std::string& sourceName);

    // nullptr when no intercommunality has that SIREN.
    const Intercommunality* find(const std::string& siren) const;
    // Usage: for (const Intercommunality* e : epcis.search("lyon")) ...  Names with accents and case ignored,
    // those starting with the query first; a SIREN's digits match by prefix. A blank query matches nothing.
    std::vector<const Intercommunality*> search(const std::string& query, std::size_t limit = 20) const;
    const std::vector<Intercommunality>& all() const { return m_all; }

private:
    std::vector<Intercommunality> m_all;
    std::vector<std::string> m_foldedNames;
    std::unordered_map<std::string, std::size_t> m_bySiren;
};

// The commune an INSEE code counts for in a territory: a municipal arrondissement of Paris (751xx), Lyon
// (6938x) or Marseille (132xx) counts for its city (75056, 69123, 13055), which is the EPCI's member;
// any other code is its own.
std::string municipalityOf(const std::string& inseeCode);

}  // namespace mediane::core
