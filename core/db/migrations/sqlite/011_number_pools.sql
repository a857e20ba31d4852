-- Campaigns sent from a pool of the account's phone numbers (campaign create --numbers). Each
-- recipient is assigned one number of the pool (send_queue.phone_number_id), so its retries and
-- resends go from the same number; NULL for a campaign with one number. An error about one
-- number (131048, 368) takes it out of the pool with the reason; its recipients wait for it
-- until the user moves them to the others, an action recorded in number_reassignments.
CREATE TABLE campaign_numbers (
    campaign_id     TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    phone_number_id TEXT NOT NULL,
    position        INTEGER NOT NULL,
    state           TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'out')),
    out_reason      TEXT,
    out_at          TEXT,
    PRIMARY KEY (campaign_id, phone_number_id)
);

ALTER TABLE send_queue ADD COLUMN phone_number_id TEXT;

CREATE TABLE number_reassignments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id   TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    from_number   TEXT NOT NULL,
    to_numbers    TEXT NOT NULL, -- the numbers that took them, comma-separated
    moved         INTEGER NOT NULL,
    reassigned_at TEXT NOT NULL,
    reassigned_by TEXT NOT NULL DEFAULT ''
);
