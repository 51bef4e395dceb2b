#include "sync/protocol/record_kinds.hpp"

#include <initializer_list>
#include <optional>
#include <type_traits>

#include "sync/protocol/record_wire.hpp"

// Each kind is described here once. A field is one line: its wire name bound to the member of the
// domain record that holds it; its type follows from the member's, and its role says what the hub and
// the laptops do with it beyond storing it. The laptop's columns take the wire names (store/record_tables).

namespace mediane::sync {

namespace {
using nlohmann::json;

// One wire field bound to a member of the domain record R.
template <class R>
struct Binding {
    RecordField field;
    void (*get)(const R&, json&);
    void (*set)(R&, const json&);
};

template <class T> struct ClassOfMember;
template <class C, class T> struct ClassOfMember<T C::*> { using Class = C; using Type = T; };

template <class T>
constexpr FieldType typeOf() {
    if constexpr (std::is_same_v<T, std::string>) return FieldType::Text;
    else if constexpr (std::is_same_v<T, std::vector<core::HeadCount>>) return FieldType::TextList;
    else if constexpr (std::is_integral_v<T>) return FieldType::Integer;
    else if constexpr (std::is_same_v<T, std::vector<std::string>>) return FieldType::TextList;
    else {
        static_assert(std::is_same_v<T, std::vector<std::int64_t>>, "a wire field is text, an integer or a list of them");
        return FieldType::IntegerList;
    }
}

// Lenient on purpose: a value of another type leaves the member unchanged, so a record from another
// version of Médiane still reads. The hub's codec is where strictness lives.
// "feminin:3": a head count travels as text so that it is stored like any list of codes.
std::optional<core::HeadCount> headCountFrom(const json& item) {
    if (!item.is_string()) return std::nullopt;
    const auto& text = item.get_ref<const std::string&>();
    auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 >= text.size() || text.size() - colon > 5) return std::nullopt;
    int count = 0;
    for (auto c : text.substr(colon + 1)) {
        if (c < '0' || c > '9') return std::nullopt;
        count = count * 10 + (c - '0');
    }
    return core::HeadCount{text.substr(0, colon), count};
}

json headCountsToWire(const std::vector<core::HeadCount>& counts) {
    json out = json::array();
    for (const auto& c : counts) out.push_back(c.code + ":" + std::to_string(c.count));
    return out;
}

template <class T>
void assign(T& member, const json& value) {
    if constexpr (std::is_same_v<T, std::string>) {
        if (value.is_string()) member = value.get<std::string>();
        else if (value.is_null()) member.clear();
    } else if constexpr (std::is_integral_v<T>) {
        if (value.is_number_integer()) member = static_cast<T>(value.get<std::int64_t>());
    } else if constexpr (std::is_same_v<T, std::vector<core::HeadCount>>) {
        if (!value.is_array()) return;
        member.clear();
        for (const auto& item : value)
            if (auto count = headCountFrom(item)) member.push_back(*count);
    } else {
        if (!value.is_array()) return;
        member.clear();
        for (const auto& item : value) {
            if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                if (item.is_string()) member.push_back(item.get<std::string>());
            } else if (item.is_number_integer()) {
                member.push_back(item.get<std::int64_t>());
            }
        }
    }
}

template <auto Member>
auto field(const char* wire, FieldRole role = FieldRole::Plain, const char* refersTo = "") {
    using Traits = ClassOfMember<decltype(Member)>;
    using R = typename Traits::Class;
    using T = typename Traits::Type;
    Binding<R> b;
    b.field.wire = wire;
    b.field.type = typeOf<T>();
    b.field.role = role;
    b.field.refersTo = refersTo;
    if constexpr (std::is_same_v<T, std::vector<core::HeadCount>>) {
        b.get = [](const R& r, json& out) { out = headCountsToWire(r.*Member); };
        b.field.headCounts = true;
    } else {
        b.get = [](const R& r, json& out) { out = r.*Member; };
    }
    b.set = [](R& r, const json& value) { assign(r.*Member, value); };
    return b;
}

// Codes of a vocabulary of assets/vocab.
template <auto Member>
auto coded(const char* wire, const char* vocabulary) {
    auto b = field<Member>(wire);
    b.field.vocabulary = vocabulary;
    return b;
}

template <auto Member>
auto reference(const char* wire, const char* entity) {
    return field<Member>(wire, FieldRole::Reference, entity);
}

template <auto Member>
auto derived(const char* wire, const char* from) {
    auto b = field<Member>(wire, FieldRole::Derived);
    b.field.derivedFrom = from;
    return b;
}

// A closed list of codes: a text member with its allowed values.
template <auto Member>
auto choice(const char* wire, std::vector<std::string> codes) {
    auto b = field<Member>(wire, FieldRole::Choice);
    b.field.choices = std::move(codes);
    return b;
}

// An enum member travels as its code; its choices are the codes of `values`.
template <auto Member, auto ToText, auto FromText>
auto code(const char* wire, std::initializer_list<typename ClassOfMember<decltype(Member)>::Type> values,
          const char* vocabulary) {
    using Traits = ClassOfMember<decltype(Member)>;
    using R = typename Traits::Class;
    Binding<R> b;
    b.field.wire = wire;
    b.field.vocabulary = vocabulary;
    b.field.type = FieldType::Text;
    b.field.role = FieldRole::Choice;
    for (auto v : values) b.field.choices.push_back(ToText(v));
    b.get = [](const R& r, json& out) { out = ToText(r.*Member); };
    b.set = [](R& r, const json& value) {
        if (!value.is_string()) return;
        if (auto parsed = FromText(value.get<std::string>())) r.*Member = *parsed;
    };
    return b;
}

// --- The descriptions --------------------------------------------------------------------------

const std::vector<Binding<core::Learner>>& learnerFields() {
    static const std::vector<Binding<core::Learner>> fields = {
        field<&core::Learner::pseudonym>("pseudonym"),
        field<&core::Learner::firstName>("first_name"),
        field<&core::Learner::lastName>("last_name"),
        field<&core::Learner::phone>("phone"),
        field<&core::Learner::email>("email"),
        field<&core::Learner::consentDate>("consent_date"),
        field<&core::Learner::birthYear>("birth_year"),
        coded<&core::Learner::ageBracket>("age_bracket", "age_brackets"),
        coded<&core::Learner::gender>("gender", "genders"),
        coded<&core::Learner::socialStatus>("social_status", "social_status"),
        field<&core::Learner::commune>("commune"),
        field<&core::Learner::communePostalCode>("commune_postal_code"),
        field<&core::Learner::communeInsee>("commune_insee"),
        field<&core::Learner::goals>("goals"),
        field<&core::Learner::legacyCodes>("legacy_codes"),
    };
    return fields;
}

const std::vector<Binding<core::Session>>& sessionFields() {
    static const std::vector<Binding<core::Session>> fields = {
        field<&core::Session::date>("date"),
        field<&core::Session::durationMinutes>("duration_minutes"),
        code<&core::Session::kind, static_cast<const char* (*)(core::SessionKind)>(core::toString),
             core::sessionKindFrom>("kind", {core::SessionKind::Individual, core::SessionKind::Workshop}, "session_kinds"),
        code<&core::Session::placeMode, static_cast<const char* (*)(core::PlaceMode)>(core::toString),
             core::placeModeFrom>("place_mode", {core::PlaceMode::Place, core::PlaceMode::Home, core::PlaceMode::Remote,
                                                 core::PlaceMode::Other}, "place_modes"),
        reference<&core::Session::placeId>("place_id", "place"),
        field<&core::Session::communeName>("commune"),
        field<&core::Session::communePostalCode>("commune_postal_code"),
        field<&core::Session::communeInsee>("commune_insee"),
        reference<&core::Session::learnerIds>("learner_ids", "learner"),
        field<&core::Session::anonymousCount>("anonymous_count"),
        coded<&core::Session::anonymousByGender>("anonymous_by_gender", "genders"),
        coded<&core::Session::anonymousByAge>("anonymous_by_age", "age_brackets"),
        coded<&core::Session::anonymousByStatus>("anonymous_by_status", "social_status"),
        field<&core::Session::anonymousAlreadyAccompanied>("anonymous_already_accompanied"),
        coded<&core::Session::themes>("themes", "themes"),
        field<&core::Session::procedureName>("procedure_name"),
        coded<&core::Session::equipment>("equipment", "equipment"),
        coded<&core::Session::autonomy>("autonomy", "autonomy"),
        field<&core::Session::workshopTitle>("workshop_title"),
        coded<&core::Session::workshopLevel>("workshop_level", "workshop_levels"),
        field<&core::Session::competences>("competences"),
        derived<&core::Session::chequesRedeemed>("cheques_redeemed", "cheque_event.number"),
        field<&core::Session::oriented>("oriented"),
        coded<&core::Session::redirection>("redirection", "redirections"),
        reference<&core::Session::orientationPlaceId>("orientation_place_id", "place"),
        field<&core::Session::notes>("notes"),
        field<&core::Session::legacyCodes>("legacy_codes"),
        field<&core::Session::structure>("structure", FieldRole::StampedStructure),
        field<&core::Session::adviser>("adviser", FieldRole::StampedAdviser),
    };
    return fields;
}

const std::vector<Binding<core::PassBooklet>>& bookletFields() {
    static const std::vector<Binding<core::PassBooklet>> fields = {
        field<&core::PassBooklet::structure>("structure", FieldRole::OwnerStructure),
        field<&core::PassBooklet::firstNumber>("first_number"),
        field<&core::PassBooklet::lastNumber>("last_number"),
        field<&core::PassBooklet::faceValueCents>("face_value_cents"),
        field<&core::PassBooklet::expiry>("expiry"),
        field<&core::PassBooklet::receivedOn>("received_on"),
        field<&core::PassBooklet::funder>("funder"),
        field<&core::PassBooklet::validYear>("valid_year"),
    };
    return fields;
}

const std::vector<Binding<core::ChequeEvent>>& chequeEventFields() {
    static const std::vector<Binding<core::ChequeEvent>> fields = {
        reference<&core::ChequeEvent::chequeId>("cheque_id", "pass_cheque"),
        field<&core::ChequeEvent::number>("number"),
        choice<&core::ChequeEvent::kind>("kind", {"given", "redeemed", "claimed", "cancelled", "paid"}),
        reference<&core::ChequeEvent::learnerId>("learner_id", "learner"),
        reference<&core::ChequeEvent::sessionId>("session_id", "session"),
        field<&core::ChequeEvent::onDate>("on_date"),
        field<&core::ChequeEvent::cause>("cause"),
        field<&core::ChequeEvent::reason>("reason"),
        field<&core::ChequeEvent::validYear>("valid_year"),
        field<&core::ChequeEvent::service>("service"),
        field<&core::ChequeEvent::amountCents>("amount_cents"),
        field<&core::ChequeEvent::structure>("structure", FieldRole::StampedStructure),
    };
    return fields;
}

const std::vector<Binding<core::PassProfile>>& passProfileFields() {
    static const std::vector<Binding<core::PassProfile>> fields = {
        field<&core::PassProfile::structure>("structure", FieldRole::OwnerStructure),
        field<&core::PassProfile::distributor>("distributor"),
        field<&core::PassProfile::qualifiedPlace>("qualified_place"),
        field<&core::PassProfile::graceDays>("grace_days"),
    };
    return fields;
}

const std::vector<Binding<core::PassService>>& passServiceFields() {
    static const std::vector<Binding<core::PassService>> fields = {
        field<&core::PassService::structure>("structure", FieldRole::OwnerStructure),
        field<&core::PassService::code>("code"),
        field<&core::PassService::label>("label"),
        field<&core::PassService::cheques>("cheques"),
        field<&core::PassService::withdrawn>("withdrawn"),
    };
    return fields;
}

const std::vector<Binding<core::Assessment>>& assessmentFields() {
    static const std::vector<Binding<core::Assessment>> fields = {
        reference<&core::Assessment::learnerId>("learner_id", "learner"),
        field<&core::Assessment::competenceCode>("competence_code"),
        field<&core::Assessment::score>("score"),
        field<&core::Assessment::date>("date"),
        reference<&core::Assessment::sessionId>("session_id", "session"),
    };
    return fields;
}

// A place added on a laptop; the directory's places carry the national schema's fields too (openFields).
const std::vector<Binding<core::Place>>& placeFields() {
    static const std::vector<Binding<core::Place>> fields = {
        field<&core::Place::name>("name"),
        field<&core::Place::kind>("kind"),
        field<&core::Place::address>("address"),
        field<&core::Place::postalCode>("postal_code"),
        field<&core::Place::commune>("commune"),
    };
    return fields;
}

template <class R>
RecordKind kindOf(const char* entity, Lifecycle lifecycle, ConflictRule rule, const std::vector<Binding<R>>& bindings) {
    RecordKind kind;
    kind.entity = entity;
    kind.lifecycle = lifecycle;
    kind.conflicts = rule;
    for (const auto& b : bindings) kind.fields.push_back(b.field);
    return kind;
}

template <class R>
json encodeWith(const std::vector<Binding<R>>& bindings, const R& record) {
    json out = json::object();
    for (const auto& b : bindings) b.get(record, out[b.field.wire]);
    return out;
}

template <class R>
void decodeWith(const std::vector<Binding<R>>& bindings, const json& fields, R& record) {
    if (!fields.is_object()) return;
    for (const auto& b : bindings) {
        auto it = fields.find(b.field.wire);
        if (it != fields.end()) b.set(record, *it);
    }
}
}  // namespace

const RecordField* RecordKind::field(std::string_view wire) const {
    for (const auto& f : fields)
        if (f.wire == wire) return &f;
    return nullptr;
}

const std::vector<RecordKind>& recordKinds() {
    static const std::vector<RecordKind> kinds = [] {
        std::vector<RecordKind> all;
        auto place = kindOf("place", Lifecycle::HubAuthoritative, ConflictRule::Proposal, placeFields());
        place.openFields = true;
        all.push_back(std::move(place));
        all.push_back(kindOf("learner", Lifecycle::Mergeable, ConflictRule::FieldMerge, learnerFields()));
        // A session is corrected in place like a learner (a wrong learner, a wrong duration): its fields merge
        // against base_version, and a delete is a tombstone (docs/sync-protocol.md §5).
        all.push_back(kindOf("session", Lifecycle::Mergeable, ConflictRule::FieldMerge, sessionFields()));
        all.push_back(kindOf("pass_booklet", Lifecycle::AppendOnly, ConflictRule::FirstCopyWins, bookletFields()));
        auto events = kindOf("cheque_event", Lifecycle::AppendOnly, ConflictRule::OverRedemption, chequeEventFields());
        events.erasable = false;
        all.push_back(std::move(events));
        all.push_back(kindOf("assessment", Lifecycle::AppendOnly, ConflictRule::FirstCopyWins, assessmentFields()));
        // A structure's settings: written by its coordinators (on the hub or on a laptop, offline), merged like a
        // learner, never erased (a service withdrawn stays named by the redemptions that used it).
        for (auto settings : {kindOf("pass_profile", Lifecycle::Mergeable, ConflictRule::FieldMerge, passProfileFields()),
                              kindOf("pass_service", Lifecycle::Mergeable, ConflictRule::FieldMerge, passServiceFields())}) {
            settings.coordinatorsOnly = true;
            settings.erasable = false;
            all.push_back(std::move(settings));
        }
        return all;
    }();
    return kinds;
}

nlohmann::json stampedAsAcknowledged(const RecordKind& kind, nlohmann::json fields, const std::string& structure,
                                     const std::string& login) {
    for (const auto& f : kind.fields) {
        if (f.role != FieldRole::StampedStructure && f.role != FieldRole::StampedAdviser) continue;
        auto it = fields.find(f.wire);
        if (it != fields.end() && !(it->is_string() && it->get<std::string>().empty())) continue;
        fields[f.wire] = f.role == FieldRole::StampedStructure ? structure : login;
    }
    return fields;
}

bool isCorrectable(const RecordField& field) {
    return field.role != FieldRole::Derived && field.role != FieldRole::StampedStructure &&
           field.role != FieldRole::StampedAdviser && field.role != FieldRole::OwnerStructure;
}

const RecordKind* findRecordKind(std::string_view entity) {
    for (const auto& kind : recordKinds())
        if (kind.entity == entity) return &kind;
    return nullptr;
}

json toWire(const core::Learner& r) { return encodeWith(learnerFields(), r); }
json toWire(const core::Session& r) { return encodeWith(sessionFields(), r); }
json toWire(const core::PassBooklet& r) { return encodeWith(bookletFields(), r); }
json toWire(const core::ChequeEvent& r) { return encodeWith(chequeEventFields(), r); }
json toWire(const core::Assessment& r) { return encodeWith(assessmentFields(), r); }
json toWire(const core::Place& r) { return encodeWith(placeFields(), r); }
json toWire(const core::PassProfile& r) { return encodeWith(passProfileFields(), r); }
json toWire(const core::PassService& r) { return encodeWith(passServiceFields(), r); }

void fromWire(const json& f, core::Learner& r) { decodeWith(learnerFields(), f, r); }
void fromWire(const json& f, core::Session& r) { decodeWith(sessionFields(), f, r); }
void fromWire(const json& f, core::PassBooklet& r) { decodeWith(bookletFields(), f, r); }
void fromWire(const json& f, core::ChequeEvent& r) { decodeWith(chequeEventFields(), f, r); }
void fromWire(const json& f, core::Assessment& r) { decodeWith(assessmentFields(), f, r); }
void fromWire(const json& f, core::Place& r) { decodeWith(placeFields(), f, r); }
void fromWire(const json& f, core::PassProfile& r) { decodeWith(passProfileFields(), f, r); }
void fromWire(const json& f, core::PassService& r) { decodeWith(passServiceFields(), f, r); }

}  // namespace mediane::sync
