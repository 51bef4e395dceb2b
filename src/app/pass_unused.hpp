// Unused value back to the funder: the cheques of a funder's booklets whose redemption period ended and that
// were never redeemed, as CSV or XLSX.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "store/pass_ledger.hpp"

namespace mediane::core {
class Translator;
}

namespace mediane::app {

class Notebook;

// Usage: PassUnused unused(notebook, "Métropole de Lyon", core::today()); unused.writeCsv(std::cout);
// The funder must be one of the booklets' (else Validation "err.funder_unknown" naming --funder and listing
// them); the redemption period ends with the notebook's grace period (Notebook::validityPolicy).
class PassUnused {
public:
    PassUnused(Notebook& notebook, const std::string& funder, const std::string& today);
    const std::vector<store::UnusedCheque>& cheques() const { return m_cheques; }
    std::int64_t totalCents() const;
    void writeCsv(std::ostream& out) const;
    void writeXlsx(const core::Translator& tr, const std::string& path) const;

private:
    std::string m_funder;
    std::vector<store::UnusedCheque> m_cheques;
};

}  // namespace mediane::app
