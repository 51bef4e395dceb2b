#include "sync/client/sync_engine.hpp"

#include <algorithm>
#include <chrono>
#include <future>
#include <optional>
#include <set>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "store/database.hpp"
#include "store/local_settings.hpp"
#include "store/learner_erasure.hpp"
#include "store/local_conflicts.hpp"
#include "store/remote_changes.hpp"
#include "store/sync_account_store.hpp"
#include "store/sync_cursor.hpp"
#include "sync/client/hub_answer.hpp"
#include "sync/client/outbox_ledger.hpp"
#include "sync/client/published_vocabularies.hpp"
#include "sync/protocol/column_layout.hpp"
#include "sync/protocol/wire_types.hpp"
#include "sync/protocol/endpoints.hpp"
#include "sync/protocol/vocabulary_document.hpp"
#include "sync/protocol/wire_codec.hpp"

namespace mediane::sync {

namespace {

// The report lists this many refused operations at most; the count is always whole.
constexpr int kRefusedListed = 200;

store::RemoteConflict localConflict(const WireConflict& w) {
    store::RemoteConflict c;
    c.id = w.id;
    c.kind = w.kind;
    c.entity = w.entity;
    c.recordId = w.recordId;
    c.opId = w.opId;
    c.deviceId = w.deviceId;
    c.structure = w.structure;
    c.createdAt = w.createdAt;
    c.details = w.details;
    return c;
}
}  // namespace

SyncEngine::SyncEngine(store::Database& db, Transport& transport, EngineOptions options)
    : m_db(db), m_transport(transport), m_options(std::move(options)) {}

void SyncEngine::progress(SyncProgress::Phase phase, std::int64_t done, std::int64_t total) {
    if (m_options.onProgress) m_options.onProgress({phase, done, total});
}

HttpResponse SyncEngine::exchange(HttpRequest request) {
    const std::string target = request.target;
    return received(send(std::move(request)).get(), target);
}

std::future<HttpResponse> SyncEngine::send(HttpRequest request) {
    request.token = m_token;
    // The exchange runs on the exchange thread: the notebook's work (the next batch, the last page's changes)
    // goes on here meanwhile. Only the network is touched there, never the database.
    return m_exchanges.run([&transport = m_transport, request = std::move(request)] { return transport.send(request); });
}

HttpResponse SyncEngine::received(HttpResponse response, const std::string& target) {
    // Saved whatever the status: the hub already holds the new token's hash as this device's next token.
    if (response.nextToken && *response.nextToken != m_token) keepRenewedToken(*response.nextToken);
    if (response.status == 401 || response.status == 403) {
        auto error = hubError(response, target.substr(0, target.find('?')));
        const auto& code = error.params().at("error");
        if (code == "token_expired" || code == "account_disabled")
            throw Error(Error::Kind::Refused, "err.sync." + code, error.params());
    }
    return response;
}

void SyncEngine::keepRenewedToken(const std::string& token) {
    store::SyncAccountStore accounts(m_db);
    auto account = accounts.load();
    if (!account) return;
    account->deviceToken = token;
    accounts.save(*account);
    m_token = token;
}

SyncReport SyncEngine::runOnce() {
    auto account = store::SyncAccountStore(m_db).load();
    if (!account) throw Error(Error::Kind::Refused, "err.sync.not_enrolled");
    std::string deviceId = store::LocalSettings(m_db).deviceId();
    m_token = account->deviceToken;
    SyncReport report;
    // Push first: the pull then brings back the hub's merge of what this laptop just sent.
    auto start = std::chrono::steady_clock::now();
    push(deviceId, report);
    auto pushed = std::chrono::steady_clock::now();
    report.pushSeconds = std::chrono::duration<double>(pushed - start).count();
    report.wire = m_transport.stats();
    countRefused(report);
    if (m_options.pushOnly) return report;
    if (PullTail tail; pull(report, tail)) keepTail(tail, report);
    else {
        // A hub from before the pull's tail: one request each.
        fetchConflicts(report);
        fetchVocabularies(report);
        fetchRetention(report);
    }
    report.pullSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - pushed).count();
    report.wire = m_transport.stats();
    report.finishedAt = core::nowUtc();
    store::LocalSettings(m_db).set("last_sync", report.finishedAt);
    return report;
}

namespace {
// A pull page as its thread leaves it: the answer, and its changes when it was a readable 200.
struct PulledPage {
    HttpResponse response;
    std::optional<PullResponse> decoded;
    std::string unreadable;  // why a 200's body could not be read
};

std::set<std::string> recordsOf(const std::vector<WireOp>& batch) {
    std::set<std::string> records;
    for (const auto& op : batch) records.insert(op.recordId);
    return records;
}
}  // namespace

void SyncEngine::push(const std::string& deviceId, SyncReport& report) {
    OutboxLedger ledger(m_db);
    std::int64_t total = ledger.waiting(), done = 0;
    int batchOps = m_options.batchOps;
    progress(SyncProgress::Phase::Pushing, 0, total);
    auto request = [&](const std::vector<WireOp>& batch) {
        // Answers without op ids, their cursors as differences: a tenth of the bytes (a hub that does not know
        // the layout answers in rows, which decodePushResponse reads too).
        HttpRequest r{kPush.method, kPush.path, encodePushBody(deviceId, batch, kColumnLayout), true, ""};
        // Compressed here, while the batch before is in flight: in the exchange's thread it was a tenth of a
        // large push spent between two exchanges, the hub waiting.
        m_transport.prepare(r);
        return r;
    };
    // Batches go one at a time, each after the previous answer, so the hub applies them in order; but while the
    // hub applies one, this laptop records the answers to the one before and reads the one after (without the
    // records in flight: their next operations wait for the answers). Client and hub work side by side.
    std::vector<WireOp> batch = ledger.nextBatch(batchOps, m_options.batchBytes);
    std::future<HttpResponse> inFlight;
    if (!batch.empty()) inFlight = send(request(batch));
    while (!batch.empty()) {
        auto next = ledger.nextBatch(batchOps, m_options.batchBytes, recordsOf(batch));
        HttpRequest nextRequest = next.empty() ? HttpRequest{} : request(next);
        auto response = received(inFlight.get(), kPush.path);
        ++report.pushRequests;
        if (response.status == 413) {
            // Too big for this hub: halve the batch; a single op too big can never go.
            if (batch.size() > 1) batchOps = std::max(1, static_cast<int>(batch.size() / 2));
            else {
                ledger.markFailed(batch, "payload_too_large: this change is larger than the hub accepts");
                ++report.rejected;
            }
        } else if (response.status == 400) {
            auto error = hubError(response, kPush.path);
            if (error.key() != "err.sync.refused") throw error;  // e.g. protocol version: a person must act
            // Malformed in the hub's eyes and nothing stored: resending it as is would fail forever.
            ledger.markFailed(batch, "bad_request: " + error.params().at("message"));
            report.rejected += static_cast<std::int64_t>(batch.size());
        } else {
            if (response.status != 200) throw hubError(response, kPush.path);
            PushResponse decoded;
            try {
                decoded = decodePushResponse(response.body, batch);
            } catch (const std::exception& e) {
                throw unreadableAnswer(kPush.path, e.what());
            }
            if (!next.empty()) inFlight = send(std::move(nextRequest));
            auto tally = ledger.recordResults(batch, decoded.results);
            report.pushed += static_cast<std::int64_t>(batch.size());
            report.acked += tally.acked;
            report.pushConflicts += tally.conflicts;
            report.rejected += tally.rejected;
            done += static_cast<std::int64_t>(batch.size());
            // The backlog is counted once per sync: a count after every batch cost most of a large push's time
            // (a scan of every pending op). Ops typed during the sync go in the next one or raise `done` past it.
            total = std::max(total, done);
            progress(SyncProgress::Phase::Pushing, done, total);
            if (next.empty()) {
                // What was held back behind this batch's records (their later operations) can go now.
                next = ledger.nextBatch(batchOps, m_options.batchBytes);
                if (!next.empty()) inFlight = send(request(next));
            }
            batch = std::move(next);
            continue;
        }
        // Refused as a whole: the batch read meanwhile was chosen around it, so the next one is read afresh.
        batch = ledger.nextBatch(batchOps, m_options.batchBytes);
        if (!batch.empty()) inFlight = send(request(batch));
    }
}

void SyncEngine::countRefused(SyncReport& report) {
    store::RefusedOperations refused(m_db);
    report.refused = refused.count();
    report.heldBack = refused.heldBack();
    report.refusedOps = refused.list(kRefusedListed);
}

bool SyncEngine::pull(SyncReport& report, PullTail& tail) {
    store::RemoteChanges remote(m_db);
    store::SyncCursor cursor(m_db);
    std::int64_t since = cursor.changes();
    bool resnapshot = since == 0;
    std::set<std::string> snapshotLearners;  // a re-snapshot forgets the learners it no longer holds
    int forgotten = 0;
    progress(SyncProgress::Phase::Pulling, 0, 0);
    auto pageFrom = [&](std::int64_t from) {
        PullQuery query;
        query.since = from;
        query.limit = m_options.pullPage;
        // Its own changes that the hub stored as this laptop holds them need not travel back: the push answers
        // gave their versions. Only up to the last answer this notebook recorded: a notebook restored from a
        // backup gets back what it pushed after that backup. Its own learners still come, as markers, for a
        // re-snapshot to count them.
        query.heldThrough = cursor.heldThrough();
        query.columns = true;
        query.conflictsAfter = cursor.conflicts();
        return m_exchanges.run([&transport = m_transport,
                                request = HttpRequest{kPull.method, query.target(), "", false, m_token}] {
            PulledPage pulled{transport.send(request), std::nullopt, ""};
            // Decoded on this thread too: parsing is a sixth of a first pull's CPU and needs no notebook.
            if (pulled.response.status == 200) {
                try {
                    pulled.decoded = decodePullResponse(pulled.response.body);
                    pulled.response.body.clear();
                } catch (const std::exception& e) {
                    pulled.unreadable = e.what();
                }
            }
            return pulled;
        });
    };
    // The next page is asked for as soon as this one is read, and travels while this one is applied.
    std::future<PulledPage> nextPage = pageFrom(since);
    bool tailCame = false;
    for (int page = 0;; ++page) {
        auto pulled = nextPage.get();
        auto response = received(std::move(pulled.response), kPull.path);
        ++report.pullRequests;
        if (response.status == 410 && since > 0) {
            // Tombstones older than the cursor were pruned: take the whole feed again.
            store::Transaction tx(m_db);
            cursor.setChanges(0);
            tx.commit();
            since = 0;
            resnapshot = true;
            nextPage = pageFrom(since);
            continue;
        }
        if (response.status != 200) throw hubError(response, kPull.path);
        if (!pulled.decoded) throw unreadableAnswer(kPull.path, pulled.unreadable);
        const PullResponse& decoded = *pulled.decoded;
        if (decoded.nextSince < since || (decoded.hasMore && decoded.changes.empty()))
            throw unreadableAnswer(kPull.path, "the cursor did not move forward");
        if (decoded.hasMore) nextPage = pageFrom(decoded.nextSince);
        std::int64_t heldOnPage = 0;
        {
            // A page and its cursor commit together: a crash replays the whole page, never half of it.
            store::Transaction tx(m_db);
            for (const auto& c : decoded.changes) {
                if (resnapshot && c.entity == "learner" && !c.deleted) snapshotLearners.insert(c.recordId);
                if (c.held) {
                    ++heldOnPage;
                    continue;
                }
                if (!remote.apply({c.serverSeq, c.entity, c.recordId, c.version, c.fields, c.deleted, c.author})) ++report.skipped;
            }
            if (resnapshot && !decoded.hasMore)
                forgotten = store::LearnerErasure(m_db).forgetMissingFromSnapshot(snapshotLearners);
            if (m_options.beforePageCommit) m_options.beforePageCommit(page);
            cursor.setChanges(decoded.nextSince);
            tx.commit();
        }
        report.pulled += static_cast<std::int64_t>(decoded.changes.size()) - heldOnPage;
        report.held += heldOnPage;
        since = decoded.nextSince;
        progress(SyncProgress::Phase::Pulling, report.pulled, decoded.hasMore ? 0 : report.pulled);
        if (!decoded.hasMore) {
            if (decoded.tail) {
                tail = *decoded.tail;
                tailCame = true;
            }
            break;
        }
    }
    if (remote.erasedLearners() > 0 || forgotten > 0) store::LearnerErasure::wipeTraces(m_db);
    else store::LearnerErasure::retryPendingWipe(m_db);
    report.cursor = since;
    return tailCame;
}

void SyncEngine::keepTail(const PullTail& tail, SyncReport& report) {
    progress(SyncProgress::Phase::Conflicts, 0, 0);
    report.newConflicts += static_cast<std::int64_t>(keepConflicts(tail.conflicts));
    // A full page may have more behind it.
    if (tail.conflicts.size() >= static_cast<std::size_t>(kConflictPageSize)) fetchConflicts(report);
    if (tail.vocabularyVersion > std::max(m_options.vocabularyVersion, pulledVocabularyVersion(m_db)))
        fetchVocabularies(report);
    if (tail.retentionMonths > 0) keepRetention(tail.retentionMonths);
    else fetchRetention(report);  // says what is wrong with the hub's period, as it always did
}

std::size_t SyncEngine::keepConflicts(const std::vector<WireConflict>& wire) {
    store::LocalConflicts local(m_db);
    store::SyncCursor cursor(m_db);
    std::int64_t after = cursor.conflicts();
    store::Transaction tx(m_db);
    for (const auto& w : wire) {
        local.record(localConflict(w));
        after = std::max(after, w.id);
    }
    cursor.setConflicts(after);
    tx.commit();
    return wire.size();
}

void SyncEngine::fetchConflicts(SyncReport& report) {
    store::SyncCursor cursor(m_db);
    progress(SyncProgress::Phase::Conflicts, 0, 0);
    // Each page is asked for as soon as the one before is read, and the hub reads it while this laptop keeps
    // the one before: conflict ids only grow, so the next page starts above this page's last id.
    auto pageAfter = [&](std::int64_t after) {
        return send({kConflicts.method, ConflictsQuery{after}.target(), "", false, ""});
    };
    std::int64_t asked = cursor.conflicts();
    std::future<HttpResponse> nextPage = pageAfter(asked);
    for (;;) {
        auto response = received(nextPage.get(), kConflicts.path);
        ++report.pullRequests;
        if (response.status != 200) throw hubError(response, kConflicts.path);
        std::vector<WireConflict> conflicts;
        try {
            conflicts = decodeConflictsResponse(response.body).conflicts;
        } catch (const std::exception& e) {
            throw unreadableAnswer(kConflicts.path, e.what());
        }
        const bool full = conflicts.size() >= static_cast<std::size_t>(kConflictPageSize);
        if (full) {
            std::int64_t last = asked;
            for (const auto& c : conflicts) last = std::max(last, c.id);
            // A full page that does not move past what was asked would be asked for again, forever.
            if (last == asked) throw unreadableAnswer(kConflicts.path, "a full page of conflicts at or below after=" +
                                                                           std::to_string(asked));
            nextPage = pageAfter(asked = last);
        }
        report.newConflicts += static_cast<std::int64_t>(keepConflicts(conflicts));
        if (!full) break;
    }
}

}  // namespace mediane::sync

namespace mediane::sync {

void SyncEngine::fetchVocabularies(SyncReport& report) {
    const int known = std::max(m_options.vocabularyVersion, pulledVocabularyVersion(m_db));
    auto response = exchange({kVocabularies.method, VocabulariesQuery{known}.target(), "", false, ""});
    ++report.pullRequests;
    if (response.status == 304) return;  // nothing newer: the usual answer
    if (response.status == 503) {
        // A hub without vocabularies of its own: the laptop keeps its own, and the sync is complete.
        try {
            if (decodeErrorBody(response.body).error == "vocabularies_unavailable") return;
        } catch (const std::exception&) {
        }
    }
    if (response.status != 200) throw hubError(response, kVocabularies.path);
    VocabularyDocument document;
    try {
        document = parseVocabularyDocument(response.body);
    } catch (const Error& e) {
        throw unreadableAnswer(kVocabularies.path, e.key());
    }
    if (document.version <= known) return;
    savePulledVocabularies(m_db, {document.version, document.body.dump()});
    report.vocabularyVersion = document.version;
}

void SyncEngine::fetchRetention(SyncReport& report) {
    auto response = exchange({kRetention.method, kRetention.path, "", false, ""});
    ++report.pullRequests;
    if (response.status == 404) return;  // a hub from before retention: the laptop keeps its period
    if (response.status != 200) throw hubError(response, kRetention.path);
    auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (!body.is_object() || !body.contains("months") || !body["months"].is_number_integer() || body["months"].get<int>() <= 0)
        throw unreadableAnswer(kRetention.path, "months");
    keepRetention(body["months"].get<int>());
}

void SyncEngine::keepRetention(int months) {
    store::LocalSettings(m_db).set(store::LearnerErasure::kRetentionSetting, std::to_string(months));
    // The period applies at once, as at every start (docs/privacy.md).
    store::LearnerErasure(m_db).applyRetention(months, core::today());
}

}  // namespace mediane::sync
