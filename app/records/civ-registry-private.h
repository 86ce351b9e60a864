// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-registry-private.h — helpers shared inside app/ (records, funeral): the
 * supervisor's approval typed at the counter (architecture.md §8:
 * corrections and voided certificates need a supervisor)
 */
#pragma once

#include "civ-store.h"

G_BEGIN_DECLS

/* What a supervisor approves; it words the refusals. */
typedef enum
{
  CIV_APPROVAL_CORRECTION,                 /* civ_marriage_correct () */
  CIV_APPROVAL_VOID_PRINT,                 /* civ_record_void_print () */
  CIV_APPROVAL_VOID_CREMATION_CERTIFICATE, /* civ_cremation_stock_void () (R-F13) */
} CivApprovalKind;

/* TRUE when @login is an enabled supervisor other than the operator of
 * @store and @password opens their key slot; a CIV_APP_ERROR_PERMISSION
 * error otherwise. Does not wipe @password. */
gboolean _civ_registry_check_approver (
  CivStore *store, CivApprovalKind kind, const char *login, const char *password, GError **error);

/* Overwrites @secret (NUL-terminated, may be NULL) with zeros. */
void _civ_registry_wipe (char *secret);

G_END_DECLS
