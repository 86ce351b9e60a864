// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-store.h — one office's data directory: the encrypted database, its
 * key slots, and the operators who may open it (architecture.md §3, §8)
 *
 *   DIR/civreg.db        SQLCipher database (+ -wal, -shm)
 *   DIR/civreg.keys      key slots: the data key wrapped per operator
 *   DIR/office.ini       the office's name and division code in clear, so the
 *                        login window can say which office it opens (neither
 *                        is secret: both are printed on every certificate)
 *   DIR/failed-logins    keyed hashes of the logins typed, times and reasons
 *                        of failed logins, each line authenticated; folded
 *                        into the audit log at the next login
 *   DIR/login-locks      failures and locks per login hash (civ-login-guard.h)
 */
#pragma once

#include "civ-audit.h"
#include "civ-db.h"
#include "civ-keyslots.h"

G_BEGIN_DECLS

typedef enum
{
  CIV_ROLE_INVALID = -1,
  CIV_ROLE_REGISTRAR = 0,
  CIV_ROLE_ARCHIVIST,
  CIV_ROLE_FUNERAL_CLERK,
  CIV_ROLE_SUPERVISOR,
  CIV_ROLE_AUDITOR,
  CIV_N_ROLES
} CivRole;

const char *civ_role_to_string (CivRole role);
CivRole     civ_role_from_string (const char *text);

typedef struct
{
  gint64   id;
  char    *login;
  char    *display_name;
  CivRole  role;
  gboolean enabled;
  char    *created_at;
  char    *created_by;
} CivOperator;

void civ_operator_free (CivOperator *op);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivOperator, civ_operator_free)

#define CIV_STORE_DB_NAME "civreg.db"
#define CIV_STORE_KEYS_NAME "civreg.keys"
#define CIV_STORE_FAILED_NAME "failed-logins"
#define CIV_STORE_OFFICE_NAME "office.ini"

/* Minimum password length for operators (architecture.md §8). */
#define CIV_MIN_PASSWORD_LEN 10

#define CIV_TYPE_STORE (civ_store_get_type ())
G_DECLARE_FINAL_TYPE (CivStore, civ_store, CIV, STORE, GObject)

/* TRUE when @data_dir holds an office: its key-slot file is there (the
 * database may still be missing or damaged: civ_store_check_files ()). */
gboolean civ_store_exists (const char *data_dir);

/* FALSE with CIV_DB_ERROR_DAMAGED when the office's database file is
 * missing, empty or truncated while its key-slot file is there: an office
 * that must be restored, never one to give a new schema. Changes nothing. */
gboolean civ_store_check_files (const char *data_dir, GError **error);

/* Reads DIR/office.ini without opening the database. FALSE when absent. */
gboolean civ_store_peek_office (const char *data_dir, char **office_name, char **office_code);

/* Checks a login name: 2–32 of [a-z0-9._-], starting with a letter. */
gboolean civ_login_is_valid (const char *login, GError **error);
gboolean civ_password_is_acceptable (const char *password, GError **error);

/* Creates DIR with a new random data key, the office settings and the first
 * supervisor. Returns the recovery code (print it once) in @recovery_code. */
CivStore *civ_store_create (const char         *data_dir,
                            const char         *office_code,
                            const char         *office_name,
                            const char         *login,
                            const char         *display_name,
                            const char         *password,
                            const CivKdfParams *params,
                            char              **recovery_code,
                            GError            **error);

/* Unwraps the operator's slot, opens the database, checks the operator is
 * enabled, and audits the login. A failed attempt is journalled and
 * counted; a locked login fails with CIV_DB_ERROR_LOCKED_OUT before the
 * password is tried. A busy or damaged database is never a failed login. */
CivStore *civ_store_open (const char *data_dir,
                          const char *login,
                          const char *password,
                          GError    **error);

/* Opens with the supervisor recovery code and sets a new password for
 * @login, which must be a supervisor. Audited as "operator.recover". */
CivStore *civ_store_recover (const char *data_dir,
                             const char *recovery_code,
                             const char *login,
                             const char *new_password,
                             GError    **error);

/* Journals a failed attempt for @login (only its keyed hash) and counts it
 * towards a lock (civ-login-guard.h). */
void civ_store_note_failed_login (const char *data_dir, const char *login, const char *reason);

/* TRUE while too many failed logins lock @login (whether or not such a
 * user exists); *@until is when the lock ends (Unix time). */
gboolean civ_store_login_locked_until (const char *data_dir, const char *login, gint64 *until);

/* Lifts the lock of @login (audited as "user.unlocked"); role checks are
 * the caller's. CIV_DB_ERROR_INVALID when it is not locked. */
gboolean civ_store_unlock_login (CivStore *self, const char *login, GError **error);

/* TRUE when this login found the audit log shorter than at an earlier
 * login: the database was replaced by an older copy (audited as
 * "audit.rollback-suspected"). @recorded is the sequence seen before,
 * @found the head found now. */
gboolean civ_store_get_rollback (CivStore *self, gint64 *recorded, gint64 *found);

/* When @login's password was last set (Unix time). */
gboolean civ_store_get_password_set_at (CivStore   *self,
                                        const char *login,
                                        gint64     *set_at,
                                        GError    **error);

/* Lock: audit, close the connection and wipe the data key. */
void     civ_store_lock (CivStore *self);
/* Unlock by the operator who locked it. */
gboolean civ_store_unlock (CivStore *self, const char *password, GError **error);
gboolean civ_store_is_locked (CivStore *self);

const char        *civ_store_get_data_dir (CivStore *self);
CivDb             *civ_store_get_db (CivStore *self);
/* The data key while unlocked (NULL while locked): for a copy of the
 * database under the same key (civ-backup.h). */
const CivSecret   *civ_store_peek_data_key (CivStore *self);
const CivOperator *civ_store_get_operator (CivStore *self);
char              *civ_store_get_office_code (CivStore *self);
char              *civ_store_get_office_name (CivStore *self);

/* Operators. These write the audit entry in the same transaction; role
 * checks are the caller's (app/security). */
gboolean     civ_store_add_operator (CivStore   *self,
                                     const char *login,
                                     const char *display_name,
                                     CivRole     role,
                                     const char *password,
                                     GError    **error);
gboolean     civ_store_disable_operator (CivStore *self, const char *login, GError **error);
gboolean     civ_store_set_password (CivStore   *self,
                                     const char *login,
                                     const char *new_password,
                                     GError    **error);
CivOperator *civ_store_find_operator (CivStore *self, const char *login, GError **error);
GPtrArray   *civ_store_list_operators (CivStore *self, GError **error);
/* The number of enabled operators. */
gboolean     civ_store_count_enabled_operators (CivStore *self, gint64 *n_enabled, GError **error);

/* Appends an audit entry as the logged-in operator. */
gboolean civ_store_audit (
  CivStore *self, const char *action, const char *object, const char *detail, GError **error);

/* Binds the connection, and every one the store opens after an unlock, to
 * @thread (NULL: any thread); see civ_db_set_owner(). */
void civ_store_set_owner (CivStore *self, GThread *thread);

G_END_DECLS
