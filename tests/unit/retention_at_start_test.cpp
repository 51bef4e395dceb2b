// The retention period at the window's start: applied once a day and period, never skipped after a change of either.
#include <catch2/catch.hpp>

#include "core/calendar.hpp"
#include "notebook_fixture.hpp"

using namespace mediane;

namespace {
core::Learner identified(test::NotebookFixture& f, const std::string& pseudonym) {
    auto l = test::NotebookFixture::makeLearner(pseudonym);
    l.lastName = "Vandermeulebroucke";
    l.consentDate = "2026-01-05";
    return f.notebook->createLearner(l);
}
}  // namespace

TEST_CASE("the start-up retention pass runs once a day and again when the day or the period changes", "[erasure]") {
    test::NotebookFixture f;
    // No session: the last activity is the record's creation, today; 400 days on it is past a one-month period.
    const auto later = core::addDays(core::today(), 400);
    auto first = identified(f, "Bénéficiaire 0001");
    CHECK(f.notebook->expireIdentitiesAtStart(1, later) == 1);
    CHECK(f.notebook->learner(first.id)->lastName.empty());

    // The same day and period: the pass is not made again.
    auto second = identified(f, "Bénéficiaire 0002");
    CHECK(f.notebook->expireIdentitiesAtStart(1, later) == 0);
    CHECK(f.notebook->learner(second.id)->lastName == "Vandermeulebroucke");
    // Another period, or the next day: it is.
    CHECK(f.notebook->expireIdentitiesAtStart(2, later) == 1);
    CHECK(f.notebook->learner(second.id)->lastName.empty());
    auto third = identified(f, "Bénéficiaire 0003");
    CHECK(f.notebook->expireIdentitiesAtStart(2, core::addDays(later, 1)) == 1);
    CHECK(f.notebook->learner(third.id)->lastName.empty());
}
