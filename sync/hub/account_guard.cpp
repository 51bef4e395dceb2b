#include "sync/hub/account_guard.hpp"

#include "sync/hub/credentials.hpp"

namespace mediane::hub {

const std::string& AccountGuard::dummyHash() {
    std::call_once(m_dummyOnce, [this] { m_dummyHash = hashPassword(newDeviceToken()); });
    return m_dummyHash;
}

}  // namespace mediane::hub
