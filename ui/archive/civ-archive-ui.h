// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-ui.h — what the archive screens share: the order the fields
 * of an entry are keyed in, findings as rows, the ledger's colours and
 * coverage in words */
#pragma once

#include <adwaita.h>

#include "civ-archive-service.h"
#include "civ-finding.h"

G_BEGIN_DECLS

/* The fields in keying order: the registration, the two parties, the
 * source. @group (optional) gets the index of the field's group. */
typedef enum
{
  CIV_ARCHIVE_GROUP_REGISTRATION = 0,
  CIV_ARCHIVE_GROUP_PARTY1,
  CIV_ARCHIVE_GROUP_PARTY2,
  CIV_ARCHIVE_GROUP_SOURCE,
  CIV_ARCHIVE_N_GROUPS
} CivArchiveGroup;

guint       civ_archive_ui_n_fields (void);
int         civ_archive_ui_field_at (guint position, CivArchiveGroup *group);
const char *civ_archive_ui_group_title (CivArchiveGroup group); /* translated */

/* "slot-entered", "slot-unseen", … */
const char *civ_archive_ui_slot_css (CivSlotState state);

/* "87 % (1,392 of 1,600 slots)" */
char *civ_archive_ui_coverage_text (guint accounted, guint total);
/* Sets @bar's fraction and text. */
void  civ_archive_ui_set_coverage (GtkProgressBar *bar, guint accounted, guint total);

/* A number with the locale's thousands separators. */
char *civ_archive_ui_count (guint64 n);

/* A short explanation of a keying's outcome, translated. */
const char *civ_archive_ui_keying_outcome (CivSlotState state);

G_END_DECLS
