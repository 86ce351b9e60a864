-- 0014: the funeral permission and the controlled stock of cremation
-- certificates (火化证明, R-F13).
--
-- The funeral permission (run funeral and cremation cases: funeral clerks and
-- supervisors by role) may be given to a registrar or an archivist one by
-- one, as the adoption permission is: operator_grants is rebuilt so that its
-- permission may be 'funeral' too. Grants are kept as they were.
CREATE TABLE operator_grants_0014 (
  id         INTEGER PRIMARY KEY,
  login      TEXT NOT NULL REFERENCES operators (login),
  permission TEXT NOT NULL CHECK (permission IN ('adoption', 'funeral')),
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  revoked_by TEXT,
  revoked_at TEXT
);
INSERT INTO operator_grants_0014 (id, login, permission, granted_by, granted_at, revoked_by,
                                  revoked_at)
  SELECT id, login, permission, granted_by, granted_at, revoked_by, revoked_at
  FROM operator_grants;
DROP TABLE operator_grants;
ALTER TABLE operator_grants_0014 RENAME TO operator_grants;
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

-- A batch of blank cremation certificates received from the printer: the
-- serials pre-printed on the blanks run from first_serial to last_serial,
-- each a prefix of capital letters (may be empty) and a number of a fixed
-- width ("HZ0000123": prefix HZ, number 123, width 7). A batch is never
-- changed or deleted.
CREATE TABLE cremation_cert_batches (
  id           INTEGER PRIMARY KEY,
  prefix       TEXT NOT NULL,
  width        INTEGER NOT NULL CHECK (width BETWEEN 1 AND 12),
  first_number INTEGER NOT NULL CHECK (first_number >= 0),
  last_number  INTEGER NOT NULL,
  first_serial TEXT NOT NULL UNIQUE,
  last_serial  TEXT NOT NULL UNIQUE,
  count        INTEGER NOT NULL,
  received_on  TEXT NOT NULL CHECK (length(received_on) = 10),
  received_by  TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  reference    TEXT,
  CHECK (last_number >= first_number),
  CHECK (count = last_number - first_number + 1)
);
CREATE INDEX cremation_cert_batches_range ON cremation_cert_batches (prefix, first_number);

CREATE TRIGGER cremation_cert_batches_no_update BEFORE UPDATE ON cremation_cert_batches
BEGIN
  SELECT RAISE(ABORT, 'cremation_cert_batches is append-only');
END;
CREATE TRIGGER cremation_cert_batches_no_delete BEFORE DELETE ON cremation_cert_batches
BEGIN
  SELECT RAISE(ABORT, 'cremation_cert_batches is append-only');
END;
-- No two batches share a serial, whatever their width: a prefix's numbers
-- are received once.
CREATE TRIGGER cremation_cert_batches_no_overlap BEFORE INSERT ON cremation_cert_batches
WHEN EXISTS (SELECT 1 FROM cremation_cert_batches
             WHERE prefix = NEW.prefix AND first_number <= NEW.last_number
               AND last_number >= NEW.first_number)
BEGIN
  SELECT RAISE(ABORT, 'cremation_cert_batches: the serials overlap a batch received before');
END;

-- One row per blank. A serial moves in-stock → issued (to a funeral case)
-- → voided, or in-stock → voided (a spoiled blank), never back, and keeps
-- what it was: an issued serial that is voided keeps its case reference.
-- A void names its reason and the supervisor who approved it.
CREATE TABLE cremation_cert_serials (
  serial      TEXT PRIMARY KEY,
  batch_id    INTEGER NOT NULL REFERENCES cremation_cert_batches (id),
  number      INTEGER NOT NULL,
  state       TEXT NOT NULL DEFAULT 'in-stock'
              CHECK (state IN ('in-stock', 'issued', 'voided')),
  case_ref    TEXT,
  issued_on   TEXT,
  issued_by   TEXT,
  issued_at   TEXT,
  void_reason TEXT,
  voided_on   TEXT,
  voided_by   TEXT,
  approved_by TEXT,
  voided_at   TEXT,
  CHECK ((state = 'in-stock') = (issued_on IS NULL AND voided_on IS NULL)),
  CHECK ((case_ref IS NULL) = (issued_on IS NULL)),
  CHECK ((issued_on IS NULL) = (issued_by IS NULL) AND (issued_on IS NULL) = (issued_at IS NULL)),
  CHECK ((state = 'issued') = (issued_on IS NOT NULL AND voided_on IS NULL)),
  CHECK ((state = 'voided') = (voided_on IS NOT NULL)),
  CHECK ((voided_on IS NULL) = (void_reason IS NULL)
     AND (voided_on IS NULL) = (voided_by IS NULL)
     AND (voided_on IS NULL) = (approved_by IS NULL)
     AND (voided_on IS NULL) = (voided_at IS NULL)),
  CHECK (voided_on IS NULL OR issued_on IS NULL OR voided_on >= issued_on)
);
CREATE INDEX cremation_cert_serials_batch ON cremation_cert_serials (batch_id, number);
CREATE INDEX cremation_cert_serials_case ON cremation_cert_serials (case_ref)
  WHERE case_ref IS NOT NULL;
-- One cremation, one certificate: a case holds one issued serial at a time
-- (a spoiled one is voided before another is issued).
CREATE UNIQUE INDEX cremation_cert_serials_one_per_case ON cremation_cert_serials (case_ref)
  WHERE state = 'issued';

CREATE TRIGGER cremation_cert_serials_no_delete BEFORE DELETE ON cremation_cert_serials
BEGIN
  SELECT RAISE(ABORT, 'cremation_cert_serials: a serial is never deleted');
END;
-- Only the moves above, and nothing written before is rewritten.
CREATE TRIGGER cremation_cert_serials_moves BEFORE UPDATE ON cremation_cert_serials
WHEN NEW.serial IS NOT OLD.serial
  OR NEW.batch_id IS NOT OLD.batch_id
  OR NEW.number IS NOT OLD.number
  OR OLD.state = 'voided'
  OR NOT ((OLD.state = 'in-stock' AND NEW.state IN ('issued', 'voided'))
          OR (OLD.state = 'issued' AND NEW.state = 'voided'))
  OR (OLD.state = 'issued' AND (NEW.case_ref IS NOT OLD.case_ref
                                OR NEW.issued_on IS NOT OLD.issued_on
                                OR NEW.issued_by IS NOT OLD.issued_by
                                OR NEW.issued_at IS NOT OLD.issued_at))
BEGIN
  SELECT RAISE(ABORT, 'cremation_cert_serials: a serial only moves in-stock → issued → voided');
END;
