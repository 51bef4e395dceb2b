// The fleet's accounts and enrolled laptops: made through the hub's admin command and /v1/enroll, kept in a state file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mediane::bench {

struct FleetLaptop {
    std::string deviceId;
    std::string token;
    std::string login;
};

struct FleetState {
    std::vector<FleetLaptop> laptops;
    std::int64_t cursor = 0;  // the newest server_seq pushed by earlier runs: where their laptops' pulls resume
    int runs = 0;
};

struct SetupOptions {
    std::string hubUrl;
    std::vector<std::string> adminArgs;  // what precedes `user add` for resin-hub to reach the hub's accounts
    int laptops = 0;
    int laptopsPerStructure = 4;         // one adviser account per structure, its laptops enrolled under it
    int parallel = 2;                    // account creations and enrolments at once (each is one Argon2 hash)
};

// Loads FILE, or an empty state when it does not exist. Throws std::runtime_error on a file it cannot read.
FleetState loadFleetState(const std::string& file);
void saveFleetState(const std::string& file, const FleetState& state);

// Adds accounts and enrols laptops until `state` holds options.laptops of them; prints progress to stderr.
// Throws std::runtime_error naming the account or device that failed, with the hub's answer.
void completeFleet(FleetState& state, const SetupOptions& options);

}  // namespace mediane::bench
