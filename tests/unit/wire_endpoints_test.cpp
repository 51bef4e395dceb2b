// The endpoint definitions both ends share: targets the client builds parse back on the hub, bad
// parameters are refused by name, and the limits are the ones the hub applies.
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "sync/protocol/endpoints.hpp"

using namespace mediane;

namespace {

// The parameter a refused query names, "" when it was accepted.
template <typename Parse>
std::string refusedParameter(Parse parse, const std::string& target) {
    try {
        parse(sync::splitTarget(target).params);
    } catch (const Error& e) {
        CHECK(e.kind() == Error::Kind::Validation);
        return e.field();
    }
    return {};
}

}  // namespace

TEST_CASE("a pull target built by the client parses back to the same cursor and page", "[sync][endpoints]") {
    sync::PullQuery asked{1234, 25};
    auto split = sync::splitTarget(asked.target());
    CHECK(split.path == sync::kPull.path);
    auto parsed = sync::parsePullQuery(split.params);
    CHECK(parsed.since == 1234);
    CHECK(parsed.limit == std::optional<std::int64_t>(25));

    sync::PullQuery noLimit{7, std::nullopt};
    CHECK(noLimit.target() == "/v1/pull?since=7&protocol=2");
    CHECK_FALSE(sync::parsePullQuery(sync::splitTarget(noLimit.target()).params).limit);
}

TEST_CASE("a pull without parameters starts at the beginning with the default page", "[sync][endpoints]") {
    auto parsed = sync::parsePullQuery({});
    CHECK(parsed.since == 0);
    CHECK(parsed.pageSize() == sync::kDefaultPullLimit);
}

TEST_CASE("a pull page above the maximum is cut to the maximum, not refused", "[sync][endpoints]") {
    CHECK(sync::kDefaultPullLimit == 500);
    CHECK(sync::kMaxPullLimit == 2000);
    CHECK(sync::parsePullQuery(sync::splitTarget("/v1/pull?limit=5000").params).pageSize() == 2000);
    CHECK(sync::parsePullQuery(sync::splitTarget("/v1/pull?limit=2000").params).pageSize() == 2000);
    CHECK(sync::parsePullQuery(sync::splitTarget("/v1/pull?limit=1").params).pageSize() == 1);
    // A hub started with other limits applies its own.
    CHECK(sync::PullQuery{0, std::nullopt}.pageSize(20, 50) == 20);
    CHECK(sync::PullQuery{0, 80}.pageSize(20, 50) == 50);
}

TEST_CASE("a bad pull parameter is refused naming it", "[sync][endpoints]") {
    auto parse = [](const sync::QueryParams& p) { return sync::parsePullQuery(p); };
    CHECK(refusedParameter(parse, "/v1/pull?since=-3") == "since");
    CHECK(refusedParameter(parse, "/v1/pull?since=3x") == "since");
    CHECK(refusedParameter(parse, "/v1/pull?since=") == "since");
    CHECK(refusedParameter(parse, "/v1/pull?since=1234567890123456789") == "since");  // past 18 digits
    CHECK(refusedParameter(parse, "/v1/pull?since=0&limit=0") == "limit");
    CHECK(refusedParameter(parse, "/v1/pull?limit=+5") == "limit");
    CHECK(refusedParameter(parse, "/v1/pull?limit=ten") == "limit");
    CHECK(refusedParameter(parse, "/v1/pull?since=0&limit=10&other=x").empty());  // unknown ones are ignored
}

TEST_CASE("a repeated query parameter is read from its first value", "[sync][endpoints]") {
    CHECK(sync::parsePullQuery(sync::splitTarget("/v1/pull?since=4&since=x").params).since == 4);
}

TEST_CASE("a conflicts target parses back to the same id, and a bad one is refused naming after",
          "[sync][endpoints]") {
    auto split = sync::splitTarget(sync::ConflictsQuery{99}.target());
    CHECK(split.path == sync::kConflicts.path);
    CHECK(sync::parseConflictsQuery(split.params).after == 99);
    CHECK(sync::parseConflictsQuery({}).after == 0);
    auto parse = [](const sync::QueryParams& p) { return sync::parseConflictsQuery(p); };
    CHECK(refusedParameter(parse, "/v1/conflicts?after=-1") == "after");
    CHECK(sync::kConflictPageSize == 1000);
}

TEST_CASE("a directory target parses back to its format, and another format is refused naming it",
          "[sync][endpoints]") {
    for (auto format : {sync::DirectoryFormat::Csv, sync::DirectoryFormat::Json}) {
        auto split = sync::splitTarget(sync::DirectoryQuery{format}.target());
        CHECK(split.path == sync::kDirectory.path);
        CHECK(sync::parseDirectoryQuery(split.params).format == format);
    }
    CHECK(sync::parseDirectoryQuery({}).format == sync::DirectoryFormat::Csv);
    auto parse = [](const sync::QueryParams& p) { return sync::parseDirectoryQuery(p); };
    CHECK(refusedParameter(parse, "/v1/directory?format=xml") == "format");
    CHECK(refusedParameter(parse, "/v1/directory?format=JSON") == "format");
}

TEST_CASE("a resolve path carries the conflict id both ways, and only digits make one", "[sync][endpoints]") {
    sync::ResolveTarget target{"42"};
    CHECK(target.target() == "/v1/conflicts/42/resolve");
    auto matched = sync::matchResolvePath(target.target());
    REQUIRE(matched);
    CHECK(matched->conflictId == "42");
    CHECK_FALSE(sync::matchResolvePath("/v1/conflicts//resolve"));
    CHECK_FALSE(sync::matchResolvePath("/v1/conflicts/4a/resolve"));
    CHECK_FALSE(sync::matchResolvePath("/v1/conflicts/42"));
    CHECK_FALSE(sync::matchResolvePath("/v1/conflicts/42/resolved"));
}

TEST_CASE("only push, enroll and resolve take a body, each under its own cap", "[sync][endpoints]") {
    CHECK(sync::bodyEndpoint("POST", "/v1/push") == &sync::kPush);
    CHECK(sync::bodyEndpoint("POST", "/v1/enroll") == &sync::kEnroll);
    CHECK(sync::bodyEndpoint("POST", "/v1/conflicts/7/resolve") == &sync::kResolve);
    CHECK(sync::kPush.maxBodyBytes == 8 * 1024 * 1024);
    CHECK(sync::kEnroll.maxBodyBytes == 64 * 1024);
    CHECK(sync::kResolve.maxBodyBytes == 64 * 1024);
    for (const char* path : {"/healthz", "/v1/pull", "/v1/conflicts", "/v1/directory", "/v1/directory/proposals",
                             "/v1/retention"})
        CHECK(sync::bodyEndpoint("POST", path) == nullptr);
    CHECK(sync::bodyEndpoint("GET", "/v1/push") == nullptr);
    CHECK(sync::bodyEndpoint("PUT", "/v1/enroll") == nullptr);
    for (const auto* e : {&sync::kHealth, &sync::kPull, &sync::kConflicts, &sync::kDirectory, &sync::kProposals,
                          &sync::kRetention})
        CHECK(e->maxBodyBytes == 0);
}

TEST_CASE("a target's parameters are split on & and =, empty pieces skipped", "[sync][endpoints]") {
    auto split = sync::splitTarget("/v1/pull?since=1&&limit=&flag");
    CHECK(split.path == "/v1/pull");
    CHECK(split.params.size() == 3);
    CHECK(split.params.find("limit")->second.empty());
    CHECK(split.params.count("flag") == 1);
    CHECK(sync::splitTarget("/healthz").params.empty());
}
