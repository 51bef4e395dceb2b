// Fuzz target: push batches decoded from the input and applied by the hub's PushApplier to a real SqliteHubStore.
// The input is one to four push request bodies separated by a line "###"; each is applied as the device it
// names (an adviser, another structure's adviser, a coordinator or an admin), so one input can create a
// record on one laptop, edit it concurrently on another and resolve the conflict as the coordinator.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "sync/hub/access_policy.hpp"
#include "sync/hub/push_applier.hpp"
#include "scratch_hub.hpp"
#include "sync/protocol/wire_codec.hpp"

namespace {
using namespace mediane;
using namespace mediane::hub;

// Users as the integration tests set them up: two structures of one territory, a third elsewhere, a
// coordinator of that territory and an admin; each pushes from the device "laptop-<login>".
const UserAccount kUsers[] = {
    {"ana", "", "adviser", "Centre social Gerland", "Métropole de Lyon"},
    {"bruno", "", "adviser", "Médiathèque Vaise", "Métropole de Lyon"},
    {"chloe", "", "adviser", "Espace numérique Reims", "Grand Reims"},
    {"coord", "", "coordinator", "Métropole de Lyon - coordination", "Métropole de Lyon"},
    {"admin", "", "admin", "Rés'IN", ""},
};

struct Hub {
    fuzz::ScratchHub files{"push"};
    std::map<std::string, Principal> byDevice;  // "laptop-ana" → ana's principal
    SqliteHubStore& store() { return files.store(); }
};

Hub& theHub() {
    static Hub* instance = [] {
        auto* h = new Hub;
        for (auto user : kUsers) {
            user.passwordHash = "unused";
            h->store().saveUser(user);
            // No device rows: the applier trusts the principal it is given, as the server hands it one
            // after checking the token (the token checks are the HTTP target's business).
            std::string device = "laptop-" + user.login;
            h->byDevice[device] = Principal{device, user.login, user.role, user.structure, user.territory};
        }
        h->files.rememberDataTables();
        return h;
    }();
    return *instance;
}

std::vector<std::string> splitRequests(const std::string& text) {
    std::vector<std::string> parts;
    const std::string separator = "\n###\n";
    std::size_t start = 0;
    while (parts.size() < 3) {
        auto at = text.find(separator, start);
        if (at == std::string::npos) break;
        parts.push_back(text.substr(start, at - start));
        start = at + separator.size();
    }
    parts.push_back(text.substr(start));
    return parts;
}

void applyAs(Hub& h, const sync::PushRequest& request) {
    auto it = h.byDevice.find(request.deviceId);
    const Principal& principal = it != h.byDevice.end() ? it->second : h.byDevice.at("laptop-ana");
    auto response = PushApplier(h.store(), principal).apply(request);
    if (response.results.size() != request.batch.size()) {
        std::fprintf(stderr, "%zu results for %zu ops\n", response.results.size(), request.batch.size());
        std::abort();
    }
    // What was stored must read back and encode for every puller: the change feed and the conflict inbox.
    auto scope = scopeOf(principal, h.store());
    (void)sync::encode(response).dump();
    for (const auto& change : h.store().changesSince(0, 1000, scope, hub::HeldByPuller{})) (void)sync::encode(change).dump();
    for (const auto& entry : h.store().conflicts(0, 1000, scope)) (void)entry.details.dump();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Hub& h = theHub();
    h.files.wipeData();
    for (const auto& part : splitRequests(std::string(reinterpret_cast<const char*>(data), size))) {
        sync::PushRequest request;
        try {
            request = sync::decodePushRequest(part);
        } catch (const Error&) {
            continue;
        }
        try {
            applyAs(h, request);
        } catch (const Error&) {
            // A refused batch is rolled back and answered with an error: the hub stays up.
        }
    }
    return 0;
}
