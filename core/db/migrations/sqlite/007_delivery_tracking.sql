-- Herald schema, version 7 (SQLite): delivery tracking from Meta's status webhooks.

-- What became of a sent message after Meta accepted it. Only sent rows carry these: read sets
-- delivered too (a read message was delivered), and a late failure (reported only by webhook,
-- after the send call returned 200) leaves the row sent with its code recorded here.
ALTER TABLE send_queue ADD COLUMN delivered_at TEXT;
ALTER TABLE send_queue ADD COLUMN read_at TEXT;
ALTER TABLE send_queue ADD COLUMN late_failed_at TEXT;
ALTER TABLE send_queue ADD COLUMN late_error_code INTEGER;
ALTER TABLE send_queue ADD COLUMN late_error_reason TEXT;
ALTER TABLE send_queue ADD COLUMN late_error_details TEXT;

-- Kept by Counters in the transaction that changes the rows, like the other counters.
ALTER TABLE campaigns ADD COLUMN total_delivered INTEGER NOT NULL DEFAULT 0 CHECK (total_delivered >= 0);
ALTER TABLE campaigns ADD COLUMN total_read INTEGER NOT NULL DEFAULT 0 CHECK (total_read >= 0);
ALTER TABLE campaigns ADD COLUMN total_failed_after_send INTEGER NOT NULL DEFAULT 0
    CHECK (total_failed_after_send >= 0);

-- Callbacks find their row by the message id. Not unique: Meta's ids are, but a database may
-- hold copies of campaigns (and tests reuse the simulator's ids).
CREATE INDEX send_queue_wamid_idx ON send_queue (wamid) WHERE wamid IS NOT NULL;
-- The recount of the three delivery counters: index-only counts per campaign.
CREATE INDEX send_queue_delivered_idx ON send_queue (campaign_id) WHERE delivered_at IS NOT NULL;
CREATE INDEX send_queue_read_idx ON send_queue (campaign_id) WHERE read_at IS NOT NULL;
CREATE INDEX send_queue_late_failed_idx ON send_queue (campaign_id, late_error_reason)
    WHERE late_failed_at IS NOT NULL;

-- Callbacks that matched nothing yet (the row is still being sent, its id is unknown, or its
-- claim moved on), kept so that they can be applied once their row is there, and so that no
-- callback is lost. campaign_id, queue_row_id and claim_count are read from the send's
-- biz_opaque_callback_data when it is Herald's own.
CREATE TABLE webhook_events (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    wamid        TEXT,
    status       TEXT,
    biz_opaque   TEXT,
    campaign_id  TEXT,
    queue_row_id INTEGER,
    claim_count  INTEGER,
    recipient    TEXT,
    event_at     TEXT,
    payload      TEXT,
    reason       TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    resolved_at  TEXT
);
CREATE INDEX webhook_events_wamid_idx ON webhook_events (wamid) WHERE resolved_at IS NULL;
CREATE INDEX webhook_events_row_idx ON webhook_events (queue_row_id) WHERE resolved_at IS NULL;

-- Who sends callbacks (by the business phone number they are for) and when the last came,
-- so a user can see that delivery tracking is alive.
CREATE TABLE webhook_sources (
    phone_number_id   TEXT PRIMARY KEY,
    waba_id           TEXT,
    first_callback_at TEXT NOT NULL,
    last_callback_at  TEXT NOT NULL,
    statuses          INTEGER NOT NULL DEFAULT 0,
    applied           INTEGER NOT NULL DEFAULT 0,
    parked            INTEGER NOT NULL DEFAULT 0
);
