// Enrolling this laptop from the window: the hub call runs on its own thread, the frame only polls its outcome.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/notebook.hpp"
#include "core/error.hpp"
#include "store/sync_account_store.hpp"
#include "sync/client/curl_transport.hpp"

namespace mediane::app {

// What the enrolment form holds; the password is wiped once sent.
struct EnrolmentInput {
    std::string hubUrl, login, password;
};

struct EnrolmentOutcome {
    std::optional<Error> error;  // unreachable (Io), wrong password, not allowed (Refused), bad field (Validation)
    store::SyncAccount account;  // on success (without its token)
};

// Checks the fields (a clear error naming the one missing or wrong), nothing sent; throws mediane::Error.
void checkEnrolmentInput(const EnrolmentInput& input);

// Usage: task.start(notebook, input); ... each frame: if (auto outcome = task.poll()) show(*outcome);
// The thread opens its own connection to the notebook file and a libcurl transport (connect timeout 15 s),
// so a hub that does not answer never freezes the window; the destructor aborts the call and joins.
class EnrolmentTask {
public:
    EnrolmentTask() = default;
    ~EnrolmentTask();
    EnrolmentTask(const EnrolmentTask&) = delete;
    EnrolmentTask& operator=(const EnrolmentTask&) = delete;

    // Validates on the calling thread (throws mediane::Error), then starts the call.
    void start(Notebook& notebook, EnrolmentInput input, sync::TransportOptions transport = {});
    bool running() const { return m_running.load(); }
    // The outcome once, when the call has finished; nothing while it runs.
    std::optional<EnrolmentOutcome> poll();

private:
    std::thread m_thread;
    std::atomic<bool> m_running{false}, m_stop{false};
    std::mutex m_mutex;
    std::optional<EnrolmentOutcome> m_outcome;
};

// Signing out: the account and its device token leave this laptop (pending changes stay).
void signOut(Notebook& notebook);

}  // namespace mediane::app
