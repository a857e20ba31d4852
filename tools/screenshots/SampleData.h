#pragma once

#include <QString>

namespace herald {
class CloudApiSimulator;
class Database;
} // namespace herald

namespace herald::screenshots {

// Fills a database with what a team's console holds after a few days of work: campaigns sent
// yesterday and today with failures of every common kind, one still running, one paused by Meta,
// a draft — their history recorded minute by minute through the queue engine with a clock moved
// by hand, so every chart and figure is the engine's own.
struct SampleIds
{
    QString completed; // yesterday's, with failures
    QString running;   // about three quarters sent, continued live by the window
    QString paused;
    QString pooled; // sent from three numbers, one of them taken out of the pool
};

SampleIds fillSampleData(Database &db, const CloudApiSimulator &sim);

} // namespace herald::screenshots
