#include "core/translator.hpp"

#include "core/local_format.hpp"
#include "core/text_file.hpp"

#include <algorithm>
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

namespace mediane::core {

namespace {
void merge(std::map<std::string, std::string>& table, const std::string& jsonText, const std::string& source) {
    if (jsonText.empty()) return;
    try {
        auto doc = nlohmann::json::parse(jsonText);
        for (auto it = doc.begin(); it != doc.end(); ++it) table[it.key()] = it.value().get<std::string>();
    } catch (const nlohmann::json::exception& e) {
        throw Error(Error::Kind::Io, "err.asset_invalid", {{"file", source}, {"detail", e.what()}});
    }
}
}  // namespace

Translator Translator::load(const std::string& i18nDir, const std::string& language) {
    Translator t;
    t.m_language = language;
    // Each area of the app keeps its own table file (errors.json, ui.json, …) so they grow independently.
    auto mergeDir = [&](const std::string& lang) {
        std::filesystem::path dir = std::filesystem::path(i18nDir) / lang;
        if (!std::filesystem::is_directory(dir))
            throw Error(Error::Kind::Io, "err.file_unreadable", {{"file", dir.string()}, {"detail", "missing"}});
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(dir))
            if (entry.path().extension() == ".json") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) merge(t.m_table, readTextFile(f.string()), f.string());
    };
    mergeDir("fr");  // French is the fallback for any key another language lacks
    if (language != "fr") mergeDir(language);
    return t;
}

Translator Translator::fromJson(const std::string& language, const std::string& jsonText,
                                const std::string& fallbackJsonText) {
    Translator t;
    t.m_language = language;
    merge(t.m_table, fallbackJsonText, "fallback");
    merge(t.m_table, jsonText, language);
    return t;
}

const std::string& Translator::tr(const std::string& key) const {
    auto it = m_table.find(key);
    return it == m_table.end() ? key : it->second;
}

std::string Translator::format(const std::string& key, const Error::Params& params) const {
    std::string text = tr(key);
    for (const auto& [name, value] : params) {
        const std::string token = "{" + name + "}";
        for (auto pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos + value.size()))
            text.replace(pos, token.size(), value);
    }
    return text;
}

std::string Translator::plural(const std::string& key, std::int64_t n, Error::Params params) const {
    const bool singular = m_language == "fr" ? (n == 0 || n == 1 || n == -1) : n == 1;
    std::string chosen = key + (singular ? ".one" : ".other");
    if (!has(chosen)) chosen = key;
    params["n"] = count(n);
    return format(chosen, params);
}

std::string Translator::count(std::int64_t n) const { return formatCount(n, m_language); }

std::string Translator::message(const Error& error) const {
    Error::Params params = error.params();
    // A field name is shown with its label, not its internal key; a coded value (a cheque state…) with
    // its words, when the table has them as "param.<name>.<code>".
    for (auto& [name, value] : params) {
        std::string key = name == "field" ? "field." + value : "param." + name + "." + value;
        if (has(key)) value = tr(key);
    }
    return format(error.key(), params);
}

}  // namespace mediane::core
