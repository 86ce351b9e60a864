-- 0009: password history (issue 12, item 6).
--
-- One row each time an operator's password is set (set-up, a new user, a
-- change, a recovery): when, and a verifier of the password, never the
-- password itself: Argon2id over the password with the row's own salt and
-- the key slots' cost parameters. A new password is refused when it opens
-- one of the operator's last five verifiers; the newest row's set_at is the
-- password's age for the optional expiry. Rows are never changed.

CREATE TABLE password_history (
  id       INTEGER PRIMARY KEY,
  login    TEXT NOT NULL,
  set_at   TEXT NOT NULL,
  t_cost   INTEGER NOT NULL,
  m_cost   INTEGER NOT NULL,
  lanes    INTEGER NOT NULL,
  salt     BLOB NOT NULL,
  verifier BLOB NOT NULL
);
CREATE INDEX password_history_login ON password_history (login, id);

CREATE TRIGGER password_history_no_update BEFORE UPDATE ON password_history
BEGIN
  SELECT RAISE(ABORT, 'password_history is append-only');
END;
