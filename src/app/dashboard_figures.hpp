// The dashboard's filter and figures under the names the app, its screens and exports use (computed in store).
#pragma once

#include "store/dashboard_queries.hpp"

namespace mediane::app {

// Why aliases, not copies: store computes the figures and owns their shape; the app only presents them.
using store::ActivityFigures;
using store::ClaimLine;
using store::CodeCount;
using store::DashboardFilter;
using store::DomainMoves;
using store::FunderMonth;
using store::FunderPass;
using store::FilterChoices;
using store::LearnerMove;
using store::MonthActivity;
using store::PassFigures;
using store::StructureStock;

}  // namespace mediane::app
