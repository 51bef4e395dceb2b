#include "app/app_state.hpp"

#include <algorithm>
#include <string>

namespace mediane::app {

namespace {
std::string chooseLanguage(Notebook& notebook, const std::string& requested) {
    if (!requested.empty()) return requested;
    return notebook.settings().get("language", "fr");
}
}  // namespace

AppState::AppState(Notebook& notebook, std::string assetsDir, std::string language)
    : m_notebook(notebook),
      m_assetsDir(std::move(assetsDir)),
      m_translator(core::Translator::load(m_assetsDir + "/i18n", chooseLanguage(notebook, language))) {
    try {
        m_fontScale = std::clamp(std::stof(notebook.settings().get("font_scale", "1.0")), 0.75f, 2.5f);
    } catch (const std::exception&) {
        m_fontScale = 1.0f;  // a hand-edited setting is not worth refusing to start over
    }
    refreshStatus();
}

void AppState::setLanguage(const std::string& language) {
    if (language == m_translator.language()) return;
    run([&] {
        m_translator = core::Translator::load(m_assetsDir + "/i18n", language);
        m_notebook.settings().set("language", language);
    });
}

void AppState::setFontScale(float scale) {
    m_fontScale = std::clamp(scale, 0.75f, 2.5f);
    run([&] { m_notebook.settings().set("font_scale", std::to_string(m_fontScale)); });
}

void AppState::refreshStatus() {
    try {
        m_status = m_notebook.status();
    } catch (const Error& e) {
        showError(e);
    }
}

void AppState::pollSync() {
    if (m_sync.poll()) refreshStatus();
}

void AppState::adoptSyncWorker(std::unique_ptr<sync::SyncWorker> worker) {
    m_sync.attach(worker.get());
    m_syncWorker = std::move(worker);  // the previous one (if any) stops here, after the monitor let go of it
    refreshStatus();
}

bool AppState::run(const std::function<void()>& command, const std::string& successKey) {
    try {
        command();
    } catch (const Error& e) {
        showError(e);
        return false;
    }
    // The status bar's pending count must follow every change the adviser makes.
    refreshStatus();
    if (!successKey.empty()) showSuccess(successKey);
    return true;
}

bool AppState::attempt(const std::function<void()>& work) {
    try {
        work();
    } catch (const Error& e) {
        showError(e);
        return false;
    }
    return true;
}

void AppState::showError(const Error& error) {
    banner = {Banner::Kind::Error, m_translator.message(error), error.field()};
}

void AppState::showSuccess(const std::string& key, const Error::Params& params) {
    banner = {Banner::Kind::Success, m_translator.format(key, params), {}};
}

const core::CommuneDirectory& AppState::communes() {
    if (!m_communes)
        m_communes = std::make_unique<core::CommuneDirectory>(
            core::CommuneDirectory::loadFile(m_assetsDir + "/communes/communes.csv"));
    return *m_communes;
}

std::string AppState::label(const std::string& vocabulary, const std::string& code) const {
    return m_notebook.vocabularies().get(vocabulary).label(code, language());
}

}  // namespace mediane::app
