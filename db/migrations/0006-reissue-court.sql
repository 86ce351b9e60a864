-- 0006: reissued certificates (补领, R-B1…R-B4) and court judgments filed
-- against a marriage record (R-V4, R-D8). Both are append-only: a reissue or
-- a filed judgment is never edited or deleted.

-- One row per reissued certificate (BJ for a marriage, BL for a divorce).
-- record_id is the marriage record; original_no the J or L number reissued.
CREATE TABLE certificate_reissues (
  id             INTEGER PRIMARY KEY,
  record_id      TEXT NOT NULL,
  certificate_no TEXT NOT NULL UNIQUE,
  original_no    TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('BJ', 'BL')),
  reason         TEXT NOT NULL,
  issued_on      TEXT NOT NULL,
  issued_by      TEXT NOT NULL,
  created_at     TEXT NOT NULL
);
CREATE INDEX certificate_reissues_record ON certificate_reissues (record_id);

-- The filed copy of a court judgment (void, annulled or divorce, R-V4), and
-- of a registry annulment decision made before 2021 (R-V2).
CREATE TABLE court_judgments (
  id           INTEGER PRIMARY KEY,
  record_id    TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('divorce', 'void', 'annulled', 'registry-annulment')),
  document_no  TEXT NOT NULL,
  effective_on TEXT NOT NULL,
  archive_no   TEXT,                        -- 档号, when the copy is filed
  version      INTEGER NOT NULL,            -- the marriage version it wrote
  filed_by     TEXT NOT NULL,
  filed_at     TEXT NOT NULL
);
CREATE INDEX court_judgments_record ON court_judgments (record_id);

CREATE TRIGGER certificate_reissues_no_update BEFORE UPDATE ON certificate_reissues
BEGIN
  SELECT RAISE(ABORT, 'certificate_reissues is append-only');
END;
CREATE TRIGGER certificate_reissues_no_delete BEFORE DELETE ON certificate_reissues
BEGIN
  SELECT RAISE(ABORT, 'certificate_reissues is append-only');
END;
CREATE TRIGGER court_judgments_no_update BEFORE UPDATE ON court_judgments
BEGIN
  SELECT RAISE(ABORT, 'court_judgments is append-only');
END;
CREATE TRIGGER court_judgments_no_delete BEFORE DELETE ON court_judgments
BEGIN
  SELECT RAISE(ABORT, 'court_judgments is append-only');
END;
