// Calendar dates as ISO "YYYY-MM-DD" strings: what the forms show, the database stores and exports carry.
#pragma once

#include <optional>
#include <string>

namespace mediane::core {

bool isIsoDate(const std::string& text);
// Today's date in local time.
std::string today();
// Current UTC instant, "YYYY-MM-DDTHH:MM:SSZ", for audit timestamps (never used to decide conflicts).
std::string nowUtc();
std::string addDays(const std::string& isoDate, int days);
// Days from a to b (b - a).
int daysBetween(const std::string& a, const std::string& b);
// "2026-11" for "2026-11-25".
std::string monthOf(const std::string& isoDate);

}  // namespace mediane::core
