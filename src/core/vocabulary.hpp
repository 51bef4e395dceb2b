// Reference vocabularies (themes, place kinds, equipment, …) loaded from assets/vocab at start.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace mediane::core {

struct Term {
    std::string code;
    std::string labelFr;
    std::string labelEn;
    const std::string& label(const std::string& language) const { return language == "en" ? labelEn : labelFr; }
};

class Vocabulary {
public:
    Vocabulary() = default;
    Vocabulary(std::string name, std::vector<Term> terms);
    const std::string& name() const { return m_name; }
    const std::vector<Term>& terms() const { return m_terms; }
    bool contains(const std::string& code) const;
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

private:
    std::map<std::string, Vocabulary> m_vocabularies;
};

}  // namespace mediane::core
