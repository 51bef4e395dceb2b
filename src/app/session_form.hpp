// The session entry form's view-model: the national form's rules on the draft, learner picker, cheques, save; no ImGui.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/commune_picker.hpp"
#include "app/notebook.hpp"
#include "core/error.hpp"
#include "core/model.hpp"

namespace mediane::app {

// A cheque typed in the form, checked at once against the notebook.
struct ChequeLine {
    std::int64_t number = 0;
    std::optional<Error> refusal;  // why it cannot be redeemed; empty: accepted
    int validYear = 0;             // typed from a cheque no local booklet covers (another structure's)
    // Another structure's cheque: accepted once the year printed on it is typed.
    bool needsYear() const {
        return refusal && (refusal->key() == "err.cheque_unknown_needs_year" || refusal->key() == "err.valid_year_needed");
    }
};

// An optional assessment of one picked learner on one competence, made during the session.
struct AssessmentLine {
    std::string learnerId;
    std::string competenceCode;
    int level = 1;  // 1..8
    int step = 0;   // 0..3 within the level
    int score() const { return (level - 1) * core::Assessment::kStepsPerLevel + step; }
};

// Which breakdown of the anonymous participants: by gender, by age bracket or by status.
enum class AnonymousFacet { Gender, Age, Status };

class SessionForm {
public:
    static constexpr int kPickerLimit = 8;

    explicit SessionForm(Notebook& notebook);

    // Fresh defaults: today, the last duration used (else 60), the last place, an individual session at a
    // place of activity, nothing else.
    void reset();

    core::Session& draft() { return m_draft; }
    const core::Session& draft() const { return m_draft; }
    const std::vector<core::Place>& places() const { return m_places; }
    // Reads the places again (one was added in « Mes lieux »), the draft kept as it is.
    void reloadPlaces();
    bool individual() const { return m_draft.kind == core::SessionKind::Individual; }

    // --- Duration ------------------------------------------------------------------------
    // The national form's presets (15mn … 2h) and « Personnaliser »: the code of the one shown as chosen.
    // A duration no preset has (e.g. 50 min from the last session) shows as « Personnaliser ».
    std::string durationChoice() const;
    void chooseDuration(const std::string& presetCode);
    bool customDuration() const { return durationChoice() == kCustomDuration; }
    int durationHours() const { return m_draft.durationMinutes / 60; }
    int durationMinutesPart() const { return m_draft.durationMinutes % 60; }
    // « Personnaliser »: hours 0–23 and minutes 0–59, as the national form bounds them.
    void setCustomDuration(int hours, int minutes);
    static constexpr const char* kCustomDuration = "personnaliser";

    // --- Place -----------------------------------------------------------------------------
    void setPlaceMode(core::PlaceMode mode) { m_draft.placeMode = mode; }
    // Home, remote or elsewhere ask for a commune; home and elsewhere require it (the national rule).
    bool communeAsked() const { return m_draft.placeMode != core::PlaceMode::Place; }
    bool communeRequired() const;
    void setCommune(const PickedCommune& commune);
    void clearCommune();

    // --- Themes ------------------------------------------------------------------------------
    // The digital themes, then the administrative ones shown only under « Aide aux démarches administratives ».
    std::vector<core::Term> digitalThemes() const;
    std::vector<core::Term> administrativeThemes() const;
    // Ticks or unticks a theme; unticking the administrative parent clears its sub-themes and the
    // procedure's name, as the national form does.
    void toggleTheme(const std::string& code);
    bool administrativeShown() const;

    // --- Orientation (individual sessions) ----------------------------------------------------
    // Naming a structure or a place answers yes too, however it was named (the Annuaire writes the draft directly).
    bool oriented() const {
        return m_draft.oriented == 1 || !m_draft.redirection.empty() || !m_draft.orientationPlaceId.empty();
    }
    // « Non » clears the kind of structure and the directory place: the national form keeps them only with « Oui ».
    void setOriented(bool yes);
    // The place the learner is oriented to (picked in the Annuaire, which checked it exists); "" clears it.
    // Naming a place answers « orienté ? » with yes.
    void setOrientation(const std::string& placeId);
    // "Name (Commune)" of the orientation place; "" when there is none.
    const std::string& orientationName() const;

    // --- Anonymous participants ------------------------------------------------------------
    // An individual session with no learner picked is recorded with one anonymous beneficiary.
    bool anonymousIndividual() const { return individual() && m_learners.empty(); }
    const core::Vocabulary& facetVocabulary(AnonymousFacet facet) const;
    // A workshop's breakdown: how many anonymous participants have this code (0 when none said).
    int facetCount(AnonymousFacet facet, const std::string& code) const;
    void setFacetCount(AnonymousFacet facet, const std::string& code, int count);
    // Those of the anonymous participants whose gender (age, status) was not given: « non communiqué ».
    int facetNotGiven(AnonymousFacet facet) const;
    // The anonymous beneficiary of an individual session: one code per facet ("" = not given).
    std::string anonymousChoice(AnonymousFacet facet) const;
    void setAnonymousChoice(AnonymousFacet facet, const std::string& code);
    // « J'ai déjà accompagné ce bénéficiaire »
    bool alreadyAccompanied() const { return m_draft.anonymousAlreadyAccompanied > 0; }
    void setAlreadyAccompanied(bool yes) { m_draft.anonymousAlreadyAccompanied = yes ? 1 : 0; }

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
    // The validity year printed on a cheque of another structure; the line is checked again with it.
    void setChequeYear(std::int64_t number, int year);
    // The qualified place's catalogue (read when the first cheque is typed), and the service the session's
    // cheques pay for: the first one until another is chosen.
    const std::vector<core::PassService>& services() const { return m_services; }
    void setChequeService(const std::string& code) { m_draft.chequeService = code; }
    const std::string& chequeService() const { return m_draft.chequeService; }

    // --- Assessments ---------------------------------------------------------------------
    std::vector<AssessmentLine>& assessments() { return m_assessments; }
    void addAssessment();  // for the first picked learner and the first competence worked (or 1.1)

    // --- Save ----------------------------------------------------------------------------
    // What will be stored: the fields of the other kind of session and of the other kind of place left out,
    // an individual session without a learner given its anonymous beneficiary.
    core::Session sessionToSave() const;
    // Stores the session (with accepted cheques and assessments) through the notebook; throws mediane::Error
    // naming the field on invalid input, and stores nothing then. On success the form resets, keeping the
    // date, the kind of place, the place and the duration.
    core::Session save();

    // --- Correction of a recorded session ----------------------------------------------------
    // Usage: form.edit(*notebook.session(id)); ...the adviser changes fields...; form.save();   (updateSession)
    // Loads the session into the form; its cheques and assessments are shown, not edited (they are their own
    // records). save() then corrects that session and the form returns to a fresh draft; cancelEdit() too.
    void edit(const core::Session& recorded);
    bool editing() const { return !m_editingId.empty(); }
    const std::string& editingId() const { return m_editingId; }
    const core::Session& recorded() const { return m_recorded; }
    void cancelEdit();

private:
    std::vector<core::HeadCount>& breakdown(AnonymousFacet facet);
    const std::vector<core::HeadCount>& breakdown(AnonymousFacet facet) const;

    Notebook& m_notebook;
    core::Session m_draft;
    std::string m_editingId;   // the session being corrected; "" for a new one
    core::Session m_recorded;  // that session as it was loaded
    bool m_customDuration = false;  // « Personnaliser » chosen, even if the minutes happen to match a preset
    std::vector<core::Place> m_places;
    std::string m_query;
    std::vector<core::Learner> m_matches;
    int m_highlight = 0;
    std::vector<core::Learner> m_learners;
    std::vector<ChequeLine> m_cheques;
    std::vector<core::PassService> m_services;
    std::vector<AssessmentLine> m_assessments;
    // Why cached: the directory can hold 10,000 places; the name is looked up once per change, not per frame.
    mutable std::string m_orientationNameOf, m_orientationName;
};

}  // namespace mediane::app
