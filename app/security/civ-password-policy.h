// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-password-policy.h — what an operator's password must be (issue 12,
 * item 6; docs/security.md): at least 10 characters, three of the four
 * classes (lower case, upper case, digit, other), not the login name
 * (ignoring case, also reversed), not on the list of common passwords
 * (resources/common-passwords.txt). Set-up, a new user, a change and a
 * recovery all ask it first; the storage layer then refuses one of the
 * operator's last five passwords (CIV_DB_ERROR_PASSWORD_REUSED).
 *
 * A refusal is CIV_APP_ERROR_INVALID with the rule as a field:
 * "password.length", "password.classes", "password.login",
 * "password.common"; the message says what is missing. */
#pragma once

#include <gio/gio.h>

#include "civ-store.h"

G_BEGIN_DECLS

#define CIV_PASSWORD_MIN_CHARS 10
#define CIV_PASSWORD_MIN_CLASSES 3

gboolean civ_password_policy_check (const char *login, const char *password, GError **error);

/* TRUE when @password (ignoring case) is on the shipped list. */
gboolean civ_password_is_common (const char *password);

/* The security settings of org.civreg.Civreg: the lockout (lockout-failures,
 * lockout-window-minutes, lockout-minutes, lockout-max-minutes) and the
 * password expiry (password-max-age-days, 0 = never). _apply () reads
 * @settings (the application's); _load () finds the schema itself and
 * keeps the defaults when it is not installed (civreg-cli). */
void  civ_security_policy_apply (GSettings *settings);
void  civ_security_policy_load (void);
guint civ_security_policy_get_max_age_days (void);
void  civ_security_policy_set_max_age_days (guint days);

/* FALSE with a refusal ("password.expired") when @login's password is
 * older than the office allows: it must be changed before work starts. */
gboolean civ_password_check_age (CivStore *store, const char *login, GError **error);

G_END_DECLS
