// One adviser's laptop's day of work as the sync outbox would push it: learners, sessions, cheque events, assessments.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sync/protocol/wire_types.hpp"

namespace mediane::bench {

// Usage: auto ops = laptopDay({run, laptopIndex, "2026-12-02"});  // the same inputs give the same ops
struct DaySpec {
    std::string run;        // a short tag made unique per bench run, so a hub kept from an earlier run takes new records
    int laptop = 0;         // the laptop's index in the fleet: its records' ids and cheque numbers derive from it
    std::string date;       // ISO date of the day
    int sessions = 20;
};

// About 20 sessions (one in five a workshop with several learners and anonymous participants), the learners
// they name (created that day, two corrected later in the day), Pass numérique cheques handed out and redeemed
// (numbers unique to the laptop: no over-redemption), and CRCN assessments of some of the learners. Ops are in
// the laptop's order (seq 1, 2, ...), with codes of the current vocabularies, so the hub applies all of them.
std::vector<sync::WireOp> laptopDay(const DaySpec& spec);

// A push body as a laptop sends it: protocol 2, the device's id, the batch.
std::string pushBody(const std::string& deviceId, const std::vector<sync::WireOp>& batch);

}  // namespace mediane::bench
