// View-model of the Bénéficiaires screen: search-as-you-type, the open learner's card, and progress per domain.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "app/commune_picker.hpp"
#include "app/notebook.hpp"

namespace mediane::app {

// One point of a domain's progress line: the domain's level on a date (1.0 … 8.75, steps of 0.25 for one competence).
struct ProgressPoint {
    std::string date;
    double level = 1.0;
};

struct DomainProgress {
    std::string domainCode;  // "1" … "5" in the CRCN
    std::string label;
    std::vector<ProgressPoint> points;  // oldest first, one per date the domain was assessed
};

// The vertical range of a progress chart, in fractional levels.
struct LevelRange {
    double low = 1.0;
    double high = 3.0;
};

// Domain level at a date = mean of the latest score of each competence of the domain assessed up to that date.
// Domains never assessed are left out; the order follows the framework.
std::vector<DomainProgress> domainProgress(const std::vector<core::Assessment>& assessments,
                                           const core::CompetenceFramework& framework);

// Why: most learners sit at levels 1–2, so a fixed 1..8 axis would flatten their progress into a line;
// the chart zooms to the data ±1 level, clamped to the scale.
LevelRange levelRange(const std::vector<DomainProgress>& progress);

// Everything the learner card shows, read once when the card opens or the notebook changes.
struct LearnerCard {
    core::Learner learner;
    std::vector<core::Session> history;          // newest first
    std::vector<core::Assessment> assessments;   // oldest first
    std::vector<core::PassCheque> cheques;
    std::vector<DomainProgress> progress;
    std::map<std::string, std::string> placeNames;  // place id → name, for the history's place column
};

// --- The learner form's rules (the screen keeps what is typed; these decide what it means) -----------
// The birth year as typed: blank is 0 (not given), four digits are that year; anything else is -1, which
// validation refuses naming the field (err.birth_year_range) instead of guessing.
int birthYearFrom(const std::string& typed);
// The text the birth year field starts with: "" when not given.
std::string birthYearText(const core::Learner& learner);
// The age bracket a plausible birth year gives in `year` (shown, not editable: the notebook derives it on save);
// "" when there is no birth year, and the adviser chooses the bracket.
std::string derivedAgeBracket(const core::Learner& learner, const core::Vocabularies& vocab, int year);
// The commune of residence as picked from the national list; clearing it clears its codes too.
void setCommune(core::Learner& learner, const PickedCommune& commune);

// Usage (once per frame, before drawing):
//   directory.notice(state.status()); directory.setQuery(typed); directory.refresh();
// Queries run only when the typed text, the open learner or the notebook changed — never every frame.
class LearnerDirectory {
public:
    // resultLimit: measured on a 20,000-learner demo, 1,000 rows read in ~10 ms; 5,000 took ~60 ms.
    explicit LearnerDirectory(Notebook& notebook, int resultLimit = 1000);
    int resultLimit() const { return m_resultLimit; }

    // Marks everything stale when the notebook's counts or pending changes moved (a write from any screen).
    void notice(const NotebookStatus& status);
    void setQuery(const std::string& typed);
    const std::string& query() const { return m_query; }
    // Runs the queries that are stale; a no-op otherwise.
    void refresh();

    const std::vector<core::Learner>& results() const { return m_results; }
    // How many searches ran since construction (tests check that typing the same text re-queries nothing).
    int searchCount() const { return m_searchCount; }

    void open(const std::string& learnerId);
    void close();
    bool hasCard() const { return m_cardLoaded; }
    const LearnerCard& card() const { return m_card; }
    const std::string& openId() const { return m_openId; }

    // Commands: they throw mediane::Error; the screen runs them through AppState::run.
    core::Learner create(const core::Learner& draft);  // and opens the new learner's card
    core::Learner save(const core::Learner& edited);
    // Erasure and withdrawal of consent (docs/privacy.md): the card closes after an erasure.
    void erase(const std::string& learnerId);
    core::Learner withdrawConsent(const std::string& learnerId);
    // The right of access: everything held about the learner, as JSON in `directory`; returns the file's path.
    std::string exportDossier(const std::string& learnerId, const std::string& directory);
    // level 1..8, step 0..3 (the four sub-steps of a level).
    core::Assessment recordAssessment(const std::string& competenceCode, int level, int step, const std::string& date);

private:
    void markAllStale();

    Notebook& m_notebook;
    int m_resultLimit;
    std::string m_query;
    std::vector<core::Learner> m_results;
    bool m_searchStale = true;
    int m_searchCount = 0;

    std::string m_openId;
    LearnerCard m_card;
    bool m_cardLoaded = false;
    bool m_cardStale = false;

    std::string m_fingerprint;
};

}  // namespace mediane::app
