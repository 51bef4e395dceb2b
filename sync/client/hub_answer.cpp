#include "sync/client/hub_answer.hpp"

#include "sync/protocol/wire_codec.hpp"

namespace mediane::sync {

Error hubError(const HttpResponse& response, const std::string& endpoint) {
    ErrorBody body;
    try {
        body = decodeErrorBody(response.body);
    } catch (const std::exception&) {
        body.error = "unreadable";
        body.message = response.body.substr(0, 120);
    }
    Error::Params params = {{"status", std::to_string(response.status)},
                            {"error", body.error},
                            {"message", body.message},
                            {"endpoint", endpoint}};
    if (response.retryAfterSeconds) params["retry_after"] = std::to_string(*response.retryAfterSeconds);
    if (response.status == 401) return Error(Error::Kind::Refused, "err.sync.unauthorized", params);
    if (response.status == 403 && body.error == "device_mismatch")
        return Error(Error::Kind::Refused, "err.sync.device_mismatch", params);
    if (response.status == 400 && (body.field == "protocol_version" || body.field == "protocol"))
        return Error(Error::Kind::Refused, "err.sync.hub_protocol_version", params);
    if (response.status >= 500 || response.status == 429) return Error(Error::Kind::Io, "err.sync.hub_error", params);
    return Error(Error::Kind::Refused, "err.sync.refused", params, body.field);
}

Error unreadableAnswer(const std::string& endpoint, const std::string& detail) {
    return Error(Error::Kind::Io, "err.sync.bad_answer", {{"endpoint", endpoint}, {"detail", detail}});
}

}  // namespace mediane::sync
