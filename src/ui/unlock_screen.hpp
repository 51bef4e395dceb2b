// The passphrase prompt shown before the shell when the notebook is encrypted: it only returns what was typed.
#pragma once

#include <optional>
#include <string>

#include "core/translator.hpp"

namespace mediane::ui {

// Usage: if (auto typed = unlock.draw(tr)) { try { unlock(*typed); } catch (const Error& e) { unlock.refused(tr.message(e)); } }
// Draws inside a window the caller owns. Type, then Enter (or the button): the passphrase is returned once
// and wiped from the screen's buffer; there is no other way forward.
class UnlockScreen {
public:
    ~UnlockScreen();
    std::optional<std::string> draw(const core::Translator& tr);
    // The notebook did not open: say why, empty the field, keep the keyboard in it for another try.
    void refused(std::string message);
    // True while the adviser is told the last attempt failed.
    bool showsError() const { return !m_error.empty(); }

private:
    void wipe();

    char m_passphrase[256] = {};
    std::string m_error;
    bool m_focus = true;
};

}  // namespace mediane::ui
