// The session entry form's view-model: the draft, the learner picker, cheque checks and save; no ImGui.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/notebook.hpp"
#include "core/error.hpp"
#include "core/model.hpp"

namespace mediane::app {

// A cheque typed in the form, checked at once against the notebook.
struct ChequeLine {
    std::int64_t number = 0;
    std::optional<Error> refusal;  // why it cannot be redeemed; empty: accepted
};

// An optional assessment of one picked learner on one competence, made during the session.
struct AssessmentLine {
    std::string learnerId;
    std::string competenceCode;
    int level = 1;  // 1..8
    int step = 0;   // 0..3 within the level
    int score() const { return (level - 1) * core::Assessment::kStepsPerLevel + step; }
};

class SessionForm {
public:
    static constexpr int kPickerLimit = 8;

    explicit SessionForm(Notebook& notebook);

    // Fresh defaults: today, the last duration used (else 60), the last place, nothing else.
    void reset();

    core::Session& draft() { return m_draft; }
    const core::Session& draft() const { return m_draft; }
    const std::vector<core::Place>& places() const { return m_places; }

    // --- Learner picker ------------------------------------------------------------------
    // Searches as the adviser types; an empty query clears the matches.
    void setQuery(const std::string& typed);
    const std::string& query() const { return m_query; }
    const std::vector<core::Learner>& matches() const { return m_matches; }
    int highlighted() const { return m_highlight; }
    void moveHighlight(int delta);
    // Enter: picks the highlighted match, or creates a learner named after the query when nothing matches.
    void confirmPicker();
    void pick(const core::Learner& learner);
    // "Créer « xyz »": a new learner whose pseudonym is the query. Throws mediane::Error when invalid.
    core::Learner createFromQuery();
    bool canCreateFromQuery() const;
    void removeLearner(const std::string& learnerId);
    // The picked learners, in order, for display.
    const std::vector<core::Learner>& learners() const { return m_learners; }

    // --- Vocabulary choices --------------------------------------------------------------
    static bool contains(const std::vector<std::string>& codes, const std::string& code);
    static void toggle(std::vector<std::string>& codes, const std::string& code);

    // --- Cheques -------------------------------------------------------------------------
    // Checks a typed number at once; an accepted cheque joins the session, a refused one stays with its reason.
    // Returns false when the text is not a number.
    bool addCheque(const std::string& typed);
    void removeCheque(std::int64_t number);
    const std::vector<ChequeLine>& cheques() const { return m_cheques; }
    // Checks every typed cheque again (e.g. after the date changed).
    void recheckCheques();

    // --- Assessments ---------------------------------------------------------------------
    std::vector<AssessmentLine>& assessments() { return m_assessments; }
    void addAssessment();  // for the first picked learner and the first competence worked (or 1.1)

    // --- Orientation -----------------------------------------------------------------------
    // The place the learner is oriented to (picked in the Annuaire, which checked it exists); "" clears it.
    void setOrientation(const std::string& placeId);
    // "Name (Commune)" of the orientation place; "" when there is none.
    const std::string& orientationName() const;

    // --- Save ----------------------------------------------------------------------------
    // Stores the session (with accepted cheques and assessments) through the notebook; throws mediane::Error
    // naming the field on invalid input, and stores nothing then. On success the form resets, keeping the
    // date, place and duration.
    core::Session save();

private:
    Notebook& m_notebook;
    core::Session m_draft;
    std::vector<core::Place> m_places;
    std::string m_query;
    std::vector<core::Learner> m_matches;
    int m_highlight = 0;
    std::vector<core::Learner> m_learners;
    std::vector<ChequeLine> m_cheques;
    std::vector<AssessmentLine> m_assessments;
    // Why cached: the directory can hold 10,000 places; the name is looked up once per change, not per frame.
    mutable std::string m_orientationNameOf, m_orientationName;
};

}  // namespace mediane::app
