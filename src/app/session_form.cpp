#include "app/session_form.hpp"

#include <algorithm>
#include <charconv>

#include "core/calendar.hpp"
#include "core/vocabulary.hpp"

namespace mediane::app {

namespace {
std::string trimmed(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}
}  // namespace

SessionForm::SessionForm(Notebook& notebook) : m_notebook(notebook) { reset(); }

void SessionForm::reset() {
    m_editingId.clear();
    m_recorded = {};
    m_draft = core::Session{};
    m_draft.date = core::today();
    try {
        m_draft.durationMinutes = std::stoi(m_notebook.settings().get("last_duration", "60"));
    } catch (const std::exception&) {
        m_draft.durationMinutes = 60;  // a hand-edited setting must not block the form
    }
    if (m_draft.durationMinutes <= 0) m_draft.durationMinutes = 60;
    m_places = m_notebook.places();
    std::string lastPlace = m_notebook.settings().get("last_place_id", "");
    bool known = std::any_of(m_places.begin(), m_places.end(), [&](const auto& p) { return p.id == lastPlace; });
    m_draft.placeId = known ? lastPlace : (m_places.empty() ? "" : m_places.front().id);
    m_customDuration = false;
    m_query.clear();
    m_matches.clear();
    m_highlight = 0;
    m_learners.clear();
    m_cheques.clear();
    m_assessments.clear();
}

// --- Duration --------------------------------------------------------------------------------
std::string SessionForm::durationChoice() const {
    if (!m_customDuration)
        for (const auto& t : m_notebook.vocabularies().durationPresets().terms())
            if (t.minutes && *t.minutes == m_draft.durationMinutes) return t.code;
    return kCustomDuration;
}

void SessionForm::chooseDuration(const std::string& presetCode) {
    const core::Term* preset = m_notebook.vocabularies().durationPresets().find(presetCode);
    if (preset && preset->minutes) {
        m_draft.durationMinutes = *preset->minutes;
        m_customDuration = false;
    } else {
        m_customDuration = true;  // « Personnaliser » keeps the minutes shown until they are changed
    }
}

void SessionForm::setCustomDuration(int hours, int minutes) {
    m_customDuration = true;
    m_draft.durationMinutes = std::clamp(hours, 0, 23) * 60 + std::clamp(minutes, 0, 59);
}

void SessionForm::reloadPlaces() { m_places = m_notebook.places(); }

// --- Place -------------------------------------------------------------------------------------
bool SessionForm::communeRequired() const {
    return m_draft.placeMode == core::PlaceMode::Home || m_draft.placeMode == core::PlaceMode::Other;
}

void SessionForm::setCommune(const PickedCommune& commune) {
    m_draft.communeName = commune.name;
    m_draft.communePostalCode = commune.postalCode;
    m_draft.communeInsee = commune.inseeCode;
}

void SessionForm::clearCommune() { setCommune({}); }

// --- Themes ------------------------------------------------------------------------------------
std::vector<core::Term> SessionForm::digitalThemes() const {
    std::vector<core::Term> out;
    const auto& vocab = m_notebook.vocabularies();
    for (const auto& t : vocab.themes().terms())
        if (!core::isAdministrativeTheme(vocab, t.code)) out.push_back(t);
    return out;
}

std::vector<core::Term> SessionForm::administrativeThemes() const {
    std::vector<core::Term> out;
    const auto& vocab = m_notebook.vocabularies();
    for (const auto& t : vocab.themes().terms())
        if (core::isAdministrativeTheme(vocab, t.code)) out.push_back(t);
    return out;
}

bool SessionForm::administrativeShown() const { return contains(m_draft.themes, core::kAdministrativeParentTheme); }

void SessionForm::toggleTheme(const std::string& code) {
    toggle(m_draft.themes, code);
    if (code == core::kAdministrativeParentTheme && !administrativeShown()) {
        const auto& vocab = m_notebook.vocabularies();
        std::erase_if(m_draft.themes, [&](const std::string& t) { return core::isAdministrativeTheme(vocab, t); });
        m_draft.procedureName.clear();
    }
}

// --- Orientation -------------------------------------------------------------------------------
void SessionForm::setOriented(bool yes) {
    m_draft.oriented = yes ? 1 : 0;
    if (!yes) {
        m_draft.redirection.clear();
        m_draft.orientationPlaceId.clear();
    }
}

// --- Anonymous participants --------------------------------------------------------------------
const core::Vocabulary& SessionForm::facetVocabulary(AnonymousFacet facet) const {
    const auto& vocab = m_notebook.vocabularies();
    switch (facet) {
        case AnonymousFacet::Gender: return vocab.genders();
        case AnonymousFacet::Age: return vocab.ageBrackets();
        case AnonymousFacet::Status: break;
    }
    return vocab.socialStatus();
}

std::vector<core::HeadCount>& SessionForm::breakdown(AnonymousFacet facet) {
    switch (facet) {
        case AnonymousFacet::Gender: return m_draft.anonymousByGender;
        case AnonymousFacet::Age: return m_draft.anonymousByAge;
        case AnonymousFacet::Status: break;
    }
    return m_draft.anonymousByStatus;
}

const std::vector<core::HeadCount>& SessionForm::breakdown(AnonymousFacet facet) const {
    return const_cast<SessionForm*>(this)->breakdown(facet);
}

int SessionForm::facetCount(AnonymousFacet facet, const std::string& code) const {
    return core::countOf(breakdown(facet), code);
}

void SessionForm::setFacetCount(AnonymousFacet facet, const std::string& code, int count) {
    auto& counts = breakdown(facet);
    std::erase_if(counts, [&](const core::HeadCount& c) { return c.code == code; });
    // Zero is « not said », stored as nothing.
    if (count > 0) counts.push_back({code, count});
}

int SessionForm::facetNotGiven(AnonymousFacet facet) const {
    const auto& counts = breakdown(facet);
    int given = core::totalOf(counts) - core::countOf(counts, core::kAgeNotGiven);
    return std::max(0, m_draft.anonymousCount - given);
}

std::string SessionForm::anonymousChoice(AnonymousFacet facet) const {
    for (const auto& c : breakdown(facet))
        if (c.count > 0) return c.code;
    return {};
}

void SessionForm::setAnonymousChoice(AnonymousFacet facet, const std::string& code) {
    auto& counts = breakdown(facet);
    counts.clear();
    if (!code.empty() && code != core::kAgeNotGiven) counts.push_back({code, 1});
}

// --- Learner picker ----------------------------------------------------------------------------
void SessionForm::setQuery(const std::string& typed) {
    m_query = typed;
    m_highlight = 0;
    if (trimmed(typed).empty()) {
        m_matches.clear();
        return;
    }
    m_matches = m_notebook.searchLearners(typed, kPickerLimit);
    // Already picked learners are not offered twice.
    std::erase_if(m_matches, [&](const core::Learner& l) {
        return std::any_of(m_learners.begin(), m_learners.end(), [&](const auto& p) { return p.id == l.id; });
    });
}

void SessionForm::moveHighlight(int delta) {
    if (m_matches.empty()) return;
    int n = static_cast<int>(m_matches.size());
    m_highlight = std::clamp(m_highlight + delta, 0, n - 1);
}

void SessionForm::confirmPicker() {
    if (!m_matches.empty()) {
        pick(m_matches[static_cast<std::size_t>(m_highlight)]);
    } else if (canCreateFromQuery()) {
        createFromQuery();
    }
}

void SessionForm::pick(const core::Learner& learner) {
    bool already = std::any_of(m_learners.begin(), m_learners.end(), [&](const auto& p) { return p.id == learner.id; });
    if (!already) {
        m_learners.push_back(learner);
        m_draft.learnerIds.push_back(learner.id);
    }
    setQuery("");
}

bool SessionForm::canCreateFromQuery() const { return !trimmed(m_query).empty(); }

core::Learner SessionForm::createFromQuery() {
    core::Learner draft;
    draft.pseudonym = trimmed(m_query);
    core::Learner created = m_notebook.createLearner(draft);
    pick(created);
    return created;
}

void SessionForm::removeLearner(const std::string& learnerId) {
    std::erase_if(m_learners, [&](const auto& l) { return l.id == learnerId; });
    std::erase(m_draft.learnerIds, learnerId);
    std::erase_if(m_assessments, [&](const auto& a) { return a.learnerId == learnerId; });
}

bool SessionForm::contains(const std::vector<std::string>& codes, const std::string& code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

void SessionForm::toggle(std::vector<std::string>& codes, const std::string& code) {
    auto it = std::find(codes.begin(), codes.end(), code);
    if (it == codes.end()) {
        codes.push_back(code);
    } else {
        codes.erase(it);
    }
}

bool SessionForm::addCheque(const std::string& typed) {
    std::string text = trimmed(typed);
    std::int64_t number = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || number <= 0) return false;
    for (const auto& line : m_cheques)
        if (line.number == number) return true;  // typed twice: one line is enough
    ChequeLine line{number, std::nullopt};
    try {
        m_notebook.chequeForRedemption(number, m_draft.date);
    } catch (const Error& e) {
        line.refusal = e;
    }
    if (m_cheques.empty()) {
        m_services = m_notebook.passServices();
        if (m_draft.chequeService.empty() && !m_services.empty()) m_draft.chequeService = m_services.front().code;
    }
    m_cheques.push_back(line);
    return true;
}

void SessionForm::setChequeYear(std::int64_t number, int year) {
    for (auto& line : m_cheques) {
        if (line.number != number) continue;
        line.validYear = year;
        line.refusal.reset();
        try {
            m_notebook.chequeForRedemption(line.number, m_draft.date, line.validYear);
        } catch (const Error& e) {
            line.refusal = e;
        }
    }
}

void SessionForm::removeCheque(std::int64_t number) {
    std::erase_if(m_cheques, [&](const auto& l) { return l.number == number; });
}

void SessionForm::recheckCheques() {
    for (auto& line : m_cheques) {
        line.refusal.reset();
        try {
            m_notebook.chequeForRedemption(line.number, m_draft.date, line.validYear);
        } catch (const Error& e) {
            line.refusal = e;
        }
    }
}

void SessionForm::addAssessment() {
    AssessmentLine line;
    if (!m_learners.empty()) line.learnerId = m_learners.front().id;
    line.competenceCode = !m_draft.competences.empty() ? m_draft.competences.front() : "1.1";
    m_assessments.push_back(line);
}

void SessionForm::setOrientation(const std::string& placeId) {
    m_draft.orientationPlaceId = placeId;
    if (!placeId.empty()) m_draft.oriented = 1;
}

const std::string& SessionForm::orientationName() const {
    const std::string& id = m_draft.orientationPlaceId;
    if (id != m_orientationNameOf) {
        m_orientationNameOf = id;
        m_orientationName.clear();
        // By id, not in m_places: a place imported since the form opened is not in that list.
        if (!id.empty()) {
            auto place = m_notebook.placeStore().find(id);
            m_orientationName = !place ? id : place->commune.empty() ? place->name : place->name + " (" + place->commune + ")";
        }
    }
    return m_orientationName;
}

// --- Save --------------------------------------------------------------------------------------
core::Session SessionForm::sessionToSave() const {
    core::Session s = m_draft;
    if (s.placeMode == core::PlaceMode::Place) {
        s.communeName.clear();
        s.communePostalCode.clear();
        s.communeInsee.clear();
    } else {
        s.placeId.clear();
    }
    if (s.kind == core::SessionKind::Individual) {
        s.workshopTitle.clear();
        s.workshopLevel.clear();
        // The national form records a beneficiary for every individual session: anonymous when none is picked.
        s.anonymousCount = s.learnerIds.empty() ? 1 : 0;
        if (!s.learnerIds.empty()) {
            s.anonymousByGender.clear();
            s.anonymousByAge.clear();
            s.anonymousByStatus.clear();
            s.anonymousAlreadyAccompanied = 0;
        }
        s.oriented = oriented() ? 1 : 0;
    } else {
        // Autonomy and orientation are asked of one beneficiary only.
        s.autonomy.clear();
        s.oriented = 0;
        s.redirection.clear();
        s.orientationPlaceId.clear();
    }
    return s;
}

void SessionForm::edit(const core::Session& recorded) {
    reset();
    m_editingId = recorded.id;
    m_recorded = recorded;
    m_draft = recorded;
    m_draft.learnerIds.clear();
    for (const auto& id : recorded.learnerIds)
        if (auto learner = m_notebook.learner(id)) pick(*learner);
    // A duration no preset has shows as « Personnaliser » by itself (durationChoice).
}

void SessionForm::cancelEdit() {
    m_editingId.clear();
    m_recorded = {};
    reset();
}

core::Session SessionForm::save() {
    if (editing()) {
        if (anonymousIndividual() && canCreateFromQuery())
            throw validationError("err.learner_typed_not_picked", "session.learners", {{"name", trimmed(m_query)}});
        core::Session corrected = sessionToSave();
        corrected.id = m_editingId;
        core::Session saved = m_notebook.updateSession(corrected);
        cancelEdit();
        return saved;
    }
    // A name typed but never picked would otherwise be saved as an anonymous beneficiary without a word.
    if (anonymousIndividual() && canCreateFromQuery())
        throw validationError("err.learner_typed_not_picked", "session.learners", {{"name", trimmed(m_query)}});
    core::Session draft = sessionToSave();
    draft.chequesRedeemed.clear();
    for (const auto& line : m_cheques) {
        // A refused cheque is never silently dropped: the adviser removes it or corrects it.
        // Re-thrown on the form's field so the screen highlights the cheque list.
        if (line.refusal)
            throw Error(line.refusal->kind(), line.refusal->key(), line.refusal->params(), "session.cheques");
        draft.chequesRedeemed.push_back(line.number);
        if (line.validYear > 0) draft.chequeValidYears.emplace_back(line.number, line.validYear);
    }
    std::vector<core::Assessment> assessments;
    for (const auto& line : m_assessments) {
        core::Assessment a;
        a.learnerId = line.learnerId;
        a.competenceCode = line.competenceCode;
        a.score = line.score();
        a.date = draft.date;
        assessments.push_back(a);
    }
    core::Session saved = m_notebook.recordSession(draft, assessments);

    std::string keptDate = m_draft.date;
    auto keptMode = m_draft.placeMode;
    bool keptCustom = m_customDuration;
    reset();
    m_draft.date = keptDate;
    m_draft.placeMode = keptMode;
    m_draft.placeId = saved.placeId.empty() ? m_draft.placeId : saved.placeId;
    m_draft.durationMinutes = saved.durationMinutes;
    m_customDuration = keptCustom;
    return saved;
}

}  // namespace mediane::app
