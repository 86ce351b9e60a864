-- 0018: certificate numbers from the province's number blocks (issue 17, R-N1).
--
-- Several windows of one office each keep their own database; a per-machine
-- counter would let two windows issue the same 字号. An enrolled office whose
-- province hands out number blocks draws its serials from blocks of
-- consecutive serials per prefix, office and year instead (settings key
-- numbers.source = 'province'); an office that is not enrolled keeps the
-- local counter in certificate_counters.
--
-- A block is drawn from next_serial upwards inside the registering
-- transaction, so a number is either issued (its certificates row commits
-- with the registration) or still in the block. Serials from returned_from
-- to last_serial were given back (year end, a workstation retired) and are
-- never drawn again. A claim block is the office's own serials 1…n issued
-- by the local counter before it drew from blocks, reported at enrolment.
CREATE TABLE number_blocks (
  id                 INTEGER PRIMARY KEY,
  block_id           TEXT NOT NULL UNIQUE,
  prefix             TEXT NOT NULL CHECK (prefix IN ('J', 'L', 'BJ', 'BL', 'SY', 'JCSY')),
  office_code        TEXT NOT NULL CHECK (length (office_code) = 6),
  year               INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 9999),
  first_serial       INTEGER NOT NULL CHECK (first_serial BETWEEN 1 AND 999999),
  last_serial        INTEGER NOT NULL CHECK (last_serial BETWEEN first_serial AND 999999),
  next_serial        INTEGER NOT NULL CHECK (next_serial BETWEEN first_serial AND last_serial + 1),
  claim              INTEGER NOT NULL DEFAULT 0 CHECK (claim IN (0, 1)),
  received_at        TEXT NOT NULL,
  reported_next      INTEGER NOT NULL,  -- next_serial as the province last heard it
  returned_from      INTEGER CHECK (returned_from IS NULL OR
                                    returned_from BETWEEN first_serial AND last_serial + 1),
  return_reason      TEXT,
  returned_at        TEXT,
  returned_by        TEXT,
  return_reported_at TEXT
);
CREATE INDEX number_blocks_series ON number_blocks (prefix, office_code, year, first_serial);

-- A serial of a block set aside unused (a supervisor's decision, with the
-- reason): it is never drawn and is reported to the province.
CREATE TABLE number_voids (
  prefix      TEXT NOT NULL,
  office_code TEXT NOT NULL,
  year        INTEGER NOT NULL,
  serial      INTEGER NOT NULL,
  block_id    TEXT NOT NULL REFERENCES number_blocks (block_id),
  reason      TEXT NOT NULL,
  voided_at   TEXT NOT NULL,
  voided_by   TEXT NOT NULL,
  reported_at TEXT,
  PRIMARY KEY (prefix, office_code, year, serial)
);

-- The request to the province in flight: written before it is posted and
-- posted again, byte for byte, until an answer is recorded, so that a lost
-- answer never loses the blocks the province allocated (it answers a
-- repeated request_id with the same reply).
CREATE TABLE number_exchanges (
  request_id  TEXT PRIMARY KEY,
  body        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  answered_at TEXT
);
