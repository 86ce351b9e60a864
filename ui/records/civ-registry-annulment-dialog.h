// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-registry-annulment-dialog.h — record from the archive a registry's
 * annulment of a marriage made under coercion (撤销), which a registry
 * could decide until 2020-12-31 (R-V2); asks for confirmation first,
 * naming the record's new state and the persons' statuses
 * (civ-record-action-dialog.h) */
#pragma once

#include "civ-record-action-dialog.h"

G_BEGIN_DECLS

#define CIV_TYPE_REGISTRY_ANNULMENT_DIALOG (civ_registry_annulment_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CivRegistryAnnulmentDialog,
                      civ_registry_annulment_dialog,
                      CIV,
                      REGISTRY_ANNULMENT_DIALOG,
                      CivRecordActionDialog)

/* A modal form for @record (copied what it needs); @today is the counter's
 * date: a decision dated after it is refused. */
CivRegistryAnnulmentDialog *civ_registry_annulment_dialog_new (GtkWindow               *parent,
                                                               CivSession              *session,
                                                               const CivMarriageRecord *record,
                                                               const GDate             *today);

G_END_DECLS
