-- 0002: person index, marriage records with versions, certificates with
-- gapless per-prefix serials, findings, documents, and the report outbox.
-- Registered records are never updated in place: a correction inserts a new
-- version that supersedes the old one (architecture.md §3).

-- One row per person, keyed by the normalised identity number (18 digits for
-- resident IDs; "kind:number" for other documents). Holds the current marital
-- status (GB/T 2261.2) and the current marriage.
CREATE TABLE persons (
  id                  INTEGER PRIMARY KEY,
  id_key              TEXT NOT NULL UNIQUE,
  doc_kind            TEXT NOT NULL,
  doc_number          TEXT NOT NULL,       -- as recorded (a 15-digit number stays 15 digits)
  name                TEXT NOT NULL,
  sex                 INTEGER NOT NULL DEFAULT 0,
  birth_date          TEXT,
  marital_status      INTEGER NOT NULL DEFAULT 90,
  current_marriage    TEXT,                -- record_id of the REGISTERED marriage, if any
  updated_at          TEXT NOT NULL
);

-- Gapless serials per prefix (J, L, BJ, BL), office and year (R-N1: whether J
-- and L share one counter is unverified, so each prefix has its own).
CREATE TABLE certificate_counters (
  prefix      TEXT NOT NULL CHECK (prefix IN ('J', 'L', 'BJ', 'BL')),
  office_code TEXT NOT NULL CHECK (length(office_code) = 6),
  year        INTEGER NOT NULL,
  last_serial INTEGER NOT NULL CHECK (last_serial BETWEEN 0 AND 999999),
  PRIMARY KEY (prefix, office_code, year)
);

CREATE TABLE certificates (
  id           INTEGER PRIMARY KEY,
  number       TEXT NOT NULL UNIQUE,       -- J110101-2026-000001
  prefix       TEXT NOT NULL,
  office_code  TEXT NOT NULL,
  year         INTEGER NOT NULL,
  serial       INTEGER NOT NULL,
  record_id    TEXT NOT NULL,              -- the marriage/divorce record it belongs to
  issued_at    TEXT NOT NULL,
  issued_by    TEXT NOT NULL,
  UNIQUE (prefix, office_code, year, serial)
);

-- Pre-printed blanks used for a certificate (NO. serial, R-N3); a spoiled
-- print is voided here, never deleted.
CREATE TABLE certificate_prints (
  id             INTEGER PRIMARY KEY,
  certificate_id INTEGER NOT NULL REFERENCES certificates (id),
  blank_serial   TEXT NOT NULL,
  printed_at     TEXT NOT NULL,
  printed_by     TEXT NOT NULL,
  voided_at      TEXT,
  voided_by      TEXT,
  void_reason    TEXT
);
CREATE UNIQUE INDEX certificate_prints_blank ON certificate_prints (blank_serial);

-- A marriage record is a chain of versions sharing record_id. The row with
-- superseded_by IS NULL is current. Versions are inserted, never updated,
-- except for setting superseded_by once (checked by trigger).
CREATE TABLE marriages (
  id                INTEGER PRIMARY KEY,
  record_id         TEXT NOT NULL,         -- stable UUID across versions
  version           INTEGER NOT NULL,
  superseded_by     INTEGER REFERENCES marriages (id),
  state             TEXT NOT NULL CHECK (state IN ('APPLIED', 'REGISTERED', 'REFUSED',
                      'DISSOLVED_REG', 'DISSOLVED_COURT', 'DECLARED_VOID_COURT', 'ANNULLED_COURT',
                      'ANNULLED_REGISTRY', 'REGISTRATION_REVOKED', 'ENDED_BY_DEATH')),
  registration_date TEXT NOT NULL,
  effective_from    TEXT NOT NULL,
  office_code       TEXT NOT NULL,
  office_name       TEXT NOT NULL,
  registrar         TEXT NOT NULL,
  certificate_no    TEXT,                  -- NULL for refusals
  historical        INTEGER NOT NULL DEFAULT 0,
  status_source     TEXT NOT NULL CHECK (status_source IN ('online', 'local-only')),
  remarks           TEXT NOT NULL DEFAULT '',
  reason            TEXT NOT NULL DEFAULT '', -- why this version exists (correction, refusal)
  approved_by       TEXT,                  -- supervisor for corrections
  created_at        TEXT NOT NULL,
  created_by        TEXT NOT NULL,
  UNIQUE (record_id, version)
);
CREATE INDEX marriages_current ON marriages (record_id) WHERE superseded_by IS NULL;
CREATE INDEX marriages_date ON marriages (registration_date, id);
CREATE INDEX marriages_certificate ON marriages (certificate_no);

CREATE TRIGGER marriages_versions_only BEFORE UPDATE ON marriages
WHEN OLD.superseded_by IS NOT NULL
  OR NEW.id IS NOT OLD.id
  OR NEW.record_id IS NOT OLD.record_id
  OR NEW.version IS NOT OLD.version
  OR NEW.state IS NOT OLD.state
  OR NEW.registration_date IS NOT OLD.registration_date
  OR NEW.effective_from IS NOT OLD.effective_from
  OR NEW.office_code IS NOT OLD.office_code
  OR NEW.office_name IS NOT OLD.office_name
  OR NEW.registrar IS NOT OLD.registrar
  OR NEW.certificate_no IS NOT OLD.certificate_no
  OR NEW.historical IS NOT OLD.historical
  OR NEW.status_source IS NOT OLD.status_source
  OR NEW.remarks IS NOT OLD.remarks
  OR NEW.reason IS NOT OLD.reason
  OR NEW.approved_by IS NOT OLD.approved_by
  OR NEW.created_at IS NOT OLD.created_at
  OR NEW.created_by IS NOT OLD.created_by
BEGIN
  SELECT RAISE(ABORT, 'marriage records are never edited in place: write a new version');
END;

CREATE TRIGGER marriages_no_delete BEFORE DELETE ON marriages
BEGIN
  SELECT RAISE(ABORT, 'marriage records are never deleted');
END;

-- The parties as they were on the day (snapshot), per version.
CREATE TABLE marriage_parties (
  marriage_id       INTEGER NOT NULL REFERENCES marriages (id),
  position          INTEGER NOT NULL CHECK (position IN (0, 1)),
  person_id         INTEGER REFERENCES persons (id),
  name              TEXT NOT NULL,
  name_pinyin       TEXT NOT NULL DEFAULT '',  -- "zhang san"
  name_initials     TEXT NOT NULL DEFAULT '',  -- "zs"
  sex               INTEGER NOT NULL,
  birth_date        TEXT,
  nationality       TEXT NOT NULL DEFAULT 'CHN',
  ethnicity         TEXT NOT NULL DEFAULT '',
  occupation        TEXT NOT NULL DEFAULT '',
  doc_kind          TEXT NOT NULL,
  doc_number        TEXT,                      -- as recorded; NULL when absent (R-H3)
  doc_status        TEXT NOT NULL DEFAULT 'PRESENT' CHECK (doc_status IN ('PRESENT', 'ABSENT_PRE_ID', 'ABSENT_UNKNOWN')),
  id_key            TEXT,                      -- normalised, for matching
  resident_category TEXT NOT NULL DEFAULT 'mainland',
  status_before     INTEGER NOT NULL DEFAULT 90,
  nature            INTEGER NOT NULL DEFAULT 21,
  PRIMARY KEY (marriage_id, position)
);
CREATE INDEX marriage_parties_id_key ON marriage_parties (id_key);
CREATE INDEX marriage_parties_name ON marriage_parties (name);
CREATE INDEX marriage_parties_pinyin ON marriage_parties (name_pinyin);
CREATE INDEX marriage_parties_initials ON marriage_parties (name_initials);

-- What the rules said when the version was written (rule id, severity, message).
CREATE TABLE findings (
  record_kind TEXT NOT NULL,
  record_row  INTEGER NOT NULL,
  rule        TEXT NOT NULL,
  severity    TEXT NOT NULL CHECK (severity IN ('info', 'warn', 'refuse')),
  message     TEXT NOT NULL
);
CREATE INDEX findings_record ON findings (record_kind, record_row);

-- The transactional outbox (architecture.md §6): written in the same
-- transaction as the registration; the sender delivers it.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL,
  record_id       TEXT NOT NULL,
  version         INTEGER NOT NULL,
  payload         TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'parked')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error      TEXT,
  receipt         TEXT,
  created_at      TEXT NOT NULL,
  delivered_at    TEXT
);
CREATE INDEX outbox_pending ON outbox (state, id) WHERE state = 'pending';

-- Divorce applications (R-D1…R-D8): a workflow, not a certificate record.
-- The current state lives in the row; every transition is appended to
-- divorce_events (append-only) and to the audit log.
CREATE TABLE divorces (
  id                 INTEGER PRIMARY KEY,
  record_id          TEXT NOT NULL UNIQUE,
  marriage_record_id TEXT NOT NULL,
  state              TEXT NOT NULL CHECK (state IN ('NOT_ACCEPTED', 'COOLING', 'WITHDRAWN',
                       'REGISTERED', 'REFUSED', 'LAPSED')),
  accepted_on        TEXT,                 -- T0 (受理回执单)
  cooling_off_end    TEXT,
  window_end         TEXT,
  provisional        INTEGER NOT NULL DEFAULT 0, -- a deadline fell outside the holiday table
  agreement_ref      TEXT NOT NULL DEFAULT '',
  withdrawn_on       TEXT,
  withdrawn_by       INTEGER,              -- party position 0/1
  closed_on          TEXT,                 -- issued, refused or lapsed
  certificate_no     TEXT,                 -- L number when REGISTERED
  office_code        TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  created_by         TEXT NOT NULL
);
CREATE INDEX divorces_open ON divorces (state, window_end) WHERE state = 'COOLING';
CREATE INDEX divorces_marriage ON divorces (marriage_record_id);

CREATE TABLE divorce_events (
  id         INTEGER PRIMARY KEY,
  divorce_id INTEGER NOT NULL REFERENCES divorces (id),
  on_date    TEXT NOT NULL,
  state      TEXT NOT NULL,
  actor      TEXT NOT NULL,
  detail     TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);

CREATE TRIGGER divorce_events_no_update BEFORE UPDATE ON divorce_events
BEGIN
  SELECT RAISE(ABORT, 'divorce_events is append-only');
END;
CREATE TRIGGER divorce_events_no_delete BEFORE DELETE ON divorce_events
BEGIN
  SELECT RAISE(ABORT, 'divorce_events is append-only');
END;
