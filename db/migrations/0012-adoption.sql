-- 0012: adoption registration (issue 15; domain.md §3 R-A1…R-A15).
--
-- An adoption is a procedure like a divorce application: the current state
-- lives in the adoptions row, every transition is appended to
-- adoption_events (append-only) and to the audit log. The parties are the
-- snapshot of the application; the notice, the assessment, the decisions,
-- the dissolution and the revocation are append-only rows of their own.
--
-- Secrecy (R-A13, CC 1110): every look at an adoption (open, print, export,
-- showing the birth parents) is appended to adoption_access with its purpose.
-- Which operators may see adoptions at all is operator_grants (a registrar
-- given the permission) plus the roles of app/security/civ-permissions.c.

-- Adoption certificates (收养登记证) draw their serials from the same gapless
-- per-office, per-year counters as J/L/BJ/BL, under the prefix SY. The number
-- written on the certificate is rendered from the office's format setting
-- (settings key adoption.certificate_format; domain.md §6 q.7).
CREATE TABLE certificate_counters_0012 (
  prefix      TEXT NOT NULL CHECK (prefix IN ('J', 'L', 'BJ', 'BL', 'SY')),
  office_code TEXT NOT NULL CHECK (length(office_code) = 6),
  year        INTEGER NOT NULL,
  last_serial INTEGER NOT NULL CHECK (last_serial BETWEEN 0 AND 999999),
  PRIMARY KEY (prefix, office_code, year)
);
INSERT INTO certificate_counters_0012 (prefix, office_code, year, last_serial)
  SELECT prefix, office_code, year, last_serial FROM certificate_counters;
DROP TABLE certificate_counters;
ALTER TABLE certificate_counters_0012 RENAME TO certificate_counters;

CREATE TABLE adoptions (
  id                 INTEGER PRIMARY KEY,
  record_id          TEXT NOT NULL UNIQUE,      -- stable UUID
  state              TEXT NOT NULL CHECK (state IN ('APPLIED', 'NOTICE_60D', 'ASSESSMENT',
                       'REVIEW_30D', 'REGISTERED', 'REFUSED', 'DISSOLVED', 'REVOKED_FRAUD')),
  office_code        TEXT NOT NULL CHECK (length(office_code) = 6),
  office_name        TEXT NOT NULL DEFAULT '',
  applied_on         TEXT NOT NULL,             -- YYYY-MM-DD (R-A10 counts from the next day)
  notice_needed      INTEGER NOT NULL DEFAULT 0 CHECK (notice_needed IN (0, 1)),
  review_due         TEXT,                      -- R-A10 deadline once the review runs
  provisional        INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),
  application        TEXT NOT NULL,             -- the application as entered (JSON, docs/cli-rules.md)
  certificate_no     TEXT UNIQUE,               -- 收养登记证 number once REGISTERED
  certificate_year   INTEGER,
  certificate_serial INTEGER,
  registered_on      TEXT,
  closed_on          TEXT,                      -- refused, dissolved or revoked
  created_at         TEXT NOT NULL,
  created_by         TEXT NOT NULL,
  CHECK ((certificate_no IS NULL) = (certificate_serial IS NULL)),
  UNIQUE (office_code, certificate_year, certificate_serial)
);
CREATE INDEX adoptions_open ON adoptions (state) WHERE state IN ('NOTICE_60D', 'REVIEW_30D');

-- A closed adoption is final; identity, application date and office never
-- change; a certificate number is given once and never changes.
CREATE TRIGGER adoptions_guard BEFORE UPDATE ON adoptions
WHEN OLD.state IN ('REFUSED', 'DISSOLVED', 'REVOKED_FRAUD')
  OR NEW.id IS NOT OLD.id
  OR NEW.record_id IS NOT OLD.record_id
  OR NEW.office_code IS NOT OLD.office_code
  OR NEW.applied_on IS NOT OLD.applied_on
  OR NEW.created_at IS NOT OLD.created_at
  OR NEW.created_by IS NOT OLD.created_by
  OR (OLD.certificate_no IS NOT NULL AND (NEW.certificate_no IS NOT OLD.certificate_no
      OR NEW.certificate_year IS NOT OLD.certificate_year
      OR NEW.certificate_serial IS NOT OLD.certificate_serial
      OR NEW.registered_on IS NOT OLD.registered_on))
  OR (OLD.state IN ('REGISTERED') AND NEW.application IS NOT OLD.application)
BEGIN
  SELECT RAISE(ABORT, 'adoptions: a closed adoption, its identity and its certificate never change');
END;
CREATE TRIGGER adoptions_no_delete BEFORE DELETE ON adoptions
BEGIN
  SELECT RAISE(ABORT, 'adoptions are never deleted');
END;

-- The parties as they were on the application: the child, the placer(s)
-- (送养人) and the adopter(s), linked to the person index by identity number.
CREATE TABLE adoption_parties (
  id                INTEGER PRIMARY KEY,
  adoption_id       INTEGER NOT NULL REFERENCES adoptions (id),
  role              TEXT NOT NULL CHECK (role IN ('child', 'placer', 'adopter')),
  position          INTEGER NOT NULL CHECK (position IN (0, 1)),
  person_id         INTEGER REFERENCES persons (id),
  name              TEXT NOT NULL,
  sex               INTEGER NOT NULL DEFAULT 0,
  birth_date        TEXT,
  doc_kind          TEXT NOT NULL DEFAULT '',
  doc_number        TEXT,                      -- NULL when the party has none (a foundling)
  id_key            TEXT,
  resident_category TEXT NOT NULL DEFAULT 'mainland',
  placer_kind       TEXT CHECK (placer_kind IS NULL OR placer_kind IN ('guardian',
                      'welfare-institution', 'birth-parent')),
  CHECK ((role = 'placer') = (placer_kind IS NOT NULL)),
  CHECK (role <> 'child' OR position = 0),
  UNIQUE (adoption_id, role, position)
);
CREATE INDEX adoption_parties_id_key ON adoption_parties (id_key);

CREATE TRIGGER adoption_parties_no_update BEFORE UPDATE ON adoption_parties
BEGIN
  SELECT RAISE(ABORT, 'adoption_parties is append-only');
END;
CREATE TRIGGER adoption_parties_no_delete BEFORE DELETE ON adoption_parties
BEGIN
  SELECT RAISE(ABORT, 'adoption_parties is append-only');
END;

-- Every transition: who, when (the counter's date and the clock), from
-- which state to which, and why.
CREATE TABLE adoption_events (
  id          INTEGER PRIMARY KEY,
  adoption_id INTEGER NOT NULL REFERENCES adoptions (id),
  on_date     TEXT NOT NULL,
  from_state  TEXT,                            -- NULL for the application itself
  state       TEXT NOT NULL,
  actor       TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  detail      TEXT NOT NULL DEFAULT '',        -- JSON
  created_at  TEXT NOT NULL
);
CREATE INDEX adoption_events_adoption ON adoption_events (adoption_id, id);

CREATE TRIGGER adoption_events_no_update BEFORE UPDATE ON adoption_events
BEGIN
  SELECT RAISE(ABORT, 'adoption_events is append-only');
END;
CREATE TRIGGER adoption_events_no_delete BEFORE DELETE ON adoption_events
BEGIN
  SELECT RAISE(ABORT, 'adoption_events is append-only');
END;

-- The 60-day public notice when the birth parents cannot be found (R-A7).
CREATE TABLE adoption_notices (
  id           INTEGER PRIMARY KEY,
  adoption_id  INTEGER NOT NULL UNIQUE REFERENCES adoptions (id),
  text         TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
  published_on TEXT NOT NULL,
  ends_on      TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL
);
CREATE INDEX adoption_notices_end ON adoption_notices (ends_on);

CREATE TRIGGER adoption_notices_no_update BEFORE UPDATE ON adoption_notices
BEGIN
  SELECT RAISE(ABORT, 'adoption_notices is append-only');
END;
CREATE TRIGGER adoption_notices_no_delete BEFORE DELETE ON adoption_notices
BEGIN
  SELECT RAISE(ABORT, 'adoption_notices is append-only');
END;

-- The adoption assessment (收养评估, R-A11): a team of at least two, or a
-- contracted third party; each assessed item; the conclusion; whether red
-- flags were found and reported.
CREATE TABLE adoption_assessments (
  id                 INTEGER PRIMARY KEY,
  adoption_id        INTEGER NOT NULL REFERENCES adoptions (id),
  assessor_kind      TEXT NOT NULL CHECK (assessor_kind IN ('team', 'third-party')),
  team_members       TEXT NOT NULL DEFAULT '',  -- JSON array of names
  team_size          INTEGER NOT NULL DEFAULT 0,
  third_party        TEXT NOT NULL DEFAULT '',
  assessed_on        TEXT NOT NULL,
  conclusion         TEXT NOT NULL CHECK (conclusion IN ('suitable', 'unsuitable')),
  conclusion_text    TEXT NOT NULL DEFAULT '',
  red_flags          INTEGER NOT NULL CHECK (red_flags IN (0, 1)),
  red_flags_reported INTEGER NOT NULL CHECK (red_flags_reported IN (0, 1)),
  red_flags_detail   TEXT NOT NULL DEFAULT '',
  created_by         TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  CHECK ((assessor_kind = 'team' AND team_size >= 2)
      OR (assessor_kind = 'third-party' AND length(third_party) > 0)),
  CHECK (red_flags = 1 OR red_flags_reported = 0)
);
CREATE INDEX adoption_assessments_adoption ON adoption_assessments (adoption_id, id);

CREATE TABLE adoption_assessment_items (
  assessment_id INTEGER NOT NULL REFERENCES adoption_assessments (id),
  item          TEXT NOT NULL CHECK (item IN ('motive', 'conduct', 'education', 'health',
                  'finances-housing', 'family-relations', 'household-views', 'rearing-plan',
                  'community', 'adopter-child-fit')),
  satisfactory  INTEGER NOT NULL CHECK (satisfactory IN (0, 1)),
  note          TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (assessment_id, item)
);

CREATE TRIGGER adoption_assessments_no_update BEFORE UPDATE ON adoption_assessments
BEGIN
  SELECT RAISE(ABORT, 'adoption_assessments is append-only');
END;
CREATE TRIGGER adoption_assessments_no_delete BEFORE DELETE ON adoption_assessments
BEGIN
  SELECT RAISE(ABORT, 'adoption_assessments is append-only');
END;
CREATE TRIGGER adoption_assessment_items_no_update BEFORE UPDATE ON adoption_assessment_items
BEGIN
  SELECT RAISE(ABORT, 'adoption_assessment_items is append-only');
END;
CREATE TRIGGER adoption_assessment_items_no_delete BEFORE DELETE ON adoption_assessment_items
BEGIN
  SELECT RAISE(ABORT, 'adoption_assessment_items is append-only');
END;

-- Decisions on an adoption: registered or refused after the review (R-A10),
-- a dissolution (R-A14: agreement, the child's consent from 8, the
-- certificate taken back) and a revocation for fraud (R-A15).
CREATE TABLE adoption_decisions (
  id                   INTEGER PRIMARY KEY,
  adoption_id          INTEGER NOT NULL REFERENCES adoptions (id),
  kind                 TEXT NOT NULL CHECK (kind IN ('registered', 'refused', 'dissolved',
                         'revoked')),
  on_date              TEXT NOT NULL,
  reasons              TEXT NOT NULL DEFAULT '',  -- JSON array of {rule, message} for a refusal
  document_no          TEXT NOT NULL DEFAULT '',  -- agreement, decision or proof number
  child_consent        INTEGER CHECK (child_consent IS NULL OR child_consent IN (0, 1)),
  certificate_returned INTEGER CHECK (certificate_returned IS NULL OR certificate_returned IN (0, 1)),
  approved_by          TEXT,
  created_by           TEXT NOT NULL,
  created_at           TEXT NOT NULL
);
CREATE INDEX adoption_decisions_adoption ON adoption_decisions (adoption_id, id);

CREATE TRIGGER adoption_decisions_no_update BEFORE UPDATE ON adoption_decisions
BEGIN
  SELECT RAISE(ABORT, 'adoption_decisions is append-only');
END;
CREATE TRIGGER adoption_decisions_no_delete BEFORE DELETE ON adoption_decisions
BEGIN
  SELECT RAISE(ABORT, 'adoption_decisions is append-only');
END;

-- A dissolution application (解除收养关系登记, R-A14) and its 30-day review.
-- Written once when applied; decided by an adoption_decisions row.
CREATE TABLE adoption_dissolutions (
  id            INTEGER PRIMARY KEY,
  adoption_id   INTEGER NOT NULL REFERENCES adoptions (id),
  applied_on    TEXT NOT NULL,
  review_due    TEXT NOT NULL,
  provisional   INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),
  agreement_ref TEXT NOT NULL CHECK (length(agreement_ref) > 0),
  child_consent INTEGER NOT NULL CHECK (child_consent IN (0, 1)),
  decision_id   INTEGER REFERENCES adoption_decisions (id),
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE INDEX adoption_dissolutions_open ON adoption_dissolutions (review_due)
  WHERE decision_id IS NULL;

CREATE TRIGGER adoption_dissolutions_decide_once BEFORE UPDATE ON adoption_dissolutions
WHEN OLD.decision_id IS NOT NULL
  OR NEW.decision_id IS NULL
  OR NEW.id IS NOT OLD.id
  OR NEW.adoption_id IS NOT OLD.adoption_id
  OR NEW.applied_on IS NOT OLD.applied_on
  OR NEW.review_due IS NOT OLD.review_due
  OR NEW.provisional IS NOT OLD.provisional
  OR NEW.agreement_ref IS NOT OLD.agreement_ref
  OR NEW.child_consent IS NOT OLD.child_consent
  OR NEW.created_by IS NOT OLD.created_by
  OR NEW.created_at IS NOT OLD.created_at
BEGIN
  SELECT RAISE(ABORT, 'adoption_dissolutions: an application is only ever decided, once');
END;
CREATE TRIGGER adoption_dissolutions_no_delete BEFORE DELETE ON adoption_dissolutions
BEGIN
  SELECT RAISE(ABORT, 'adoption_dissolutions is append-only');
END;

-- Secrecy (R-A13): who opened, printed, exported or showed the birth
-- parents of which adoption, when, and for what purpose.
CREATE TABLE adoption_access (
  id          INTEGER PRIMARY KEY,
  adoption_id INTEGER NOT NULL REFERENCES adoptions (id),
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('open', 'print', 'export', 'show-birth-parents')),
  purpose     TEXT NOT NULL CHECK (length(trim(purpose)) > 0 AND length(purpose) <= 500),
  at          TEXT NOT NULL
);
CREATE INDEX adoption_access_adoption ON adoption_access (adoption_id, id);
CREATE INDEX adoption_access_actor ON adoption_access (actor, at);

CREATE TRIGGER adoption_access_no_update BEFORE UPDATE ON adoption_access
BEGIN
  SELECT RAISE(ABORT, 'adoption_access is append-only');
END;
CREATE TRIGGER adoption_access_no_delete BEFORE DELETE ON adoption_access
BEGIN
  SELECT RAISE(ABORT, 'adoption_access is append-only');
END;

-- Permissions given to one operator beyond their role (a registrar given
-- the adoption permission). Revoked once, never deleted.
CREATE TABLE operator_grants (
  id         INTEGER PRIMARY KEY,
  login      TEXT NOT NULL REFERENCES operators (login),
  permission TEXT NOT NULL CHECK (permission IN ('adoption')),
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  revoked_by TEXT,
  revoked_at TEXT
);
CREATE UNIQUE INDEX operator_grants_live ON operator_grants (login, permission)
  WHERE revoked_at IS NULL;

CREATE TRIGGER operator_grants_revoke_once BEFORE UPDATE ON operator_grants
WHEN OLD.revoked_at IS NOT NULL
  OR NEW.revoked_at IS NULL OR NEW.revoked_by IS NULL
  OR NEW.id IS NOT OLD.id
  OR NEW.login IS NOT OLD.login
  OR NEW.permission IS NOT OLD.permission
  OR NEW.granted_by IS NOT OLD.granted_by
  OR NEW.granted_at IS NOT OLD.granted_at
BEGIN
  SELECT RAISE(ABORT, 'operator_grants: a grant is only ever revoked, once');
END;
CREATE TRIGGER operator_grants_no_delete BEFORE DELETE ON operator_grants
BEGIN
  SELECT RAISE(ABORT, 'operator_grants are never deleted');
END;

-- Kinship in the person index (CC 1111: adoptive kinship is kinship; R-M4).
-- An adoption links each adopter to the child as parent and child, and the
-- child to the adopter's other children as siblings. A dissolution ends a
-- link from its date (valid_to); a revocation makes it as if it never
-- existed (voided_on), the row kept as history.
CREATE TABLE person_links (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('parent-child', 'siblings')),
  from_person INTEGER NOT NULL REFERENCES persons (id), -- the parent, or a sibling
  to_person   INTEGER NOT NULL REFERENCES persons (id), -- the child, or the other sibling
  source      TEXT NOT NULL CHECK (source IN ('adoption')),
  source_id   TEXT NOT NULL,                            -- adoptions.record_id
  valid_from  TEXT NOT NULL,
  valid_to    TEXT,                                     -- the last day, when ended
  voided_on   TEXT,                                     -- revoked: never existed
  created_at  TEXT NOT NULL,
  CHECK (from_person <> to_person)
);
CREATE INDEX person_links_from ON person_links (from_person);
CREATE INDEX person_links_to ON person_links (to_person);
CREATE INDEX person_links_source ON person_links (source, source_id);

CREATE TRIGGER person_links_end_once BEFORE UPDATE ON person_links
WHEN OLD.voided_on IS NOT NULL
  OR (OLD.valid_to IS NOT NULL AND NEW.valid_to IS NOT OLD.valid_to)
  OR NEW.id IS NOT OLD.id
  OR NEW.kind IS NOT OLD.kind
  OR NEW.from_person IS NOT OLD.from_person
  OR NEW.to_person IS NOT OLD.to_person
  OR NEW.source IS NOT OLD.source
  OR NEW.source_id IS NOT OLD.source_id
  OR NEW.valid_from IS NOT OLD.valid_from
  OR NEW.created_at IS NOT OLD.created_at
BEGIN
  SELECT RAISE(ABORT, 'person_links: a link is only ended or voided, once');
END;
CREATE TRIGGER person_links_no_delete BEFORE DELETE ON person_links
BEGIN
  SELECT RAISE(ABORT, 'person_links are never deleted');
END;

-- Documents: the adoption file's kinds (assessment report, consents, medical
-- and no-criminal-record certificates, the welfare institution's papers),
-- stored encrypted like a marriage's. The table is rebuilt because its
-- CHECK and its record trigger name only marriages.
CREATE TABLE documents_0012 (
  id         INTEGER PRIMARY KEY,
  record_id  TEXT NOT NULL,              -- marriages.record_id or adoptions.record_id
  kind       TEXT NOT NULL CHECK (kind IN ('declaration', 'identity-copy', 'couple-photo',
               'household-register', 'court-judgment', 'other', 'assessment-report', 'consent',
               'medical-certificate', 'no-criminal-record', 'welfare-institution-papers')),
  file_name  TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  byte_size  INTEGER NOT NULL CHECK (byte_size > 0),
  sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
  content    BLOB NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (length(content) = byte_size)
);
INSERT INTO documents_0012 (id, record_id, kind, file_name, media_type, byte_size, sha256, content,
                            created_by, created_at)
  SELECT id, record_id, kind, file_name, media_type, byte_size, sha256, content, created_by,
         created_at FROM documents;
DROP TABLE documents;
ALTER TABLE documents_0012 RENAME TO documents;
CREATE INDEX documents_record ON documents (record_id, id);

CREATE TRIGGER documents_record_exists BEFORE INSERT ON documents
WHEN NOT EXISTS (SELECT 1 FROM marriages WHERE record_id = NEW.record_id)
 AND NOT EXISTS (SELECT 1 FROM adoptions WHERE record_id = NEW.record_id)
BEGIN
  SELECT RAISE(ABORT, 'a document must belong to a marriage record or an adoption record');
END;
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
BEGIN
  SELECT RAISE(ABORT, 'documents is append-only');
END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN
  SELECT RAISE(ABORT, 'documents is append-only');
END;
