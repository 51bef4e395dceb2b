#include "app/directory_view.hpp"

#include <chrono>
#include <tuple>

#include "core/error.hpp"

namespace mediane::app {

namespace {

bool sameMinute(const core::LocalDateTime& a, const core::LocalDateTime& b) {
    return std::tie(a.year, a.month, a.day, a.hour, a.minute) == std::tie(b.year, b.month, b.day, b.hour, b.minute);
}

const std::vector<std::string>& vocabularyOf(const DirectoryService& service, const char* field) {
    static const std::vector<std::string> none;
    const auto* f = service.schema().field(field);
    return f ? f->vocabulary : none;
}

}  // namespace

DirectoryView::DirectoryView(Notebook& notebook, const std::string& assetsDir, LocalClock clock, int resultLimit)
    : m_service(notebook, assetsDir), m_clock(std::move(clock)), m_resultLimit(resultLimit) {}

void DirectoryView::notice(const NotebookStatus& s) {
    std::string fingerprint = std::to_string(s.places) + "/" + std::to_string(s.pendingChanges) + "/" + s.lastSync;
    if (fingerprint == m_fingerprint) return;
    m_fingerprint = std::move(fingerprint);
    m_searchStale = true;
    if (!m_openId.empty()) m_cardStale = true;
}

void DirectoryView::setFilters(const DirectoryFilters& filters) {
    if (filters == m_filters) return;
    m_filters = filters;
    m_searchStale = true;
}

void DirectoryView::refresh(const core::Translator& tr) {
    // One clock read per frame is a few hundred nanoseconds; a query only follows when the minute changed.
    core::LocalDateTime now = m_clock();
    if (!m_haveQueryTime || !sameMinute(now, m_queryTime)) {
        m_queryTime = now;
        m_haveQueryTime = true;
        m_searchStale = true;
        if (!m_openId.empty()) m_cardStale = true;
    }
    if (m_cardLoaded && m_cardLanguage != tr.language()) m_cardStale = true;  // hours are described in words

    if (m_searchStale) {
        m_searchStale = false;
        runSearch();
    }
    if (m_cardStale) {
        m_cardStale = false;
        try {
            m_card = m_service.card(m_openId, tr, m_queryTime);
            m_cardLanguage = tr.language();
            m_cardLoaded = true;
        } catch (const Error&) {
            close();  // removed by an import or a sync since it was opened: nothing to show
            throw;
        }
    }
}

void DirectoryView::runSearch() {
    DirectoryQuery query;
    query.text = m_filters.text;
    query.service = m_filters.service;
    query.publicType = m_filters.publicType;
    query.freeOnly = m_filters.freeOnly;
    if (m_filters.openNow) query.openAt = m_queryTime;
    else query.badgeAt = m_queryTime;
    query.limit = m_resultLimit;
    auto start = std::chrono::steady_clock::now();
    ++m_searchCount;
    m_results = m_service.search(query);
    m_lastSearchMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void DirectoryView::open(const std::string& placeId) {
    if (placeId == m_openId && m_cardLoaded) return;
    m_openId = placeId;
    m_cardLoaded = false;
    m_cardStale = !placeId.empty();
}

void DirectoryView::close() {
    m_openId.clear();
    m_card = {};
    m_cardLoaded = false;
    m_cardStale = false;
}

void DirectoryView::orient(core::Session& draft) {
    if (m_openId.empty()) throw validationError("directory_ui.err.no_place", "session.orientation");
    m_service.orientTo(draft, m_openId);
}

const std::vector<std::string>& DirectoryView::serviceChoices() const {
    return vocabularyOf(m_service, "services");
}

const std::vector<std::string>& DirectoryView::publicChoices() const {
    return vocabularyOf(m_service, "publics_specifiquement_adresses");
}

}  // namespace mediane::app
