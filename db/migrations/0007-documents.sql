-- 0007: documents attached to a marriage record (issue 3): declarations
-- (声明书), identity-document copies, the couple's photo, household-register
-- and court-judgment copies (R-M10, R-AR1, R-V4). The content is a BLOB in the
-- SQLCipher database, so it is encrypted at rest with everything else; its
-- SHA-256 is stored beside it and checked on every read.
--
-- Append-only: a document is never edited or deleted. A wrong attachment is
-- answered by attaching the right one; both stay in the file (R-AR3).

CREATE TABLE documents (
  id         INTEGER PRIMARY KEY,
  record_id  TEXT NOT NULL,              -- marriages.record_id (stable across versions)
  kind       TEXT NOT NULL CHECK (kind IN ('declaration', 'identity-copy', 'couple-photo',
               'household-register', 'court-judgment', 'other')),
  file_name  TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  byte_size  INTEGER NOT NULL CHECK (byte_size > 0),
  sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
  content    BLOB NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (length(content) = byte_size)
);
CREATE INDEX documents_record ON documents (record_id, id);

-- marriages.record_id is shared by the versions of a record, so it cannot be
-- the parent of a foreign key: the trigger checks the record exists.
CREATE TRIGGER documents_record_exists BEFORE INSERT ON documents
WHEN NOT EXISTS (SELECT 1 FROM marriages WHERE record_id = NEW.record_id)
BEGIN
  SELECT RAISE(ABORT, 'a document must belong to a marriage record');
END;

CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
BEGIN
  SELECT RAISE(ABORT, 'documents is append-only');
END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN
  SELECT RAISE(ABORT, 'documents is append-only');
END;
