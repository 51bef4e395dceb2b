#include "hub_fixture.hpp"

#include <atomic>
#include <cstdio>
#include <stdexcept>

#include "sync/protocol/endpoints.hpp"

namespace mediane::test {

json toJson(const Op& op) {
    return {{"op_id", op.opId},         {"seq", op.seq},     {"entity", op.entity}, {"record_id", op.recordId},
            {"op", op.op},              {"base_version", op.baseVersion},
            {"fields", op.fields},      {"hlc", "000000000000001-00000-test"}};
}

json pushBody(const std::string& deviceId, const std::vector<Op>& ops) {
    json batch = json::array();
    for (const auto& op : ops) batch.push_back(toJson(op));
    return {{"protocol_version", sync::kProtocolVersion}, {"device_id", deviceId}, {"batch", batch}};
}

std::string numbered(const char* prefix, long long n) {
    std::string text(prefix);
    text += std::to_string(n);
    return text;
}

// Op ids must be UUIDs on the wire; a counter in the last group keeps them unique and readable in logs.
std::string newOpId() {
    static std::atomic<int> counter{0};
    char text[40];
    std::snprintf(text, sizeof text, "00000000-0000-7000-8000-%012d", ++counter);
    return text;
}

Op learnerCreate(const std::string& recordId, const std::string& pseudonym, std::int64_t seq) {
    return {newOpId(), seq, "learner", recordId, "create", 0,
            {{"pseudonym", pseudonym}, {"commune", "Villeurbanne"}, {"phone", ""}, {"goals", ""}}};
}

Op learnerUpdate(const std::string& recordId, std::int64_t baseVersion, json fields, std::int64_t seq) {
    return {newOpId(), seq, "learner", recordId, "update", baseVersion, std::move(fields)};
}

Op redeemCheque(const std::string& eventId, const std::string& chequeId, std::int64_t seq) {
    // The number is the cheque id's after '#', as laptops send it: the hub matches a cheque's events by number.
    std::int64_t number = 42;
    auto hash = chequeId.rfind('#');
    if (hash != std::string::npos && hash + 1 < chequeId.size() &&
        chequeId.find_first_not_of("0123456789", hash + 1) == std::string::npos)
        number = std::stoll(chequeId.substr(hash + 1));
    return {newOpId(), seq, "cheque_event", eventId, "create", 0,
            {{"cheque_id", chequeId}, {"number", number}, {"kind", "redeemed"}, {"learner_id", "L1"},
             {"session_id", "S1"}, {"on_date", "2026-03-02"}}};
}

std::vector<json> pullAll(const HttpClient& http, int pageSize, int protocol) {
    std::vector<json> all;
    std::int64_t since = 0;
    for (int page = 0; page < 10000; ++page) {
        auto r = http.get("/v1/pull?since=" + std::to_string(since) + "&limit=" + std::to_string(pageSize) +
                          "&protocol=" + std::to_string(protocol));
        if (r.status != 200) throw std::runtime_error("pull failed: " + std::to_string(r.status) + " " + r.body);
        auto body = r.json();
        for (const auto& c : body["changes"]) all.push_back(c);
        since = body["next_since"].get<std::int64_t>();
        if (!body["has_more"].get<bool>()) return all;
    }
    throw std::runtime_error("pull never ended");
}

HubFixture::HubFixture() { hub = std::make_unique<HubProcess>(dir.str()); }

void HubFixture::addUser(const std::string& login, const std::string& role, const std::string& structure,
                         const std::string& territory) {
    std::vector<std::string> args = {"--data", dir.str(), "user", "add", "--login", login, "--role", role,
                                     "--structure", structure};
    if (!territory.empty()) args.insert(args.end(), {"--territory", territory});
    if (runHubTool(args, std::string(kPassword) + "\n") != 0) throw std::runtime_error("user add failed for " + login);
}

HttpClient HubFixture::enroll(const std::string& login, const std::string& deviceId) {
    HttpClient http(hub->url());
    auto r = http.post("/v1/enroll", json{{"protocol_version", sync::kProtocolVersion}, {"login", login}, {"password", kPassword},
                                          {"device_id", deviceId}}.dump());
    if (r.status != 200) throw std::runtime_error("enroll failed: " + std::to_string(r.status) + " " + r.body);
    http.setToken(r.json()["device_token"].get<std::string>());
    return http;
}

HttpResponse HubFixture::push(const HttpClient& http, const std::string& deviceId, const std::vector<Op>& ops) {
    return http.post("/v1/push", pushBody(deviceId, ops).dump());
}

void HubFixture::restart(std::vector<std::string> extraArgs) {
    hub.reset();
    hub = std::make_unique<HubProcess>(dir.str(), std::move(extraArgs));
}

}  // namespace mediane::test
