-- Herald schema, version 3 (SQLite): what the console needs to show history and to know who
-- sends each campaign.

-- When a row last became failed (cleared when it is resent): updated_at changes later, and a
-- chart of failures over time needs the moment of failing.
ALTER TABLE send_queue ADD COLUMN failed_at TEXT;
UPDATE send_queue SET failed_at = updated_at WHERE status = 'failed';

-- Sent and failed per campaign and UTC minute, kept by Counters in the transaction that
-- changes the rows, so that the sum of a campaign's minutes is its counters. A resend takes
-- its failures back in the minute it happens. The console's charts read only this.
CREATE TABLE campaign_minutes (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    minute      TEXT NOT NULL,
    sent        INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, minute)
);
INSERT INTO campaign_minutes (campaign_id, minute, sent, failed)
SELECT campaign_id, minute, SUM(sent), SUM(failed) FROM (
    SELECT campaign_id, substr(COALESCE(sent_at, updated_at), 1, 16) || ':00.000Z' AS minute, 1 AS sent, 0 AS failed
      FROM send_queue WHERE status = 'sent'
    UNION ALL
    SELECT campaign_id, substr(COALESCE(failed_at, updated_at), 1, 16) || ':00.000Z', 0, 1
      FROM send_queue WHERE status = 'failed')
GROUP BY campaign_id, minute;

-- The processes that send (consoles, herald-cli run, workers), with a heartbeat every few
-- seconds; a sender whose heartbeat is older than a few periods is gone.
CREATE TABLE senders (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('console', 'run', 'worker')),
    host         TEXT NOT NULL,
    pid          INTEGER NOT NULL,
    started_at   TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
);

-- Which sender sends a campaign: one at a time. A hold whose sender is gone may be taken over.
CREATE TABLE campaign_holds (
    campaign_id TEXT PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    sender_id   TEXT NOT NULL REFERENCES senders (id) ON DELETE CASCADE,
    since       TEXT NOT NULL
);
