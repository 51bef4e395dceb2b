// Reference vocabularies (themes, place kinds, equipment, …) loaded from assets/vocab at start or as the hub publishes them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mediane::core {

struct Term {
    std::string code;
    std::string labelFr;
    std::string labelEn;
    std::string coop;                  // the Coop's enum member, for readers of its source
    std::string group;                 // themes: "mediation_numerique" or "demarche_administrative"
    int stars = 0;                     // autonomy and workshop levels: 1-3, as the national export writes them
    std::optional<int> ageBelow;       // age brackets: the bracket holds ages below this (none: the last one)
    std::optional<int> minutes;        // duration presets (none: « personnaliser »)
    std::optional<int> minMinutes;     // duration ranges: [min, max)
    std::optional<int> maxMinutes;
    const std::string& label(const std::string& language) const { return language == "en" ? labelEn : labelFr; }
};

class Vocabulary {
public:
    Vocabulary() = default;
    Vocabulary(std::string name, std::vector<Term> terms);
    const std::string& name() const { return m_name; }
    const std::vector<Term>& terms() const { return m_terms; }
    bool contains(const std::string& code) const;
    const Term* find(const std::string& code) const;
    // The label of a code, or the code itself when unknown (never an empty cell).
    std::string label(const std::string& code, const std::string& language) const;

private:
    std::string m_name;
    std::vector<Term> m_terms;
};

class Vocabularies {
public:
    // Throws mediane::Error (Io) naming the file and the problem when it cannot be read.
    static Vocabularies loadFile(const std::string& path);
    static Vocabularies fromJson(const std::string& jsonText, const std::string& sourceName);

    // Throws mediane::Error (NotFound) for an unknown vocabulary name.
    const Vocabulary& get(const std::string& name) const;
    const Vocabulary& themes() const { return get("themes"); }
    const Vocabulary& equipment() const { return get("equipment"); }
    const Vocabulary& autonomy() const { return get("autonomy"); }
    const Vocabulary& ageBrackets() const { return get("age_brackets"); }
    const Vocabulary& genders() const { return get("genders"); }
    const Vocabulary& socialStatus() const { return get("social_status"); }
    const Vocabulary& placeKinds() const { return get("place_kinds"); }
    const Vocabulary& sessionKinds() const { return get("session_kinds"); }
    const Vocabulary& placeModes() const { return get("place_modes"); }
    const Vocabulary& redirections() const { return get("redirections"); }
    const Vocabulary& workshopLevels() const { return get("workshop_levels"); }
    const Vocabulary& durationPresets() const { return get("duration_presets"); }
    const Vocabulary& durationRanges() const { return get("duration_ranges"); }
    bool has(const std::string& name) const { return m_vocabularies.count(name) != 0; }
    // The version of the set (1: Médiane's first codes; 2: the Coop's); the hub publishes newer ones.
    int version() const { return m_version; }

private:
    std::map<std::string, Vocabulary> m_vocabularies;
    int m_version = 1;
};

// The national activity report's rules that tie vocabularies together.
inline constexpr const char* kAdministrativeParentTheme = "aide_aux_demarches_administratives";
inline constexpr const char* kAdministrativeGroup = "demarche_administrative";
inline constexpr const char* kAgeNotGiven = "non_communique";
// Whether a theme may be chosen only together with « Aide aux démarches administratives ».
bool isAdministrativeTheme(const Vocabularies& vocab, const std::string& theme);
// The age bracket of someone born in birthYear, in the year `year` (the Coop: age = year - birth year).
std::string ageBracketFor(const Vocabularies& vocab, int birthYear, int year);
// The code of the duration range (statistics bucket) a duration falls in.
std::string durationRangeFor(const Vocabularies& vocab, int minutes);

}  // namespace mediane::core
