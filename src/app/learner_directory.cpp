#include "app/learner_directory.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "core/private_files.hpp"
#include "core/vocabulary.hpp"

namespace mediane::app {

std::vector<DomainProgress> domainProgress(const std::vector<core::Assessment>& assessments,
                                           const core::CompetenceFramework& framework) {
    std::vector<core::Assessment> sorted = assessments;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const core::Assessment& a, const core::Assessment& b) { return a.date < b.date; });
    std::vector<DomainProgress> out;
    for (const auto& domain : framework.domains()) {
        DomainProgress line{domain.code, domain.label, {}};
        std::map<std::string, double> latest;  // competence → its latest fractional level
        for (std::size_t i = 0; i < sorted.size(); ++i) {
            const auto& a = sorted[i];
            if (core::CompetenceFramework::domainOf(a.competenceCode) != domain.code) continue;
            latest[a.competenceCode] = a.fractionalLevel();
            bool lastOfDate = true;  // several assessments on one date make one point
            for (std::size_t j = i + 1; j < sorted.size() && sorted[j].date == a.date; ++j)
                if (core::CompetenceFramework::domainOf(sorted[j].competenceCode) == domain.code) lastOfDate = false;
            if (!lastOfDate) continue;
            double sum = 0;
            for (const auto& [code, level] : latest) sum += level;
            line.points.push_back({a.date, sum / static_cast<double>(latest.size())});
        }
        if (!line.points.empty()) out.push_back(std::move(line));
    }
    return out;
}

int birthYearFrom(const std::string& typed) {
    auto b = typed.find_first_not_of(" \t");
    if (b == std::string::npos) return 0;
    auto e = typed.find_last_not_of(" \t");
    std::string digits = typed.substr(b, e - b + 1);
    if (digits.size() != 4 || digits.find_first_not_of("0123456789") != std::string::npos) return -1;
    return std::stoi(digits);
}

std::string birthYearText(const core::Learner& learner) {
    return learner.birthYear > 0 ? std::to_string(learner.birthYear) : std::string{};
}

std::string derivedAgeBracket(const core::Learner& learner, const core::Vocabularies& vocab, int year) {
    // A year still being typed ("19") or out of range derives nothing; validation names the field on save.
    if (learner.birthYear < 1900 || learner.birthYear > year) return {};
    return core::ageBracketFor(vocab, learner.birthYear, year);
}

void setCommune(core::Learner& learner, const PickedCommune& commune) {
    learner.commune = commune.name;
    learner.communePostalCode = commune.postalCode;
    learner.communeInsee = commune.inseeCode;
}

LevelRange levelRange(const std::vector<DomainProgress>& progress) {
    double lo = 99, hi = -99;
    for (const auto& line : progress)
        for (const auto& p : line.points) {
            lo = std::min(lo, p.level);
            hi = std::max(hi, p.level);
        }
    if (hi < lo) return {};  // no data: the levels most learners start at
    LevelRange r;
    r.low = std::max(1.0, std::floor(lo) - 1.0);
    r.high = std::min(9.0, std::floor(hi) + 1.0 + (hi > std::floor(hi) ? 1.0 : 0.0));
    r.high = std::min(9.0, std::max(r.high, r.low + 2.0));
    return r;
}

LearnerDirectory::LearnerDirectory(Notebook& notebook, int resultLimit)
    : m_notebook(notebook), m_resultLimit(resultLimit) {}

void LearnerDirectory::notice(const NotebookStatus& s) {
    std::string fingerprint = std::to_string(s.learners) + "/" + std::to_string(s.sessions) + "/" +
                              std::to_string(s.cheques) + "/" + std::to_string(s.assessments) + "/" +
                              std::to_string(s.pendingChanges) + "/" + s.lastSync;
    if (fingerprint == m_fingerprint) return;
    m_fingerprint = std::move(fingerprint);
    markAllStale();
}

void LearnerDirectory::markAllStale() {
    m_searchStale = true;
    if (!m_openId.empty()) m_cardStale = true;
}

void LearnerDirectory::setQuery(const std::string& typed) {
    if (typed == m_query) return;
    m_query = typed;
    m_searchStale = true;
}

void LearnerDirectory::refresh() {
    if (m_searchStale) {
        m_searchStale = false;
        ++m_searchCount;
        m_results = m_notebook.searchLearners(m_query, m_resultLimit);
    }
    if (m_cardStale) {
        m_cardStale = false;
        auto learner = m_notebook.learner(m_openId);
        if (!learner) {  // erased elsewhere (or a stale id): nothing to show
            close();
            return;
        }
        LearnerCard card;
        card.learner = std::move(*learner);
        card.history = m_notebook.learnerHistory(m_openId);
        card.assessments = m_notebook.learnerAssessments(m_openId);
        card.cheques = m_notebook.learnerCheques(m_openId);
        card.progress = domainProgress(card.assessments, m_notebook.framework());
        bool needsPlaces = std::any_of(card.history.begin(), card.history.end(),
                                       [](const core::Session& s) { return !s.placeId.empty(); });
        if (needsPlaces)
            for (const auto& place : m_notebook.places()) card.placeNames[place.id] = place.name;
        m_card = std::move(card);
        m_cardLoaded = true;
    }
}

void LearnerDirectory::open(const std::string& learnerId) {
    if (learnerId == m_openId && m_cardLoaded) return;
    m_openId = learnerId;
    m_cardLoaded = false;
    m_cardStale = !learnerId.empty();
}

void LearnerDirectory::close() {
    m_openId.clear();
    m_card = {};
    m_cardLoaded = false;
    m_cardStale = false;
}

core::Learner LearnerDirectory::create(const core::Learner& draft) {
    auto created = m_notebook.createLearner(draft);
    m_searchStale = true;
    open(created.id);
    return created;
}

core::Learner LearnerDirectory::save(const core::Learner& edited) {
    auto saved = m_notebook.updateLearner(edited);
    markAllStale();
    return saved;
}

void LearnerDirectory::erase(const std::string& learnerId) {
    m_notebook.eraseLearner(learnerId);
    close();
    markAllStale();
}

core::Learner LearnerDirectory::withdrawConsent(const std::string& learnerId) {
    auto kept = m_notebook.withdrawConsent(learnerId);
    markAllStale();
    return kept;
}

std::string LearnerDirectory::exportDossier(const std::string& learnerId, const std::string& directory) {
    auto text = m_notebook.learnerDossierJson(learnerId);
    // Named by id, not by name: the file name shows in folders and backups.
    auto path = (std::filesystem::path(directory) / ("acces-beneficiaire-" + learnerId + ".json")).string();
    core::PrivateUmask privateFile;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text << "\n";
    out.close();
    if (!out) throw Error(Error::Kind::Io, "err.export_write");
    return path;
}

core::Assessment LearnerDirectory::recordAssessment(const std::string& competenceCode, int level, int step,
                                                    const std::string& date) {
    if (level < 1 || level > 8 || step < 0 || step >= core::Assessment::kStepsPerLevel)
        throw validationError("err.score_range", "assessment.score");
    core::Assessment draft;
    draft.learnerId = m_openId;
    draft.competenceCode = competenceCode;
    draft.score = (level - 1) * core::Assessment::kStepsPerLevel + step;
    draft.date = date;
    auto recorded = m_notebook.recordAssessment(draft);
    if (!m_openId.empty()) m_cardStale = true;
    return recorded;
}

}  // namespace mediane::app
