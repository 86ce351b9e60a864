// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-actions.h — what a registered record allows, decided once for
 * the record view's menu, its dialogs and civreg-cli (domain.md R-B3, R-V2,
 * R-V4, R-N3) */
#pragma once

#include "civ-permissions.h"
#include "civ-states.h"

G_BEGIN_DECLS

/* The day from which only a court may annul a marriage (R-V2). */
#define CIV_COURT_ONLY_ANNULMENT_FROM "2021-01-01"

typedef enum
{
  CIV_RECORD_ACTION_REISSUE,            /* 补领 BJ / BL (R-B1, R-B3) */
  CIV_RECORD_ACTION_COURT_JUDGMENT,     /* a court's judgment (R-V4) */
  CIV_RECORD_ACTION_REGISTRY_ANNULMENT, /* the registry's annulment before 2021 (R-V2) */
  CIV_RECORD_ACTION_CORRECTION,         /* a new version approved by a supervisor */
  CIV_RECORD_ACTION_VOID_PRINT,         /* a spoiled blank (R-N3) */
} CivRecordAction;

/* The facts of the record's current version the decision rests on. */
typedef struct
{
  CivMarriageState state;
  const char      *registration_date; /* YYYY-MM-DD */
  gboolean         has_certificate;   /* a certificate number was given */
  gboolean         historical;        /* entered from the archive (issue 14) */
} CivRecordFacts;

/* Whether @role may take @action on a record whose current version is
 * @facts. */
gboolean civ_record_action_available (CivRecordAction       action,
                                      CivRole               role,
                                      const CivRecordFacts *facts);

/* Whether @action needs a supervisor's approval (login and password) from
 * an operator of @role (architecture.md §8): a correction always; a void of
 * a print (R-N3) unless the operator is a supervisor, who approves it. */
gboolean civ_record_action_needs_approver (CivRecordAction action, CivRole role);

/* Whether @role may print the certificate the couple holds now
 * (@held_certificate_no, R-B3; NULL when they hold none) on new blanks. */
gboolean civ_record_may_print_held (CivRole role, const char *held_certificate_no);

G_END_DECLS
