// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-permissions.h — which role may do what (architecture.md §8)
 *
 * Every action checks the role here; the table is the single place where
 * the office's separation of duties is written down.
 */
#pragma once

#include "civ-store.h"

G_BEGIN_DECLS

typedef enum
{
  CIV_PERM_MANAGE_OPERATORS, /* add, disable, reset others' passwords */
  CIV_PERM_VIEW_AUDIT,       /* read and verify the audit log */
  CIV_PERM_IMPORT_REFDATA,   /* division codes, holiday calendar */
  CIV_PERM_CHANGE_OWN_PASSWORD,
  CIV_PERM_REGISTER_MARRIAGE,   /* register, refuse, divorce, reissue at the counter */
  CIV_PERM_MANAGE_REPORTING,    /* enroll with the province, requeue parked reports */
  CIV_PERM_SEND_REPORTS,        /* deliver the outbox now, list it */
  CIV_PERM_APPROVE_CORRECTIONS, /* file court judgments, approve record corrections */
  CIV_PERM_MANAGE_BACKUPS,      /* back up now, verify, restore, the backup schedule */
  CIV_PERM_ARCHIVE_KEY,         /* register books, page images, keying, ledger marks, CSV import */
  CIV_PERM_ARCHIVE_RECONCILE,   /* reconcile double keyings (a keyer never reconciles their own) */
  CIV_PERM_ARCHIVE_CLOSE,       /* close a register book; review history conflicts */
  CIV_PERM_ADOPTION,            /* see and register adoptions (R-A13): supervisors, and a
                                 * registrar given it (civ_users_set_grant ()) */
  CIV_PERM_FUNERAL,             /* run funeral and cremation cases, the cremation certificate
                                 * stock (R-F13): funeral clerks, supervisors, and a registrar
                                 * or an archivist given it */
  CIV_N_PERMS
} CivPermission;

/* What the role alone allows. A permission that can also be given to one
 * operator (CIV_PERM_ADOPTION to a registrar, CIV_PERM_FUNERAL to a
 * registrar or an archivist) is checked with
 * civ_operator_may () or civ_require (). */
gboolean    civ_role_allows (CivRole role, CivPermission perm);
/* TRUE when @perm may be given to an operator of @role one by one. */
gboolean    civ_permission_grantable (CivPermission perm, CivRole role);
/* The stable code of @perm ("adoption"), as audited and stored in grants. */
const char *civ_permission_code (CivPermission perm);
const char *civ_permission_describe (CivPermission perm);
const char *civ_role_display_name (CivRole role);

/* Whether the signed-in operator of @store may do @perm: by role, or by a
 * grant given to them. Reads the database for a grantable permission, so
 * it runs on the database's thread. Audits nothing. */
gboolean civ_operator_may (CivStore *store, CivPermission perm);
/* The permissions given to the signed-in operator one by one (a bit
 * 1 << perm each), as civ_operator_may () reads them; on the database's
 * thread. */
guint32  civ_operator_grants (CivStore *store);

/* Fails with CIV_APP_ERROR_PERMISSION, naming the role and the action,
 * and audits the refusal when the store is open. */
gboolean civ_require (CivStore *store, CivPermission perm, GError **error);

G_END_DECLS
