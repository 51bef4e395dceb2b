// Fuzz target: the OSM opening_hours parser on any text, then every question the app asks of a parsed value.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "core/opening_hours.hpp"
#include "core/translator.hpp"

namespace {
using namespace mediane::core;

const Translator& french() {
    static const Translator translator = Translator::load(std::string(MEDIANE_FUZZ_ASSETS) + "/i18n", "fr");
    return translator;
}

// Moments chosen to cross the parser's edge cases: a public holiday, a leap day, New Year's Eve at midnight,
// a Sunday, and a date far outside the usual range.
constexpr LocalDateTime kMoments[] = {{2025, 3, 4, 9, 0},    {2025, 4, 21, 10, 0}, {2024, 2, 29, 23, 59},
                                      {2025, 12, 31, 0, 0},  {2025, 3, 9, 12, 30}, {1, 1, 1, 0, 0},
                                      {9999, 12, 31, 23, 59}};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    OpeningHours hours = OpeningHours::parse(text);
    for (const auto& when : kMoments) (void)hours.isOpenAt(when);
    for (int day = 0; day < 7; ++day) {
        (void)hours.isOpenDuring(day, 0, 24 * 60);
        (void)hours.isOpenDuring(day, 8 * 60, 12 * 60);
    }
    (void)hours.describe(french());
    (void)hours.describeLines(french());
    return 0;
}
