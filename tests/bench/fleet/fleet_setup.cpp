#include "fleet_setup.hpp"

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>

#include "fleet_connection.hpp"
#include "hub_process.hpp"
#include "sync/protocol/wire_codec.hpp"

namespace mediane::bench {

namespace {
using nlohmann::json;
constexpr const char* kPassword = "fleet bench password";

std::string numbered(const char* prefix, int n) {
    std::string text(prefix);
    text += std::to_string(n);
    return text;
}

// Runs `work(i)` for i in [0, count) on `parallel` threads; the first exception is rethrown once all stopped.
template <class Work>
void inParallel(int count, int parallel, Work work) {
    std::atomic<int> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    std::vector<std::thread> threads;
    for (int t = 0; t < std::max(parallel, 1); ++t)
        threads.emplace_back([&] {
            for (int i = next++; i < count; i = next++) {
                try {
                    work(i);
                } catch (...) {
                    std::lock_guard lock(failureMutex);
                    if (!failure) failure = std::current_exception();
                    next = count;
                }
            }
        });
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
}
}  // namespace

FleetState loadFleetState(const std::string& file) {
    FleetState state;
    if (!std::filesystem::exists(file)) return state;
    std::ifstream in(file);
    json doc;
    try {
        doc = json::parse(in);
        for (const auto& l : doc.at("laptops"))
            state.laptops.push_back({l.at("device").get<std::string>(), l.at("token").get<std::string>(),
                                     l.at("login").get<std::string>()});
        state.cursor = doc.at("cursor").get<std::int64_t>();
        state.runs = doc.at("runs").get<int>();
    } catch (const json::exception& e) {
        throw std::runtime_error("cannot read the fleet state " + file + ": " + e.what());
    }
    return state;
}

void saveFleetState(const std::string& file, const FleetState& state) {
    json laptops = json::array();
    for (const auto& l : state.laptops) laptops.push_back({{"device", l.deviceId}, {"token", l.token}, {"login", l.login}});
    std::ofstream out(file, std::ios::trunc);
    out << json{{"laptops", laptops}, {"cursor", state.cursor}, {"runs", state.runs}}.dump(1) << "\n";
    if (!out) throw std::runtime_error("cannot write the fleet state " + file);
}

void completeFleet(FleetState& state, const SetupOptions& options) {
    const int have = static_cast<int>(state.laptops.size());
    if (have >= options.laptops) return;
    const int perStructure = std::max(options.laptopsPerStructure, 1);
    // Accounts for the structures the new laptops fall in that earlier runs did not create.
    const int firstStructure = have / perStructure + (have % perStructure ? 1 : 0);
    const int structures = (options.laptops + perStructure - 1) / perStructure;
    std::fprintf(stderr, "setup: %d accounts to create, %d laptops to enrol\n", structures - firstStructure,
                 options.laptops - have);
    inParallel(structures - firstStructure, options.parallel, [&](int i) {
        int structure = firstStructure + i;
        auto args = options.adminArgs;
        // Territories of 25 structures, as a Métropole's coordinator would see them.
        args.insert(args.end(), {"user", "add", "--login", numbered("fleet-adviser-", structure), "--role", "adviser",
                                 "--structure", numbered("fleet-structure-", structure), "--territory",
                                 numbered("fleet-territory-", structure / 25)});
        if (test::runHubTool(args, std::string(kPassword) + "\n") != 0)
            throw std::runtime_error("resin-hub user add failed for structure " + std::to_string(structure));
    });
    std::vector<FleetLaptop> added(static_cast<std::size_t>(options.laptops - have));
    std::atomic<int> done{0};
    inParallel(options.laptops - have, options.parallel, [&](int i) {
        int index = have + i;
        FleetLaptop laptop{numbered("fleet-laptop-", index), "", numbered("fleet-adviser-", index / perStructure)};
        sync::EnrollRequest request;
        request.login = laptop.login;
        request.password = kPassword;
        request.deviceId = laptop.deviceId;
        thread_local std::unique_ptr<FleetConnection> connection;
        if (!connection) connection = std::make_unique<FleetConnection>(options.hubUrl);
        for (int attempt = 0;; ++attempt) {
            auto answer = connection->post("/v1/enroll", sync::encode(request).dump(), "", false);
            if (answer.status == 200) {
                laptop.token = sync::decodeEnrollResponse(answer.body).deviceToken;
                break;
            }
            // The hub checks two passwords at once and asks the others to come back (503 busy).
            if (answer.status == 503 && attempt < 10) {
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
                continue;
            }
            throw std::runtime_error("enrolling " + laptop.deviceId + " failed: " + std::to_string(answer.status) +
                                     " " + answer.body + answer.error);
        }
        added[static_cast<std::size_t>(i)] = laptop;
        if (int n = ++done; n % 500 == 0) std::fprintf(stderr, "setup: %d laptops enrolled\n", n);
    });
    state.laptops.insert(state.laptops.end(), added.begin(), added.end());
}

}  // namespace mediane::bench
