-- 0004: indexes for searching registrations at scale (issue 3, "Search at scale").
-- Result lists show current versions only (superseded_by IS NULL), newest
-- first: ORDER BY registration_date DESC, id DESC with keyset paging.

-- The full list and date ranges: a covering index over current versions only,
-- read backwards for the newest-first order. (superseded_by is in the key so
-- that SQLite 3.15 sees the index as covering.)
CREATE INDEX marriages_current_date ON marriages (registration_date, id, superseded_by)
  WHERE superseded_by IS NULL;

-- From a set of row ids (party matches) to their sort key without reading
-- the wide record rows.
CREATE INDEX marriages_current_key ON marriages (id, registration_date, superseded_by)
  WHERE superseded_by IS NULL;

-- J numbers (exact and prefix) straight to the current version and its sort key.
CREATE INDEX marriages_current_certificate
  ON marriages (certificate_no, registration_date, superseded_by)
  WHERE superseded_by IS NULL;

-- The party keys lead to the marriage row without reading the party row:
-- each index also carries marriage_id (it replaces the single-column index
-- of 0002, which it serves as well).
DROP INDEX marriage_parties_id_key;
CREATE INDEX marriage_parties_id_key ON marriage_parties (id_key, marriage_id)
  WHERE id_key IS NOT NULL;
DROP INDEX marriage_parties_name;
CREATE INDEX marriage_parties_name ON marriage_parties (name, marriage_id);
DROP INDEX marriage_parties_pinyin;
CREATE INDEX marriage_parties_pinyin ON marriage_parties (name_pinyin, marriage_id);
DROP INDEX marriage_parties_initials;
CREATE INDEX marriage_parties_initials ON marriage_parties (name_initials, marriage_id);

-- A divorce certificate (L…) finds its marriage.
CREATE INDEX divorces_certificate ON divorces (certificate_no, marriage_record_id)
  WHERE certificate_no IS NOT NULL;
