#include "sync/client/enrollment.hpp"

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "store/local_settings.hpp"
#include "sync/client/hub_answer.hpp"
#include "sync/protocol/endpoints.hpp"
#include "sync/protocol/wire_codec.hpp"

namespace mediane::sync {

store::SyncAccount enrollDevice(store::Database& db, Transport& transport, const std::string& hubUrl,
                                const std::string& login, const std::string& password) {
    if (login.empty()) throw validationError("err.sync.login_missing", "enroll.login");
    if (password.empty()) throw validationError("err.sync.password_missing", "enroll.password");
    EnrollRequest request;
    request.login = login;
    request.password = password;
    request.deviceId = store::LocalSettings(db).deviceId();
    auto response = transport.send({kEnroll.method, kEnroll.path, encode(request).dump(), false, ""});
    if (response.status == 401)
        throw Error(Error::Kind::Refused, "err.sync.invalid_credentials", {{"login", login}}, "enroll.password");
    if (response.status == 409 || response.status == 403 || response.status == 429) {
        // The hub's stable codes, each with its own explanation: taken, revoked, disabled, throttled.
        auto error = hubError(response, kEnroll.path);
        const auto& code = error.params().at("error");
        if (code == "device_taken" || code == "device_revoked" || code == "account_disabled" ||
            code == "login_throttled") {
            auto params = error.params();
            params["login"] = login;
            if (!params.count("retry_after")) params["retry_after"] = "60";
            throw Error(Error::Kind::Refused, "err.sync." + code, params);
        }
        throw error;
    }
    if (response.status != 200) throw hubError(response, kEnroll.path);
    EnrollResponse decoded;
    try {
        decoded = decodeEnrollResponse(response.body);
    } catch (const std::exception& e) {
        throw unreadableAnswer(kEnroll.path, e.what());
    }
    store::SyncAccount account{hubUrl,           decoded.deviceToken, decoded.login, decoded.role,
                               decoded.structure, decoded.territory,  core::nowUtc()};
    store::SyncAccountStore(db).save(account);
    return account;
}

}  // namespace mediane::sync
