-- The daily summary gains delivered and read: of the messages sent that day, how many were
-- delivered and read so far (callbacks arrive later; a refresh counts them then).
ALTER TABLE daily_summary ADD COLUMN delivered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE daily_summary ADD COLUMN read INTEGER NOT NULL DEFAULT 0;
