// ActivityReport::writeXlsx: the activity sheet and the dashboard's tables in one workbook.
#include "app/activity_report.hpp"

#include "app/coverage_sheets.hpp"
#include "app/dashboard.hpp"
#include "app/notebook.hpp"
#include "app/xlsx_workbook.hpp"
#include "core/translator.hpp"

namespace mediane::app {

namespace {

// Columns of the activity sheet written as numbers, so a spreadsheet can sum them.
bool numericColumn(const std::string& name) {
    return name == "duration_minutes" || name == "learners" || name == "anonymous" || name == "participants" ||
           name == "first_time" || name == "anonymous_already_accompanied" || name == "oriented" ||
           name == "cheques_redeemed" || name.rfind("gender_", 0) == 0 || name.rfind("age_", 0) == 0 ||
           name.rfind("status_", 0) == 0;
}

// A two-column table of a breakdown: translated label, count.
void breakdownSheet(XlsxWorkbook& book, const core::Translator& tr, const Notebook& notebook,
                    const std::string& sheetKey, const std::string& vocabulary, const std::string& countKey,
                    const std::vector<CodeCount>& rows) {
    auto sheet = book.addSheet(tr.tr(sheetKey));
    sheet.header(0, {tr.tr(sheetKey), tr.tr("dashboard.xlsx.code"), tr.tr(countKey)});
    sheet.columnWidth(0, 0, 36);
    sheet.columnWidth(1, 2, 16);
    std::uint32_t r = 1;
    for (const auto& row : rows) {
        sheet.text(r, 0, codeLabel(notebook.vocabularies(), vocabulary, row.code, tr.language(),
                                   tr.tr("dashboard.unrecorded")));
        sheet.text(r, 1, row.code);
        sheet.number(r, 2, static_cast<double>(row.count));
        ++r;
    }
}

}  // namespace

std::int64_t ActivityReport::writeXlsx(const DashboardFilter& filter, const std::string& today,
                                       const core::Translator& tr, const std::string& path) {
    checkPeriod(filter);
    XlsxWorkbook book(path);

    // Constant memory: each sheet is written whole, row after row, before the next one starts.
    auto sessions = book.addSheet(tr.tr("dashboard.xlsx.sessions"));
    sessions.header(0, m_columns);
    sessions.columnWidth(0, 0, 38);
    sessions.columnWidth(1, static_cast<std::uint16_t>(m_columns.size() - 1), 14);
    std::vector<bool> numeric;
    for (const auto& column : m_columns) numeric.push_back(numericColumn(column));
    std::uint32_t r = 1;
    std::int64_t count = forEachRow(filter, [&](const ActivityRow& row) {
        auto values = cells(row);
        for (std::size_t c = 0; c < values.size(); ++c) {
            auto column = static_cast<std::uint16_t>(c);
            if (numeric[c]) sessions.number(r, column, std::stod(values[c]));
            else sessions.text(r, column, values[c]);
        }
        ++r;
    });

    auto& queries = m_notebook.dashboardQueries();
    auto activity = queries.activity(filter);
    {
        auto sheet = book.addSheet(tr.tr("dashboard.xlsx.months"));
        sheet.header(0, {tr.tr("dashboard.month"), tr.tr("dashboard.kind.individuel"), tr.tr("dashboard.kind.collectif"),
                         tr.tr("dashboard.sessions"), tr.tr("dashboard.learners")});
        sheet.columnWidth(0, 4, 18);
        std::uint32_t row = 1;
        for (const auto& m : activity.months) {
            sheet.text(row, 0, m.month);
            sheet.number(row, 1, static_cast<double>(m.individual));
            sheet.number(row, 2, static_cast<double>(m.workshop));
            sheet.number(row, 3, static_cast<double>(m.sessions()));
            sheet.number(row, 4, static_cast<double>(m.learners));
            ++row;
        }
    }
    breakdownSheet(book, tr, m_notebook, "dashboard.by_theme", "themes", "dashboard.sessions", activity.byTheme);
    breakdownSheet(book, tr, m_notebook, "dashboard.by_place_kind", "place_kinds", "dashboard.sessions",
                   activity.byPlaceKind);
    breakdownSheet(book, tr, m_notebook, "dashboard.by_redirection", "redirections", "dashboard.sessions",
                   activity.byRedirection);
    breakdownSheet(book, tr, m_notebook, "dashboard.by_duration", "duration_ranges", "dashboard.sessions",
                   durationRangeCounts(m_notebook.vocabularies(), activity.byDurationMinutes));
    const auto& vocabularies = m_notebook.vocabularies();
    breakdownSheet(book, tr, m_notebook, "dashboard.by_gender", "genders", "dashboard.people",
                   inVocabularyOrder(vocabularies, "genders", activity.byGender));
    breakdownSheet(book, tr, m_notebook, "dashboard.by_age", "age_brackets", "dashboard.people",
                   inVocabularyOrder(vocabularies, "age_brackets", activity.byAgeBracket));
    breakdownSheet(book, tr, m_notebook, "dashboard.by_status", "social_status", "dashboard.people",
                   inVocabularyOrder(vocabularies, "social_status", activity.bySocialStatus));

    auto pass = queries.pass(filter, today);
    {
        auto sheet = book.addSheet(tr.tr("dashboard.xlsx.pass_stock"));
        sheet.header(0, {tr.tr("dashboard.structure"), tr.tr("dashboard.pass.received"), tr.tr("dashboard.pass.in_stock"),
                         tr.tr("dashboard.pass.given"), tr.tr("dashboard.pass.redeemed"), tr.tr("dashboard.pass.paid"),
                         tr.tr("dashboard.pass.expired"), tr.tr("dashboard.pass.expiring")});
        sheet.columnWidth(0, 0, 30);
        sheet.columnWidth(1, 7, 14);
        std::uint32_t row = 1;
        for (const auto& s : pass.perStructure) {
            sheet.text(row, 0, s.structure.empty() ? tr.tr("dashboard.unrecorded") : s.structure);
            const std::int64_t values[] = {s.stock.received, s.stock.inStock, s.stock.given, s.stock.redeemed,
                                           s.stock.paid, s.stock.expired, s.stock.expiringSoon};
            for (std::uint16_t c = 0; c < 7; ++c) sheet.number(row, c + 1, static_cast<double>(values[c]));
            ++row;
        }
    }
    {
        auto sheet = book.addSheet(tr.tr("dashboard.xlsx.redemptions"));
        sheet.header(0, {tr.tr("dashboard.month"), tr.tr("dashboard.pass.redeemed")});
        sheet.columnWidth(0, 1, 16);
        std::uint32_t row = 1;
        for (const auto& m : pass.redemptionsPerMonth) {
            sheet.text(row, 0, m.code);
            sheet.number(row, 1, static_cast<double>(m.count));
            ++row;
        }
    }
    {
        // The dashboard's figures per funder: a row per month of the period, then the funder's total with
        // today's expiring and unused cheques (they do not belong to a month).
        auto sheet = book.addSheet(tr.tr("dashboard.xlsx.funders"));
        sheet.header(0, {tr.tr("dashboard.xlsx.funder"), tr.tr("dashboard.funder.month"),
                         tr.tr("dashboard.funder.given"), tr.tr("dashboard.funder.redeemed_here"),
                         tr.tr("dashboard.funder.redeemed_elsewhere"), tr.tr("dashboard.funder.paid"),
                         tr.tr("dashboard.funder.unpaid"), tr.tr("dashboard.pass.expiring"),
                         tr.tr("dashboard.xlsx.unused")});
        sheet.columnWidth(0, 0, 32);
        sheet.columnWidth(1, 8, 16);
        std::uint32_t row = 1;
        auto counts = [&](const FunderMonth& m) {
            const std::int64_t values[] = {m.given, m.redeemedHere, m.redeemedElsewhere, m.paid, m.unpaid};
            for (std::uint16_t c = 0; c < 5; ++c) sheet.number(row, c + 2, static_cast<double>(values[c]));
        };
        for (const auto& f : pass.perFunder) {
            const std::string funder = f.funder.empty() ? tr.tr("dashboard.funder.none") : f.funder;
            for (const auto& m : f.months) {
                sheet.text(row, 0, funder);
                sheet.text(row, 1, m.month);
                counts(m);
                ++row;
            }
            sheet.boldText(row, 0, funder);
            sheet.boldText(row, 1, tr.tr("dashboard.funder.total"));
            counts(f.total);
            sheet.number(row, 7, static_cast<double>(f.expiring));
            sheet.number(row, 8, static_cast<double>(f.unused));
            ++row;
        }
    }
    {
        auto sheet = book.addSheet(tr.tr("dashboard.xlsx.claim"));
        sheet.header(0, {tr.tr("dashboard.claim.number"), tr.tr("dashboard.structure"), tr.tr("dashboard.claim.value"),
                         tr.tr("dashboard.claim.expiry"), tr.tr("dashboard.claim.redeemed_on"),
                         tr.tr("dashboard.claim.paid_on"), tr.tr("dashboard.claim.session")});
        sheet.columnWidth(0, 5, 16);
        sheet.columnWidth(6, 6, 38);
        std::uint32_t row = 1;
        queries.forEachClaimLine(filter, [&](const ClaimLine& line) {
            sheet.number(row, 0, static_cast<double>(line.number));
            sheet.text(row, 1, line.structure);
            sheet.number(row, 2, static_cast<double>(line.faceValueCents) / 100.0);
            sheet.text(row, 3, line.expiry);
            sheet.text(row, 4, line.redeemedOn);
            sheet.text(row, 5, line.paidOn);
            sheet.text(row, 6, line.sessionId);
            ++row;
        });
    }
    {
        auto sheet = book.addSheet(tr.tr("dashboard.xlsx.progress"));
        sheet.header(0, {tr.tr("dashboard.progress.domain"), tr.tr("dashboard.progress.assessed"),
                         tr.tr("dashboard.progress.level_up"), tr.tr("dashboard.progress.step_up")});
        sheet.columnWidth(0, 0, 44);
        sheet.columnWidth(1, 3, 18);
        std::uint32_t row = 1;
        for (const auto& d : queries.progress(filter)) {
            sheet.text(row, 0, d.domain + " " + domainLabel(m_notebook.framework(), d.domain));
            sheet.number(row, 1, static_cast<double>(d.assessed));
            sheet.number(row, 2, static_cast<double>(d.movedUpLevel));
            sheet.number(row, 3, static_cast<double>(d.movedUpStep));
            ++row;
        }
    }
    if (m_coverage) writeCoverageSheets(book, tr, *m_coverage);
    book.close();
    return count;
}

}  // namespace mediane::app
