// Why the notebook could not be opened at start, sorted into what a person can do about it; no ImGui.
#pragma once

#include <string>

#include "core/error.hpp"
#include "core/translator.hpp"

namespace mediane::app {

// Each kind has its own message and a safe next step: none suggests writing over the file, which may be good.
enum class StartupProblemKind {
    Corrupt,       // not a database, or damaged pages
    ReadOnly,      // the file or its folder cannot be written (permissions, a read-only disk or share)
    NewerVersion,  // written by a newer Médiane
    DiskFull,      // no room left to open it (WAL, migration)
    Locked,        // another program holds it (a second Médiane window)
    Other,         // anything else: the error's own message
};

struct StartupProblem {
    StartupProblemKind kind = StartupProblemKind::Other;
    std::string title;     // translated: « Carnet en lecture seule »
    std::string message;   // what happened, naming the file
    std::string nextStep;  // what to do, safely
    std::string detail;    // the underlying error's full message, for support
    bool canRetry = false; // « Réessayer » makes sense (the cause may go away without touching the file)
};

// dataFile: the notebook's file, checked for write access when SQLite's own report is vague.
StartupProblemKind classifyStartupError(const Error& error, const std::string& dataFile);
StartupProblem describeStartupProblem(const Error& error, const std::string& dataFile, const core::Translator& tr);

}  // namespace mediane::app
