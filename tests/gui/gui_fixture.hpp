// A notebook on disk with one place, three learners and a booklet of cheques: what the GUI tests type against.
#pragma once

#include <memory>

#include "app/app_state.hpp"
#include "app/notebook.hpp"
#include "core/calendar.hpp"
#include "support/temp_dir.hpp"

namespace mediane::test {

struct GuiFixture {
    TempDir dir;
    std::unique_ptr<app::Notebook> notebook = app::Notebook::open(dir.str(), assetsDir());
    core::Place library;
    core::Learner marie, jean, lea;

    GuiFixture() {
        core::Place p;
        p.name = "Médiathèque Jean-Jaurès";
        p.kind = "BIB";
        p.commune = "Roubaix";
        library = notebook->addPlace(p);
        marie = learner("Dupont Marie", "Roubaix");
        jean = learner("Dupuis Jean", "Tourcoing");
        lea = learner("Martin Léa", "Lille");
        core::PassBooklet b;
        b.structure = "Médiathèque Jean-Jaurès";
        b.firstNumber = 1000;
        b.lastNumber = 1009;
        b.faceValueCents = 1000;
        b.receivedOn = core::today();
        b.expiry = core::addDays(core::today(), 365);
        notebook->receiveBooklet(b);
    }

    core::Learner learner(const std::string& pseudonym, const std::string& commune) {
        core::Learner l;
        l.pseudonym = pseudonym;
        l.commune = commune;
        return notebook->createLearner(l);
    }

    // A session that redeems a cheque, so the form can be shown a cheque already used.
    void redeemElsewhere(std::int64_t number) {
        core::Session s;
        s.date = core::today();
        s.placeId = library.id;
        s.learnerIds = {lea.id};
        s.themes = {"email"};
        s.chequesRedeemed = {number};
        notebook->recordSession(s);
    }
};

}  // namespace mediane::test
