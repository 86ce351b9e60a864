-- 0005: a search-key table for name, pinyin and initials searches (issue 3,
-- "Search at scale"). Name, pinyin and initials queries are prefixes of a
-- party key, and a prefix range over the party indexes of 0004 has to sort
-- every match by date before the first page (a common surname or "zs" is
-- tens of thousands of parties at a million records). Here every prefix of
-- every key of every current version is one row, keyed by (key,
-- registration_date, marriage_id): a query is one key, read backwards in
-- result order (registration_date DESC, id DESC) with no sort, and a page
-- continues from its cursor inside that key.
--
-- Keys (the first character says which):
--   'N' || name              the whole name (exact name searches)
--   'n' || prefix of name    1 … length(name) characters
--   'p' || prefix of pinyin  of name_pinyin ("zhangsan": z, zh, … zhangsan)
--   'i' || prefix of initials
-- Prefixes are stored up to search_key_lengths' 128 characters; a longer
-- query falls back to the party indexes (civ-search.c).
--
-- Only current versions (superseded_by IS NULL) have keys, kept current by
-- the triggers below in the writing transaction: a party inserted for a
-- current version adds its keys; superseding a version removes the keys of
-- the old one (the new version's parties were inserted with its own).

CREATE TABLE search_key_lengths (n INTEGER PRIMARY KEY);
WITH RECURSIVE c (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 128)
INSERT INTO search_key_lengths (n) SELECT n FROM c;

CREATE TABLE search_keys (
  key               TEXT NOT NULL,
  registration_date TEXT NOT NULL,
  marriage_id       INTEGER NOT NULL,
  PRIMARY KEY (key, registration_date, marriage_id)
) WITHOUT ROWID;

-- Every key of every party row (of any version).
CREATE VIEW search_key_source (marriage_id, key) AS
  SELECT p.marriage_id, 'N' || p.name FROM marriage_parties p
  UNION ALL
  SELECT p.marriage_id, 'n' || substr (p.name, 1, l.n)
    FROM marriage_parties p JOIN search_key_lengths l ON l.n <= length (p.name)
  UNION ALL
  SELECT p.marriage_id, 'p' || substr (p.name_pinyin, 1, l.n)
    FROM marriage_parties p JOIN search_key_lengths l ON l.n <= length (p.name_pinyin)
  UNION ALL
  SELECT p.marriage_id, 'i' || substr (p.name_initials, 1, l.n)
    FROM marriage_parties p JOIN search_key_lengths l ON l.n <= length (p.name_initials);

CREATE TRIGGER search_keys_party_added AFTER INSERT ON marriage_parties
BEGIN
  INSERT OR IGNORE INTO search_keys (key, registration_date, marriage_id)
    SELECT 'N' || NEW.name, m.registration_date, m.id
      FROM marriages m WHERE m.id = NEW.marriage_id AND m.superseded_by IS NULL
    UNION ALL
    SELECT 'n' || substr (NEW.name, 1, l.n), m.registration_date, m.id
      FROM marriages m JOIN search_key_lengths l ON l.n <= length (NEW.name)
      WHERE m.id = NEW.marriage_id AND m.superseded_by IS NULL
    UNION ALL
    SELECT 'p' || substr (NEW.name_pinyin, 1, l.n), m.registration_date, m.id
      FROM marriages m JOIN search_key_lengths l ON l.n <= length (NEW.name_pinyin)
      WHERE m.id = NEW.marriage_id AND m.superseded_by IS NULL
    UNION ALL
    SELECT 'i' || substr (NEW.name_initials, 1, l.n), m.registration_date, m.id
      FROM marriages m JOIN search_key_lengths l ON l.n <= length (NEW.name_initials)
      WHERE m.id = NEW.marriage_id AND m.superseded_by IS NULL;
END;

CREATE TRIGGER search_keys_version_superseded AFTER UPDATE OF superseded_by ON marriages
WHEN OLD.superseded_by IS NULL AND NEW.superseded_by IS NOT NULL
BEGIN
  DELETE FROM search_keys
   WHERE marriage_id = OLD.id AND registration_date = OLD.registration_date
     AND key IN (SELECT key FROM search_key_source WHERE marriage_id = OLD.id);
END;

-- Backfill: the keys of every current version, written in key order.
INSERT OR IGNORE INTO search_keys (key, registration_date, marriage_id)
  SELECT s.key, m.registration_date, m.id
    FROM marriages m JOIN search_key_source s ON s.marriage_id = m.id
   WHERE m.superseded_by IS NULL
   ORDER BY 1, 2, 3;
