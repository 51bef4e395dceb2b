// PassDesk: the Pass numérique view-model on a real notebook on disk.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "app/pass_desk.hpp"
#include "core/error.hpp"
#include "support/temp_dir.hpp"

using namespace mediane;

namespace {

constexpr const char* kToday = "2026-06-15";

core::PassBooklet booklet(std::int64_t first, std::int64_t last, const std::string& expiry,
                          const std::string& received = "2026-01-05") {
    return {"", "Centre social Parilly", first, last, 2000, expiry, received};
}

core::Learner learner(app::Notebook& notebook, const std::string& pseudonym) {
    core::Learner l;
    l.pseudonym = pseudonym;
    return notebook.createLearner(l);
}

// A session redeeming the given cheques, on a date before the cheques' expiry.
void redeem(app::Notebook& notebook, const std::string& learnerId, std::vector<std::int64_t> numbers,
            const std::string& date) {
    core::Session s;
    s.date = date;
    s.durationMinutes = 60;
    s.kind = core::SessionKind::Individual;
    s.placeMode = core::PlaceMode::Remote;
    s.learnerIds = {learnerId};
    s.themes = {"aide_aux_demarches_administratives"};
    s.chequesRedeemed = std::move(numbers);
    notebook.recordSession(s);
}

// Frames of the screen until the reader thread's figures landed; waits, asserts nothing about time.
void framesUntilFigures(app::PassDesk& desk, app::Notebook& notebook, int wanted) {
    for (int frame = 0; frame < 3000; ++frame) {
        desk.notice(notebook.status());
        desk.refresh();
        if (desk.figuresReady() && desk.stock().received == wanted) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace

TEST_CASE("the stock follows a booklet through give, redeem and payment", "[pass_desk]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    app::PassDesk desk(*notebook, kToday);
    auto who = learner(*notebook, "Bénéficiaire 0101");

    desk.receiveBooklet(booklet(5001, 5010, "2026-12-31"));
    desk.giveCheque(5001, who.id, "2026-06-01");
    desk.giveCheque(5002, who.id, "2026-06-01");
    desk.giveCheque(5003, who.id, "2026-06-02");
    redeem(*notebook, who.id, {5001, 5002}, "2026-06-03");
    notebook->payCheques({{5001, 1000, "2026-06-10"}});
    desk.notice(notebook->status());
    desk.refresh();

    const auto& s = desk.stock();
    CHECK(s.received == 10);
    CHECK(s.inStock == 7);
    CHECK(s.given == 1);
    CHECK(s.redeemed == 1);
    CHECK(s.paid == 1);
    CHECK(s.expired == 0);
    CHECK(s.expiringSoon == 0);

    REQUIRE(desk.booklets().size() == 1);
    CHECK(desk.booklets()[0].firstNumber == 5001);

    REQUIRE(desk.monthlyUse().size() == 1);
    CHECK(desk.monthlyUse()[0].month == "2026-06");
    CHECK(desk.monthlyUse()[0].given == 3);
    CHECK(desk.monthlyUse()[0].redeemed == 2);
    CHECK(desk.monthlyUse()[0].paid == 1);
}

TEST_CASE("cheques expiring within 30 days and expired ones are counted apart from the stock", "[pass_desk]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    app::PassDesk desk(*notebook, kToday);
    desk.receiveBooklet(booklet(100, 104, "2026-05-31"));  // expired
    desk.receiveBooklet(booklet(200, 202, "2026-07-01"));  // expiring within 30 days
    desk.refresh();
    CHECK(desk.stock().received == 8);
    CHECK(desk.stock().expired == 5);
    CHECK(desk.stock().inStock == 3);
    CHECK(desk.stock().expiringSoon == 3);
}

TEST_CASE("giving an expired cheque is refused with the expiry date and changes nothing", "[pass_desk]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    app::PassDesk desk(*notebook, kToday);
    auto who = learner(*notebook, "Bénéficiaire 0102");
    desk.receiveBooklet(booklet(300, 309, "2026-05-31"));
    auto pendingBefore = notebook->outbox().pendingCount();

    try {
        desk.giveCheque(305, who.id, kToday);
        FAIL("an expired cheque was given");
    } catch (const Error& e) {
        CHECK(e.key() == "err.cheque_expired");
        CHECK(e.params().at("expiry") == "2026-05-31");
        CHECK(e.params().at("number") == "305");
        CHECK(e.field() == "cheque");
    }
    CHECK(notebook->outbox().pendingCount() == pendingBefore);
    desk.refresh();
    CHECK(desk.stock().given == 0);
    desk.setStateFilter("given");
    CHECK(desk.cheques().empty());
}

TEST_CASE("paying a cheque that was never redeemed, or twice, is refused", "[pass_desk]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    app::PassDesk desk(*notebook, kToday);
    auto who = learner(*notebook, "Bénéficiaire 0103");
    desk.receiveBooklet(booklet(400, 401, "2026-12-31"));
    desk.giveCheque(400, who.id, "2026-06-01");
    try {
        notebook->payCheques({{400, 1000, kToday}});
        FAIL("a cheque not redeemed was paid");
    } catch (const Error& e) {
        CHECK(e.key() == "err.cheque_not_redeemed");
    }
    redeem(*notebook, who.id, {400}, "2026-06-02");
    notebook->payCheques({{400, 1000, kToday}});
    try {
        notebook->payCheques({{400, 1000, kToday}});
        FAIL("a cheque was paid twice");
    } catch (const Error& e) {
        CHECK(e.key() == "err.cheque_already_paid");
    }
}

TEST_CASE("the figures are read again only after the notebook changed", "[pass_desk]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    app::PassDesk desk(*notebook, kToday);
    for (int frame = 0; frame < 5; ++frame) {
        desk.notice(notebook->status());
        desk.refresh();
    }
    CHECK(desk.refreshCount() == 1);

    notebook->receiveBooklet(booklet(600, 609, "2026-12-31"));  // from elsewhere, e.g. the CLI's demo
    for (int frame = 0; frame < 5; ++frame) {
        desk.notice(notebook->status());
        desk.refresh();
    }
    CHECK(desk.refreshCount() == 2);
    CHECK(desk.stock().inStock == 10);
}

TEST_CASE("the cheque list loads page by page and filters by state", "[pass_desk]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    app::PassDesk desk(*notebook, kToday);
    auto who = learner(*notebook, "Bénéficiaire 0104");
    constexpr int kHalfPage = app::PassDesk::kPageSize / 2;
    desk.receiveBooklet(booklet(10000, 10000 + app::PassDesk::kPageSize + kHalfPage - 1, "2026-12-31"));
    desk.giveCheque(10007, who.id, "2026-06-01");
    desk.refresh();

    CHECK(desk.cheques().size() == static_cast<std::size_t>(app::PassDesk::kPageSize));
    CHECK(desk.hasMoreCheques());
    desk.loadMoreCheques();
    CHECK(desk.cheques().size() == static_cast<std::size_t>(app::PassDesk::kPageSize + kHalfPage));
    CHECK_FALSE(desk.hasMoreCheques());

    desk.setStateFilter("given");
    REQUIRE(desk.cheques().size() == 1);
    CHECK(desk.cheques()[0].number == 10007);
    CHECK(desk.cheques()[0].learnerId == who.id);
}

TEST_CASE("face values typed in euros become cents, and bad amounts are rejected", "[pass_desk]") {
    CHECK(app::PassDesk::eurosToCents("10") == 1000);
    CHECK(app::PassDesk::eurosToCents("10,5") == 1050);
    CHECK(app::PassDesk::eurosToCents("10.50 €") == 1050);
    CHECK(app::PassDesk::eurosToCents("") == -1);
    CHECK(app::PassDesk::eurosToCents("dix") == -1);
    CHECK(app::PassDesk::eurosToCents("1,234") == -1);
    CHECK(app::PassDesk::formatEuros(1050) == "10,50 €");
}

TEST_CASE("in the screen's mode the stock comes from the reader thread, the old figures staying until it answers",
          "[pass_desk]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    auto who = learner(*notebook, "Bénéficiaire 0105");
    notebook->receiveBooklet(booklet(7001, 7010, "2026-12-31"));
    notebook->giveCheque(7001, who.id, "2026-06-01");
    app::PassDesk desk(*notebook, kToday);
    desk.readInBackground(notebook->dataFile());

    desk.notice(notebook->status());
    desk.refresh();
    CHECK_FALSE(desk.figuresReady());  // the frame is drawn at once, without waiting for the read
    CHECK(desk.booklets().size() == 1);  // the cheap parts are there already
    framesUntilFigures(desk, *notebook, 10);
    REQUIRE(desk.figuresReady());
    CHECK(desk.stock().inStock == 9);
    CHECK(desk.stock().given == 1);
    REQUIRE(desk.monthlyUse().size() == 1);
    CHECK(desk.monthlyUse().back().given == 1);

    notebook->receiveBooklet(booklet(7011, 7020, "2026-12-31"));
    desk.notice(notebook->status());
    desk.refresh();
    CHECK(desk.figuresReady());  // the previous figures stay drawn while the new ones are read
    framesUntilFigures(desk, *notebook, 20);
    CHECK(desk.stock().received == 20);
    CHECK(desk.stock().inStock == 19);
}

TEST_CASE("the reader thread's figures match the ones read at once", "[pass_desk]") {
    test::TempDir dir;
    auto notebook = app::Notebook::open(dir.str(), test::assetsDir());
    auto who = learner(*notebook, "Bénéficiaire 0106");
    notebook->receiveBooklet(booklet(8001, 8040, "2026-07-01"));  // expiring within 30 days of kToday
    for (std::int64_t n = 8001; n <= 8006; ++n) notebook->giveCheque(n, who.id, "2026-06-01");
    redeem(*notebook, who.id, {8001, 8002, 8003}, "2026-06-03");
    notebook->payCheques({{8001, 1000, "2026-06-10"}});

    app::PassDesk atOnce(*notebook, kToday), behind(*notebook, kToday);
    behind.readInBackground(notebook->dataFile());
    atOnce.refresh();
    framesUntilFigures(behind, *notebook, 40);
    REQUIRE(behind.figuresReady());
    const auto &a = atOnce.stock(), &b = behind.stock();
    CHECK(b.received == a.received);
    CHECK(b.inStock == a.inStock);
    CHECK(b.given == a.given);
    CHECK(b.redeemed == a.redeemed);
    CHECK(b.paid == a.paid);
    CHECK(b.expired == a.expired);
    CHECK(b.expiringSoon == a.expiringSoon);
    CHECK(a.expiringSoon > 0);
    REQUIRE(behind.monthlyUse().size() == atOnce.monthlyUse().size());
    for (std::size_t i = 0; i < atOnce.monthlyUse().size(); ++i) {
        CHECK(behind.monthlyUse()[i].month == atOnce.monthlyUse()[i].month);
        CHECK(behind.monthlyUse()[i].given == atOnce.monthlyUse()[i].given);
        CHECK(behind.monthlyUse()[i].redeemed == atOnce.monthlyUse()[i].redeemed);
        CHECK(behind.monthlyUse()[i].paid == atOnce.monthlyUse()[i].paid);
    }
}
