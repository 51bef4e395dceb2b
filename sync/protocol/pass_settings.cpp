#include "sync/protocol/pass_settings.hpp"

#include <cstdint>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace mediane::sync {

namespace {
using nlohmann::json;

bool isFlag(const json& v) { return v.is_number_integer() && (v.get<std::int64_t>() == 0 || v.get<std::int64_t>() == 1); }

bool inRange(const json& v, std::int64_t low, std::int64_t high) {
    return v.is_number_integer() && v.get<std::int64_t>() >= low && v.get<std::int64_t>() <= high;
}

std::string text(const json& fields, const char* key) {
    auto it = fields.find(key);
    return it != fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::string> profileProblem(const std::string& recordId, const json& fields, bool create) {
    for (const char* flag : {"distributor", "qualified_place"})
        if (fields.contains(flag) && !isFlag(fields[flag])) return std::string("fields.") + flag;
    if (fields.contains("grace_days") && !inRange(fields["grace_days"], 0, kMaxGraceDays)) return "fields.grace_days";
    if (create && passProfileId(text(fields, "structure")) != recordId) return "record_id";
    return std::nullopt;
}

std::optional<std::string> serviceProblem(const std::string& recordId, const json& fields, bool create) {
    if (fields.contains("code") && !(fields["code"].is_string() && isServiceCode(fields["code"].get<std::string>())))
        return "fields.code";
    if (fields.contains("label") &&
        !(fields["label"].is_string() && fields["label"].get<std::string>().size() <= kMaxServiceLabelLength))
        return "fields.label";
    if (fields.contains("cheques") && !inRange(fields["cheques"], 1, kMaxServiceCheques)) return "fields.cheques";
    if (fields.contains("withdrawn") && !isFlag(fields["withdrawn"])) return "fields.withdrawn";
    if (create) {
        if (!fields.contains("code")) return "fields.code";
        if (passServiceId(text(fields, "structure"), text(fields, "code")) != recordId) return "record_id";
    } else if (fields.contains("code")) {
        // The code is part of the id: a service renamed is a new service, the old one withdrawn.
        return "fields.code";
    }
    return std::nullopt;
}
}  // namespace

std::string passProfileId(const std::string& structure) {
    std::string readable;
    for (char c : structure) {
        if (readable.size() >= 40) break;
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        readable.push_back(plain ? c : '_');
    }
    std::uint32_t hash = 2166136261u;  // FNV-1a: the same on every laptop and the hub, no library needed
    for (unsigned char c : structure) hash = (hash ^ c) * 16777619u;
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", hash);
    return readable + "." + hex;
}

std::string passServiceId(const std::string& structure, const std::string& code) {
    return passProfileId(structure) + ":" + code;
}

bool isServiceCode(const std::string& code) {
    if (code.empty() || code.size() > kMaxServiceCodeLength) return false;
    for (char c : code)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
    return true;
}

std::optional<std::string> passSettingsProblem(const std::string& entity, const std::string& recordId,
                                               const json& fields, bool create) {
    if (!fields.is_object()) return "fields";
    if (entity == "pass_profile") return profileProblem(recordId, fields, create);
    if (entity == "pass_service") return serviceProblem(recordId, fields, create);
    return std::nullopt;
}

}  // namespace mediane::sync
