// Fuzz target: raw HTTP bytes (one request or several pipelined) handed to the hub's request handling in
// memory (HubServer::processBytes): request line, headers, chunked and gzip bodies, size caps, routing,
// token checks and every route, on a real SqliteHubStore. The devices below hold fixed tokens, so a seed
// request that carries one reaches the authenticated routes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/translator.hpp"
#include "sync/hub/credentials.hpp"
#include "sync/hub/hub_server.hpp"
#include "scratch_hub.hpp"

namespace {
using namespace mediane;
using namespace mediane::hub;

struct Device {
    const char* login;
    const char* role;
    const char* structure;
    const char* territory;
    const char* deviceId;
    const char* token;  // what the seed corpus sends as "Authorization: Bearer …"
};

const Device kDevices[] = {
    {"ana", "adviser", "Centre social Gerland", "Métropole de Lyon", "0192f0c4-0000-7000-8000-00000000000a",
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
    {"bruno", "adviser", "Médiathèque Vaise", "Métropole de Lyon", "0192f0c4-0000-7000-8000-00000000000b",
     "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"},
    {"coord", "coordinator", "Métropole de Lyon - coordination", "Métropole de Lyon",
     "0192f0c4-0000-7000-8000-00000000000c", "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"},
    {"admin", "admin", "Rés'IN", "", "0192f0c4-0000-7000-8000-00000000000d",
     "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"},
};

fuzz::ScratchHub& theHub() {
    static auto* instance = [] {
        auto* h = new fuzz::ScratchHub("http");
        initCrypto();
        // One Argon2 hash for every account: the enroll seeds use this password.
        const std::string hash = hashPassword("correct horse battery");
        for (const auto& d : kDevices) h->store().saveUser({d.login, hash, d.role, d.structure, d.territory});
        h->rememberDataTables();
        return h;
    }();
    return *instance;
}

// Each input starts from the same hub: no records, and the four devices enrolled with their fixed tokens
// (an enroll in an earlier input would otherwise have replaced one).
void resetHub(fuzz::ScratchHub& h) {
    h.wipeData("DELETE FROM devices;");
    const std::int64_t now = std::time(nullptr);
    for (const auto& d : kDevices) h.store().saveDevice(d.deviceId, d.login, tokenHash(d.token), now, now + 86400);
}

ServerOptions options() {
    ServerOptions o;
    o.directorySchemaPath = std::string(MEDIANE_FUZZ_ASSETS) + "/directory/schema.json";
    return o;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto& h = theHub();
    resetHub(h);
    // A server per input: login throttling and body slots keep state, and a crash must replay from its input.
    static const core::Translator translator =
        core::Translator::load(std::string(MEDIANE_FUZZ_ASSETS) + "/i18n", "en");
    HubServer server(h.store(), translator, options());
    (void)server.processBytes(std::string(reinterpret_cast<const char*>(data), size));
    return 0;
}
