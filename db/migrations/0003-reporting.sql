-- 0003: reporting to the province (architecture.md §6, docs/provincial-protocol.md).
-- One enrollment per workstation: where to report, whom to trust, and the
-- workstation's credentials. The database is encrypted, so the client key
-- and the Ed25519 signing key are never on disk in clear.
CREATE TABLE report_enrollment (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  server_url       TEXT NOT NULL,
  ca_pem           TEXT NOT NULL,
  pins             TEXT NOT NULL DEFAULT '',  -- "sha256//…;sha256//…" or empty
  client_cert_pem  TEXT NOT NULL,
  client_key_pem   TEXT NOT NULL,
  signing_secret   BLOB NOT NULL,             -- Ed25519 secret (32 bytes)
  signing_public   TEXT NOT NULL,             -- base64 of the 32-byte public key
  timeout_ms       INTEGER NOT NULL DEFAULT 30000,
  acked_seq        INTEGER NOT NULL DEFAULT 0, -- last audit head the server acknowledged
  last_delivery_at TEXT,
  enrolled_at      TEXT NOT NULL,
  enrolled_by      TEXT NOT NULL
);

CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id) WHERE state = 'pending';

-- A report is never lost locally: outbox rows are never deleted, their
-- identity and payload never change, and a delivered row is final.
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
BEGIN
  SELECT RAISE(ABORT, 'outbox rows are never deleted');
END;

CREATE TRIGGER outbox_immutable BEFORE UPDATE ON outbox
WHEN OLD.state = 'delivered'
  OR NEW.id IS NOT OLD.id
  OR NEW.idempotency_key IS NOT OLD.idempotency_key
  OR NEW.kind IS NOT OLD.kind
  OR NEW.record_id IS NOT OLD.record_id
  OR NEW.version IS NOT OLD.version
  OR NEW.payload IS NOT OLD.payload
  OR NEW.created_at IS NOT OLD.created_at
BEGIN
  SELECT RAISE(ABORT, 'a delivered outbox row is final and a report is never rewritten');
END;

-- Audit heads sent to the province and not yet acknowledged: the next batch
-- names them as anchors, so a reply lost on the way does not look like a
-- rewritten history (docs/provincial-protocol.md §3).
CREATE TABLE report_sent_heads (
  seq INTEGER PRIMARY KEY
);
