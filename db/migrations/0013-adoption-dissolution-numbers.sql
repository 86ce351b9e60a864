-- 0013: the number of the dissolution proof (解除收养关系证明, R-A14).
--
-- A dissolution registered from now on is given a number of its own, drawn
-- like the adoption certificates' from a gapless per-office, per-year
-- counter in certificate_counters, under the prefix JCSY. The number is
-- written in the office's format (settings key adoption.dissolution_format,
-- default JCSY{office}-{year}-{serial}) and stored as the document_no of
-- the dissolution's adoption_decisions row (the agreement stays in
-- adoption_dissolutions.agreement_ref).
CREATE TABLE certificate_counters_0013 (
  prefix      TEXT NOT NULL CHECK (prefix IN ('J', 'L', 'BJ', 'BL', 'SY', 'JCSY')),
  office_code TEXT NOT NULL CHECK (length(office_code) = 6),
  year        INTEGER NOT NULL,
  last_serial INTEGER NOT NULL CHECK (last_serial BETWEEN 0 AND 999999),
  PRIMARY KEY (prefix, office_code, year)
);
INSERT INTO certificate_counters_0013 (prefix, office_code, year, last_serial)
  SELECT prefix, office_code, year, last_serial FROM certificate_counters;
DROP TABLE certificate_counters;
ALTER TABLE certificate_counters_0013 RENAME TO certificate_counters;
