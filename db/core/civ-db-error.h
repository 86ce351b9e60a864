// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-db-error.h — the storage layer's error domain */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CIV_DB_ERROR (civ_db_error_quark ())

typedef enum
{
  CIV_DB_ERROR_SQLITE,         /* SQLite failed: civ_db_error_get_sqlite_code() */
  CIV_DB_ERROR_NOT_ENCRYPTED,  /* linked against plain SQLite: refusing to write plaintext */
  CIV_DB_ERROR_CRYPTO,         /* libgcrypt failure */
  CIV_DB_ERROR_WRONG_PASSWORD, /* the key slot's GCM tag did not verify */
  CIV_DB_ERROR_NO_SUCH_OPERATOR,
  CIV_DB_ERROR_OPERATOR_DISABLED,
  CIV_DB_ERROR_EXISTS,
  CIV_DB_ERROR_NOT_FOUND,
  CIV_DB_ERROR_CORRUPT,         /* a key-slot file or database that does not parse */
  CIV_DB_ERROR_INVALID,         /* bad input: nothing was changed */
  CIV_DB_ERROR_PERMISSION,      /* the operator's role does not allow this */
  CIV_DB_ERROR_TOO_NEW,         /* the database was written by a newer Civreg */
  CIV_DB_ERROR_DAMAGED,         /* the office's database file is missing, empty or truncated */
  CIV_DB_ERROR_LOCKED_OUT,      /* too many failed logins: the login is locked for a while */
  CIV_DB_ERROR_PASSWORD_REUSED, /* the new password is one of the operator's last five */
} CivDbError;

GQuark civ_db_error_quark (void);

/* SQLite's extended result code (SQLITE_CORRUPT, SQLITE_BUSY …) of a
 * CIV_DB_ERROR_SQLITE error, 0 for any other error. */
int  civ_db_error_get_sqlite_code (const GError *error);
/* Sets CIV_DB_ERROR_SQLITE with @sqlite_code as a field. */
void civ_db_set_sqlite_error (GError **error, int sqlite_code, const char *format, ...)
  G_GNUC_PRINTF (3, 4);

G_END_DECLS
