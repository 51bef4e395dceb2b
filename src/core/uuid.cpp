#include "core/uuid.hpp"

#include <array>
#include <cctype>
#include <chrono>
#include <mutex>
#include <random>

namespace mediane::core {

namespace {

std::mutex g_mutex;
std::mt19937_64& engine() {
    static std::mt19937_64 rng{std::random_device{}() ^ (std::uint64_t(std::random_device{}()) << 32)};
    return rng;
}

// Why a counter: several ids made in the same millisecond must still sort in creation order.
std::uint64_t g_lastMillis = 0;
std::uint16_t g_counter = 0;

std::string format(const std::array<std::uint8_t, 16>& b) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
        out.push_back(hex[b[i] >> 4]);
        out.push_back(hex[b[i] & 0xF]);
    }
    return out;
}

std::string build(std::uint64_t ms, std::uint16_t counter) {
    std::array<std::uint8_t, 16> b{};
    for (int i = 0; i < 6; ++i) b[i] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
    b[6] = static_cast<std::uint8_t>(0x70 | ((counter >> 8) & 0x0F));
    b[7] = static_cast<std::uint8_t>(counter & 0xFF);
    std::uint64_t r = engine()();
    for (int i = 8; i < 16; ++i) b[i] = static_cast<std::uint8_t>(r >> (8 * (i - 8)));
    b[8] = static_cast<std::uint8_t>(0x80 | (b[8] & 0x3F));
    return format(b);
}

}  // namespace

std::string newUuidV7() {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    auto ms = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
    std::lock_guard lock(g_mutex);
    if (ms <= g_lastMillis) {
        ms = g_lastMillis;
        if (++g_counter >= 0x0FFF) {  // counter space used up: borrow the next millisecond
            ++ms;
            g_counter = 0;
        }
    } else {
        g_counter = static_cast<std::uint16_t>(engine()() & 0x01FF);
    }
    g_lastMillis = ms;
    return build(ms, g_counter);
}

std::string uuidV7At(std::uint64_t unixMillis) {
    std::lock_guard lock(g_mutex);
    return build(unixMillis, static_cast<std::uint16_t>(engine()() & 0x0FFF));
}

bool isUuid(const std::string& t) {
    if (t.size() != 36) return false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        bool dash = (i == 8 || i == 13 || i == 18 || i == 23);
        if (dash != (t[i] == '-')) return false;
        if (!dash && !std::isxdigit(static_cast<unsigned char>(t[i]))) return false;
    }
    return true;
}

}  // namespace mediane::core
