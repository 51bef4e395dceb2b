// The translation table: every user-visible string goes through it, French first, English available.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/error.hpp"

namespace mediane::core {

class Translator {
public:
    // Loads every assets/i18n/<language>/*.json; French is the fallback for keys missing in another language.
    static Translator load(const std::string& i18nDir, const std::string& language);
    static Translator fromJson(const std::string& language, const std::string& jsonText,
                               const std::string& fallbackJsonText = {});

    const std::string& language() const { return m_language; }
    // The text of a key; the key itself when it is missing, so a gap shows instead of a blank.
    const std::string& tr(const std::string& key) const;
    // Replaces {name} placeholders with params.
    std::string format(const std::string& key, const Error::Params& params) const;
    // A count in words: "<key>.one" or "<key>.other" by the language's rule (French: 0 and 1 are singular;
    // English: only 1), falling back to "<key>" itself; {n} is the count with its thousands separator.
    std::string plural(const std::string& key, std::int64_t n, Error::Params params = {}) const;
    // A count with this language's thousands separator (core/local_format.hpp).
    std::string count(std::int64_t n) const;
    // What an Error says to the user, in this language.
    std::string message(const Error& error) const;
    bool has(const std::string& key) const { return m_table.count(key) > 0; }

private:
    std::string m_language;
    std::map<std::string, std::string> m_table;
};

}  // namespace mediane::core
