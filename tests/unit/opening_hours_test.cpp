#include <catch2/catch.hpp>

#include "core/opening_hours.hpp"
#include "core/translator.hpp"
#include "support/temp_dir.hpp"

using namespace mediane::core;

namespace {
// 2025-03-04 is a Tuesday; 2025-04-21 is Easter Monday; 2025-07-14 Bastille Day (a Monday).
LocalDateTime at(int y, int m, int d, int h, int min) { return {y, m, d, h, min}; }
}  // namespace

TEST_CASE("weekday ranges with two intervals answer open and closed times", "[hours]") {
    auto h = OpeningHours::parse("Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00");
    REQUIRE(h.parsed());
    CHECK(h.isOpenAt(at(2025, 3, 4, 9, 0)) == true);     // Tuesday, opening minute
    CHECK(h.isOpenAt(at(2025, 3, 4, 12, 0)) == false);   // closing minute is closed
    CHECK(h.isOpenAt(at(2025, 3, 4, 13, 0)) == false);   // lunch
    CHECK(h.isOpenAt(at(2025, 3, 4, 18, 29)) == true);
    CHECK(h.isOpenAt(at(2025, 3, 8, 8, 30)) == true);    // Saturday morning
    CHECK(h.isOpenAt(at(2025, 3, 8, 14, 0)) == false);
    CHECK(h.isOpenAt(at(2025, 3, 9, 10, 0)) == false);   // Sunday
}

TEST_CASE("open on Tuesday morning is answered for a typical week", "[hours]") {
    auto h = OpeningHours::parse("Mo,We,Fr 14:00-17:00; Tu 09:00-11:00; PH off");
    CHECK(h.isOpenDuring(1, 8 * 60, 12 * 60) == true);
    CHECK(h.isOpenDuring(0, 8 * 60, 12 * 60) == false);  // Monday: afternoon only
    CHECK(h.isOpenDuring(0, 12 * 60, 18 * 60) == true);
    CHECK(h.isOpenDuring(6, 0, 24 * 60) == false);
}

TEST_CASE("PH off closes on French public holidays only", "[hours]") {
    auto h = OpeningHours::parse("Mo-Fr 09:00-17:00; PH off");
    CHECK(h.isOpenAt(at(2025, 4, 21, 10, 0)) == false);  // Easter Monday
    CHECK(h.isOpenAt(at(2025, 7, 14, 10, 0)) == false);  // 14 juillet
    CHECK(h.isOpenAt(at(2025, 4, 22, 10, 0)) == true);   // the Tuesday after
    CHECK(isFrenchPublicHoliday(2025, 5, 29));           // Ascension 2025
    CHECK(isFrenchPublicHoliday(2025, 6, 9));            // Whit Monday 2025
    CHECK_FALSE(isFrenchPublicHoliday(2025, 6, 10));
}

TEST_CASE("month ranges, off days, 24/7 and past-midnight intervals", "[hours]") {
    auto summer = OpeningHours::parse("Jan-Jun,Sep-Dec: Mo-Fr 09:00-17:00; Su off");
    CHECK(summer.isOpenAt(at(2025, 3, 4, 10, 0)) == true);
    CHECK(summer.isOpenAt(at(2025, 8, 5, 10, 0)) == false);  // August: no rule applies, closed
    auto always = OpeningHours::parse("24/7");
    CHECK(always.isOpenAt(at(2025, 12, 25, 3, 0)) == true);
    auto late = OpeningHours::parse("Fr 20:00-02:00");
    CHECK(late.isOpenAt(at(2025, 3, 7, 23, 0)) == true);
    CHECK(late.isOpenAt(at(2025, 3, 8, 1, 30)) == true);      // Saturday night, spilled from Friday
    CHECK(late.isOpenAt(at(2025, 3, 8, 2, 30)) == false);
    auto closedMonday = OpeningHours::parse("Mo-Sa 10:00-18:00; Mo off");
    CHECK(closedMonday.isOpenAt(at(2025, 3, 3, 11, 0)) == false);
    CHECK(closedMonday.isOpenAt(at(2025, 3, 4, 11, 0)) == true);
}

TEST_CASE("unparsable hours are kept as written, answer unknown and are shown with a warning", "[hours]") {
    auto h = OpeningHours::parse("sur rendez-vous le mardi");
    CHECK_FALSE(h.parsed());
    CHECK(h.text() == "sur rendez-vous le mardi");
    CHECK_FALSE(h.isOpenAt(at(2025, 3, 4, 10, 0)).has_value());
    CHECK_FALSE(h.isOpenDuring(1, 0, 1440).has_value());
    auto fr = Translator::load(mediane::test::assetsDir() + "/i18n", "fr");
    CHECK(h.describe(fr) == "horaires (tels qu’indiqués) : sur rendez-vous le mardi");
    CHECK_FALSE(OpeningHours::parse("Mo-Fr 9h-12h").parsed());
    CHECK_FALSE(OpeningHours::parse("Mo-Fr 09:00-25:00").parsed());
}

TEST_CASE("hours are described in French and in English through the translation table", "[hours]") {
    auto h = OpeningHours::parse("Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00; PH off");
    auto fr = Translator::load(mediane::test::assetsDir() + "/i18n", "fr");
    auto en = Translator::load(mediane::test::assetsDir() + "/i18n", "en");
    CHECK(h.describe(fr) ==
          "du lundi au vendredi : 9 h 00 – 12 h 00, 14 h 00 – 18 h 30 ; samedi : 8 h 30 – 12 h 00 ; jours fériés : fermé");
    CHECK(h.describe(en) ==
          "Monday to Friday: 09:00–12:00, 14:00–18:30; Saturday: 08:30–12:00; public holidays: closed");
    CHECK(OpeningHours::parse("24/7").describe(fr) == "ouvert 24 h/24, 7 j/7");
}
