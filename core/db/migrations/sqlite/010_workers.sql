-- Headless workers (herald-cli worker). Several live workers may send one campaign together
-- (their claims never overlap), so a hold is now one per campaign and sender; a console or
-- `herald-cli run` still holds its campaign alone (SenderPresence::acquire decides).
CREATE TABLE campaign_holds_shared (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    sender_id   TEXT NOT NULL REFERENCES senders (id) ON DELETE CASCADE,
    since       TEXT NOT NULL,
    PRIMARY KEY (campaign_id, sender_id)
);
INSERT INTO campaign_holds_shared (campaign_id, sender_id, since)
    SELECT campaign_id, sender_id, since FROM campaign_holds;
DROP TABLE campaign_holds;
ALTER TABLE campaign_holds_shared RENAME TO campaign_holds;

-- How a sender is listed to the others (a worker's --name; the host otherwise), which campaigns
-- it was told to take (a worker's --campaigns; empty: all), and its sending rate at its last
-- heartbeat, messages per second over all its campaigns.
ALTER TABLE senders ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE senders ADD COLUMN scope TEXT NOT NULL DEFAULT '';
ALTER TABLE senders ADD COLUMN rate REAL NOT NULL DEFAULT 0;

-- Each phone number's sending timeline, shared by every process that sends from it
-- (SharedPacer): the next free moment in microseconds since 1970 on the database's clock
-- (PostgreSQL's; the machine's for SQLite). A sender reserves the next 100 ms of it at a time,
-- so that together they stay under the number's ceiling.
CREATE TABLE number_pacing (
    phone_number_id TEXT PRIMARY KEY,
    next_slot_us    INTEGER NOT NULL
);
