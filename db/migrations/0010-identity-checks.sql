-- 0010: identity checks at the counter (issue 13, architecture.md §5): per
-- party of a registration, how the person was identified — the ID card's
-- chip read (GA/T 467), a face comparison, a fingerprint comparison (vendor
-- plug-ins) or the registrar's visual check of the card photo — with the
-- result, the score a device gives, the device, the operator and the time.
--
-- A chip read keeps what the chip said (detail: JSON of the card's fields
-- and which of them the form kept) and the 1024-byte WLT photo exactly as
-- read (only a licensed decoder can turn it into a picture).
--
-- Append-only like the records they belong to.

CREATE TABLE identity_checks (
  id          INTEGER PRIMARY KEY,
  record_kind TEXT NOT NULL CHECK (record_kind IN ('marriage', 'divorce', 'adoption', 'funeral')),
  record_id   TEXT NOT NULL,
  party       INTEGER NOT NULL CHECK (party BETWEEN 0 AND 15),
  party_name  TEXT NOT NULL,
  method      TEXT NOT NULL CHECK (method IN ('card-chip', 'face', 'fingerprint', 'visual')),
  result      TEXT NOT NULL CHECK (result IN ('passed', 'failed')),
  score       REAL CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
  device      TEXT NOT NULL CHECK (length(device) <= 200),
  detail      TEXT,                        -- JSON
  wlt         BLOB CHECK (wlt IS NULL OR length(wlt) = 1024),
  checked_at  TEXT NOT NULL,               -- when the check was made at the counter
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  CHECK (wlt IS NULL OR method = 'card-chip')
);
CREATE INDEX identity_checks_record ON identity_checks (record_kind, record_id, party, id);

CREATE TRIGGER identity_checks_no_update BEFORE UPDATE ON identity_checks
BEGIN
  SELECT RAISE(ABORT, 'identity_checks is append-only');
END;
CREATE TRIGGER identity_checks_no_delete BEFORE DELETE ON identity_checks
BEGIN
  SELECT RAISE(ABORT, 'identity_checks is append-only');
END;
