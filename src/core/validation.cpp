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
}

void validateSession(const Session& s, const Vocabularies& vocab, const CompetenceFramework& framework) {
    if (!isIsoDate(s.date)) throw validationError("err.date_invalid", "session.date");
    if (s.date > addDays(today(), 1)) throw validationError("err.date_in_future", "session.date");
    if (s.durationMinutes <= 0 || s.durationMinutes > 12 * 60)
        throw validationError("err.duration_range", "session.duration", {{"max", "720"}});
    if (s.anonymousCount < 0 || s.anonymousCount > 500) throw validationError("err.count_range", "session.anonymous_count");
    if (s.participantCount() == 0) throw validationError("err.no_participant", "session.learners");
    if (s.kind != SessionKind::Workshop && s.anonymousCount > 0)
        throw validationError("err.anonymous_only_workshop", "session.anonymous_count");
    if (s.kind == SessionKind::Individual && s.learnerIds.size() > 1)
        throw validationError("err.individual_one_learner", "session.learners");
    if (s.placeMode == PlaceMode::Place && s.placeId.empty()) throw validationError("err.required", "session.place");
    if (s.themes.empty()) throw validationError("err.required", "session.themes");
    for (const auto& t : s.themes) code(t, vocab.themes(), "session.themes");
    for (const auto& e : s.equipment) code(e, vocab.equipment(), "session.equipment");
    code(s.autonomy, vocab.autonomy(), "session.autonomy");
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
