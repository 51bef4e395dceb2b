#include "core/local_format.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <vector>

#include "core/calendar.hpp"

namespace mediane::core {

namespace {

bool allDigits(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

std::vector<std::string> splitOn(const std::string& text, char separator) {
    std::vector<std::string> parts(1);
    for (char c : text) {
        if (c == separator) parts.emplace_back();
        else parts.back() += c;
    }
    return parts;
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

const char* kEnglishMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

std::optional<std::string> parseUserDate(const std::string& raw) {
    std::string text = trim(raw);
    if (isIsoDate(text)) return text;
    for (char separator : {'/', '.', '-'}) {
        auto parts = splitOn(text, separator);
        if (parts.size() != 3) continue;
        const auto &d = parts[0], &m = parts[1], &y = parts[2];
        if (!allDigits(d) || !allDigits(m) || !allDigits(y)) return std::nullopt;
        if (d.size() > 2 || m.size() > 2 || y.size() != 4) return std::nullopt;
        char iso[32];
        std::snprintf(iso, sizeof iso, "%s-%02d-%02d", y.c_str(), std::stoi(m), std::stoi(d));
        if (isIsoDate(iso)) return std::string(iso);
        return std::nullopt;
    }
    return std::nullopt;
}

std::string displayDate(const std::string& isoDate, const std::string& language) {
    if (!isIsoDate(isoDate)) return isoDate;
    const std::string y = isoDate.substr(0, 4), m = isoDate.substr(5, 2), d = isoDate.substr(8, 2);
    if (language == "en") {
        int month = std::stoi(m);
        return std::to_string(std::stoi(d)) + " " + kEnglishMonths[month - 1] + " " + y;
    }
    return d + "/" + m + "/" + y;
}

std::string displayTimestamp(const std::string& utcStamp, const std::string& language) {
    // 2026-11-30T14:05:00Z (seconds and fraction optional before the Z)
    if (utcStamp.size() < 17 || utcStamp[10] != 'T' || utcStamp.back() != 'Z' || !isIsoDate(utcStamp.substr(0, 10)))
        return utcStamp;
    std::tm utc{};
    utc.tm_year = std::stoi(utcStamp.substr(0, 4)) - 1900;
    utc.tm_mon = std::stoi(utcStamp.substr(5, 2)) - 1;
    utc.tm_mday = std::stoi(utcStamp.substr(8, 2));
    if (!allDigits(utcStamp.substr(11, 2)) || utcStamp[13] != ':' || !allDigits(utcStamp.substr(14, 2)))
        return utcStamp;
    utc.tm_hour = std::stoi(utcStamp.substr(11, 2));
    utc.tm_min = std::stoi(utcStamp.substr(14, 2));
    std::time_t instant = timegm(&utc);
    std::tm local{};
    localtime_r(&instant, &local);
    char day[16], hour[8];
    std::strftime(day, sizeof day, "%Y-%m-%d", &local);
    std::strftime(hour, sizeof hour, "%H:%M", &local);
    return displayDate(day, language) + (language == "en" ? ", " : " ") + hour;
}

std::string formatCount(std::int64_t n, const std::string& language) {
    const std::string separator = language == "en" ? "," : kNarrowNoBreakSpace;
    std::string digits = std::to_string(n < 0 ? -(n + 1) + 1ULL : static_cast<unsigned long long>(n));
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

}  // namespace mediane::core
