-- 0017: the documents of a funeral case (issue 16; domain.md §4 R-F2, R-F6):
-- the death certificate, the family's cremation consent, the deceased's
-- identity document, the police report and the photos of an unidentified
-- body, stored encrypted like a marriage's or an adoption's documents. The
-- table is rebuilt because its CHECK and its record trigger name only
-- marriages and adoptions (as 0012 did).
CREATE TABLE documents_0017 (
  id         INTEGER PRIMARY KEY,
  record_id  TEXT NOT NULL,              -- marriages, adoptions or funeral_cases.record_id
  kind       TEXT NOT NULL CHECK (kind IN ('declaration', 'identity-copy', 'couple-photo',
               'household-register', 'court-judgment', 'other', 'assessment-report', 'consent',
               'medical-certificate', 'no-criminal-record', 'welfare-institution-papers',
               'death-certificate', 'cremation-consent', 'body-photo', 'police-report')),
  file_name  TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  byte_size  INTEGER NOT NULL CHECK (byte_size > 0),
  sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
  content    BLOB NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (length(content) = byte_size)
);
INSERT INTO documents_0017 (id, record_id, kind, file_name, media_type, byte_size, sha256, content,
                            created_by, created_at)
  SELECT id, record_id, kind, file_name, media_type, byte_size, sha256, content, created_by,
         created_at FROM documents;
DROP TABLE documents;
ALTER TABLE documents_0017 RENAME TO documents;
CREATE INDEX documents_record ON documents (record_id, id);

CREATE TRIGGER documents_record_exists BEFORE INSERT ON documents
WHEN NOT EXISTS (SELECT 1 FROM marriages WHERE record_id = NEW.record_id)
 AND NOT EXISTS (SELECT 1 FROM adoptions WHERE record_id = NEW.record_id)
 AND NOT EXISTS (SELECT 1 FROM funeral_cases WHERE record_id = NEW.record_id)
BEGIN
  SELECT RAISE(ABORT, 'a document must belong to a marriage record, an adoption or a funeral case');
END;
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
BEGIN
  SELECT RAISE(ABORT, 'documents is append-only');
END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN
  SELECT RAISE(ABORT, 'documents is append-only');
END;
