-- The analytics service's own read model of the sales organization, built only from
-- planning's events (it never reads planning's schema).
CREATE TABLE seller_directory (
  seller_id     TEXT PRIMARY KEY,
  display_name  TEXT NOT NULL,
  title         TEXT NOT NULL,
  home_currency TEXT NOT NULL,
  deleted       BOOLEAN NOT NULL DEFAULT false,
  last_sequence BIGINT NOT NULL
);
