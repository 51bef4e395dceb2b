#include "sync/client/backoff.hpp"

#include <algorithm>

namespace mediane::sync {

std::chrono::milliseconds Backoff::ceiling() const {
    auto ceiling = m_base;
    for (int i = 0; i < m_attempt && ceiling < m_cap; ++i) ceiling *= 2;
    return std::min(ceiling, m_cap);
}

std::chrono::milliseconds Backoff::next(std::optional<int> retryAfterSeconds) {
    auto top = ceiling();
    ++m_attempt;
    if (retryAfterSeconds && *retryAfterSeconds >= 0)
        return std::min<std::chrono::milliseconds>(std::chrono::seconds(*retryAfterSeconds), m_cap);
    std::uniform_int_distribution<std::int64_t> pick(0, top.count());
    return std::chrono::milliseconds(pick(m_random));
}

}  // namespace mediane::sync
