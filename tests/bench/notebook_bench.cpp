// The brief's quality bars measured on a large demo notebook: search as you type, save, learner card,
// Pass numérique stock and monthly use, and a full sessions export.
//
// The notebook: $MEDIANE_BENCH_DATA (a directory holding a large demo mediane.sqlite, copied so the
// benchmarks never alter it), else a large demo generated once into a temporary directory (minutes).
#include "app/demo_generator.hpp"
#include "app/exporter.hpp"
#include "app/notebook.hpp"
#include "core/calendar.hpp"
#include "store/database.hpp"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <ostream>
#include <random>
#include <streambuf>

namespace fs = std::filesystem;
using namespace mediane;

namespace {

class BenchNotebook {
public:
    BenchNotebook() {
        std::random_device rd;
        m_dir = fs::temp_directory_path() / ("mediane-bench-" + std::to_string(rd()));
        fs::create_directories(m_dir);
        if (const char* source = std::getenv("MEDIANE_BENCH_DATA"); source && *source) {
            fs::copy_file(fs::path(source) / app::Notebook::kDatabaseFile, m_dir / app::Notebook::kDatabaseFile);
            // An encrypted demo (demo --encrypt): its key file too, unlocked with MEDIANE_PASSPHRASE.
            if (fs::exists(fs::path(source) / app::Notebook::kKeyFile)) {
                fs::copy_file(fs::path(source) / app::Notebook::kKeyFile, m_dir / app::Notebook::kKeyFile);
                const char* pass = std::getenv("MEDIANE_PASSPHRASE");
                app::Notebook::unlock(m_dir.string(), pass ? pass : "");
            }
            m_nb = app::Notebook::open(m_dir.string(), MEDIANE_BENCH_ASSETS);
        } else {
            std::cerr << "MEDIANE_BENCH_DATA not set: generating a large demo notebook in " << m_dir << " ...\n";
            m_nb = app::Notebook::open(m_dir.string(), MEDIANE_BENCH_ASSETS);
            auto s = app::generateDemo(*m_nb, {1, app::DemoScale::Large, ""});
            std::cerr << "demo: " << s.sessions << " sessions in " << s.elapsedSeconds << " s\n";
        }
        store::Database db(m_nb->dataFile());
        auto busiest = db.prepare("SELECT learner_id, count(*) AS n FROM session_learners GROUP BY learner_id "
                                  "ORDER BY n DESC LIMIT 1");
        if (busiest.step()) m_busiestLearner = busiest.columnText(0);
        // The middle learner: a typical one on any demo size (a fixed offset failed on the small demo).
        auto typical = db.prepare("SELECT id FROM learners ORDER BY rowid LIMIT 1 "
                                  "OFFSET (SELECT count(*) / 2 FROM learners)");
        if (typical.step()) m_typicalLearner = typical.columnText(0);
        m_placeId = m_nb->places().front().id;
    }
    ~BenchNotebook() {
        m_nb.reset();
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }
    app::Notebook& nb() { return *m_nb; }
    const std::string& busiestLearner() const { return m_busiestLearner; }
    const std::string& typicalLearner() const { return m_typicalLearner; }
    const std::string& placeId() const { return m_placeId; }

private:
    fs::path m_dir;
    std::unique_ptr<app::Notebook> m_nb;
    std::string m_busiestLearner, m_typicalLearner, m_placeId;
};

BenchNotebook& bench() {
    static BenchNotebook instance;
    return instance;
}

// What an adviser types in the search box: two or three letters of a pseudonym, a name or a commune.
const std::vector<std::string> kTyped = {"mé", "ér", "cha", "ve", "lef", "vén", "bro", "hél", "sa", "ti"};

void BM_SearchLearners(benchmark::State& state) {
    auto& nb = bench().nb();
    const auto& typed = kTyped[static_cast<std::size_t>(state.range(0))];
    std::size_t found = 0;
    for (auto _ : state) {
        auto result = nb.searchLearners(typed, 200);
        found = result.size();
        benchmark::DoNotOptimize(result);
    }
    state.SetLabel("\"" + typed + "\" -> " + std::to_string(found));
}
BENCHMARK(BM_SearchLearners)->DenseRange(0, static_cast<int>(kTyped.size()) - 1)->Unit(benchmark::kMillisecond);

// One save through the service: validation, one transaction with its outbox row, synchronous=FULL.
void BM_RecordSession(benchmark::State& state) {
    auto& b = bench();
    core::Session draft;
    draft.date = core::today();
    draft.placeId = b.placeId();
    draft.learnerIds = {b.typicalLearner()};
    draft.themes = {"aide_aux_demarches_administratives"};
    draft.equipment = {"telephone"};
    draft.autonomy = "partiellement_autonome";
    draft.competences = {"2.4"};
    draft.notes = "Séance de mesure";
    for (auto _ : state) benchmark::DoNotOptimize(b.nb().recordSession(draft));
}
BENCHMARK(BM_RecordSession)->Unit(benchmark::kMillisecond)->UseRealTime();

// Opening a learner's card: history, assessments and cheques.
void loadCard(benchmark::State& state, const std::string& learnerId) {
    auto& nb = bench().nb();
    std::size_t sessions = 0;
    for (auto _ : state) {
        auto history = nb.learnerHistory(learnerId);
        auto assessments = nb.learnerAssessments(learnerId);
        auto cheques = nb.learnerCheques(learnerId);
        sessions = history.size();
        benchmark::DoNotOptimize(assessments);
        benchmark::DoNotOptimize(cheques);
    }
    state.SetLabel(std::to_string(sessions) + " sessions");
}
void BM_LearnerCardBusiest(benchmark::State& state) { loadCard(state, bench().busiestLearner()); }
void BM_LearnerCardTypical(benchmark::State& state) { loadCard(state, bench().typicalLearner()); }
BENCHMARK(BM_LearnerCardBusiest)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LearnerCardTypical)->Unit(benchmark::kMillisecond);

void BM_ChequeStock(benchmark::State& state) {
    auto today = core::today();
    for (auto _ : state) benchmark::DoNotOptimize(bench().nb().chequeStock(today));
}
BENCHMARK(BM_ChequeStock)->Unit(benchmark::kMillisecond);

void BM_ChequeUsePerMonth(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(bench().nb().chequeUsePerMonth(12));
}
BENCHMARK(BM_ChequeUsePerMonth)->Unit(benchmark::kMillisecond);

void BM_RecentSessions(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(bench().nb().recentSessions(50));
}
BENCHMARK(BM_RecentSessions)->Unit(benchmark::kMillisecond);

// Counts bytes and drops them: measures the export, not the disk.
class CountingBuffer : public std::streambuf {
public:
    std::int64_t bytes = 0;

protected:
    int_type overflow(int_type c) override {
        ++bytes;
        return traits_type::not_eof(c);
    }
    std::streamsize xsputn(const char*, std::streamsize n) override {
        bytes += n;
        return n;
    }
};

void exportBench(benchmark::State& state, app::ExportKind kind, app::ExportFormat format) {
    std::int64_t rows = 0, bytes = 0;
    for (auto _ : state) {
        CountingBuffer buffer;
        std::ostream out(&buffer);
        rows = app::exportRecords(bench().nb(), {kind, format, false, ""}, out);
        bytes = buffer.bytes;
    }
    state.SetLabel(std::to_string(rows) + " rows, " + std::to_string(bytes / 1024) + " KiB");
}
void BM_ExportSessionsCsv(benchmark::State& state) { exportBench(state, app::ExportKind::Sessions, app::ExportFormat::Csv); }
void BM_ExportSessionsJson(benchmark::State& state) { exportBench(state, app::ExportKind::Sessions, app::ExportFormat::Json); }
void BM_ExportLearnersCsv(benchmark::State& state) { exportBench(state, app::ExportKind::Learners, app::ExportFormat::Csv); }
void BM_ExportChequesCsv(benchmark::State& state) { exportBench(state, app::ExportKind::Cheques, app::ExportFormat::Csv); }
BENCHMARK(BM_ExportSessionsCsv)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ExportSessionsJson)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ExportLearnersCsv)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ExportChequesCsv)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
