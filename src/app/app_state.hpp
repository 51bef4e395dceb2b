// What the GUI shows besides each screen's own view: the open notebook, language, font size, status and messages.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/notebook.hpp"
#include "app/sync_status.hpp"
#include "core/commune_directory.hpp"
#include "core/translator.hpp"

namespace mediane::app {

// The screen on show, by the name it registered under (ui/screen_registry): "session", "learners"...
using Screen = std::string;

struct Banner {
    enum class Kind { None, Info, Success, Error };
    Kind kind = Kind::None;
    std::string text;
    std::string field;  // the form field an error is about, so the screen can highlight it
};

// The GUI's one error boundary is run(): commands throw mediane::Error, run() turns it into a banner.
class AppState {
public:
    AppState(Notebook& notebook, std::string assetsDir, std::string language);

    Notebook& notebook() { return m_notebook; }
    const core::Translator& tr() const { return m_translator; }
    const std::string& tr(const std::string& key) const { return m_translator.tr(key); }
    const std::string& language() const { return m_translator.language(); }
    const std::string& assetsDir() const { return m_assetsDir; }
    // Switches language and remembers it in the notebook's local settings.
    void setLanguage(const std::string& language);

    float fontScale() const { return m_fontScale; }
    void setFontScale(float scale);  // clamped to [0.75, 2.5], remembered

    Screen screen = "session";
    Banner banner;
    // A learner card the Bénéficiaires screen should open (set from elsewhere, e.g. after picking in a session).
    std::string learnerToOpen;
    // A directory place the Séance form should take as its orientation (set by the Annuaire, consumed by the form).
    std::string orientationToApply;
    // A recorded session the Séance form should open for correction (« Modifier » in a session list).
    std::string sessionToEdit;

    const NotebookStatus& status() const { return m_status; }
    // Reads counts and pending changes again; run() calls it after each command, never every frame.
    void refreshStatus();

    // The background sync (no worker: not enrolled). The shell polls it once per frame; after a completed
    // sync the status is read again, so view-models comparing status figures reload.
    SyncMonitor& sync() { return m_sync; }
    const SyncMonitor& sync() const { return m_sync; }
    void pollSync();
    // The worker this window syncs with, owned here so it stops (joined) before the notebook closes:
    // started at launch for an enrolled notebook, or after enrolling in the window. nullptr: stop it.
    void adoptSyncWorker(std::unique_ptr<sync::SyncWorker> worker);

    // Usage: if (state.run([&] { notebook.recordSession(draft); }, "msg.session_saved")) clearForm();
    // Returns true on success; on mediane::Error shows its translated message and returns false.
    bool run(const std::function<void()>& command, const std::string& successKey = {});
    // The same error boundary for what a screen does every frame and changes nothing (asking the dashboard's
    // worker for figures, reading the local inbox again): without run()'s status refresh, whose counts scan the
    // outbox (a tenth of a large notebook's frame, three times a frame on the Tableau de bord).
    bool attempt(const std::function<void()>& work);
    void showError(const Error& error);
    void showSuccess(const std::string& key, const Error::Params& params = {});

    // Localised label of a vocabulary code.
    std::string label(const std::string& vocabulary, const std::string& code) const;

    // The communes of France (assets/communes), read on first use: startup does not pay for 35,000 rows
    // that only a home, remote or elsewhere session or a learner's commune needs. Throws mediane::Error
    // (Io) naming the file when it cannot be read; the next call tries again.
    const core::CommuneDirectory& communes();

private:
    Notebook& m_notebook;
    std::string m_assetsDir;
    core::Translator m_translator;
    float m_fontScale = 1.0f;
    NotebookStatus m_status;
    SyncMonitor m_sync;
    std::unique_ptr<sync::SyncWorker> m_syncWorker;  // after m_sync: destroyed first, joined before the monitor goes
    std::unique_ptr<core::CommuneDirectory> m_communes;
};

}  // namespace mediane::app
