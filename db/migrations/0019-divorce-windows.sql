-- 0019: divorce applications across the windows of one office (issue 17, R-D6,
-- docs/provincial-protocol.md §10). The province keeps which workstation holds
-- an application; a window that took one from another records where it came
-- from, and a window whose application was taken records who holds it now.
ALTER TABLE divorces ADD COLUMN accepted_by TEXT; -- the accepting workstation; NULL: this one
ALTER TABLE divorces ADD COLUMN held_by TEXT;     -- the workstation holding it now; NULL: this one
ALTER TABLE divorces ADD COLUMN held_since TEXT;  -- when the province gave it to held_by

-- Records this window did not make: fetched from the province with their
-- provenance (the marriage of a divorce application taken from another window).
CREATE TABLE remote_records (
  record_kind TEXT NOT NULL CHECK (record_kind IN ('marriage', 'divorce')),
  record_id   TEXT NOT NULL,
  origin      TEXT NOT NULL,  -- the workstation that made it
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  PRIMARY KEY (record_kind, record_id)
);
