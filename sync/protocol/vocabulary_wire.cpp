#include "sync/protocol/vocabulary_wire.hpp"

#include "core/vocabulary_upgrade.hpp"

#include <algorithm>
#include <functional>

namespace mediane::sync {

namespace {
using nlohmann::json;

// A code, or a French label a version 1 laptop sent back, as the current code; nullopt when it has none.
std::optional<std::string> upgraded(const std::string& vocabulary, const std::string& code,
                                    const core::Vocabularies* current) {
    const bool known = current && current->has(vocabulary);
    if (known && current->get(vocabulary).contains(code)) return code;
    auto mapped = core::upgradeCode(vocabulary, code);
    if (!mapped || !known) return mapped;
    for (const auto& t : current->get(vocabulary).terms())
        if (t.labelFr == code) return t.code;
    return mapped;
}

std::string oneOffKind(const json& fields) {
    std::size_t people = 0;
    if (auto it = fields.find("learner_ids"); it != fields.end() && it->is_array()) people += it->size();
    if (auto it = fields.find("anonymous_count"); it != fields.end() && it->is_number_integer())
        people += static_cast<std::size_t>(std::max<std::int64_t>(0, it->get<std::int64_t>()));
    return people > 1 ? "collectif" : "individuel";
}

// What becomes of one code: a new code, or nullopt (the code leaves its field for legacy_codes).
using Recode = std::function<std::optional<std::string>(const std::string& vocabulary, const std::string& code)>;

// Runs `recode` over every coded field; a code it refuses is appended to legacy_codes and returned.
std::vector<core::LegacyCode> recodeFields(const RecordKind& kind, json& fields, const Recode& recode) {
    std::vector<core::LegacyCode> kept;
    for (const auto& f : kind.fields) {
        if (f.vocabulary.empty()) continue;
        auto it = fields.find(f.wire);
        if (it == fields.end()) continue;
        json& value = *it;
        if (value.is_string()) {
            const std::string code = value.get<std::string>();
            if (code.empty()) continue;
            if (auto mapped = recode(f.vocabulary, code)) {
                value = *mapped;
                continue;
            }
            kept.push_back({f.wire, code});
            // A session's type is required: one-off help takes the type its participants give it.
            value = f.wire == "kind" ? json(oneOffKind(fields)) : json("");
        } else if (value.is_array()) {
            json out = json::array();
            for (const auto& item : value) {
                if (!item.is_string()) {
                    out.push_back(item);
                    continue;
                }
                std::string code = item.get<std::string>();
                std::string suffix;
                if (f.headCounts) {
                    auto colon = code.rfind(':');
                    if (colon == std::string::npos) {
                        out.push_back(item);
                        continue;
                    }
                    suffix = code.substr(colon);
                    code = code.substr(0, colon);
                }
                if (auto mapped = recode(f.vocabulary, code)) {
                    if (std::find(out.begin(), out.end(), json(*mapped + suffix)) == out.end())
                        out.push_back(*mapped + suffix);
                } else {
                    kept.push_back({f.wire, code});
                }
            }
            value = std::move(out);
        }
    }
    if (!kept.empty()) {
        std::string legacy;
        if (auto it = fields.find(kLegacyCodesField); it != fields.end() && it->is_string()) legacy = it->get<std::string>();
        for (const auto& k : kept) legacy = core::withLegacyCode(legacy, k);
        fields[std::string(kLegacyCodesField)] = legacy;
    }
    return kept;
}

// Whether `code` was a version 1 code of the vocabulary (an entry of the mapping table's old side).
bool isVersionOneCode(std::string_view vocabulary, const std::string& code) {
    for (const auto& m : core::vocabularyMappings())
        if (m.vocabulary == vocabulary && m.oldCode == code) return true;
    return false;
}

// Puts back the version 1 codes the upgrade moved to legacy_codes, for a version 1 laptop.
void restoreLegacyCodes(const RecordKind& kind, json& fields) {
    auto legacy = fields.find(kLegacyCodesField);
    if (legacy == fields.end() || !legacy->is_string()) return;
    for (const auto& kept : core::parseLegacyCodes(legacy->get<std::string>())) {
        const auto* f = kind.field(kept.field);
        if (!f || f->vocabulary.empty() || f->headCounts || !isVersionOneCode(f->vocabulary, kept.code)) continue;
        auto it = fields.find(kept.field);
        if (it == fields.end()) continue;
        if (it->is_array()) {
            if (std::find(it->begin(), it->end(), json(kept.code)) == it->end()) it->push_back(kept.code);
        } else if (it->is_string() && (kept.field == "kind" || it->get_ref<const std::string&>().empty())) {
            // The type the upgrade derived stands in for "oneoff"; any other emptied field is empty still.
            *it = kept.code;
        }
    }
}
}  // namespace

std::vector<core::LegacyCode> upgradeWireFields(const RecordKind& kind, json& fields,
                                                const core::Vocabularies* current) {
    return recodeFields(kind, fields, [current](const std::string& vocabulary, const std::string& code) {
        return upgraded(vocabulary, code, current);
    });
}

void downgradeWireFields(const RecordKind& kind, json& fields, const core::Vocabularies& current) {
    auto down = [&](const std::string& vocabulary, const std::string& code) -> std::string {
        if (auto old = core::downgradeCode(vocabulary, code)) return *old;
        if (current.has(vocabulary))
            if (const auto* term = current.get(vocabulary).find(code)) return term->labelFr;
        return code;
    };
    for (const auto& f : kind.fields) {
        if (f.vocabulary.empty()) continue;
        auto it = fields.find(f.wire);
        if (it == fields.end()) continue;
        if (it->is_string() && !it->get_ref<const std::string&>().empty()) {
            *it = down(f.vocabulary, it->get<std::string>());
        } else if (it->is_array()) {
            for (auto& item : *it) {
                if (!item.is_string()) continue;
                std::string code = item.get<std::string>();
                std::string suffix;
                if (f.headCounts) {
                    auto colon = code.rfind(':');
                    if (colon == std::string::npos) continue;
                    suffix = code.substr(colon);
                    code = code.substr(0, colon);
                }
                item = down(f.vocabulary, code) + suffix;
            }
        }
    }
    restoreLegacyCodes(kind, fields);
}

std::vector<core::LegacyCode> retireWireCodes(const RecordKind& kind, json& fields,
                                              const std::vector<CodeRetirement>& retired) {
    if (retired.empty()) return {};
    return recodeFields(kind, fields, [&retired](const std::string& vocabulary, const std::string& code)
                                          -> std::optional<std::string> {
        // Later publications come last: a code retired twice takes its latest replacement.
        std::optional<std::string> out = code;
        for (const auto& r : retired)
            if (r.vocabulary == vocabulary && r.code == *out) {
                if (r.replacedBy.empty()) return std::nullopt;
                out = r.replacedBy;
            }
        return out;
    });
}

bool usesCode(const RecordKind& kind, const json& fields, const std::string& vocabulary, const std::string& code) {
    for (const auto& f : kind.fields) {
        if (f.vocabulary != vocabulary) continue;
        auto it = fields.find(f.wire);
        if (it == fields.end()) continue;
        if (it->is_string() && it->get_ref<const std::string&>() == code) return true;
        if (!it->is_array()) continue;
        for (const auto& item : *it) {
            if (!item.is_string()) continue;
            const auto& text = item.get_ref<const std::string&>();
            if (text == code) return true;
            if (f.headCounts && text.size() > code.size() && text.compare(0, code.size(), code) == 0 &&
                text[code.size()] == ':')
                return true;
        }
    }
    return false;
}

}  // namespace mediane::sync
