// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-passwords.h — changing an operator's password, one decision for the
 * GUI and civreg-cli (architecture.md §8) */
#pragma once

#include <gio/gio.h>

#include "civ-session.h"
#include "civ-store.h"

G_BEGIN_DECLS

/* Changes @login's password to @new_password. The operator's own needs
 * CIV_PERM_CHANGE_OWN_PASSWORD, another operator's CIV_PERM_MANAGE_OPERATORS.
 * With @current (the GUI asks for it again), it must open @login's key slot;
 * a wrong one changes nothing and is audited as "operator.passwd.failed".
 * civreg-cli passes NULL: the operator has just opened the office with it. */
/* Whether the signed-in operator may change @login's password (asked
 * before prompting for a new one). */
gboolean civ_operator_may_change_password (CivStore *store, const char *login, GError **error);

gboolean civ_operator_change_password (CivStore   *store,
                                       const char *login,
                                       const char *current,
                                       const char *new_password,
                                       GError    **error);

/* civ_operator_change_password() as a job on @session's worker: the
 * signed-in operator's own password when @current is given (the GUI asks
 * for it again), another operator's (a reset by a supervisor) otherwise. */
void     civ_passwords_change_async (CivSession         *session,
                                     gpointer            source_object,
                                     const char         *login,
                                     const char         *current,
                                     const char         *new_password,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
gboolean civ_passwords_change_finish (CivSession *session, GAsyncResult *result, GError **error);

G_END_DECLS
