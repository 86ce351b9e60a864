// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-office.h — the office on this workstation before anyone is logged
 * in: whether it exists, its name, setting it up, and opening it with an
 * operator's password into a CivSession (architecture.md §3, §8)
 *
 * Creating and opening run on the worker (Argon2id, SQL), never on the
 * caller's thread. */
#pragma once

#include <gio/gio.h>

#include "civ-session.h"
#include "civ-worker.h"

G_BEGIN_DECLS

/* Whether @data_dir holds an office. */
gboolean civ_office_exists (const char *data_dir);
/* The office's name and division code without opening it; FALSE when
 * there is none. @code may come back NULL. */
gboolean civ_office_peek (const char *data_dir, char **name, char **code);

/* Makes @data_dir (and its parents) for its owner only, or tightens an
 * existing folder that others may read or enter to 0700 and the files in
 * it to their owner's bits. *@tightened (may be NULL) says whether anything
 * was changed, for a note. Called at set-up and at every login. */
gboolean civ_office_secure_folder (const char *data_dir, gboolean *tightened, GError **error);

/* Creates the office in @data_dir with its first supervisor, then closes
 * it: the supervisor logs in next like everyone else. Finishes with the
 * recovery code (print it once; wipe it after use). */
void  civ_office_create_async (CivWorker          *worker,
                               gpointer            source_object,
                               const char         *data_dir,
                               const char         *office_code,
                               const char         *office_name,
                               const char         *login,
                               const char         *display_name,
                               const char         *password,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data);
char *civ_office_create_finish (GAsyncResult *result, GError **error);

/* Opens the office as @login (audited; a failed attempt is journalled)
 * and finishes with the session that owns it from then on. */
void        civ_office_open_async (CivWorker          *worker,
                                   gpointer            source_object,
                                   const char         *data_dir,
                                   const char         *login,
                                   const char         *password,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
CivSession *civ_office_open_finish (GAsyncResult *result, GError **error);

/* TRUE when the login of @session found the audit log shorter than an
 * earlier login saw it: the database was replaced by an older copy
 * (audited as "audit.rollback-suspected"); the two sequence numbers. */
gboolean civ_office_get_rollback (CivSession *session, gint64 *recorded, gint64 *found);
/* TRUE when the password that opened @session is older than the office
 * allows (password-max-age-days): it must be changed before work starts. */
gboolean civ_office_password_expired (CivSession *session);

G_END_DECLS
