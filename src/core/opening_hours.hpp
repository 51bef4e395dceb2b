// Opening hours in the OSM `opening_hours` syntax the national standard uses: parse, ask "open at …?", describe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/translator.hpp"

namespace mediane::core {

// A wall-clock moment in the place's own local time (the directory has no time zones).
struct LocalDateTime {
    int year = 2000, month = 1, day = 1, hour = 0, minute = 0;
};

// 0 = Monday … 6 = Sunday, as OSM orders days.
int weekdayOf(int year, int month, int day);
// Metropolitan France's eleven public holidays (Easter Monday, Ascension, Whit Monday computed).
bool isFrenchPublicHoliday(int year, int month, int day);

// Usage: auto hours = OpeningHours::parse("Mo-Fr 09:00-12:00,14:00-18:30; PH off");
//        if (hours.isOpenAt({2025, 3, 4, 10, 0}).value_or(false)) …
// Understood: `24/7`; rules separated by `;` (a later rule replaces earlier ones on the days it names);
// months `Jan-Jun`, `Jan,Mar`; weekdays `Mo-Fr`, `Mo,We`, `PH`; times `09:00-12:00,14:00-18:30`
// (past midnight allowed); `off`/`closed`; a day with no time is open all day.
// Anything else makes the value unparsable: it is kept and shown as written, never dropped.
class OpeningHours {
public:
    static OpeningHours parse(const std::string& text);

    const std::string& text() const { return m_text; }
    bool empty() const { return m_text.empty(); }
    bool parsed() const { return m_parsed; }
    // Where the parse stopped (the token it did not understand), for the warning.
    const std::string& problem() const { return m_problem; }

    // nullopt: hours unknown (empty or unparsable).
    std::optional<bool> isOpenAt(const LocalDateTime& when) const;
    // In a typical week (public-holiday and month-limited rules left aside): open at some time in [from, to)?
    // Minutes since midnight; e.g. Tuesday morning = isOpenDuring(1, 8 * 60, 12 * 60).
    std::optional<bool> isOpenDuring(int weekday, int fromMinute, int toMinute) const;

    // One readable line per rule ("du lundi au vendredi : 9 h 00–12 h 00"), or the text as written.
    std::vector<std::string> describeLines(const Translator& tr) const;
    std::string describe(const Translator& tr) const;

private:
    struct Range { int from = 0, to = 0; };   // days 0..6, months 1..12, minutes (to may pass 1440)
    struct Rule {
        bool always = false;                  // 24/7
        std::vector<Range> months;            // empty: every month
        std::vector<Range> days;              // empty with !holidays: every day
        bool holidays = false;                // PH
        bool off = false;
        std::vector<Range> times;             // empty and !off: all day
    };

    bool ruleAppliesTo(const Rule& rule, int year, int month, int day) const;
    std::vector<Range> intervalsOn(int year, int month, int day) const;

    std::string m_text;
    bool m_parsed = false;
    std::string m_problem;
    std::vector<Rule> m_rules;
};

}  // namespace mediane::core
