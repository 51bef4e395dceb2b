#include "core/validation.hpp"

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/text_file.hpp"

namespace mediane::core {

namespace {
void text(const std::string& value, const char* field, std::size_t max, bool required = false) {
    if (required && value.find_first_not_of(" \t\r\n") == std::string::npos) throw validationError("err.required", field);
    if (value.size() > max) throw validationError("err.too_long", field, {{"max", std::to_string(max)}});
    if (!isValidUtf8(value)) throw validationError("err.invalid_utf8", field);
}
void code(const std::string& value, const Vocabulary& vocab, const char* field) {
    if (!value.empty() && !vocab.contains(value)) throw validationError("err.unknown_code", field, {{"value", value}});
}
void inseeCode(const std::string& value, const char* field) {
    if (!value.empty() && !isInseeCode(value)) throw validationError("err.insee_invalid", field, {{"value", value}});
}
void headCounts(const std::vector<HeadCount>& counts, const Vocabulary& vocab, int anonymous, const char* field) {
    for (const auto& c : counts) {
        code(c.code, vocab, field);
        if (c.count < 0) throw validationError("err.count_range", field);
    }
    if (totalOf(counts) > anonymous)
        throw validationError("err.breakdown_exceeds", field, {{"count", std::to_string(anonymous)}});
}
}  // namespace

bool isInseeCode(const std::string& code) {
    // Five characters: digits, or 2A/2B followed by three digits for Corsica.
    if (code.size() != 5) return false;
    const bool corsica = code[0] == '2' && (code[1] == 'A' || code[1] == 'B');
    for (std::size_t i = corsica ? 2 : 0; i < 5; ++i)
        if (code[i] < '0' || code[i] > '9') return false;
    return true;
}

void deriveAgeBracket(Learner& l, const Vocabularies& vocab, int year) {
    if (l.birthYear > 0) l.ageBracket = ageBracketFor(vocab, l.birthYear, year);
}

namespace {
}  // namespace

void validateLearner(const Learner& l, const Vocabularies& vocab) {
    text(l.pseudonym, "learner.pseudonym", kMaxShortText, true);
    text(l.firstName, "learner.first_name", kMaxShortText);
    text(l.lastName, "learner.last_name", kMaxShortText);
    text(l.phone, "learner.phone", 40);
    text(l.email, "learner.email", kMaxShortText);
    text(l.commune, "learner.commune", kMaxShortText);
    text(l.goals, "learner.goals", kMaxNotes);
    if (!l.email.empty() && l.email.find('@') == std::string::npos) throw validationError("err.email_invalid", "learner.email");
    if (!l.consentDate.empty() && !isIsoDate(l.consentDate)) throw validationError("err.date_invalid", "learner.consent");
    // Data minimisation: identity and contact are kept only with recorded consent.
    bool identity = !l.firstName.empty() || !l.lastName.empty() || !l.phone.empty() || !l.email.empty();
    if (identity && !l.hasConsent()) throw validationError("err.identity_without_consent", "learner.consent");
    code(l.ageBracket, vocab.ageBrackets(), "learner.age_bracket");
    code(l.gender, vocab.genders(), "learner.gender");
    code(l.socialStatus, vocab.socialStatus(), "learner.social_status");
    const int thisYear = std::stoi(today().substr(0, 4));
    if (l.birthYear != 0 && (l.birthYear < 1900 || l.birthYear > thisYear))
        throw validationError("err.birth_year_range", "learner.birth_year", {{"max", std::to_string(thisYear)}});
    text(l.communePostalCode, "learner.commune", 10);
    inseeCode(l.communeInsee, "learner.commune");
}

void validateSession(const Session& s, const Vocabularies& vocab, const CompetenceFramework& framework) {
    if (!isIsoDate(s.date)) throw validationError("err.date_invalid", "session.date");
    if (s.date > addDays(today(), 1)) throw validationError("err.date_in_future", "session.date");
    // The national form's custom duration: 0-23 hours and 0-59 minutes, not both zero.
    if (s.durationMinutes <= 0 || s.durationMinutes > kMaxDurationMinutes)
        throw validationError("err.duration_range", "session.duration", {{"max", std::to_string(kMaxDurationMinutes)}});
    if (s.anonymousCount < 0 || s.anonymousCount > 500) throw validationError("err.count_range", "session.anonymous_count");
    if (s.participantCount() == 0) throw validationError("err.no_participant", "session.learners");
    const bool individual = s.kind == SessionKind::Individual;
    if (individual && s.participantCount() > 1) throw validationError("err.individual_one_learner", "session.learners");

    // Which place fields each place type requires (the Coop's CRA validation).
    if (s.placeMode == PlaceMode::Place && s.placeId.empty()) throw validationError("err.required", "session.place");
    if ((s.placeMode == PlaceMode::Home || s.placeMode == PlaceMode::Other) &&
        (s.communeName.empty() || s.communeInsee.empty()))
        throw validationError("err.required", "session.commune");
    text(s.communeName, "session.commune", kMaxShortText);
    text(s.communePostalCode, "session.commune", 10);
    inseeCode(s.communeInsee, "session.commune");

    if (s.themes.empty()) throw validationError("err.required", "session.themes");
    bool parentTheme = false;
    for (const auto& t : s.themes) {
        code(t, vocab.themes(), "session.themes");
        parentTheme = parentTheme || t == kAdministrativeParentTheme;
    }
    for (const auto& t : s.themes)
        if (!parentTheme && isAdministrativeTheme(vocab, t))
            throw validationError("err.administrative_theme_without_parent", "session.themes",
                                  {{"value", vocab.themes().label(t, "fr")}});
    text(s.procedureName, "session.procedure_name", kMaxShortText);
    if (!parentTheme && !s.procedureName.empty())
        throw validationError("err.procedure_without_parent", "session.procedure_name");

    for (const auto& e : s.equipment) code(e, vocab.equipment(), "session.equipment");
    code(s.autonomy, vocab.autonomy(), "session.autonomy");
    code(s.workshopLevel, vocab.workshopLevels(), "session.workshop_level");
    text(s.workshopTitle, "session.workshop_title", kMaxShortText);
    if (individual && (!s.workshopTitle.empty() || !s.workshopLevel.empty()))
        throw validationError("err.workshop_only", "session.workshop_title");
    if (!individual && !s.autonomy.empty()) throw validationError("err.individual_only", "session.autonomy");
    if (!individual && (s.oriented != 0 || !s.redirection.empty()))
        throw validationError("err.individual_only", "session.redirection");
    if (s.oriented != 0 && s.oriented != 1) throw validationError("err.count_range", "session.redirection");
    code(s.redirection, vocab.redirections(), "session.redirection");
    if (s.oriented == 0 && (!s.redirection.empty() || !s.orientationPlaceId.empty()))
        throw validationError("err.redirection_without_orientation", "session.redirection");

    headCounts(s.anonymousByGender, vocab.genders(), s.anonymousCount, "session.anonymous_by_gender");
    headCounts(s.anonymousByAge, vocab.ageBrackets(), s.anonymousCount, "session.anonymous_by_age");
    headCounts(s.anonymousByStatus, vocab.socialStatus(), s.anonymousCount, "session.anonymous_by_status");
    if (s.anonymousAlreadyAccompanied < 0 || s.anonymousAlreadyAccompanied > s.anonymousCount)
        throw validationError("err.breakdown_exceeds", "session.anonymous_already_accompanied",
                              {{"count", std::to_string(s.anonymousCount)}});

    for (const auto& c : s.competences)
        if (!framework.contains(c)) throw validationError("err.unknown_code", "session.competences", {{"value", c}});
    if (!s.chequesRedeemed.empty() && s.learnerIds.empty())
        throw validationError("err.cheque_needs_learner", "session.cheques");
    text(s.notes, "session.notes", kMaxNotes);
}

void validateAssessment(const Assessment& a, const CompetenceFramework& framework) {
    if (a.learnerId.empty()) throw validationError("err.required", "assessment.learner");
    if (!framework.contains(a.competenceCode))
        throw validationError("err.unknown_code", "assessment.competence", {{"value", a.competenceCode}});
    if (a.score < 0 || a.score > Assessment::kMaxScore) throw validationError("err.score_range", "assessment.score");
    if (!isIsoDate(a.date)) throw validationError("err.date_invalid", "assessment.date");
}

void validatePlace(const Place& p, const Vocabularies& vocab) {
    text(p.name, "place.name", kMaxShortText, true);
    text(p.address, "place.address", kMaxShortText);
    text(p.commune, "place.commune", kMaxShortText);
    code(p.kind, vocab.placeKinds(), "place.kind");
    if (!p.postalCode.empty() &&
        (p.postalCode.size() != 5 || p.postalCode.find_first_not_of("0123456789") != std::string::npos))
        throw validationError("err.postal_code", "place.postal_code");
}

}  // namespace mediane::core
