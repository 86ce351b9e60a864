// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-actions.c — what a registered record allows */
#include "civ-record-actions.h"

gboolean
civ_record_action_available (CivRecordAction action, CivRole role, const CivRecordFacts *facts)
{
  gboolean registered;

  if (facts == NULL || !facts->has_certificate)
    return FALSE;
  registered = facts->state == CIV_MARRIAGE_STATE_REGISTERED;
  switch (action)
    {
    case CIV_RECORD_ACTION_REISSUE:
      /* R-B3: while the status the certificate proves still holds. */
      return civ_role_allows (role, CIV_PERM_REGISTER_MARRIAGE) &&
             (registered || facts->state == CIV_MARRIAGE_STATE_DISSOLVED_REG);
    case CIV_RECORD_ACTION_COURT_JUDGMENT:
      return civ_role_allows (role, CIV_PERM_APPROVE_CORRECTIONS) && registered;
    case CIV_RECORD_ACTION_REGISTRY_ANNULMENT:
      /* R-V2: a registry decision before 2021 can only concern a marriage
       * registered before then. */
      return civ_role_allows (role, CIV_PERM_APPROVE_CORRECTIONS) && registered &&
             facts->registration_date != NULL &&
             g_strcmp0 (facts->registration_date, CIV_COURT_ONLY_ANNULMENT_FROM) < 0;
    case CIV_RECORD_ACTION_CORRECTION:
    case CIV_RECORD_ACTION_VOID_PRINT:
      /* A historical record says what the register book says: it is
       * keyed again or reconciled in the archive, never corrected at the
       * counter, and no print of it was made here. */
      return civ_role_allows (role, CIV_PERM_REGISTER_MARRIAGE) && !facts->historical;
    }
  return FALSE;
}

gboolean
civ_record_action_needs_approver (CivRecordAction action, CivRole role)
{
  if (action == CIV_RECORD_ACTION_CORRECTION)
    return TRUE;
  return action == CIV_RECORD_ACTION_VOID_PRINT && role != CIV_ROLE_SUPERVISOR;
}

gboolean
civ_record_may_print_held (CivRole role, const char *held_certificate_no)
{
  /* R-B3: only the certificate the couple holds now, by whoever registers. */
  return held_certificate_no != NULL && civ_role_allows (role, CIV_PERM_REGISTER_MARRIAGE);
}
