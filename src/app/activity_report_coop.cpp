// The Coop-shaped report's rows and its CSV; the XLSX is in activity_report_coop_xlsx.cpp.
// Reference: buildAccompagnementsWorksheet.ts of coop-mediation-numerique (commit 46aa33bd), summed up in
// tests/unit/fixtures/coop-cra/vocabularies.json (export_columns) and docs/activity-report.md.
#include "app/activity_report_coop.hpp"

#include <algorithm>
#include <cstdio>

#include "app/activity_report.hpp"
#include "app/activity_report_insee.hpp"
#include "app/notebook.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/vocabulary.hpp"
#include "store/activity_queries.hpp"

namespace mediane::app {

namespace {

// The Coop's headers, all of them, in its order. Fixed French: they name the columns of a national
// file format, so they do not follow the interface language.
const std::vector<std::string> kAllColumns = {
    "Date",
    "Enregistré le",
    "Dernière modification le",
    "Prénom du médiateur",
    "Nom du médiateur",
    "Rôle",
    "ID - Conum",
    "Type",
    "Participants",
    "Bénéficiaire",
    "Canaux d’accompagnement",
    "Nom du lieu",
    "Adresse",
    "Commune",
    "Code postal",
    "Code Insee",
    "Durée (min)",
    "Nom de l’atelier",
    "Matériel numérique utilisé",
    "Thématique(s) d’accompagnement",
    "Tags",
    "Nom de la démarche administrative",
    "Niveau d’autonomie (ou de l’atelier)",
    "Bénéficiaire réorienté",
    "Structure de redirection",
    "Commune du bénéficiaire",
    "Code postal du bénéficiaire",
    "Code Insee du bénéficiaire",
    "Genre du bénéficiaire",
    "Tranche d’âge du bénéficiaire",
    "Statut du bénéficiaire",
    "Notes supplémentaires",
    "Source de la donnée",
    "ID CRA",
};

// Positions in kAllColumns.
enum Column {
    kDate, kRecorded, kModified, kAdviserFirstName, kAdviserLastName, kRole, kConumId, kType, kParticipants,
    kBeneficiary, kChannel, kPlaceName, kAddress, kCommune, kPostalCode, kInsee, kDuration, kWorkshopTitle,
    kEquipment, kThemes, kTags, kProcedure, kLevel, kReoriented, kRedirection, kBeneficiaryCommune,
    kBeneficiaryPostalCode, kBeneficiaryInsee, kGender, kAge, kStatus, kNotes, kSource, kId, kColumnCount
};

// The Coop writes these only for a self export (isSelfExport) or only for someone else's (a coordinator).
bool appliesTo(std::size_t column, CoopScope scope) {
    switch (column) {
        case kBeneficiary:
        case kNotes: return scope == CoopScope::Self;
        case kAdviserFirstName:
        case kAdviserLastName:
        case kRole:
        case kConumId:
        // « Source de la donnée » comes with hasCraV1, always true for a coordinator; an adviser's Médiane
        // notebook has no CRA of the Coop's first version, so a self export has no such column.
        case kSource: return scope == CoopScope::Territory;
        default: return true;
    }
}

// What the Coop writes for an anonymous beneficiary in « Bénéficiaire » (displayNameFromIdentity).
constexpr const char* kAnonymousBeneficiary = "Bénéficiaire anonyme";
// « Source de la donnée »: the Coop writes where a row came from (its V1 or V2); these came from Médiane.
constexpr const char* kSourceMediane = "Médiane";
constexpr const char* kYes = "Oui";
constexpr const char* kNo = "Non";
// Multi-valued cells are joined with a line break, as the Coop's export does.
constexpr char kCellLineBreak = '\n';
constexpr const char* kNotGiven = core::kAgeNotGiven;  // "non_communique", shared by gender, age and status

std::string frLabel(const core::Vocabulary& vocabulary, const std::string& code) {
    return code.empty() ? std::string() : vocabulary.label(code, "fr");
}

// A gender, age bracket or status: its label, « Non communiqué » when none was given.
std::string profileLabel(const core::Vocabulary& vocabulary, const std::string& code) {
    return vocabulary.label(code.empty() ? kNotGiven : code, "fr");
}

// Labels in the vocabulary's order (the form's), one per line; codes it does not know last, as they are.
std::string labelLines(const core::Vocabulary& vocabulary, const std::vector<std::string>& codes) {
    std::vector<std::string> ordered;
    for (const auto& term : vocabulary.terms())
        if (std::find(codes.begin(), codes.end(), term.code) != codes.end()) ordered.push_back(term.labelFr);
    for (const auto& code : codes)
        if (!vocabulary.contains(code)) ordered.push_back(code);
    std::string out;
    for (const auto& label : ordered) {
        if (!out.empty()) out += kCellLineBreak;
        out += label;
    }
    return out;
}

// "2/3": the level's stars over the number of levels, as the Coop writes autonomy and workshop level.
std::string stars(const core::Vocabulary& vocabulary, const std::string& code) {
    const core::Term* term = vocabulary.find(code);
    if (!term || term->stars <= 0) return code;
    int levels = 0;
    for (const auto& t : vocabulary.terms()) levels += t.stars > 0 ? 1 : 0;
    return std::to_string(term->stars) + "/" + std::to_string(levels);
}

// The anonymous participants' codes one by one: the breakdown's counts expanded, the rest not given.
// Why one list per dimension: Médiane records three separate head counts, not who combines which
// gender with which age, so row i takes the i-th entry of each (like the Coop's own « attributions
// aléatoires » for a workshop's anonymous participants, only the totals per code mean something).
std::vector<std::string> expanded(const std::vector<core::HeadCount>& counts, int people) {
    std::vector<std::string> out;
    for (const auto& c : counts)
        for (int i = 0; i < c.count && static_cast<int>(out.size()) < people; ++i) out.push_back(c.code);
    while (static_cast<int>(out.size()) < people) out.push_back(kNotGiven);
    return out;
}

}  // namespace

CoopScope coopScopeFrom(const std::string& text) {
    if (text == "self") return CoopScope::Self;
    if (text == "territory") return CoopScope::Territory;
    throw Error(Error::Kind::Validation, "coop_export.err.scope", {{"value", text}}, "scope");
}

CoopScope coopScopeForRole(const std::string& role) {
    return role == "coordinator" || role == "admin" ? CoopScope::Territory : CoopScope::Self;
}

std::vector<std::string> coopColumns(CoopScope scope) {
    std::vector<std::string> columns;
    for (std::size_t c = 0; c < kAllColumns.size(); ++c)
        if (appliesTo(c, scope)) columns.push_back(kAllColumns[c]);
    return columns;
}

std::string coopDate(const std::string& isoDate) {
    if (isoDate.size() != 10 || isoDate[4] != '-' || isoDate[7] != '-') return isoDate;
    return isoDate.substr(8, 2) + "/" + isoDate.substr(5, 2) + "/" + isoDate.substr(0, 4);
}

std::string coopDateTime(const std::string& isoStamp) {
    // The Coop formats « Enregistré le » with its server's clock, which runs in UTC (TZ=UTC); stamps are UTC here too.
    if (isoStamp.size() < 16 || isoStamp[10] != 'T') return coopDate(isoStamp);
    return coopDate(isoStamp.substr(0, 10)) + " à " + isoStamp.substr(11, 5);
}

CoopReport::CoopReport(Notebook& notebook, const core::CommuneDirectory* communes, CoopScope scope)
    : m_notebook(notebook), m_insee(std::make_unique<PlaceInseeCodes>(communes)), m_scope(scope),
      m_columns(coopColumns(scope)) {
    static_assert(kColumnCount == 34, "the Coop's export has 34 headers");
    for (std::size_t c = 0; c < kAllColumns.size(); ++c) m_keep.push_back(appliesTo(c, scope));
}

CoopReport::~CoopReport() = default;

std::int64_t CoopReport::rowCount(const DashboardFilter& filter) {
    checkPeriod(filter);
    return m_notebook.activityQueries().countParticipants(filter);
}

std::int64_t CoopReport::forEachRow(const DashboardFilter& filter, const std::function<void(const CoopRow&)>& visit) {
    checkPeriod(filter);
    const auto& v = m_notebook.vocabularies();
    std::vector<std::string> all(kColumnCount);
    CoopRow row;
    std::int64_t rows = 0;
    m_notebook.activityQueries().forEachSession(filter, [&](const store::ReportedSession& s) {
        // What every row of the activity shares.
        std::fill(all.begin(), all.end(), std::string());
        all[kDate] = coopDate(s.date);
        all[kRecorded] = coopDateTime(s.createdAt);
        // kModified stays empty: a session is never edited in place (a correction is an amendment), and the
        // Coop leaves the cell empty when an activity was not modified after it was recorded.
        all[kAdviserLastName] = s.adviser;  // Médiane knows an adviser by login only: no first name, role or id
        all[kType] = frLabel(v.sessionKinds(), s.kind);
        all[kChannel] = frLabel(v.placeModes(), s.placeMode);
        if (!s.placeName.empty()) {
            all[kPlaceName] = s.placeName;
            all[kAddress] = s.placeAddress;
            all[kCommune] = s.placeCommune;
            all[kPostalCode] = s.placePostalCode;
            all[kInsee] = m_insee->of(s.placeInsee, s.placePostalCode, s.placeCommune);
        } else {
            all[kCommune] = s.communeName;
            all[kPostalCode] = s.communePostalCode;
            all[kInsee] = s.communeInsee;
        }
        all[kDuration] = std::to_string(s.durationMinutes);
        all[kWorkshopTitle] = s.workshopTitle;
        all[kEquipment] = labelLines(v.equipment(), s.equipment);
        all[kThemes] = labelLines(v.themes(), s.themes);
        all[kProcedure] = s.procedureName;
        all[kLevel] = !s.autonomy.empty() ? stars(v.autonomy(), s.autonomy)
                      : !s.workshopLevel.empty() ? stars(v.workshopLevels(), s.workshopLevel)
                                                 : std::string();
        // The orientation question is asked for individual sessions only; the Coop leaves workshops empty.
        if (s.kind == "individuel") all[kReoriented] = s.oriented != 0 ? kYes : kNo;
        all[kRedirection] = s.oriented != 0 ? frLabel(v.redirections(), s.redirection) : std::string();
        all[kSource] = kSourceMediane;
        all[kId] = s.id;

        const int total = static_cast<int>(s.learners.size()) + s.anonymous;
        const auto genders = expanded(s.anonymousByGender, s.anonymous);
        const auto ages = expanded(s.anonymousByAge, s.anonymous);
        const auto statuses = expanded(s.anonymousByStatus, s.anonymous);
        for (int i = 0; i < total; ++i) {
            const bool learner = i < static_cast<int>(s.learners.size());
            // « 1 » alone, else « 2/7 »: the Coop numbers each accompaniment of a shared activity.
            all[kParticipants] = total == 1 ? std::string("1") : std::to_string(i + 1) + "/" + std::to_string(total);
            if (learner) {
                const auto& l = s.learners[static_cast<std::size_t>(i)];
                // The pseudonymous id, never a name: the Coop writes « Prénom Nom » here, an export leaves the laptop.
                all[kBeneficiary] = l.id;
                all[kBeneficiaryCommune] = l.commune;
                all[kBeneficiaryPostalCode] = l.communePostalCode;
                all[kBeneficiaryInsee] = l.communeInsee;
                all[kGender] = profileLabel(v.genders(), l.gender);
                all[kAge] = profileLabel(v.ageBrackets(), l.ageBracket);
                all[kStatus] = profileLabel(v.socialStatus(), l.socialStatus);
            } else {
                const auto a = static_cast<std::size_t>(i - static_cast<int>(s.learners.size()));
                all[kBeneficiary] = kAnonymousBeneficiary;
                all[kBeneficiaryCommune].clear();
                all[kBeneficiaryPostalCode].clear();
                all[kBeneficiaryInsee].clear();
                all[kGender] = profileLabel(v.genders(), genders[a]);
                all[kAge] = profileLabel(v.ageBrackets(), ages[a]);
                all[kStatus] = profileLabel(v.socialStatus(), statuses[a]);
            }
            row.sessionId = s.id;
            row.isoDate = s.date;
            row.durationMinutes = s.durationMinutes;
            row.cells.clear();
            for (std::size_t c = 0; c < all.size(); ++c)
                if (m_keep[c]) row.cells.push_back(all[c]);
            visit(row);
            ++rows;
        }
    });
    return rows;
}

std::int64_t CoopReport::writeCsv(const DashboardFilter& filter, std::ostream& out) {
    checkPeriod(filter);
    auto write = [&](const std::string& text) {
        out << text;
        if (!out) throw Error(Error::Kind::Io, "err.export_write");
    };
    write("\xEF\xBB\xBF");
    write(core::csvRow(m_columns, ';'));
    return forEachRow(filter, [&](const CoopRow& row) { write(core::csvRow(row.cells, ';')); });
}

}  // namespace mediane::app
