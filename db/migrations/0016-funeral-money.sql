-- 0016: funeral money (issue 16; domain.md §4 R-F4, R-F8, R-F9, R-F10):
-- the areas' fee lists and 惠民殡葬 waiver policies as imported, a case's
-- bill, its waiver assessments and its receipts.
--
-- Everything here is append-only: a list or a policy is never changed or
-- deleted (a new one is imported), a wrong bill line is cancelled by a
-- cancelling line, an assessment is followed by another (the latest
-- counts), a receipt is final. Amounts are whole numbers of fen (分).

-- A fee list (R-F4, R-F10; docs/funeral-data.md "Fee list") as imported:
-- the bytes of the file, their SHA-256 (one file is imported once), the
-- area it applies to and the days its prices cover (the first "from" and
-- the last "to" of its items; NULL: until further notice).
CREATE TABLE funeral_fee_lists (
  id             INTEGER PRIMARY KEY,
  area           TEXT NOT NULL CHECK (length(area) = 6 AND area NOT GLOB '*[^0-9]*'),
  name           TEXT NOT NULL DEFAULT '',
  effective_from TEXT NOT NULL CHECK (length(effective_from) = 10),
  effective_to   TEXT CHECK (effective_to IS NULL OR length(effective_to) = 10),
  n_items        INTEGER NOT NULL CHECK (n_items >= 1),
  json           TEXT NOT NULL,
  sha256         TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  imported_on    TEXT NOT NULL CHECK (length(imported_on) = 10),
  imported_by    TEXT NOT NULL,
  imported_at    TEXT NOT NULL,
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX funeral_fee_lists_area ON funeral_fee_lists (area, effective_from);
CREATE TRIGGER funeral_fee_lists_no_update BEFORE UPDATE ON funeral_fee_lists
BEGIN
  SELECT RAISE(ABORT, 'funeral_fee_lists is append-only');
END;
CREATE TRIGGER funeral_fee_lists_no_delete BEFORE DELETE ON funeral_fee_lists
BEGIN
  SELECT RAISE(ABORT, 'funeral_fee_lists is append-only');
END;

-- A 惠民殡葬 waiver policy (R-F8, R-F9; docs/funeral-data.md "Waiver
-- policy") as imported. An area's version is imported once: every
-- assessment names the version it used.
CREATE TABLE funeral_waiver_policies (
  id             INTEGER PRIMARY KEY,
  area           TEXT NOT NULL CHECK (length(area) = 6 AND area NOT GLOB '*[^0-9]*'),
  version        TEXT NOT NULL CHECK (length(version) >= 1),
  effective_from TEXT NOT NULL CHECK (length(effective_from) = 10),
  effective_to   TEXT CHECK (effective_to IS NULL OR length(effective_to) = 10),
  json           TEXT NOT NULL,
  sha256         TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  imported_on    TEXT NOT NULL CHECK (length(imported_on) = 10),
  imported_by    TEXT NOT NULL,
  imported_at    TEXT NOT NULL,
  CHECK (effective_to IS NULL OR effective_to >= effective_from),
  UNIQUE (area, version)
);
CREATE INDEX funeral_waiver_policies_area ON funeral_waiver_policies (area, effective_from);
CREATE TRIGGER funeral_waiver_policies_no_update BEFORE UPDATE ON funeral_waiver_policies
BEGIN
  SELECT RAISE(ABORT, 'funeral_waiver_policies is append-only');
END;
CREATE TRIGGER funeral_waiver_policies_no_delete BEFORE DELETE ON funeral_waiver_policies
BEGIN
  SELECT RAISE(ABORT, 'funeral_waiver_policies is append-only');
END;

-- A case's bill, one row per line, numbered 1, 2, … per case. A charge
-- (cancels NULL) copies the item, its unit and its price from the fee list
-- in force (fee_list_id) on the day of the service; a cancelling line
-- (cancels: the charge's id) repeats the charge it cancels, which counts
-- no more. A charge is cancelled at most once; a cancelling line is never
-- cancelled.
CREATE TABLE funeral_bill_lines (
  id             INTEGER PRIMARY KEY,
  case_id        INTEGER NOT NULL REFERENCES funeral_cases (id),
  line_no        INTEGER NOT NULL CHECK (line_no >= 1),
  cancels        INTEGER REFERENCES funeral_bill_lines (id),
  item_code      TEXT NOT NULL CHECK (length(item_code) BETWEEN 1 AND 32),
  item_name      TEXT NOT NULL,
  unit           TEXT NOT NULL CHECK (unit IN ('body', 'day', 'year', 'piece', 'km')),
  unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen >= 0),
  quantity       INTEGER NOT NULL CHECK (quantity >= 1),
  amount_fen     INTEGER NOT NULL CHECK (amount_fen >= 0),
  service_on     TEXT NOT NULL CHECK (length(service_on) = 10),
  fee_list_id    INTEGER NOT NULL REFERENCES funeral_fee_lists (id),
  reason         TEXT,
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  CHECK (amount_fen = unit_price_fen * quantity),
  CHECK (cancels IS NOT NULL OR reason IS NULL),
  UNIQUE (case_id, line_no)
);
CREATE UNIQUE INDEX funeral_bill_lines_cancelled_once ON funeral_bill_lines (cancels)
  WHERE cancels IS NOT NULL;
CREATE TRIGGER funeral_bill_lines_no_update BEFORE UPDATE ON funeral_bill_lines
BEGIN
  SELECT RAISE(ABORT, 'funeral_bill_lines is append-only: cancel a wrong line');
END;
CREATE TRIGGER funeral_bill_lines_no_delete BEFORE DELETE ON funeral_bill_lines
BEGIN
  SELECT RAISE(ABORT, 'funeral_bill_lines is append-only: cancel a wrong line');
END;
-- A waiver assessment (R-F8, R-F9): the policy row and its version, the
-- group and its evidence, whether the deceased was a resident of the area,
-- the bill as assessed (up to the line last_line_no), each line's amount,
-- waived amount and cap as JSON, and the totals. The latest of a case
-- counts.
CREATE TABLE funeral_waiver_assessments (
  id             INTEGER PRIMARY KEY,
  case_id        INTEGER NOT NULL REFERENCES funeral_cases (id),
  policy_id      INTEGER NOT NULL REFERENCES funeral_waiver_policies (id),
  policy_version TEXT NOT NULL,
  waiver_group   TEXT NOT NULL CHECK (waiver_group IN ('none', 'dibao', 'tekun', 'sanwu',
                   'unidentified', 'youfu')),
  resident       INTEGER NOT NULL CHECK (resident IN (0, 1)),
  evidence       TEXT NOT NULL DEFAULT '',
  assessed_on    TEXT NOT NULL CHECK (length(assessed_on) = 10),
  last_line_no   INTEGER NOT NULL CHECK (last_line_no >= 0),
  items          TEXT NOT NULL,
  total_fen      INTEGER NOT NULL CHECK (total_fen >= 0),
  waived_fen     INTEGER NOT NULL CHECK (waived_fen >= 0),
  family_fen     INTEGER NOT NULL CHECK (family_fen >= 0),
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  CHECK (total_fen = waived_fen + family_fen)
);
CREATE INDEX funeral_waiver_assessments_case ON funeral_waiver_assessments (case_id, id);
CREATE TRIGGER funeral_waiver_assessments_no_update BEFORE UPDATE ON funeral_waiver_assessments
BEGIN
  SELECT RAISE(ABORT, 'funeral_waiver_assessments is append-only');
END;
CREATE TRIGGER funeral_waiver_assessments_no_delete BEFORE DELETE ON funeral_waiver_assessments
BEGIN
  SELECT RAISE(ABORT, 'funeral_waiver_assessments is append-only');
END;

-- An itemised receipt: SJ{office}-{year}-{serial:06}, the serial gapless
-- per office and year; what it totals, what the waiver (the assessment
-- it used, NULL: none) took off and what the family pays.
CREATE TABLE funeral_receipts (
  id            INTEGER PRIMARY KEY,
  receipt_no    TEXT NOT NULL UNIQUE,
  office_code   TEXT NOT NULL CHECK (length(office_code) = 6),
  year          INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 9999),
  serial        INTEGER NOT NULL CHECK (serial BETWEEN 1 AND 999999),
  case_id       INTEGER NOT NULL REFERENCES funeral_cases (id),
  assessment_id INTEGER REFERENCES funeral_waiver_assessments (id),
  issued_on     TEXT NOT NULL CHECK (length(issued_on) = 10),
  total_fen     INTEGER NOT NULL CHECK (total_fen >= 0),
  waived_fen    INTEGER NOT NULL CHECK (waived_fen >= 0),
  to_pay_fen    INTEGER NOT NULL CHECK (to_pay_fen >= 0),
  issued_by     TEXT NOT NULL,
  issued_at     TEXT NOT NULL,
  CHECK (to_pay_fen = total_fen - waived_fen),
  UNIQUE (office_code, year, serial)
);
CREATE INDEX funeral_receipts_case ON funeral_receipts (case_id, id);
CREATE TRIGGER funeral_receipts_gapless BEFORE INSERT ON funeral_receipts
WHEN NEW.serial <> (SELECT coalesce (max (serial), 0) + 1 FROM funeral_receipts
                    WHERE office_code = NEW.office_code AND year = NEW.year)
BEGIN
  SELECT RAISE(ABORT, 'funeral_receipts: the serial is the next of the office''s year');
END;
CREATE TRIGGER funeral_receipts_no_update BEFORE UPDATE ON funeral_receipts
BEGIN
  SELECT RAISE(ABORT, 'funeral_receipts is append-only');
END;
CREATE TRIGGER funeral_receipts_no_delete BEFORE DELETE ON funeral_receipts
BEGIN
  SELECT RAISE(ABORT, 'funeral_receipts is append-only');
END;

-- A receipt's lines: each charge of the case at most once on any receipt,
-- never a cancelled charge nor a cancelling line; the item, price and
-- amount as billed and the part of it waived.
CREATE TABLE funeral_receipt_lines (
  id             INTEGER PRIMARY KEY,
  receipt_id     INTEGER NOT NULL REFERENCES funeral_receipts (id),
  line_id        INTEGER NOT NULL UNIQUE REFERENCES funeral_bill_lines (id),
  line_no        INTEGER NOT NULL,
  item_code      TEXT NOT NULL,
  item_name      TEXT NOT NULL,
  unit           TEXT NOT NULL,
  unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen >= 0),
  quantity       INTEGER NOT NULL CHECK (quantity >= 1),
  amount_fen     INTEGER NOT NULL CHECK (amount_fen >= 0),
  waived_fen     INTEGER NOT NULL CHECK (waived_fen >= 0),
  CHECK (waived_fen <= amount_fen)
);
CREATE INDEX funeral_receipt_lines_receipt ON funeral_receipt_lines (receipt_id, line_no);
CREATE TRIGGER funeral_receipt_lines_charge_only BEFORE INSERT ON funeral_receipt_lines
WHEN NOT EXISTS (SELECT 1 FROM funeral_bill_lines b JOIN funeral_receipts r ON r.id = NEW.receipt_id
                 WHERE b.id = NEW.line_id AND b.cancels IS NULL AND b.case_id = r.case_id
                   AND b.amount_fen = NEW.amount_fen)
  OR EXISTS (SELECT 1 FROM funeral_bill_lines WHERE cancels = NEW.line_id)
BEGIN
  SELECT RAISE(ABORT, 'funeral_receipt_lines: only a standing charge of the receipt''s case');
END;
CREATE TRIGGER funeral_receipt_lines_no_update BEFORE UPDATE ON funeral_receipt_lines
BEGIN
  SELECT RAISE(ABORT, 'funeral_receipt_lines is append-only');
END;
CREATE TRIGGER funeral_receipt_lines_no_delete BEFORE DELETE ON funeral_receipt_lines
BEGIN
  SELECT RAISE(ABORT, 'funeral_receipt_lines is append-only');
END;

-- A cancelling line repeats a charge of its own case, and a charge on a
-- receipt is never cancelled (the receipt was given to the family).
CREATE TRIGGER funeral_bill_lines_cancel_guard BEFORE INSERT ON funeral_bill_lines
WHEN NEW.cancels IS NOT NULL
  AND (NOT EXISTS (SELECT 1 FROM funeral_bill_lines c
                   WHERE c.id = NEW.cancels AND c.cancels IS NULL AND c.case_id = NEW.case_id
                     AND c.item_code = NEW.item_code AND c.unit_price_fen = NEW.unit_price_fen
                     AND c.quantity = NEW.quantity AND c.amount_fen = NEW.amount_fen
                     AND c.fee_list_id = NEW.fee_list_id)
       OR EXISTS (SELECT 1 FROM funeral_receipt_lines r WHERE r.line_id = NEW.cancels))
BEGIN
  SELECT RAISE(ABORT, 'funeral_bill_lines: a cancelling line repeats a charge of its case that is on no receipt');
END;
