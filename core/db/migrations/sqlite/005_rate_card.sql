-- Herald schema, version 5 (SQLite): rate cards and cost estimates.

-- A rate card: what Meta charges per delivered template message, by market and category, in
-- one currency, from its effective date. Cards are kept (an estimate names the card it used);
-- is_example marks the illustrative card Herald ships, whose prices are not Meta's.
CREATE TABLE rate_cards (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    currency       TEXT NOT NULL CHECK (length(currency) = 3),
    is_example     INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
    source         TEXT,
    imported_at    TEXT NOT NULL
);

-- A market is one country or a group of countries ("Rest of Western Europe"); one market of a
-- card may take every country no other market names (rest_of_world).
CREATE TABLE rate_card_markets (
    card_id       INTEGER NOT NULL REFERENCES rate_cards (id) ON DELETE CASCADE,
    market        TEXT NOT NULL,
    rest_of_world INTEGER NOT NULL DEFAULT 0 CHECK (rest_of_world IN (0, 1)),
    position      INTEGER NOT NULL,
    PRIMARY KEY (card_id, market)
);

-- Each country (ISO 3166 alpha-2, as libphonenumber names a number's region) in at most one
-- market of a card.
CREATE TABLE rate_card_countries (
    card_id INTEGER NOT NULL,
    region  TEXT NOT NULL,
    market  TEXT NOT NULL,
    PRIMARY KEY (card_id, region),
    FOREIGN KEY (card_id, market) REFERENCES rate_card_markets (card_id, market) ON DELETE CASCADE
);

-- Prices in millionths of the card's currency, so that totals are exact integers.
CREATE TABLE rate_card_prices (
    card_id      INTEGER NOT NULL,
    market       TEXT NOT NULL,
    category     TEXT NOT NULL,
    price_micros INTEGER NOT NULL CHECK (price_micros >= 0),
    PRIMARY KEY (card_id, market, category),
    FOREIGN KEY (card_id, market) REFERENCES rate_card_markets (card_id, market) ON DELETE CASCADE
);

-- A campaign's latest cost estimate, with the category and card it was made for, so that a
-- later change of the template's category is noticed and the estimate redone.
CREATE TABLE cost_estimates (
    campaign_id  TEXT PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    card_id      INTEGER REFERENCES rate_cards (id) ON DELETE SET NULL,
    category     TEXT NOT NULL,
    made_at      TEXT NOT NULL,
    currency     TEXT NOT NULL,
    recipients   INTEGER NOT NULL,
    total_micros INTEGER NOT NULL,
    details      TEXT NOT NULL DEFAULT '{}'
);
