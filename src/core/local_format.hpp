// How dates, times and counts are typed and shown in each language: French (30/11/2026, 10 000, local time)
// or English (30 Nov 2026, 10,000). Storage and exports keep ISO dates and UTC stamps; only the screen changes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace mediane::core {

// A date as an adviser types it: JJ/MM/AAAA (also J/M/AAAA, with - or . between) or ISO AAAA-MM-JJ.
// Returns the ISO date, or nothing when the text is no real calendar date.
std::optional<std::string> parseUserDate(const std::string& text);

// An ISO date for the screen: "30/11/2026" in French, "30 Nov 2026" in English; other text unchanged.
std::string displayDate(const std::string& isoDate, const std::string& language);

// A UTC stamp "2026-11-30T14:05:00Z" in the computer's local time: "30/11/2026 15:05" / "30 Nov 2026, 15:05".
// Text that is not such a stamp is returned unchanged.
std::string displayTimestamp(const std::string& utcStamp, const std::string& language);

// A count with its thousands separator: "12 345" (narrow no-break space U+202F) in French, "12,345" in English.
std::string formatCount(std::int64_t n, const std::string& language);

// The French narrow no-break space, also the thin space before « ; : ! ? » in French text.
inline constexpr const char* kNarrowNoBreakSpace = "\xE2\x80\xAF";

}  // namespace mediane::core
