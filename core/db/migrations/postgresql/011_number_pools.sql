-- Campaigns sent from a pool of the account's phone numbers (campaign create --numbers). Each
-- recipient is assigned one number of the pool (send_queue.phone_number_id), so its retries and
-- resends go from the same number; NULL for a campaign with one number. An error about one
-- number (131048, 368) takes it out of the pool with the reason; its recipients wait for it
-- until the user moves them to the others, an action recorded in number_reassignments.
CREATE TABLE campaign_numbers (
    campaign_id     uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    phone_number_id text NOT NULL,
    position        integer NOT NULL,
    state           text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'out')),
    out_reason      text,
    out_at          timestamptz,
    PRIMARY KEY (campaign_id, phone_number_id)
);

ALTER TABLE send_queue ADD COLUMN phone_number_id text;

CREATE TABLE number_reassignments (
    id            bigserial PRIMARY KEY,
    campaign_id   uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    from_number   text NOT NULL,
    to_numbers    text NOT NULL, -- the numbers that took them, comma-separated
    moved         bigint NOT NULL,
    reassigned_at timestamptz NOT NULL,
    reassigned_by text NOT NULL DEFAULT ''
);
