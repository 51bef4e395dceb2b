// Pieces the Pass numérique tests across laptops and a hub share: a booklet of this year, a session with a learner.
#pragma once

#include <functional>
#include <string>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "sync_fixture.hpp"

namespace mediane::test {

inline int thisYear() { return std::stoi(core::today().substr(0, 4)); }

// Cheques 5000–5009 of this year, funded by the Métropole.
inline core::PassBooklet bookletOf(const std::string& structure) {
    core::PassBooklet b;
    b.structure = structure;
    b.firstNumber = 5000;
    b.lastNumber = 5009;
    b.faceValueCents = 1000;
    b.receivedOn = core::addDays(core::today(), -3);
    b.funder = "Métropole de Lyon";
    b.validYear = thisYear();
    return b;
}

// Today's individual session at home with one learner, not yet recorded.
inline core::Session sessionDraft(const std::string& learnerId) {
    core::Session s;
    s.date = core::today();
    s.durationMinutes = 60;
    s.kind = core::SessionKind::Individual;
    s.placeMode = core::PlaceMode::Home;
    s.communeName = "Vénissieux";
    s.communeInsee = "69259";
    s.learnerIds = {learnerId};
    s.themes = {"aide_aux_demarches_administratives"};
    return s;
}

// The key of the error the call throws, "no error" when it does not.
inline std::string refusalOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.key();
    }
    return "no error";
}

}  // namespace mediane::test
