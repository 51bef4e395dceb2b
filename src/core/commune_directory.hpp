// The national list of French communes (assets/communes), searched by name or code as the adviser types.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace mediane::core {

// A current commune or a municipal arrondissement of Paris, Lyon or Marseille.
struct Commune {
    std::string inseeCode;                 // 5 characters; Corsica's start with 2A or 2B
    std::string name;                      // official name, with its accents
    std::vector<std::string> postalCodes;  // may be empty (a few overseas communes have none)
    std::string department;                // INSEE code of the department
    int population = 0;                    // 0 when INSEE publishes none
};

class CommuneDirectory {
public:
    // Reads assets/communes/communes.csv (code_insee, nom, codes_postaux, departement, population).
    // Throws mediane::Error (Io, "err.asset_invalid") naming the file and the line of a malformed row,
    // or (Io, "err.file_unreadable") when the file cannot be read.
    static CommuneDirectory loadFile(const std::string& path);
    // The same from the file's text; sourceName is what errors name as the file.
    static CommuneDirectory fromCsv(const std::string& csvText, const std::string& sourceName);

    // Usage: for (const Commune* c : communes.search("st etienne")) ...
    // Digits (or 2A/2B then digits) match postal codes and INSEE codes by prefix, exact codes first.
    // Anything else matches names with case, accents, hyphens and apostrophes ignored: the whole name
    // equal, then starting with the query, then a word of it starting with the query, then the query
    // anywhere in it; ties go to the larger population. A blank query matches nothing.
    // The pointers stay valid as long as this directory.
    std::vector<const Commune*> search(const std::string& query, std::size_t limit = 20) const;

    // nullptr when no commune has that INSEE code ("2a004" finds 2A004).
    const Commune* findByInsee(const std::string& inseeCode) const;

    std::size_t size() const { return m_communes.size(); }

private:
    std::vector<const Commune*> searchCodes(const std::string& code, std::size_t limit) const;
    std::vector<const Commune*> searchNames(const std::string& foldedQuery, std::size_t limit) const;

    std::vector<Commune> m_communes;
    // Folded once at load so a keystroke costs one scan of short strings, not 35,000 foldings.
    std::vector<std::string> m_foldedNames;
    std::unordered_map<std::string, std::size_t> m_byInsee;
};

// What a picker shows: "Lyon 3e Arrondissement (69003)"; the name alone when there is no postal code.
std::string displayLabel(const Commune& commune);

}  // namespace mediane::core
