// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-permissions.c — which role may do what */
#include "civ-permissions.h"

#include <glib/gi18n-lib.h>

#include "civ-app-error.h"
#include "civ-grants.h"

#define R(role) (1u << (role))

static const guint perm_roles[CIV_N_PERMS] = {
  [CIV_PERM_MANAGE_OPERATORS] = R (CIV_ROLE_SUPERVISOR),
  [CIV_PERM_VIEW_AUDIT] = R (CIV_ROLE_SUPERVISOR) | R (CIV_ROLE_AUDITOR),
  [CIV_PERM_IMPORT_REFDATA] = R (CIV_ROLE_SUPERVISOR),
  [CIV_PERM_CHANGE_OWN_PASSWORD] = R (CIV_ROLE_REGISTRAR) | R (CIV_ROLE_ARCHIVIST) |
                                   R (CIV_ROLE_FUNERAL_CLERK) | R (CIV_ROLE_SUPERVISOR) |
                                   R (CIV_ROLE_AUDITOR),
  [CIV_PERM_REGISTER_MARRIAGE] = R (CIV_ROLE_REGISTRAR) | R (CIV_ROLE_SUPERVISOR),
  [CIV_PERM_MANAGE_REPORTING] = R (CIV_ROLE_SUPERVISOR),
  [CIV_PERM_SEND_REPORTS] = R (CIV_ROLE_REGISTRAR) | R (CIV_ROLE_ARCHIVIST) |
                            R (CIV_ROLE_FUNERAL_CLERK) | R (CIV_ROLE_SUPERVISOR),
  [CIV_PERM_APPROVE_CORRECTIONS] = R (CIV_ROLE_SUPERVISOR),
  [CIV_PERM_MANAGE_BACKUPS] = R (CIV_ROLE_SUPERVISOR),
  [CIV_PERM_ARCHIVE_KEY] = R (CIV_ROLE_ARCHIVIST) | R (CIV_ROLE_SUPERVISOR),
  [CIV_PERM_ARCHIVE_RECONCILE] = R (CIV_ROLE_ARCHIVIST) | R (CIV_ROLE_SUPERVISOR),
  [CIV_PERM_ARCHIVE_CLOSE] = R (CIV_ROLE_SUPERVISOR),
  [CIV_PERM_ADOPTION] = R (CIV_ROLE_SUPERVISOR),
  [CIV_PERM_FUNERAL] = R (CIV_ROLE_FUNERAL_CLERK) | R (CIV_ROLE_SUPERVISOR),
};

/* The roles whose operators may be given a permission one by one. */
static const guint perm_grantable[CIV_N_PERMS] = {
  [CIV_PERM_ADOPTION] = R (CIV_ROLE_REGISTRAR),
  [CIV_PERM_FUNERAL] = R (CIV_ROLE_REGISTRAR) | R (CIV_ROLE_ARCHIVIST),
};

static const char *const perm_codes[CIV_N_PERMS] = {
  [CIV_PERM_MANAGE_OPERATORS] = "manage-operators",
  [CIV_PERM_VIEW_AUDIT] = "view-audit",
  [CIV_PERM_IMPORT_REFDATA] = "import-refdata",
  [CIV_PERM_CHANGE_OWN_PASSWORD] = "change-own-password",
  [CIV_PERM_REGISTER_MARRIAGE] = "register-marriage",
  [CIV_PERM_MANAGE_REPORTING] = "manage-reporting",
  [CIV_PERM_SEND_REPORTS] = "send-reports",
  [CIV_PERM_APPROVE_CORRECTIONS] = "approve-corrections",
  [CIV_PERM_MANAGE_BACKUPS] = "manage-backups",
  [CIV_PERM_ARCHIVE_KEY] = "archive-key",
  [CIV_PERM_ARCHIVE_RECONCILE] = "archive-reconcile",
  [CIV_PERM_ARCHIVE_CLOSE] = "archive-close",
  [CIV_PERM_ADOPTION] = "adoption",
  [CIV_PERM_FUNERAL] = "funeral",
};

gboolean
civ_role_allows (CivRole role, CivPermission perm)
{
  if (role < 0 || role >= CIV_N_ROLES || perm >= CIV_N_PERMS)
    return FALSE;
  return (perm_roles[perm] & R (role)) != 0;
}

gboolean
civ_permission_grantable (CivPermission perm, CivRole role)
{
  if (role < 0 || role >= CIV_N_ROLES || perm >= CIV_N_PERMS)
    return FALSE;
  return (perm_grantable[perm] & R (role)) != 0;
}

const char *
civ_permission_code (CivPermission perm)
{
  return perm < CIV_N_PERMS ? perm_codes[perm] : NULL;
}

CivPermission
civ_permission_from_code (const char *code)
{
  for (guint perm = 0; code != NULL && perm < CIV_N_PERMS; perm++)
    if (perm_codes[perm] != NULL && g_strcmp0 (perm_codes[perm], code) == 0)
      return perm;
  return CIV_N_PERMS;
}

gboolean
civ_operator_may (CivStore *store, CivPermission perm)
{
  const CivOperator *op = civ_store_get_operator (store);
  gboolean           held = FALSE;

  if (op == NULL)
    return FALSE;
  if (civ_role_allows (op->role, perm))
    return TRUE;
  if (!civ_permission_grantable (perm, op->role) || civ_store_is_locked (store))
    return FALSE;
  /* A grant that cannot be read is not held. */
  return civ_grant_holds (civ_store_get_db (store), op->login, perm_codes[perm], &held, NULL) &&
         held;
}

guint32
civ_operator_grants (CivStore *store)
{
  const CivOperator *op = civ_store_get_operator (store);
  guint32            granted = 0;

  G_STATIC_ASSERT (CIV_N_PERMS <= 32);
  if (op == NULL)
    return 0;
  for (guint perm = 0; perm < CIV_N_PERMS; perm++)
    if (civ_permission_grantable (perm, op->role) && !civ_role_allows (op->role, perm) &&
        civ_operator_may (store, perm))
      granted |= 1u << perm;
  return granted;
}

const char *
civ_permission_describe (CivPermission perm)
{
  switch (perm)
    {
    case CIV_PERM_MANAGE_OPERATORS:
      return _ ("manage users");
    case CIV_PERM_VIEW_AUDIT:
      return _ ("view the audit log");
    case CIV_PERM_IMPORT_REFDATA:
      return _ ("import reference data");
    case CIV_PERM_CHANGE_OWN_PASSWORD:
      return _ ("change your own password");
    case CIV_PERM_REGISTER_MARRIAGE:
      return _ ("register marriages and divorces");
    case CIV_PERM_MANAGE_REPORTING:
      return _ ("enroll the workstation with the province, requeue parked reports or return "
                "and set aside certificate numbers");
    case CIV_PERM_SEND_REPORTS:
      return _ ("send reports to the province");
    case CIV_PERM_APPROVE_CORRECTIONS:
      return _ ("file court judgments or approve corrections to records");
    case CIV_PERM_MANAGE_BACKUPS:
      return _ ("make, verify or restore backups of the office");
    case CIV_PERM_ARCHIVE_KEY:
      return _ ("enter historical records and import archive spreadsheets");
    case CIV_PERM_ARCHIVE_RECONCILE:
      return _ ("reconcile the two keyings of an archive entry");
    case CIV_PERM_ARCHIVE_CLOSE:
      return _ ("close a register book or review history conflicts");
    case CIV_PERM_ADOPTION:
      return _ ("see or register adoptions");
    case CIV_PERM_FUNERAL:
      return _ ("run funeral and cremation cases");
    case CIV_N_PERMS:
    default:
      return "?";
    }
}

const char *
civ_role_display_name (CivRole role)
{
  switch (role)
    {
    case CIV_ROLE_REGISTRAR:
      return _ ("Registrar");
    case CIV_ROLE_ARCHIVIST:
      return _ ("Archivist");
    case CIV_ROLE_FUNERAL_CLERK:
      return _ ("Funeral clerk");
    case CIV_ROLE_SUPERVISOR:
      return _ ("Supervisor");
    case CIV_ROLE_AUDITOR:
      return _ ("Auditor");
    case CIV_ROLE_INVALID:
    case CIV_N_ROLES:
    default:
      return _ ("Unknown role");
    }
}

gboolean
civ_require (CivStore *store, CivPermission perm, GError **error)
{
  const CivOperator *op = civ_store_get_operator (store);

  if (op != NULL && civ_operator_may (store, perm))
    return TRUE;

  if (op != NULL && !civ_store_is_locked (store))
    civ_store_audit (store, "denied", perm_codes[perm], NULL, NULL);
  g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION,
               _ ("A user with the role “%s” may not %s"),
               op ? civ_role_display_name (op->role) : _ ("Unknown role"),
               civ_permission_describe (perm));
  return FALSE;
}
