// The domain records of an adviser's notebook: learners, sessions, Pass numérique booklets and cheques, assessments, places.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mediane::core {

// Where a record stands with respect to the hub (shown next to each record, as DHIS2 Capture does).
enum class SyncState { Pending, Synced, Conflict, Error };
const char* toString(SyncState s);
SyncState syncStateFrom(const std::string& s);

// A learner (bénéficiaire): pseudonymous by default; name and contact only with recorded consent.
struct Learner {
    std::string id;
    std::string pseudonym;       // always present, e.g. "Bénéficiaire 0142" or initials chosen by the adviser
    std::string firstName;       // only with consent
    std::string lastName;        // only with consent
    std::string phone;           // only with consent
    std::string email;           // only with consent
    std::string consentDate;     // ISO date the learner agreed to the storage of name and contact; empty = no consent
    int birthYear = 0;           // 0: not given; when given, the age bracket is derived from it
    std::string ageBracket;      // vocabulary "age_brackets"
    std::string gender;          // vocabulary "genders"
    std::string socialStatus;    // vocabulary "social_status"
    std::string commune;         // commune of residence, with its codes when picked from the reference
    std::string communePostalCode;
    std::string communeInsee;
    std::string goals;
    std::string legacyCodes;     // codes of an older vocabulary that have no equivalent (see LegacyCodes)
    std::string createdAt;
    std::string updatedAt;
    int version = 0;             // hub version this copy is based on (0: never synced)
    SyncState syncState = SyncState::Pending;

    bool hasConsent() const { return !consentDate.empty(); }
    // Name shown in lists: the real name when consented, else the pseudonym.
    std::string displayName() const;
};

// The national activity report's activity types (vocabulary "session_kinds").
enum class SessionKind { Individual, Workshop };
const char* toString(SessionKind k);
std::optional<SessionKind> sessionKindFrom(const std::string& s);

// Where it happened (vocabulary "place_modes"): a place of activity, the learner's home, remote, elsewhere.
enum class PlaceMode { Place, Home, Remote, Other };
const char* toString(PlaceMode m);
std::optional<PlaceMode> placeModeFrom(const std::string& s);

// How many anonymous participants share one code of a vocabulary (gender, age bracket or status).
struct HeadCount {
    std::string code;
    int count = 0;
    bool operator==(const HeadCount&) const = default;
};
int totalOf(const std::vector<HeadCount>& counts);
int countOf(const std::vector<HeadCount>& counts, const std::string& code);

// A coaching session (accompagnement), as the national activity report (CRA) records it.
// Append-only once saved: a correction is an amendment.
struct Session {
    std::string id;
    std::string date;                       // ISO date
    int durationMinutes = 60;
    SessionKind kind = SessionKind::Individual;
    PlaceMode placeMode = PlaceMode::Place;
    std::string placeId;                    // when placeMode == Place
    std::vector<std::string> learnerIds;
    int anonymousCount = 0;                 // people not recorded as learners
    // The anonymous participants by gender, age bracket and status; whoever is left out is « non communiqué ».
    std::vector<HeadCount> anonymousByGender;
    std::vector<HeadCount> anonymousByAge;
    std::vector<HeadCount> anonymousByStatus;
    int anonymousAlreadyAccompanied = 0;    // anonymous participants the adviser had already accompanied
    std::vector<std::string> themes;        // vocabulary "themes"
    std::string procedureName;              // the administrative procedure, only with its parent theme
    std::vector<std::string> equipment;     // vocabulary "equipment"
    std::string autonomy;                   // vocabulary "autonomy" (individual sessions)
    std::string workshopTitle;              // workshops
    std::string workshopLevel;              // vocabulary "workshop_levels" (workshops)
    // Home, remote or elsewhere: the commune, picked from the national reference of communes.
    std::string communeName;
    std::string communePostalCode;
    std::string communeInsee;
    std::vector<std::string> competences;   // CRCN competence codes worked, e.g. "1.1"
    std::vector<std::int64_t> chequesRedeemed;  // Pass numérique cheque numbers redeemed in this session
    // Not wire fields: what recording the session writes on each redemption event. The service of the place's
    // catalogue the cheques paid for, and the validity year typed from each cheque no local booklet covers.
    std::string chequeService;
    std::vector<std::pair<std::int64_t, int>> chequeValidYears;
    int oriented = 0;                       // 1: the learner was oriented to another structure
    std::string redirection;                // vocabulary "redirections": the kind of structure, when oriented
    std::string orientationPlaceId;         // the directory's place the learner was oriented to, if any
    std::string notes;
    std::string legacyCodes;                // codes of an older vocabulary that have no equivalent
    std::string createdAt;
    std::string updatedAt;                  // the last correction on this laptop ("" before any)
    int version = 0;                        // the hub's version this copy is based on (0: never synced)
    SyncState syncState = SyncState::Pending;
    // Who recorded it (the sync account's structure and login; empty before enrolment). The hub overrides both.
    std::string structure;
    std::string adviser;

    int participantCount() const { return static_cast<int>(learnerIds.size()) + anonymousCount; }
};

// A booklet (carnet) of Pass numérique cheques received by a structure: a contiguous range of numbers.
struct PassBooklet {
    std::string id;
    std::string structure;
    std::int64_t firstNumber = 0;
    std::int64_t lastNumber = 0;
    int faceValueCents = 1000;
    std::string expiry;       // ISO date: the end of the validity year (31/12), or the last day of a booklet recorded before funders
    std::string receivedOn;   // ISO date
    // The funder (commanditaire) who ordered it and the year its cheques are valid in (0: a booklet recorded
    // before validity years, judged on its expiry date alone). Last so that older brace-initialisers still read.
    std::string funder;
    int validYear = 0;

    std::int64_t size() const { return lastNumber - firstNumber + 1; }
    bool contains(std::int64_t number) const { return number >= firstNumber && number <= lastNumber; }
};

enum class ChequeState { InStock, Given, Redeemed, Paid, Cancelled };
const char* toString(ChequeState s);
std::optional<ChequeState> chequeStateFrom(const std::string& s);

// One cheque: in stock → given to a learner → redeemed in a session → paid by the operator; or cancelled
// (lost, stolen, damaged) before it was redeemed. A cheque no local booklet covers (handed out by another
// structure) has no booklet id: its validity year is the one typed from the cheque.
struct PassCheque {
    std::string id;
    std::string bookletId;
    std::int64_t number = 0;
    int faceValueCents = 0;
    std::string expiry;
    ChequeState state = ChequeState::InStock;
    std::string learnerId;
    std::string givenOn;
    std::string redeemedOn;
    std::string sessionId;
    std::string paidOn;          // the day the operator paid it (from the payment file)
    SyncState syncState = SyncState::Pending;
    int validYear = 0;           // the booklet's, or the one typed from a cheque no local booklet covers
    std::string funder;
    std::string cancelledOn;
    std::string cancelCause;     // "lost" | "stolen" | "damaged"
    std::string cancelReason;    // free text
    std::string service;         // redeemed: the code of the service it paid for (its redemption event's)
    // The structures that gave and redeemed it, when another structure's events came from the hub ("" for here).
    std::string givenBy, redeemedAt;

    bool isExpiredOn(const std::string& isoDate) const { return !expiry.empty() && isoDate > expiry; }
    bool hasBooklet() const { return !bookletId.empty(); }
};

// One step of a cheque's life (given, redeemed, paid, cancelled), as it travels: the cheque's state is its furthest event.
struct ChequeEvent {
    std::string id;
    std::string chequeId;    // "<booklet id>#<number>"
    std::int64_t number = 0;
    std::string kind;        // "given" | "redeemed" | "paid" | "cancelled" ("claimed": an older laptop's "paid")
    std::string learnerId;
    std::string sessionId;
    std::string onDate;      // ISO date
    std::string cause;       // cancelled: "lost" | "stolen" | "damaged"
    std::string reason;      // cancelled: free text
    int validYear = 0;       // redeemed without a local booklet: the validity year typed from the cheque
    std::string service;     // redeemed: the code of the qualified place's service the cheque paid for
    int amountCents = 0;     // paid: the amount the operator paid for the cheque
    // The structure where it happened, stamped by the hub; empty for an event of this laptop not yet synced.
    std::string structure;
};

// A structure's part in the Pass numérique, set on the hub and pulled by its laptops: a distributor hands
// cheques out, a qualified place redeems them; the grace period after 31/12 is the structure's. The id is the
// structure's code.
struct PassProfile {
    std::string id;
    std::string structure;
    int distributor = 1;
    int qualifiedPlace = 1;
    int graceDays = 31;
};

// One service of a qualified place's catalogue: « Atelier 2 h » paid by one cheque.
struct PassService {
    std::string id;          // "<structure>:<code>"
    std::string structure;
    std::string code;
    std::string label;
    int cheques = 1;
    int withdrawn = 0;       // no longer offered; past redemptions keep naming it
};

// One competence assessment of a learner. Levels 1–8 of the CRCN, each cut into 4 steps,
// because most learners of digital inclusion move within levels 1–2 and need visible small steps.
struct Assessment {
    static constexpr int kStepsPerLevel = 4;
    static constexpr int kMaxScore = 8 * kStepsPerLevel - 1;  // level 8, last step

    std::string id;
    std::string learnerId;
    std::string competenceCode;  // e.g. "4.2"
    int score = 0;               // 0 = level 1 step 0 … 31 = level 8 step 3
    std::string date;
    std::string sessionId;       // the session it was made in, if any

    int level() const { return score / kStepsPerLevel + 1; }
    int step() const { return score % kStepsPerLevel; }
    // 1.0, 1.25, 1.5 … for charts.
    double fractionalLevel() const { return level() + step() / double(kStepsPerLevel); }
};

// A place where sessions happen or learners are oriented to (the directory issue brings the national standard).
struct Place {
    std::string id;
    std::string name;
    std::string kind;        // vocabulary "place_kinds"
    std::string address;
    std::string postalCode;
    std::string commune;
};

}  // namespace mediane::core
