#include "sync/protocol/learner_erasure.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "sync/protocol/json_fields.hpp"

namespace mediane::sync {

namespace {
using nlohmann::json;

std::string text(const json& fields, const char* key) {
    auto it = fields.find(key);
    return it != fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "feminin:3" becomes "feminin:4", or "feminin:1" is added. An empty code is « non communiqué »: the
// report counts the anonymous participants no breakdown names as such, so nothing is added.
void addOne(json& sessionFields, const char* key, const std::string& code) {
    if (code.empty()) return;
    json list = sessionFields.contains(key) && sessionFields[key].is_array() ? sessionFields[key] : json::array();
    bool found = false;
    for (auto& item : list) {
        if (!item.is_string()) continue;
        const auto& entry = item.get_ref<const std::string&>();
        auto colon = entry.rfind(':');
        if (colon == std::string::npos || entry.substr(0, colon) != code) continue;
        int count = 0;
        try {
            count = std::stoi(entry.substr(colon + 1));
        } catch (...) {
            count = 0;
        }
        item = code + ":" + std::to_string(count + 1);
        found = true;
        break;
    }
    if (!found) list.push_back(code + ":1");
    sessionFields[key] = list;
}
}  // namespace

ErasedLearnerFacets erasedFacetsOf(const json& learnerFields) {
    return {text(learnerFields, "gender"), text(learnerFields, "age_bracket"), text(learnerFields, "social_status")};
}

std::string firstSessionOf(const std::vector<std::pair<std::string, json>>& sessions) {
    const std::pair<std::string, json>* first = nullptr;
    for (const auto& s : sessions) {
        if (!first || std::make_tuple(text(s.second, "date"), s.first) <
                          std::make_tuple(text(first->second, "date"), first->first))
            first = &s;
    }
    return first ? first->first : std::string();
}

bool anonymiseLearnerInSession(json& sessionFields, const std::string& learnerId, const ErasedLearnerFacets& facets,
                               bool firstSession) {
    auto it = sessionFields.find("learner_ids");
    if (it == sessionFields.end() || !it->is_array()) return false;
    json kept = json::array();
    bool named = false;
    for (const auto& id : *it) {
        if (id.is_string() && id.get_ref<const std::string&>() == learnerId) named = true;
        else kept.push_back(id);
    }
    if (!named) return false;
    sessionFields["learner_ids"] = kept;
    sessionFields["anonymous_count"] = storedInteger(sessionFields, "anonymous_count") + 1;
    addOne(sessionFields, "anonymous_by_gender", facets.gender);
    addOne(sessionFields, "anonymous_by_age", facets.ageBracket);
    addOne(sessionFields, "anonymous_by_status", facets.socialStatus);
    sessionFields["anonymous_already_accompanied"] =
        storedInteger(sessionFields, "anonymous_already_accompanied") + (firstSession ? 0 : 1);
    return true;
}

const std::vector<std::string>& identityFields() {
    static const std::vector<std::string> fields = {"first_name", "last_name", "phone", "email", "consent_date"};
    return fields;
}

json clearedIdentity() {
    json out = json::object();
    for (const auto& f : identityFields()) out[f] = "";
    return out;
}

std::string retentionCutoff(const std::string& today, int months) {
    if (today.size() < 10 || months < 0 || months > 1200) return std::string();
    int year = std::stoi(today.substr(0, 4)), month = std::stoi(today.substr(5, 2)), day = std::stoi(today.substr(8, 2));
    int total = year * 12 + (month - 1) - months;
    year = total / 12;
    month = total % 12 + 1;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int last = kDays[month - 1] + (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0) ? 1 : 0);
    char out[32];  // room for any int, though years stay four digits
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, month, std::min(day, last));
    return out;
}

json fieldNamesOf(const json& fields) {
    json names = json::array();
    if (fields.is_object())
        for (auto it = fields.begin(); it != fields.end(); ++it) names.push_back(it.key());
    return names;
}

}  // namespace mediane::sync
