#include "app/enrolment_task.hpp"

#include <string.h>

#include "core/directory_text.hpp"
#include "store/database.hpp"
#include "sync/client/enrollment.hpp"
#include "sync/client/hub_address.hpp"

namespace mediane::app {

void checkEnrolmentInput(const EnrolmentInput& input) {
    if (core::trimText(input.hubUrl).empty()) throw validationError("err.required", "enrol.hub");
    if (core::trimText(input.login).empty()) throw validationError("err.required", "enrol.login");
    if (input.password.empty()) throw validationError("err.required", "enrol.password");
    try {
        sync::requireSafeHubUrl(core::trimText(input.hubUrl));
    } catch (const Error& e) {
        throw Error(e.kind(), e.key(), e.params(), "enrol.hub");
    }
}

EnrolmentTask::~EnrolmentTask() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
}

void EnrolmentTask::start(Notebook& notebook, EnrolmentInput input, sync::TransportOptions transport) {
    if (m_running) return;
    checkEnrolmentInput(input);
    if (m_thread.joinable()) m_thread.join();
    input.hubUrl = core::trimText(input.hubUrl);
    input.login = core::trimText(input.login);
    // The CA a structure gave at an earlier enrolment, as the background sync uses it.
    if (transport.caFile.empty() && transport.caPem.empty()) transport.caPem = notebook.settings().get("hub_ca_pem");
    transport.abort = &m_stop;
    {
        std::lock_guard lock(m_mutex);
        m_outcome.reset();
    }
    m_running = true;
    m_thread = std::thread([this, file = notebook.dataFile(), input = std::move(input), transport]() mutable {
        EnrolmentOutcome outcome;
        try {
            sync::CurlTransport curl(input.hubUrl, transport);
            store::Database db(file);
            outcome.account = sync::enrollDevice(db, curl, input.hubUrl, input.login, input.password);
            outcome.account.deviceToken.clear();
        } catch (const Error& e) {
            outcome.error = e;
        } catch (const std::exception& e) {
            outcome.error = Error(Error::Kind::Io, "err.sync.unexpected", {{"detail", e.what()}});
        }
        explicit_bzero(input.password.data(), input.password.size());
        {
            std::lock_guard lock(m_mutex);
            m_outcome = std::move(outcome);
        }
        m_running = false;
    });
}

std::optional<EnrolmentOutcome> EnrolmentTask::poll() {
    std::lock_guard lock(m_mutex);
    if (m_running || !m_outcome) return std::nullopt;
    auto out = std::move(m_outcome);
    m_outcome.reset();
    return out;
}

void signOut(Notebook& notebook) {
    store::Database db(notebook.dataFile());
    store::SyncAccountStore(db).forget();
}

}  // namespace mediane::app
