#include "sync/hub/hub_server.hpp"

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>

#include "core/calendar.hpp"
#include "core/directory_schema.hpp"
#include "core/error.hpp"
#include "core/text_file.hpp"
#include "sync/hub/access_policy.hpp"
#include "sync/hub/directory_service.hpp"
#include "sync/hub/conflict_view.hpp"
#include "sync/hub/credentials.hpp"
#include "sync/hub/device_enrollment.hpp"
#include "sync/hub/device_tokens.hpp"
#include "sync/hub/guarded_server.hpp"
#include "sync/hub/hub_metrics.hpp"
#include "sync/hub/hub_vocabularies.hpp"
#include "sync/hub/learner_erasure_rules.hpp"
#include "sync/hub/metrics_token.hpp"
#include "sync/hub/push_applier.hpp"
#include "sync/hub/version_one_view.hpp"
#include "sync/protocol/column_layout.hpp"
#include "sync/protocol/endpoints.hpp"
#include "sync/protocol/wire_codec.hpp"

// Section index: request context and log line · error replies · body and auth helpers · routes · lifecycle

namespace mediane::hub {

namespace {
using nlohmann::json;
using Clock = std::chrono::steady_clock;

// Per-request facts for the log line; httplib handles a request on one pool thread from start to log.
struct RequestContext {
    Clock::time_point start{};
    std::size_t bytesIn = 0;
    std::string device = "-";
    std::string login = "-";  // printable only (auditText)
    std::string note{};        // an outcome the status alone does not tell, for the audit log
    AnswerCoding answerCoding{};  // for this caller's JSON answers, from its Accept-Encoding
};
thread_local RequestContext t_request;

void reply(httplib::Response& res, int status, const json& body) {
    res.status = status;
    // A message may quote a caller's bytes; invalid UTF-8 among them must not turn an answer into a 500.
    setJsonAnswer(res, body.dump(-1, ' ', false, json::error_handler_t::replace), t_request.answerCoding);
}

void replyError(httplib::Response& res, int status, const std::string& code, const std::string& message,
                const std::string& field = {}) {
    reply(res, status, sync::encode(sync::ErrorBody{code, message, field}));
}

// For the log: a caller's text reduced to printable ASCII, so no one can forge log lines.
std::string printable(const std::string& text) {
    std::string out;
    for (char c : text.substr(0, 300)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
    return out;
}

bool announcesBody(const httplib::Request& req) {
    if (req.has_header("Transfer-Encoding")) return true;
    auto length = req.get_header_value("Content-Length");
    return !length.empty() && length != "0";
}

// Reads the (already decompressed) body, refusing it past the cap so a gzip bomb cannot fill memory.
// Returns false after replying 413.
bool readBody(const httplib::ContentReader& reader, httplib::Response& res, std::size_t cap, std::string& body) {
    bool tooLarge = false;
    bool complete = reader([&](const char* data, std::size_t length) {
        if (body.size() + length > cap) {
            tooLarge = true;
            return false;
        }
        body.append(data, length);
        return true;
    });
    t_request.bytesIn = body.size();
    // httplib itself refuses a Content-Length over set_payload_max_length, leaving 413 in the status.
    if (tooLarge || res.status == 413) {
        replyError(res, 413, "payload_too_large", "the request body exceeds " + std::to_string(cap) + " bytes");
        return false;
    }
    if (!complete) {
        replyError(res, 400, "bad_request", "the request body could not be read (cut short or badly compressed)");
        return false;
    }
    return true;
}

std::string bearerToken(const httplib::Request& req) {
    auto header = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0) return {};
    return header.substr(prefix.size());
}

}  // namespace

// Large bodies being read and decoded at once. A counting gate rather than a semaphore: a waiter gives up
// after a while and the caller gets 503, so a flood of pushes queues briefly and then sheds.
class BodySlots {
public:
    explicit BodySlots(int slots) : m_free(std::max(slots, 1)) {}
    bool acquire(std::chrono::milliseconds patience) {
        std::unique_lock lock(m_mutex);
        if (!m_wake.wait_for(lock, patience, [&] { return m_free > 0; })) return false;
        --m_free;
        return true;
    }
    void release() {
        {
            std::lock_guard lock(m_mutex);
            ++m_free;
        }
        m_wake.notify_one();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_wake;
    int m_free;
};

HubServer::HubServer(HubStore& store, core::Translator translator, ServerOptions options)
    : HubServer(std::make_unique<StorePool>(store), std::move(translator), std::move(options)) {}

HubServer::HubServer(std::unique_ptr<StorePool> stores, core::Translator translator, ServerOptions options)
    : m_stores(std::move(stores)), m_translator(std::move(translator)), m_options(std::move(options)) {
    m_options.limits.maxBodyBytes = m_options.maxBodyBytes;
    m_server = std::make_unique<GuardedServer>(m_options.limits);
    m_bodySlots = std::make_unique<BodySlots>(m_options.bodySlots);
    m_metrics = std::make_unique<HubMetrics>();
    m_vocabularies = std::make_unique<HubVocabularies>(
        m_options.vocabulariesPath.empty() ? std::string() : core::readTextFile(m_options.vocabulariesPath));
    if (!m_options.tls.certFile.empty() || !m_options.tls.keyFile.empty()) m_server->useTls(m_options.tls);
    routes();
}

HubServer::~HubServer() = default;

void HubServer::routes() {
    auto& svr = *m_server;
    // Read and write deadlines are GuardedServer's (a deadline per request, not per socket read).
    svr.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        GuardedServer::markHeadComplete();
        t_request = RequestContext{Clock::now(), 0, "-"};
        t_request.answerCoding = chooseAnswerCoding(req.get_header_value("Accept-Encoding"), m_options.compression);
        // A body nobody reads would otherwise be read and decompressed whole by the HTTP library.
        if (announcesBody(req) && !sync::bodyEndpoint(req.method, req.path)) {
            replyError(res, 413, "body_not_allowed", "this endpoint takes no request body");
            res.set_header("Connection", "close");
            GuardedServer::closeAfterResponse();
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // Whatever escapes a handler: a generic 500, its text only in the hub's log (never in the answer).
    svr.set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
            std::rethrow_exception(ep);
        } catch (const Error& e) {
            if (e.kind() == Error::Kind::Storage) m_metrics->countDatabaseError();
            what = e.what();
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        std::fprintf(stderr, "error: %s %s: %s\n", req.method.c_str(), printable(req.path).c_str(),
                     printable(what).c_str());
        replyError(res, 500, "internal", "the hub could not complete the request; retry later");
    });
    // Counted before the answer is written, not in the logger (which runs after): a scrape that follows an answer
    // always includes it.
    svr.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        m_metrics->countRequest(HubMetrics::routeOf(req.path), res.status);
    });
    svr.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        long long ms = t_request.start == Clock::time_point{}
                           ? 0
                           : std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t_request.start).count();
        auto device = auditText(t_request.device);
        std::fprintf(stderr, "%s %s %d in=%zu out=%zu %lldms addr=%s login=%s device=%s\n", req.method.c_str(),
                     auditText(req.path).c_str(), res.status, t_request.bytesIn, res.body.size(), ms,
                     auditText(req.remote_addr).c_str(), t_request.login.c_str(), device.c_str());
        auto route = HubMetrics::routeOf(req.path);
        // Health probes and metric scrapes arrive every few seconds from monitoring and carry no one's action:
        // in the stderr log only, so they cannot grow the audit file.
        if (route != HubMetrics::Route::Health && route != HubMetrics::Route::Metrics)
            m_options.accounts->audit.record({req.remote_addr, t_request.login, device, req.method + " " + req.path,
                                              auditResult(res.status, res.body, t_request.note)});
        std::fflush(stderr);
        t_request = RequestContext{};
    });
    // httplib's own refusals (404, 413 from Content-Length) get the same JSON error shape as ours.
    svr.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        if (res.status == 413)
            replyError(res, 413, "payload_too_large", "the request body exceeds the hub's size cap");
        else if (res.status == 404)
            replyError(res, 404, "not_found", "no such endpoint");
        else
            replyError(res, res.status, "http_error", "request refused");
        return httplib::Server::HandlerResponse::Handled;
    }));

    // The hub's error boundary: every handler runs inside it, so one bad request never takes the hub down.
    auto guarded = [this](httplib::Response& res, const std::function<void()>& work) {
        try {
            work();
        } catch (const Error& e) {
            if (e.kind() == Error::Kind::Validation)
                replyError(res, 400, "bad_request", m_translator.message(e), e.field());
            else {
                if (e.kind() == Error::Kind::Storage) m_metrics->countDatabaseError();
                std::fprintf(stderr, "error: %s\n", printable(e.what()).c_str());
                replyError(res, 500, "internal", "the hub could not complete the request; retry later");
            }
        } catch (const std::exception& e) {
            std::fprintf(stderr, "error: %s\n", printable(e.what()).c_str());
            replyError(res, 500, "internal", "the hub could not complete the request; retry later");
        }
    };

    auto authenticate = [this](const httplib::Request& req, httplib::Response& res) -> std::optional<Principal> {
        auto token = bearerToken(req);
        TokenCheck check;
        if (!token.empty()) {
            auto store = m_stores->lease();
            check = checkDeviceToken(*store, token,
                                     {m_options.tokenLifetimeSeconds, m_options.tokenRenewAfterSeconds}, unixNow());
        }
        if (!check.principal.deviceId.empty()) {
            t_request.device = check.principal.deviceId;
            t_request.login = auditText(check.principal.login);
        }
        switch (check.verdict) {
        case TokenVerdict::Accepted:
            if (!check.renewedToken.empty()) {
                res.set_header(kNextTokenHeader, check.renewedToken);
                t_request.note = "token_renewed";
            }
            return check.principal;
        case TokenVerdict::Expired:
            replyError(res, 401, "token_expired", "this device's token has expired: sign in again (enroll)");
            break;
        case TokenVerdict::Disabled:
            replyError(res, 403, "account_disabled", "this account is disabled: ask the hub's administrator");
            break;
        default:
            replyError(res, 401, "unauthorized", "missing, unknown or revoked device token: enroll this device again");
        }
        return std::nullopt;
    };

    svr.Get(sync::kHealth.path, [](const httplib::Request&, httplib::Response& res) {
        reply(res, 200, sync::encode(sync::HealthResponse{}));
    });

    // Counts for monitoring (docs/hub-admin.md, Metrics). Without a token the route does not exist (404), as
    // for any path the hub does not serve; with one, a caller without it learns nothing but 401.
    if (!m_options.metricsToken.empty())
        svr.Get("/metrics", [this](const httplib::Request& req, httplib::Response& res) {
            if (!metricsAuthorized(m_options.metricsToken, req.get_header_value("Authorization"))) {
                res.set_header("WWW-Authenticate", "Bearer");
                replyError(res, 401, "unauthorized", "the metrics need the hub's metrics token");
                return;
            }
            res.status = 200;
            res.set_content(m_metrics->render(), "text/plain; version=0.0.4; charset=utf-8");
        });

    svr.Post(sync::kEnroll.path, [this, guarded](const httplib::Request& req, httplib::Response& res,
                                                 const httplib::ContentReader& reader) {
        std::string body;
        if (!readBody(reader, res, sync::kEnroll.maxBodyBytes, body)) return;
        guarded(res, [&] {
            auto request = sync::decodeEnrollRequest(body);
            if (request.deviceId.empty())
                throw Error(Error::Kind::Validation, "err.sync.field_empty", {{"field", "device_id"}}, "device_id");
            t_request.login = auditText(request.login);
            t_request.device = request.deviceId;
            auto outcome = enrollDevice(*m_stores, *m_options.accounts, request, req.remote_addr,
                                        {m_options.tokenLifetimeSeconds, m_options.tokenRenewAfterSeconds});
            if (outcome.status != 200) {
                if (outcome.retryAfterSeconds > 0) res.set_header("Retry-After", std::to_string(outcome.retryAfterSeconds));
                replyError(res, outcome.status, outcome.error, outcome.message);
                return;
            }
            const auto& user = outcome.user;
            reply(res, 200, sync::encode(sync::EnrollResponse{request.protocolVersion, outcome.token, request.deviceId,
                                                              user.login, user.role, user.structure, user.territory}));
        });
    });

    svr.Post(sync::kPush.path, [this, guarded, authenticate](const httplib::Request& req, httplib::Response& res,
                                                             const httplib::ContentReader& reader) {
        std::string body;
        if (!m_bodySlots->acquire(std::chrono::seconds(10))) {
            replyError(res, 503, "busy", "the hub is reading other uploads; retry shortly");
            res.set_header("Retry-After", "5");
            return;
        }
        struct SlotGuard {
            BodySlots& slots;
            ~SlotGuard() { slots.release(); }
        } slot{*m_bodySlots};
        if (!readBody(reader, res, m_options.maxBodyBytes, body)) return;
        auto principal = authenticate(req, res);
        if (!principal) return;
        guarded(res, [&] {
            // Decoded completely before anything is stored: a malformed batch stores nothing.
            auto request = sync::decodePushRequest(body);
            if (request.deviceId != principal->deviceId) {
                replyError(res, 403, "device_mismatch", "device_id does not match the device token", "device_id");
                return;
            }
            sync::PushResponse response;
            {
                auto store = m_stores->lease();
                PushApplier applier(*store, *principal, m_vocabularies->current(*store));
                response = applier.apply(request);
            }
            m_metrics->countOps(response);
            reply(res, 200, request.answerLayout == sync::kColumnLayout ? sync::encodeColumns(response) : sync::encode(response));
        });
    });

    svr.Get(sync::kPull.path, [this, guarded, authenticate](const httplib::Request& req, httplib::Response& res) {
        auto principal = authenticate(req, res);
        if (!principal) return;
        guarded(res, [&] {
            auto query = sync::parsePullQuery(req.params);
            auto since = query.since;
            auto limit = query.pageSize(m_options.defaultPullLimit, m_options.maxPullLimit);
            sync::PullResponse response;
            response.protocolVersion = query.protocol;
            std::shared_ptr<const CurrentVocabularies> vocabularies;
            {
                auto store = m_stores->lease();
                vocabularies = m_vocabularies->current(*store);
                if (since > 0 && since < store->prunedBelow()) {
                    replyError(res, 410, "cursor_expired",
                               "this cursor is older than the tombstone horizon: pull again from since=0");
                    return;
                }
                // The device holds everything up to `since`: tombstones below every device's cursor may go.
                store->notePulled(principal->deviceId, since);
                m_metrics->notePull(since, store->lastServerSeq());
                applyRetention(*store, core::today());  // at most once a day (docs/privacy.md)
                auto scope = scopeOf(*principal, *store);
                // The first release never claims any; a version 1 answer keeps its whole shape.
                HeldByPuller held{principal->deviceId, query.protocol == 1 ? 0 : query.heldThrough, query.protocol >= 2};
                // One view for the page and the feed's end (docs/hub-postgresql.md): a change another hub process
                // commits meanwhile is in neither, so the cursor never passes it.
                ReadSnapshot view(*store);
                response.changes = store->changesSince(since, static_cast<int>(limit) + 1, scope, held);
                response.hasMore = response.changes.size() > static_cast<std::size_t>(limit);
                if (response.hasMore) response.changes.resize(static_cast<std::size_t>(limit));
                response.nextSince = response.changes.empty() ? since : response.changes.back().serverSeq;
                // The last page has read the feed to its end: the cursor passes the caller's own changes left
                // out after the last one sent, or they would be scanned again at every pull.
                if (held.through > 0 && !response.hasMore) response.nextSince = std::max(since, store->lastServerSeq());
                // The last page answers what the laptop would ask next, so a slow link pays no round trip for it.
                if (!response.hasMore && query.conflictsAfter && query.protocol >= 2) {
                    sync::PullTail tail;
                    for (auto& stored : store->conflicts(*query.conflictsAfter, sync::kConflictPageSize, scope))
                        tail.conflicts.push_back(toWire(visibleTo(std::move(stored), scope)));
                    tail.vocabularyVersion = vocabularies->version;
                    tail.retentionMonths = store->retentionMonths(principal->structure);
                    response.tail = std::move(tail);
                }
            }
            for (auto& change : response.changes) {
                if (change.held) change.author.reset();
                if (!change.author) continue;
                // Another laptop's id is not this one's business: only whether the change was its own.
                change.author->fromThisDevice = change.author->deviceId == principal->deviceId;
                change.author->deviceId.clear();
                if (query.protocol == 1) change.author.reset();  // the first release's wire, unchanged
            }
            if (query.protocol == 1)
                for (auto& change : response.changes) downgradeForVersionOne(change, vocabularies->terms);
            reply(res, 200, query.columns && query.protocol >= 2 ? sync::encodeColumns(response) : sync::encode(response));
        });
    });

    svr.Get(sync::kConflicts.path, [this, guarded, authenticate](const httplib::Request& req,
                                                                 httplib::Response& res) {
        auto principal = authenticate(req, res);
        if (!principal) return;
        guarded(res, [&] {
            auto query = sync::parseConflictsQuery(req.params);
            std::vector<ConflictEntry> list;
            Scope scope;
            std::shared_ptr<const CurrentVocabularies> vocabularies;
            {
                auto store = m_stores->lease();
                scope = scopeOf(*principal, *store);
                list = store->conflicts(query.after, sync::kConflictPageSize, scope);
                vocabularies = m_vocabularies->current(*store);
            }
            sync::ConflictsResponse response;
            response.protocolVersion = query.protocol;
            for (auto& stored : list) {
                auto c = visibleTo(std::move(stored), scope);
                if (query.protocol == 1) downgradeForVersionOne(c, vocabularies->terms);
                response.conflicts.push_back(toWire(std::move(c)));
            }
            reply(res, 200, sync::encode(response));
        });
    });

    // A resolution straight from a coordinator's tool; laptops push the same thing as a "conflict_resolution" op.
    svr.Post(sync::kResolveRoute, [this, guarded, authenticate](const httplib::Request& req, httplib::Response& res,
                                                                const httplib::ContentReader& reader) {
        std::string body;
        if (!readBody(reader, res, sync::kResolve.maxBodyBytes, body)) return;
        auto principal = authenticate(req, res);
        if (!principal) return;
        guarded(res, [&] {
            auto request = sync::decodeResolveRequest(body);
            auto target = sync::matchResolvePath(req.path).value();  // the route matched the same ids
            sync::PushRequest push;
            push.deviceId = principal->deviceId;
            push.batch.push_back({request.opId, 0, "conflict_resolution", target.conflictId, "create", 0,
                                  request.resolution, ""});
            sync::PushResponse response;
            {
                auto store = m_stores->lease();
                PushApplier applier(*store, *principal, m_vocabularies->current(*store));
                response = applier.apply(push);
            }
            m_metrics->countOps(response);
            const auto& r = response.results.front();
            if (r.status == "rejected") {
                int status = r.reason == "unknown_conflict"   ? 404
                             : r.reason == "forbidden"        ? 403
                             : r.reason == "already_resolved" || r.reason == "op_id_reused" ? 409
                                                                                            : 400;
                replyError(res, status, r.reason, r.message, "resolution");
                return;
            }
            reply(res, 200, sync::encode(r));
        });
    });

    // The directory as the standard's file, for anyone enrolled (the directory is public data).
    svr.Get(sync::kDirectory.path, [this, guarded, authenticate](const httplib::Request& req,
                                                                 httplib::Response& res) {
        auto principal = authenticate(req, res);
        if (!principal) return;
        guarded(res, [&] {
            auto format = sync::parseDirectoryQuery(req.params).format;
            if (m_options.directorySchemaPath.empty()) {
                replyError(res, 503, "directory_unavailable", "the hub was started without the directory schema");
                return;
            }
            auto schema = core::DirectorySchema::loadFile(m_options.directorySchemaPath);
            DirectoryDocument doc;
            {
                auto store = m_stores->lease();
                doc = directoryDocument(*store, schema, format);
            }
            for (const auto& id : doc.skipped) std::fprintf(stderr, "directory: place %s left out (not valid)\n", id.c_str());
            res.status = 200;
            if (doc.contentType == "application/json")
                setJsonAnswer(res, std::move(doc.body), t_request.answerCoding);
            else
                res.set_content(doc.body, doc.contentType);
        });
    });

    // Pending directory corrections, for those who may publish them (by pushing the edit themselves).
    svr.Get(sync::kProposals.path, [this, guarded, authenticate](const httplib::Request& req,
                                                                 httplib::Response& res) {
        auto principal = authenticate(req, res);
        if (!principal) return;
        guarded(res, [&] {
            if (!editsDirectory(*principal)) {
                replyError(res, 403, "forbidden", "only coordinators and admins review directory proposals");
                return;
            }
            sync::ProposalsResponse response;
            response.protocolVersion = sync::parseProposalsQuery(req.params).protocol;
            {
                auto store = m_stores->lease();
                response.proposals = placeProposals(*store, scopeOf(*principal, *store), m_options.maxProposals);
            }
            reply(res, 200, sync::encode(response));
        });
    });

    // The vocabularies the hub speaks, for laptops to use from their next screen on; 304 when the laptop
    // already has this version or a newer one (its own asset may be newer than this hub's).
    svr.Get(sync::kRetention.path, [this, guarded, authenticate](const httplib::Request& req, httplib::Response& res) {
        auto principal = authenticate(req, res);
        if (!principal) return;
        guarded(res, [&] {
            int months = 0;
            {
                auto store = m_stores->lease();
                months = store->retentionMonths(principal->structure);
            }
            reply(res, 200, json{{"structure", principal->structure}, {"months", months}});
        });
    });
    svr.Get(sync::kVocabularies.path, [this, guarded, authenticate](const httplib::Request& req,
                                                                    httplib::Response& res) {
        auto principal = authenticate(req, res);
        if (!principal) return;
        guarded(res, [&] {
            auto known = sync::parseVocabulariesQuery(req.params).known;
            std::shared_ptr<const CurrentVocabularies> vocabularies;
            {
                auto store = m_stores->lease();
                vocabularies = m_vocabularies->current(*store);
            }
            if (vocabularies->version == 0) {
                replyError(res, 503, "vocabularies_unavailable",
                           "the hub has no vocabularies: start it with its assets or publish a file (vocab publish)");
                return;
            }
            if (vocabularies->version <= known) {
                res.status = 304;
                return;
            }
            res.status = 200;
            setJsonAnswer(res, vocabularies->document, t_request.answerCoding);
        });
    });
}

int HubServer::bind() {
    int port = m_options.port == 0 ? m_server->bind_to_any_port(m_options.host)
                                   : (m_server->bind_to_port(m_options.host, m_options.port) ? m_options.port : -1);
    if (port <= 0)
        throw Error(Error::Kind::Io, "err.hub.listen",
                    {{"address", m_options.host + ":" + std::to_string(m_options.port)}});
    m_server->widenBacklog(std::max(m_options.limits.queued, 64));
    return port;
}

void HubServer::serve() { m_server->listen_after_bind(); }

void HubServer::stop() { m_server->stop(); }

std::string HubServer::reloadTls() { return m_server->reloadTls(); }

std::string HubServer::processBytes(const std::string& rawRequests) { return m_server->processBytes(rawRequests); }

}  // namespace mediane::hub
