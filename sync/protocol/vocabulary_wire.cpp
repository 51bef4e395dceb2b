#include "sync/protocol/vocabulary_wire.hpp"

#include "core/vocabulary_upgrade.hpp"

#include <algorithm>

namespace mediane::sync {

namespace {
using nlohmann::json;

// A code, or a French label a version 1 laptop sent back, as the current code; nullopt when it has none.
std::optional<std::string> upgraded(const std::string& vocabulary, const std::string& code,
                                    const core::Vocabularies* current) {
    auto mapped = core::upgradeCode(vocabulary, code);
    if (!mapped || !current || !current->has(vocabulary)) return mapped;
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
}  // namespace

std::vector<core::LegacyCode> upgradeWireFields(const RecordKind& kind, json& fields,
                                                const core::Vocabularies* current) {
    std::vector<core::LegacyCode> kept;
    for (const auto& f : kind.fields) {
        if (f.vocabulary.empty()) continue;
        auto it = fields.find(f.wire);
        if (it == fields.end()) continue;
        json& value = *it;
        if (value.is_string()) {
            const std::string code = value.get<std::string>();
            if (code.empty()) continue;
            if (auto mapped = upgraded(f.vocabulary, code, current)) {
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
                if (auto mapped = upgraded(f.vocabulary, code, current)) {
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
}

}  // namespace mediane::sync
