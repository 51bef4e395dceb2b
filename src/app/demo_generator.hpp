// A realistic, deterministic demo notebook: five years of a digital-inclusion structure in Lyon Métropole.
#pragma once

#include <cstdint>
#include <string>

namespace mediane::app {

class Notebook;

enum class DemoScale { Small, Large };

struct DemoOptions {
    std::uint64_t seed = 1;
    DemoScale scale = DemoScale::Small;
    // Last day of the simulated period (ISO); empty means today. Tests pin it so two runs match.
    std::string endDate;
};

struct DemoSummary {
    std::int64_t places = 0, learners = 0, learnersWithConsent = 0, sessions = 0, workshops = 0;
    std::int64_t booklets = 0, cheques = 0, chequesGiven = 0, chequesRedeemed = 0, chequesPaid = 0;
    std::int64_t assessments = 0, outboxRows = 0;
    std::string firstDate, lastDate;
    double elapsedSeconds = 0;
};

// Usage: auto summary = generateDemo(*notebook, {.seed = 7, .scale = DemoScale::Large});
// Writes through the store repositories (every record gets its outbox row, as in real use),
// validating each record with the same rules as the forms, in transactions of a few thousand records.
// Throws mediane::Error (Refused, "err.demo_not_empty") when the notebook already holds data,
// so a user's real records are never mixed with demo ones.
DemoSummary generateDemo(Notebook& notebook, const DemoOptions& options);

}  // namespace mediane::app
