// A fresh hub per test: a TempDir, accounts created through the real CLI, enrolled devices, op builders.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hub_process.hpp"
#include "http_client.hpp"
#include "support/temp_dir.hpp"

namespace mediane::test {

using nlohmann::json;

struct Op {
    std::string opId;
    std::int64_t seq = 1;
    std::string entity = "learner";
    std::string recordId;
    std::string op = "create";
    std::int64_t baseVersion = 0;
    json fields = json::object();
};

json toJson(const Op& op);
// Usage: pushBody("laptop-1", {learnerCreate("L1", "Ana"), ...})  // protocol version 2, as this build pushes
json pushBody(const std::string& deviceId, const std::vector<Op>& ops);
Op learnerCreate(const std::string& recordId, const std::string& pseudonym, std::int64_t seq = 1);
Op learnerUpdate(const std::string& recordId, std::int64_t baseVersion, json fields, std::int64_t seq = 1);
Op redeemCheque(const std::string& eventId, const std::string& chequeId, std::int64_t seq = 1);
std::string newOpId();
// "L" + 12 → "L12" (appending sidesteps a false -Wrestrict of g++ 12 on literal + to_string).
std::string numbered(const char* prefix, long long n);

// Every change visible to the device, following next_since until has_more is false, in protocol `protocol`
// (2: this build's laptops; 1: the first release's, which sends no protocol parameter).
std::vector<json> pullAll(const HttpClient& http, int pageSize = 500, int protocol = 2);

class HubFixture {
public:
    HubFixture();
    // Creates the account through `resin-hub user add` (password on stdin, as an admin would).
    void addUser(const std::string& login, const std::string& role, const std::string& structure,
                 const std::string& territory = {});
    // Enrolls a device for the login and returns a client carrying its token.
    HttpClient enroll(const std::string& login, const std::string& deviceId);
    HttpResponse push(const HttpClient& http, const std::string& deviceId, const std::vector<Op>& ops);
    void restart(std::vector<std::string> extraArgs = {});

    TempDir dir;
    std::unique_ptr<HubProcess> hub;
    static constexpr const char* kPassword = "correct horse battery";
};

}  // namespace mediane::test
