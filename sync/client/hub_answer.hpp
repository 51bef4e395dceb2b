// Turning a hub answer that is not a success into the mediane::Error a person can act on.
#pragma once

#include <string>

#include "core/error.hpp"
#include "sync/client/transport.hpp"

namespace mediane::sync {

// 401 → Refused "err.sync.unauthorized" (keep the queue, sign in again); 5xx and 429 → Io "err.sync.hub_error"
// (retry later, with "retry_after" in params when the hub gave one); other 4xx → Refused "err.sync.refused".
Error hubError(const HttpResponse& response, const std::string& endpoint);

// A 2xx answer whose body does not decode: the link or a proxy mangled it; nothing was applied.
Error unreadableAnswer(const std::string& endpoint, const std::string& detail);

}  // namespace mediane::sync
