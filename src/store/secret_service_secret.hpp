// The device token in the desktop's secret service (GNOME Keyring, KWallet) through libsecret, time-bounded.
#pragma once

#include <filesystem>
#include <memory>

#include "store/device_secret.hpp"

namespace mediane::store {

// True when org.freedesktop.secrets answers on the session bus within a few seconds. Call only when
// $DBUS_SESSION_BUS_ADDRESS is set (chooseSecretBackend sees to it).
bool secretServiceAnswers();

// The token under the attribute notebook=<absolute dataDir>; a failing service falls back to the 0600 file.
std::unique_ptr<DeviceSecret> makeSecretServiceSecret(const std::filesystem::path& dataDir);

}  // namespace mediane::store
