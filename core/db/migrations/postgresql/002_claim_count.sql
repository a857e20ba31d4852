-- Herald schema, version 2 (PostgreSQL): every claim of a row gets its own number.
-- A sender records an outcome only for the claim it holds (claimed_by and claim_count both
-- match), so a late answer can never land on the row after it was recovered, resent and
-- claimed again — by another worker or by the same one.
ALTER TABLE send_queue ADD COLUMN claim_count bigint NOT NULL DEFAULT 0;
