-- Headless workers (herald-cli worker). Several live workers may send one campaign together
-- (their claims never overlap), so a hold is now one per campaign and sender; a console or
-- `herald-cli run` still holds its campaign alone (SenderPresence::acquire decides, under the
-- campaign's row lock).
ALTER TABLE campaign_holds DROP CONSTRAINT campaign_holds_pkey;
ALTER TABLE campaign_holds ADD PRIMARY KEY (campaign_id, sender_id);

-- How a sender is listed to the others (a worker's --name; the host otherwise), which campaigns
-- it was told to take (a worker's --campaigns; empty: all), and its sending rate at its last
-- heartbeat, messages per second over all its campaigns.
ALTER TABLE senders
    ADD COLUMN name  text NOT NULL DEFAULT '',
    ADD COLUMN scope text NOT NULL DEFAULT '',
    ADD COLUMN rate  double precision NOT NULL DEFAULT 0;

-- Each phone number's sending timeline, shared by every process that sends from it
-- (SharedPacer): the next free moment in microseconds since 1970 on the database's clock
-- (PostgreSQL's; the machine's for SQLite). A sender reserves the next 100 ms of it at a time,
-- so that together they stay under the number's ceiling.
CREATE TABLE number_pacing (
    phone_number_id text PRIMARY KEY,
    next_slot_us    bigint NOT NULL
);
