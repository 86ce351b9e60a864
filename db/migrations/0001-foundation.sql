-- 0001: office settings, operators, the hash-chained audit log, reference data.
-- SQL limited to SQLite 3.15.2 (architecture.md §3).

CREATE TABLE settings (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);

CREATE TABLE operators (
  id           INTEGER PRIMARY KEY,
  login        TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('registrar', 'archivist', 'funeral_clerk', 'supervisor', 'auditor')),
  enabled      INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at   TEXT NOT NULL,
  created_by   TEXT,
  disabled_at  TEXT,
  disabled_by  TEXT
);

-- Append-only, hash-chained (architecture.md §8).
-- hash = SHA-256(prev_hash || canonical encoding of seq, ts, actor, action, object, detail)
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  ts        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  object    TEXT NOT NULL DEFAULT '',
  detail    TEXT NOT NULL DEFAULT '',
  prev_hash BLOB NOT NULL,
  hash      BLOB NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- GB/T 2260 division codes, dated (R-ID6). One row per code and validity span.
CREATE TABLE division_codes (
  code       TEXT NOT NULL CHECK (length(code) = 6),
  name       TEXT NOT NULL,
  province   TEXT NOT NULL DEFAULT '',
  prefecture TEXT NOT NULL DEFAULT '',
  level      TEXT NOT NULL DEFAULT '',
  valid_from INTEGER NOT NULL,  -- first year in force
  valid_to   INTEGER,           -- year it stopped being issued or was renamed; NULL = still in use
  successors TEXT NOT NULL DEFAULT '', -- as in the source: "110101", "130102;130104", "130108[2001]"
  PRIMARY KEY (code, valid_from)
);

-- Statutory rest days and make-up working days (调休), by date (R-D5).
CREATE TABLE holidays (
  day        TEXT PRIMARY KEY NOT NULL, -- YYYY-MM-DD
  name       TEXT NOT NULL,
  is_off_day INTEGER NOT NULL CHECK (is_off_day IN (0, 1)),
  year       INTEGER NOT NULL           -- the calendar year whose table lists the day
);

CREATE INDEX holidays_year ON holidays (year);

-- Which years the calendar covers: a year is covered once its table is imported.
CREATE TABLE holiday_years (
  year        INTEGER PRIMARY KEY NOT NULL,
  imported_at TEXT NOT NULL,
  source      TEXT NOT NULL DEFAULT ''
);

CREATE TABLE refdata_imports (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  source      TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  rows        INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
);
