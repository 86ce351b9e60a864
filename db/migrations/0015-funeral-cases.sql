-- 0015: funeral and cremation cases (issue 16; domain.md §4 R-F1…R-F14).
--
-- A case is a procedure like an adoption: the current state lives in the
-- funeral_cases row, every step is appended to funeral_events (append-only,
-- with its details as JSON) and to the audit log. What the day board asks
-- often has a table of its own: the bodies in storage (funeral_storage) and
-- the ash deposits with their expiry (funeral_deposits).
--
-- Case numbers are gapless per office and year: the serial is the next one
-- of the office's year inside the inserting transaction, and cases are
-- never deleted.
CREATE TABLE funeral_cases (
  id                   INTEGER PRIMARY KEY,
  record_id            TEXT NOT NULL UNIQUE,   -- stable UUID
  case_no              TEXT NOT NULL UNIQUE,   -- BZ{office}-{year}-{serial}
  office_code          TEXT NOT NULL CHECK (length(office_code) = 6),
  year                 INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 9999),
  serial               INTEGER NOT NULL CHECK (serial BETWEEN 1 AND 999999),
  state                TEXT NOT NULL CHECK (state IN ('DEATH_REPORTED', 'COLLECTED', 'STORED',
                         'DEATH_CERT_VERIFIED', 'CREMATED', 'ASHES_RETURNED', 'ASHES_DEPOSITED',
                         'ECO_BURIAL', 'CEMETERY', 'BURIAL_EXEMPT')),
  reported_on          TEXT NOT NULL,          -- YYYY-MM-DD, the counter's date
  -- The deceased (R-F6); an unidentified body has no name and no document
  -- but a description (and photos among the documents).
  unidentified         INTEGER NOT NULL DEFAULT 0 CHECK (unidentified IN (0, 1)),
  description          TEXT NOT NULL DEFAULT '',
  deceased_name        TEXT NOT NULL DEFAULT '',
  sex                  INTEGER NOT NULL DEFAULT 0 CHECK (sex IN (0, 1, 2, 9)),
  ethnicity            TEXT NOT NULL DEFAULT '',  -- GB/T 3304 code
  country              TEXT NOT NULL DEFAULT '',  -- ISO 3166-1 alpha-3
  doc_kind             TEXT NOT NULL DEFAULT '',
  doc_number           TEXT,
  id_key               TEXT,                      -- the number as matched (18 digits)
  birth_date           TEXT,
  death_at             TEXT,                      -- YYYY-MM-DDTHH:MM, local time
  death_place          INTEGER NOT NULL DEFAULT 0 CHECK (death_place IN (0, 1, 2, 3, 4, 9)),
  marital_status       INTEGER NOT NULL DEFAULT 9 CHECK (marital_status IN (1, 2, 3, 4, 9)),
  address              TEXT NOT NULL DEFAULT '',
  cause_of_death       TEXT NOT NULL DEFAULT '',
  death_certificate_no TEXT,                      -- R-F5
  -- The agent (经办人), usually a relative.
  agent_name           TEXT NOT NULL DEFAULT '',
  agent_doc_number     TEXT,
  agent_relationship   TEXT NOT NULL DEFAULT '',
  agent_phone          TEXT NOT NULL DEFAULT '',
  closed_on            TEXT,                      -- the ashes' destination recorded
  created_at           TEXT NOT NULL,
  created_by           TEXT NOT NULL,
  CHECK (unidentified = 1 OR deceased_name <> ''),
  CHECK (unidentified = 0 OR description <> ''),
  UNIQUE (office_code, year, serial)
);
CREATE INDEX funeral_cases_id_key ON funeral_cases (id_key);
CREATE INDEX funeral_cases_name ON funeral_cases (deceased_name);
CREATE INDEX funeral_cases_agent_phone ON funeral_cases (agent_phone);
CREATE INDEX funeral_cases_open ON funeral_cases (state) WHERE closed_on IS NULL;

-- A closed case is final; its number, office and report date never change.
CREATE TRIGGER funeral_cases_guard BEFORE UPDATE ON funeral_cases
WHEN OLD.closed_on IS NOT NULL
  OR NEW.id IS NOT OLD.id
  OR NEW.record_id IS NOT OLD.record_id
  OR NEW.case_no IS NOT OLD.case_no
  OR NEW.office_code IS NOT OLD.office_code
  OR NEW.year IS NOT OLD.year
  OR NEW.serial IS NOT OLD.serial
  OR NEW.reported_on IS NOT OLD.reported_on
  OR NEW.created_at IS NOT OLD.created_at
  OR NEW.created_by IS NOT OLD.created_by
BEGIN
  SELECT RAISE(ABORT, 'funeral_cases: a closed case and a case''s number never change');
END;
CREATE TRIGGER funeral_cases_no_delete BEFORE DELETE ON funeral_cases
BEGIN
  SELECT RAISE(ABORT, 'funeral cases are never deleted');
END;

-- Every step: who, when (the counter's date-time and the clock), from which
-- state to which, and its details (collection: time, place, vehicle, staff;
-- cremation: furnace, operator, certificate serial; …) as JSON.
CREATE TABLE funeral_events (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES funeral_cases (id),
  at          TEXT NOT NULL,                   -- YYYY-MM-DDTHH:MM
  from_state  TEXT,                            -- NULL for the report itself
  state       TEXT NOT NULL,
  actor       TEXT NOT NULL,
  detail      TEXT NOT NULL DEFAULT '{}',      -- JSON
  created_at  TEXT NOT NULL
);
CREATE INDEX funeral_events_case ON funeral_events (case_id, id);
CREATE TRIGGER funeral_events_no_update BEFORE UPDATE ON funeral_events
BEGIN
  SELECT RAISE(ABORT, 'funeral_events is append-only');
END;
CREATE TRIGGER funeral_events_no_delete BEFORE DELETE ON funeral_events
BEGIN
  SELECT RAISE(ABORT, 'funeral_events is append-only');
END;

-- 暂存/冷藏: a body in a storage unit from in_at until out_at. A unit holds
-- one body at a time; out_at is written once.
CREATE TABLE funeral_storage (
  id       INTEGER PRIMARY KEY,
  case_id  INTEGER NOT NULL REFERENCES funeral_cases (id),
  unit     TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 40),
  in_at    TEXT NOT NULL,
  out_at   TEXT,
  CHECK (out_at IS NULL OR out_at >= in_at)
);
CREATE UNIQUE INDEX funeral_storage_unit_busy ON funeral_storage (unit) WHERE out_at IS NULL;
CREATE UNIQUE INDEX funeral_storage_case_in ON funeral_storage (case_id) WHERE out_at IS NULL;
CREATE TRIGGER funeral_storage_guard BEFORE UPDATE ON funeral_storage
WHEN OLD.out_at IS NOT NULL OR NEW.case_id IS NOT OLD.case_id OR NEW.unit IS NOT OLD.unit
  OR NEW.in_at IS NOT OLD.in_at
BEGIN
  SELECT RAISE(ABORT, 'funeral_storage: only the time out is written, once');
END;
CREATE TRIGGER funeral_storage_no_delete BEFORE DELETE ON funeral_storage
BEGIN
  SELECT RAISE(ABORT, 'funeral_storage is never deleted');
END;

-- 骨灰寄存: where the ashes are kept and until when.
CREATE TABLE funeral_deposits (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES funeral_cases (id),
  place       TEXT NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  deposited   TEXT NOT NULL,                   -- YYYY-MM-DD
  expires_on  TEXT NOT NULL,                   -- YYYY-MM-DD
  CHECK (expires_on > deposited)
);
CREATE INDEX funeral_deposits_expiry ON funeral_deposits (expires_on);
CREATE TRIGGER funeral_deposits_no_update BEFORE UPDATE ON funeral_deposits
BEGIN
  SELECT RAISE(ABORT, 'funeral_deposits is append-only');
END;
CREATE TRIGGER funeral_deposits_no_delete BEFORE DELETE ON funeral_deposits
BEGIN
  SELECT RAISE(ABORT, 'funeral_deposits is append-only');
END;
