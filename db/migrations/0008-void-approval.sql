-- 0008: certificates and their prints are append-only (R-N1, R-N3).
--
-- A voided certificate blank records who approved the void: voids need a
-- supervisor's approval since issue 3, and the approver was only in the
-- audit entry. Blanks voided before this migration keep NULL; their approver
-- is in the audit chain (action "certificate.void").
--
-- An issued number is never deleted or renumbered, and a print is never
-- deleted: the only change a print row accepts is being voided once, which
-- fills voided_at, voided_by, void_reason and void_approved_by together.

ALTER TABLE certificate_prints ADD COLUMN void_approved_by TEXT;

CREATE TRIGGER certificates_no_update BEFORE UPDATE ON certificates
BEGIN
  SELECT RAISE(ABORT, 'certificates is append-only');
END;
CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates
BEGIN
  SELECT RAISE(ABORT, 'certificates is append-only');
END;
CREATE TRIGGER certificate_prints_no_delete BEFORE DELETE ON certificate_prints
BEGIN
  SELECT RAISE(ABORT, 'certificate_prints: a print is voided, never deleted');
END;
CREATE TRIGGER certificate_prints_void_once BEFORE UPDATE ON certificate_prints
WHEN OLD.voided_at IS NOT NULL
  OR NEW.certificate_id IS NOT OLD.certificate_id
  OR NEW.blank_serial IS NOT OLD.blank_serial
  OR NEW.printed_at IS NOT OLD.printed_at
  OR NEW.printed_by IS NOT OLD.printed_by
  OR NEW.voided_at IS NULL OR NEW.voided_by IS NULL
  OR NEW.void_reason IS NULL OR NEW.void_approved_by IS NULL
BEGIN
  SELECT RAISE(ABORT, 'certificate_prints: a print is only ever voided, once');
END;
