#include "core/opening_hours.hpp"

#include <array>
#include <sstream>

namespace mediane::core {

namespace {

constexpr std::array<const char*, 7> kDays = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) { out.push_back(cur); cur.clear(); } else cur += c;
    }
    out.push_back(cur);
    return out;
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

template <std::size_t N>
int indexIn(const std::array<const char*, N>& names, const std::string& token) {
    for (std::size_t i = 0; i < N; ++i)
        if (token == names[i]) return static_cast<int>(i);
    return -1;
}

// "09:00" → 540; 24:00 allowed as an end.
std::optional<int> parseTime(const std::string& s) {
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    for (int i : {0, 1, 3, 4})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    int h = (s[0] - '0') * 10 + (s[1] - '0');
    int m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
    return h * 60 + m;
}

int daysFromCivil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civilFromDays(int z, int& y, int& m, int& d) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = yoe + era * 400 + (m <= 2);
}

std::string twoDigits(int v) {
    std::string s = std::to_string(v);
    if (s.size() < 2) s.insert(s.begin(), '0');
    return s;
}

std::string formatMinutes(const Translator& tr, int minutes) {
    minutes %= 1440;
    return tr.format("directory.hours.time", {{"h", std::to_string(minutes / 60)}, {"hh", twoDigits(minutes / 60)},
                                              {"m", twoDigits(minutes % 60)}});
}

}  // namespace

int weekdayOf(int year, int month, int day) {
    int days = daysFromCivil(year, month, day);  // 1970-01-01 was a Thursday (3)
    return ((days % 7) + 7 + 3) % 7;
}

bool isFrenchPublicHoliday(int year, int month, int day) {
    static const std::array<std::pair<int, int>, 8> fixed = {
        {{1, 1}, {5, 1}, {5, 8}, {7, 14}, {8, 15}, {11, 1}, {11, 11}, {12, 25}}};
    for (auto [m, d] : fixed)
        if (m == month && d == day) return true;
    // Easter Sunday (anonymous Gregorian algorithm), then Monday +1, Ascension +39, Whit Monday +50.
    int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int easterMonth = (h + l - 7 * m + 114) / 31, easterDay = ((h + l - 7 * m + 114) % 31) + 1;
    int easter = daysFromCivil(year, easterMonth, easterDay);
    int today = daysFromCivil(year, month, day);
    return today == easter + 1 || today == easter + 39 || today == easter + 50;
}

OpeningHours OpeningHours::parse(const std::string& text) {
    OpeningHours oh;
    oh.m_text = text;
    std::string whole = trim(text);
    if (whole.empty()) return oh;
    auto fail = [&](const std::string& token) {
        oh.m_parsed = false;
        oh.m_problem = token;
        oh.m_rules.clear();
        return oh;
    };
    for (auto part : split(whole, ';')) {
        part = trim(part);
        if (part.empty()) continue;
        Rule rule;
        if (part == "24/7") {
            rule.always = true;
            oh.m_rules.push_back(rule);
            continue;
        }
        std::istringstream in(part);
        std::vector<std::string> tokens;
        for (std::string t; in >> t;) tokens.push_back(t);
        std::size_t i = 0;
        // Months: "Jan-Jun", "Jan,Mar" (an OSM wide-range selector may end with ':').
        if (i < tokens.size() && indexIn(kMonths, tokens[i].substr(0, 3)) >= 0) {
            std::string sel = tokens[i++];
            if (!sel.empty() && sel.back() == ':') sel.pop_back();
            for (const auto& item : split(sel, ',')) {
                auto ends = split(item, '-');
                if (ends.size() > 2) return fail(item);
                int from = indexIn(kMonths, ends[0]), to = ends.size() == 2 ? indexIn(kMonths, ends[1]) : from;
                if (from < 0 || to < 0) return fail(item);
                rule.months.push_back({from + 1, to + 1});
            }
        }
        // Weekdays and public holidays: "Mo-Fr", "Mo,We", "PH", "Mo-Fr,PH".
        if (i < tokens.size() && (indexIn(kDays, tokens[i].substr(0, 2)) >= 0 || tokens[i].starts_with("PH"))) {
            for (const auto& item : split(tokens[i++], ',')) {
                if (item == "PH") { rule.holidays = true; continue; }
                auto ends = split(item, '-');
                if (ends.size() > 2) return fail(item);
                int from = indexIn(kDays, ends[0]), to = ends.size() == 2 ? indexIn(kDays, ends[1]) : from;
                if (from < 0 || to < 0) return fail(item);
                rule.days.push_back({from, to});
            }
        }
        // The rest: "off", "closed", "open", or time ranges (a space may follow each comma).
        std::string rest;
        for (; i < tokens.size(); ++i) rest += tokens[i];
        if (rest == "off" || rest == "closed") {
            rule.off = true;
        } else if (rest == "open" || rest.empty()) {
            if (rest.empty() && rule.days.empty() && !rule.holidays && rule.months.empty()) return fail(part);
        } else {
            for (const auto& range : split(rest, ',')) {
                auto ends = split(range, '-');
                if (ends.size() != 2) return fail(range);
                auto from = parseTime(ends[0]), to = parseTime(ends[1]);
                if (!from || !to || *from == 1440) return fail(range);
                int end = *to <= *from ? *to + 1440 : *to;
                rule.times.push_back({*from, end});
            }
        }
        oh.m_rules.push_back(rule);
    }
    if (oh.m_rules.empty()) return fail(whole);
    oh.m_parsed = true;
    return oh;
}

bool OpeningHours::ruleAppliesTo(const Rule& rule, int year, int month, int day) const {
    if (rule.always) return true;
    if (!rule.months.empty()) {
        bool in = false;
        for (auto r : rule.months)
            in = in || (r.from <= r.to ? month >= r.from && month <= r.to : month >= r.from || month <= r.to);
        if (!in) return false;
    }
    if (rule.days.empty() && !rule.holidays) return true;
    if (rule.holidays && isFrenchPublicHoliday(year, month, day)) return true;
    int wd = weekdayOf(year, month, day);
    for (auto r : rule.days)
        if (r.from <= r.to ? wd >= r.from && wd <= r.to : wd >= r.from || wd <= r.to) return true;
    return false;
}

std::vector<OpeningHours::Range> OpeningHours::intervalsOn(int year, int month, int day) const {
    std::vector<Range> out;
    for (const auto& rule : m_rules) {
        if (!ruleAppliesTo(rule, year, month, day)) continue;
        // Why replace, not add: in OSM a later rule overrides earlier ones on the days it selects.
        if (rule.off) out.clear();
        else if (rule.always || rule.times.empty()) out = {{0, 1440}};
        else out = rule.times;
    }
    return out;
}

std::optional<bool> OpeningHours::isOpenAt(const LocalDateTime& when) const {
    if (!m_parsed) return std::nullopt;
    int minute = when.hour * 60 + when.minute;
    for (auto r : intervalsOn(when.year, when.month, when.day))
        if (minute >= r.from && minute < r.to) return true;
    int y = 0, m = 0, d = 0;
    civilFromDays(daysFromCivil(when.year, when.month, when.day) - 1, y, m, d);
    for (auto r : intervalsOn(y, m, d))
        if (minute + 1440 >= r.from && minute + 1440 < r.to) return true;
    return false;
}

std::optional<bool> OpeningHours::isOpenDuring(int weekday, int fromMinute, int toMinute) const {
    if (!m_parsed) return std::nullopt;
    std::vector<Range> day;
    for (const auto& rule : m_rules) {
        if (!rule.months.empty() || (rule.holidays && rule.days.empty())) continue;
        bool applies = rule.always || rule.days.empty();
        for (auto r : rule.days)
            applies = applies || (r.from <= r.to ? weekday >= r.from && weekday <= r.to
                                                 : weekday >= r.from || weekday <= r.to);
        if (!applies) continue;
        if (rule.off) day.clear();
        else if (rule.always || rule.times.empty()) day = {{0, 1440}};
        else day = rule.times;
    }
    for (auto r : day)
        if (r.from < toMinute && fromMinute < r.to) return true;
    return false;
}

std::vector<std::string> OpeningHours::describeLines(const Translator& tr) const {
    if (!m_parsed) {
        if (m_text.empty()) return {tr.tr("directory.hours.unknown")};
        return {tr.format("directory.hours.as_written", {{"text", m_text}})};
    }
    auto dayName = [&](int d) { return tr.tr("directory.hours.day." + std::string(kDays[d])); };
    auto monthName = [&](int m) { return tr.tr("directory.hours.month." + std::string(kMonths[m - 1])); };
    std::vector<std::string> lines;
    for (const auto& rule : m_rules) {
        if (rule.always) { lines.push_back(tr.tr("directory.hours.always")); continue; }
        std::vector<std::string> selectors;
        for (auto r : rule.months)
            selectors.push_back(r.from == r.to ? monthName(r.from)
                                               : tr.format("directory.hours.month_range",
                                                           {{"from", monthName(r.from)}, {"to", monthName(r.to)}}));
        std::vector<std::string> days;
        for (auto r : rule.days)
            days.push_back(r.from == r.to ? dayName(r.from)
                                          : tr.format("directory.hours.day_range",
                                                      {{"from", dayName(r.from)}, {"to", dayName(r.to)}}));
        if (rule.holidays) days.push_back(tr.tr("directory.hours.public_holidays"));
        std::string when;
        for (const auto& s : selectors) when += (when.empty() ? "" : ", ") + s;
        std::string dayText;
        for (const auto& s : days) dayText += (dayText.empty() ? "" : ", ") + s;
        if (!dayText.empty()) when += (when.empty() ? "" : " ") + dayText;
        if (when.empty()) when = tr.tr("directory.hours.every_day");
        std::string what;
        if (rule.off) what = tr.tr("directory.hours.closed");
        else if (rule.times.empty()) what = tr.tr("directory.hours.all_day");
        for (auto r : rule.times)
            what += (what.empty() ? "" : ", ") +
                    tr.format("directory.hours.time_range",
                              {{"from", formatMinutes(tr, r.from)}, {"to", formatMinutes(tr, r.to)}});
        lines.push_back(tr.format("directory.hours.rule", {{"when", when}, {"what", what}}));
    }
    return lines;
}

std::string OpeningHours::describe(const Translator& tr) const {
    std::string out;
    for (const auto& line : describeLines(tr)) out += (out.empty() ? "" : tr.tr("directory.hours.separator")) + line;
    return out;
}

}  // namespace mediane::core
