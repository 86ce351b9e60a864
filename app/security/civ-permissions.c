// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-permissions.c — which role may do what */
#include "civ-permissions.h"

#include <glib/gi18n-lib.h>

#include "civ-app-error.h"

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
};

gboolean
civ_role_allows (CivRole role, CivPermission perm)
{
  if (role < 0 || role >= CIV_N_ROLES || perm >= CIV_N_PERMS)
    return FALSE;
  return (perm_roles[perm] & R (role)) != 0;
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
      return _ ("enroll the workstation with the province or requeue parked reports");
    case CIV_PERM_SEND_REPORTS:
      return _ ("send reports to the province");
    case CIV_PERM_APPROVE_CORRECTIONS:
      return _ ("file court judgments or approve corrections to records");
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

  if (op != NULL && civ_role_allows (op->role, perm))
    return TRUE;

  if (op != NULL && !civ_store_is_locked (store))
    civ_store_audit (store, "denied", perm_codes[perm], NULL, NULL);
  g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION,
               _ ("A user with the role “%s” may not %s"),
               op ? civ_role_display_name (op->role) : _ ("Unknown role"),
               civ_permission_describe (perm));
  return FALSE;
}

const char *
civ_audit_action_label (const char *action)
{
  static const struct
  {
    const char *code;
    const char *label;
  } labels[] = {
    { "office.create", N_ ("Office created") },
    { "login", N_ ("Login") },
    { "login.failed", N_ ("Failed login") },
    { "logout", N_ ("Logout") },
    { "lock", N_ ("Locked") },
    { "unlock", N_ ("Unlocked") },
    { "denied", N_ ("Refused by role") },
    { "operator.add", N_ ("User added") },
    { "operator.disable", N_ ("User disabled") },
    { "operator.passwd", N_ ("Password changed") },
    { "operator.passwd.failed", N_ ("Password change refused") },
    { "operator.recover", N_ ("Password reset with the recovery code") },
    { "audit.verify", N_ ("Audit chain verified") },
    { "refdata.import", N_ ("Reference data imported") },
    { "marriage.register", N_ ("Marriage registered") },
    { "marriage.refuse", N_ ("Marriage refused") },
    { "divorce.accept", N_ ("Divorce application accepted") },
    { "divorce.not-accepted", N_ ("Divorce application not accepted") },
    { "divorce.withdraw", N_ ("Divorce application withdrawn") },
    { "divorce.register", N_ ("Divorce registered") },
    { "divorce.refuse", N_ ("Divorce refused") },
    { "divorce.lapse", N_ ("Divorce application lapsed") },
    { "divorce.print", N_ ("Divorce receipt or notice printed") },
    { "certificate.reissue", N_ ("Certificate reissued") },
    { "certificate.void", N_ ("Spoiled certificate print voided") },
    { "marriage.court-judgment", N_ ("Court judgment filed") },
    { "marriage.registry-annulment", N_ ("Registry annulment recorded (before 2021)") },
    { "marriage.correct", N_ ("Marriage record corrected") },
    { "document.attach", N_ ("Document attached to a record") },
    { "document.view", N_ ("Document opened for viewing") },
    { "document.export", N_ ("Document exported to a file") },
    { "report.enroll", N_ ("Workstation enrolled with the province") },
    { "report.sync", N_ ("Reports delivered to the province") },
    { "report.park", N_ ("Reports parked for review") },
    { "report.requeue", N_ ("Parked reports queued again") },
    { "report.security-alarm", N_ ("Security alarm: the provincial connection was not trusted") },
    { "report.tampering-reported", N_ ("The province reported a rewritten audit history") },
    { "report.status-check", N_ ("Online marital-status check") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (action, labels[i].code) == 0)
      return _ (labels[i].label);
  return action;
}
