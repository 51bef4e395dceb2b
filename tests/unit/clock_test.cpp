#include "core/calendar.hpp"
#include "core/hlc.hpp"

#include <catch2/catch.hpp>

using namespace mediane::core;

TEST_CASE("clock stamps stay ordered when the wall clock steps backwards") {
    HybridClock clock("dev");
    auto a = clock.tick(1'700'000'000'000);
    auto b = clock.tick(1'600'000'000'000);  // clock set back by days
    auto c = clock.tick(1'700'000'000'000);
    CHECK(a < b);
    CHECK(b < c);
}

TEST_CASE("a restarted clock continues after the last stamp written") {
    HybridClock first("dev");
    auto last = first.tick(1'700'000'000'500);
    HybridClock restarted("dev");
    restarted.observe(last);
    CHECK(restarted.tick(1'700'000'000'000) > last);
}

TEST_CASE("calendar dates are validated and computed") {
    CHECK(isIsoDate("2024-02-29"));
    CHECK_FALSE(isIsoDate("2023-02-29"));
    CHECK_FALSE(isIsoDate("2024-13-01"));
    CHECK_FALSE(isIsoDate("24-01-01"));
    CHECK(addDays("2024-12-31", 1) == "2025-01-01");
    CHECK(daysBetween("2024-01-01", "2024-03-01") == 60);
    CHECK(monthOf("2026-11-25") == "2026-11");
}
