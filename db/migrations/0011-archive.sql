-- 0011: archive backfill (issue 14; domain.md §2.6 R-H1…R-H4, R-N2, R-AR1…R-AR4;
-- architecture.md §7): register books and their page images, the ledger that
-- proves every entry slot was looked at, double keying, bulk imports, the
-- historical records' source and era, and each person's history in date order.
--
-- Historical records are marriages rows with historical = 1 (so search, the
-- record view and reporting know them) plus one historical_records row: the
-- register's category, the date as precise as the source ("1985",
-- "1985-06", "1985-06-12"; marriages.registration_date holds the same text),
-- the raw certificate number with its format era (R-N2; marriages.certificate_no
-- holds the same raw text so it is searchable) and the source reference.

-- A register book or archive volume (卷), filed by year and category (R-AR2).
CREATE TABLE archive_books (
  id             INTEGER PRIMARY KEY,
  book_id        TEXT NOT NULL UNIQUE,                -- stable UUID
  archive_no     TEXT NOT NULL UNIQUE CHECK (length(archive_no) BETWEEN 1 AND 64), -- 档号
  title          TEXT NOT NULL DEFAULT '' CHECK (length(title) <= 200),
  office_code    TEXT NOT NULL CHECK (length(office_code) = 6),
  office_name    TEXT NOT NULL,
  category       TEXT NOT NULL CHECK (category IN ('marriage', 'divorce', 'reissue', 'revocation')),
  year_from      INTEGER NOT NULL CHECK (year_from BETWEEN 1949 AND 2100),
  year_to        INTEGER NOT NULL CHECK (year_to BETWEEN year_from AND 2100),
  pages          INTEGER NOT NULL CHECK (pages BETWEEN 1 AND 5000),
  slots_per_page INTEGER NOT NULL CHECK (slots_per_page BETWEEN 1 AND 50),
  double_keying  INTEGER NOT NULL DEFAULT 1 CHECK (double_keying IN (0, 1)),
  state          TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  closed_by      TEXT,
  closed_at      TEXT,
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL
);
CREATE INDEX archive_books_office_year ON archive_books (office_code, year_from);

-- The ledger: one row per entry slot, written with the book ('unseen').
-- 'keyed-once' and 'disputed' are on the way (double keying); the slot is
-- accounted for when it is entered, illegible, blank, torn or missing.
CREATE TABLE archive_slots (
  book       INTEGER NOT NULL REFERENCES archive_books (id),
  page       INTEGER NOT NULL CHECK (page >= 1),
  slot       INTEGER NOT NULL CHECK (slot >= 1),
  state      TEXT NOT NULL DEFAULT 'unseen' CHECK (state IN ('unseen', 'keyed-once', 'disputed',
               'entered', 'illegible', 'blank', 'torn', 'missing')),
  record_id  TEXT,                           -- the historical record entered from it
  note       TEXT NOT NULL DEFAULT '',
  updated_by TEXT,
  updated_at TEXT,
  PRIMARY KEY (book, page, slot)
) WITHOUT ROWID;

-- Who set which state when (append-only).
CREATE TABLE archive_slot_events (
  id       INTEGER PRIMARY KEY,
  book     INTEGER NOT NULL REFERENCES archive_books (id),
  page     INTEGER NOT NULL,
  slot     INTEGER NOT NULL,
  state    TEXT NOT NULL,
  note     TEXT NOT NULL DEFAULT '',
  actor    TEXT NOT NULL,
  at       TEXT NOT NULL
);
CREATE INDEX archive_slot_events_slot ON archive_slot_events (book, page, slot, id);
CREATE INDEX archive_slot_events_actor ON archive_slot_events (actor, at);

-- Page images (JPEG, PNG, TIFF, PDF), encrypted with the database like the
-- documents of 0007 and checked against their SHA-256 on every read. A file
-- of several pages (a PDF, a multi-page TIFF) shows pages first_page … first_page + n_pages - 1.
CREATE TABLE archive_images (
  id         INTEGER PRIMARY KEY,
  book       INTEGER NOT NULL REFERENCES archive_books (id),
  first_page INTEGER NOT NULL CHECK (first_page >= 1),
  n_pages    INTEGER NOT NULL DEFAULT 1 CHECK (n_pages BETWEEN 1 AND 5000),
  file_name  TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/tiff', 'application/pdf')),
  byte_size  INTEGER NOT NULL CHECK (byte_size > 0),
  sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
  content    BLOB NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (length(content) = byte_size)
);
CREATE INDEX archive_images_page ON archive_images (book, first_page, id);

-- One keying of one slot: pass 1 and 2 by two archivists who never see each
-- other's values, 3 the reconciliation (a third person or a supervisor).
-- fields: JSON object {stable field name: text} (civ-historical.h).
CREATE TABLE archive_keyings (
  id          INTEGER PRIMARY KEY,
  book        INTEGER NOT NULL REFERENCES archive_books (id),
  page        INTEGER NOT NULL,
  slot        INTEGER NOT NULL,
  pass        INTEGER NOT NULL CHECK (pass IN (1, 2, 3)),
  operator    TEXT NOT NULL,
  started_at  TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  fields      TEXT NOT NULL,
  differences INTEGER NOT NULL DEFAULT 0,   -- pass 2: fields that differed from pass 1
  UNIQUE (book, page, slot, pass)
);
CREATE INDEX archive_keyings_operator ON archive_keyings (operator, finished_at);

CREATE TRIGGER archive_keyings_no_update BEFORE UPDATE ON archive_keyings
BEGIN
  SELECT RAISE(ABORT, 'archive_keyings is append-only');
END;

-- A CSV file imported (its SHA-256 refuses the same file twice unless forced).
CREATE TABLE archive_imports (
  id            INTEGER PRIMARY KEY,
  sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
  file_name     TEXT NOT NULL,
  encoding      TEXT NOT NULL,
  rows_read     INTEGER NOT NULL,
  rows_imported INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  duplicates    INTEGER NOT NULL,
  forced        INTEGER NOT NULL DEFAULT 0,
  imported_by   TEXT NOT NULL,
  imported_at   TEXT NOT NULL
);
CREATE INDEX archive_imports_sha256 ON archive_imports (sha256);

CREATE TABLE historical_records (
  record_id   TEXT PRIMARY KEY,               -- marriages.record_id
  kind        TEXT NOT NULL CHECK (kind IN ('marriage', 'divorce', 'reissue', 'revocation')),
  event_date  TEXT NOT NULL,                  -- partial ISO date
  raw_number  TEXT,
  number_era  TEXT NOT NULL CHECK (number_era IN ('none', 'pre-2003', 'interim-2003', 'national')),
  archive_no  TEXT NOT NULL DEFAULT '',
  volume      TEXT NOT NULL DEFAULT '',
  page        INTEGER,
  entry       INTEGER,
  book        INTEGER REFERENCES archive_books (id),
  book_page   INTEGER,
  book_slot   INTEGER,
  import_id   INTEGER REFERENCES archive_imports (id),
  fields      TEXT NOT NULL                   -- the entry as keyed or imported (JSON)
) WITHOUT ROWID;
CREATE INDEX historical_records_import ON historical_records (import_id) WHERE import_id IS NOT NULL;

-- Each person's events in date order, not in keying order: the person
-- index's status is what they say (historical entries only; a status set at
-- the counter stays, persons.status_on NULL).
CREATE TABLE person_events (
  person_id   INTEGER NOT NULL REFERENCES persons (id),
  on_date     TEXT NOT NULL,                  -- partial ISO date, sorts
  kind        TEXT NOT NULL CHECK (kind IN ('marriage', 'divorce', 'revocation')),
  record_id   TEXT NOT NULL,
  partner_key TEXT,
  PRIMARY KEY (person_id, on_date, record_id)
) WITHOUT ROWID;

-- The date of the historical event that set the person's status; NULL when
-- the status was set at the counter.
ALTER TABLE persons ADD COLUMN status_on TEXT;

-- Contradictions found while applying history (two overlapping marriages
-- with no end): listed for review, never resolved silently.
CREATE TABLE history_conflicts (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES persons (id),
  kind        TEXT NOT NULL CHECK (kind IN ('overlapping-marriages')),
  record_a    TEXT NOT NULL,
  record_b    TEXT NOT NULL,
  found_at    TEXT NOT NULL,
  reviewed_by TEXT,
  reviewed_at TEXT,
  review_note TEXT,
  UNIQUE (person_id, kind, record_a, record_b)
);

-- A bulk import writes the search keys of its rows at its end, sorted, in
-- one INSERT (civ_history_writer_build_search_keys ()): random inserts into
-- search_keys one record at a time are what makes a big import slow. While
-- the import's transaction holds a row here (no other connection ever sees
-- it), the trigger of 0005 leaves the keys to it.
CREATE TABLE search_keys_deferred (from_marriage INTEGER NOT NULL);

DROP TRIGGER search_keys_party_added;
CREATE TRIGGER search_keys_party_added AFTER INSERT ON marriage_parties
WHEN NOT EXISTS (SELECT 1 FROM search_keys_deferred)
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
