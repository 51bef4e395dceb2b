// View-model of the Annuaire screen: cached directory search with filters, "open now" badges, the open place's card.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/directory_service.hpp"
#include "app/notebook.hpp"
#include "core/opening_hours.hpp"
#include "core/translator.hpp"

namespace mediane::app {

// What the adviser asked for: typed words and the four filters.
struct DirectoryFilters {
    std::string text;        // name, commune, service or public words; accents ignored
    std::string service;     // a value of the standard's `services`, empty: any
    std::string publicType;  // a value of `publics_specifiquement_adresses`, empty: any
    bool freeOnly = false;   // « Gratuit »
    bool openNow = false;    // « Ouvert maintenant »
    bool operator==(const DirectoryFilters&) const = default;
};

// The local wall clock, injectable so tests can fix "now".
using LocalClock = std::function<core::LocalDateTime()>;

// Usage (once per frame, before drawing):
//   view.notice(state.status()); view.setFilters(typed); view.refresh(state.tr());
// A search runs only when the filters, the notebook or the minute changed: never every frame.
class DirectoryView {
public:
    // resultLimit: the list shows at most this many places (alphabetical), and says so when capped.
    // Measured on the large demo (10,000 places, busy 2-core machine): 500 rows took up to ~20 ms for broad
    // filters, 200 rows stay within a frame; nobody scrolls past 200 places, they type one more letter.
    static constexpr int kDefaultLimit = 200;

    DirectoryView(Notebook& notebook, const std::string& assetsDir, LocalClock clock = localNow,
                  int resultLimit = kDefaultLimit);

    DirectoryService& service() { return m_service; }
    int resultLimit() const { return m_resultLimit; }

    // Marks results and card stale when the notebook's counts or pending changes moved (an import, a sync).
    void notice(const NotebookStatus& status);
    void setFilters(const DirectoryFilters& filters);
    const DirectoryFilters& filters() const { return m_filters; }
    // Runs what is stale. Why the minute: "open now" is evaluated at the local time captured when the query
    // ran; when the clock reaches another minute the badges (and the card) are evaluated again, no more often.
    void refresh(const core::Translator& tr);

    const std::vector<PlaceSummary>& results() const { return m_results; }
    bool capped() const { return static_cast<int>(m_results.size()) >= m_resultLimit; }
    const core::LocalDateTime& queryTime() const { return m_queryTime; }
    // How many searches ran since construction, and how long the last one took (tests, the screen's footer).
    int searchCount() const { return m_searchCount; }
    double lastSearchMs() const { return m_lastSearchMs; }

    void open(const std::string& placeId);
    void close();
    bool hasCard() const { return m_cardLoaded; }
    const PlaceCard& card() const { return m_card; }
    const std::string& openId() const { return m_openId; }

    // "Orient this learner here": the open place becomes the draft's orientation. Throws mediane::Error.
    void orient(core::Session& draft);

    // The standard's vocabularies, for the filter combos (read from the schema, so a new version brings its values).
    const std::vector<std::string>& serviceChoices() const;
    const std::vector<std::string>& publicChoices() const;

private:
    void runSearch();

    DirectoryService m_service;
    LocalClock m_clock;
    int m_resultLimit;

    DirectoryFilters m_filters;
    std::vector<PlaceSummary> m_results;
    bool m_searchStale = true;
    int m_searchCount = 0;
    double m_lastSearchMs = 0;
    core::LocalDateTime m_queryTime;
    bool m_haveQueryTime = false;

    std::string m_openId;
    PlaceCard m_card;
    bool m_cardLoaded = false;
    bool m_cardStale = false;
    std::string m_cardLanguage;

    std::string m_fingerprint;
};

}  // namespace mediane::app
