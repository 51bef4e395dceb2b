#include "core/calendar.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace mediane::core {

namespace {
std::optional<std::chrono::year_month_day> parse(const std::string& t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
    int y = std::stoi(t.substr(0, 4));
    unsigned m = static_cast<unsigned>(std::stoi(t.substr(5, 2)));
    unsigned d = static_cast<unsigned>(std::stoi(t.substr(8, 2)));
    std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

std::string format(std::chrono::year_month_day ymd) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}
}  // namespace

bool isIsoDate(const std::string& text) { return parse(text).has_value(); }

std::string today() {
    std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
    return buf;
}

std::string nowUtc() {
    std::time_t t = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

std::string addDays(const std::string& isoDate, int days) {
    auto ymd = parse(isoDate);
    if (!ymd) return isoDate;
    return format(std::chrono::year_month_day{std::chrono::sys_days{*ymd} + std::chrono::days{days}});
}

int daysBetween(const std::string& a, const std::string& b) {
    auto pa = parse(a), pb = parse(b);
    if (!pa || !pb) return 0;
    return static_cast<int>((std::chrono::sys_days{*pb} - std::chrono::sys_days{*pa}).count());
}

std::string monthOf(const std::string& isoDate) { return isoDate.substr(0, 7); }

}  // namespace mediane::core
