#include "core/place_record.hpp"

#include <charconv>
#include <variant>

namespace mediane::core {

namespace {

using Text = std::string PlaceRecord::*;
using List = std::vector<std::string> PlaceRecord::*;
using Number = std::optional<double> PlaceRecord::*;
struct FieldAccess {
    const char* name;
    std::variant<Text, List, Number> member;
};

// The standard's order: the CSV export writes the columns in exactly this order.
const std::vector<FieldAccess>& table() {
    static const std::vector<FieldAccess> fields = {
        {"id", &PlaceRecord::id},
        {"pivot", &PlaceRecord::pivot},
        {"nom", &PlaceRecord::nom},
        {"commune", &PlaceRecord::commune},
        {"code_postal", &PlaceRecord::codePostal},
        {"code_insee", &PlaceRecord::codeInsee},
        {"adresse", &PlaceRecord::adresse},
        {"complement_adresse", &PlaceRecord::complementAdresse},
        {"latitude", &PlaceRecord::latitude},
        {"longitude", &PlaceRecord::longitude},
        {"typologie", &PlaceRecord::typologie},
        {"telephone", &PlaceRecord::telephone},
        {"courriels", &PlaceRecord::courriels},
        {"site_web", &PlaceRecord::siteWeb},
        {"horaires", &PlaceRecord::horaires},
        {"presentation_resume", &PlaceRecord::presentationResume},
        {"presentation_detail", &PlaceRecord::presentationDetail},
        {"source", &PlaceRecord::source},
        {"itinerance", &PlaceRecord::itinerance},
        {"structure_parente", &PlaceRecord::structureParente},
        {"date_maj", &PlaceRecord::dateMaj},
        {"services", &PlaceRecord::services},
        {"publics_specifiquement_adresses", &PlaceRecord::publicsSpecifiquementAdresses},
        {"prise_en_charge_specifique", &PlaceRecord::priseEnChargeSpecifique},
        {"frais_a_charge", &PlaceRecord::fraisACharge},
        {"dispositif_programmes_nationaux", &PlaceRecord::dispositifProgrammesNationaux},
        {"formations_labels", &PlaceRecord::formationsLabels},
        {"autres_formations_labels", &PlaceRecord::autresFormationsLabels},
        {"modalites_acces", &PlaceRecord::modalitesAcces},
        {"modalites_accompagnement", &PlaceRecord::modalitesAccompagnement},
        {"fiche_acces_libre", &PlaceRecord::ficheAccesLibre},
        {"prise_rdv", &PlaceRecord::priseRdv},
    };
    return fields;
}

const FieldAccess* lookup(const std::string& name) {
    for (const auto& f : table())
        if (name == f.name) return &f;
    return nullptr;
}

}  // namespace

std::string joinList(const std::vector<std::string>& values, const std::string& separator) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += separator;
        out += values[i];
    }
    return out;
}

std::vector<std::string> splitList(const std::string& text, const std::string& separator) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    std::size_t start = 0;
    while (true) {
        auto pos = text.find(separator, start);
        out.push_back(text.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
        if (pos == std::string::npos) break;
        start = pos + separator.size();
    }
    return out;
}

std::string formatCoordinate(double value) {
    // Why to_chars: shortest round-trip text, never the locale's decimal comma.
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
    return std::string(buf, res.ptr);
}

const std::vector<std::string>& PlaceRecord::fieldNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& f : table()) out.emplace_back(f.name);
        return out;
    }();
    return names;
}

bool PlaceRecord::isListField(const std::string& fieldName) {
    const auto* f = lookup(fieldName);
    return f && std::holds_alternative<List>(f->member);
}

std::string PlaceRecord::get(const std::string& fieldName) const {
    const auto* f = lookup(fieldName);
    if (!f) return {};
    if (auto t = std::get_if<Text>(&f->member)) return this->**t;
    if (auto l = std::get_if<List>(&f->member)) return joinList(this->**l);
    const auto& n = this->*std::get<Number>(f->member);
    return n ? formatCoordinate(*n) : std::string();
}

bool PlaceRecord::set(const std::string& fieldName, const std::string& cellText) {
    const auto* f = lookup(fieldName);
    if (!f) return false;
    if (auto t = std::get_if<Text>(&f->member)) {
        this->**t = cellText;
    } else if (auto l = std::get_if<List>(&f->member)) {
        this->**l = splitList(cellText);
    } else {
        auto& n = this->*std::get<Number>(f->member);
        if (cellText.empty()) {
            n.reset();
        } else {
            double v = 0;
            auto res = std::from_chars(cellText.data(), cellText.data() + cellText.size(), v);
            if (res.ec == std::errc() && res.ptr == cellText.data() + cellText.size()) n = v; else n.reset();
        }
    }
    return true;
}

}  // namespace mediane::core
