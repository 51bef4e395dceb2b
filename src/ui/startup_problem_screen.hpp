// The window shown instead of the shell when the notebook cannot be opened: what happened, what to do, retry or quit.
#pragma once

#include "app/startup_problem.hpp"
#include "core/translator.hpp"

namespace mediane::ui {

enum class StartupChoice { None, Retry, Quit };

// Draws inside a window the caller owns. Items are tagged startup.title, startup.next, startup.retry, startup.quit.
StartupChoice drawStartupProblem(const app::StartupProblem& problem, const core::Translator& tr);

}  // namespace mediane::ui
