// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-item.h — one marriage record in a result list
 *
 * Created as a placeholder (loaded FALSE) holding only the row id, then
 * filled in place when its page arrives: every property that changes is
 * notified, so a row widget bound to the item updates without the list
 * emitting items-changed.
 */
#pragma once

#include <glib-object.h>

#include "civ-search.h"

G_BEGIN_DECLS

#define CIV_TYPE_RECORD_ITEM (civ_record_item_get_type ())
G_DECLARE_FINAL_TYPE (CivRecordItem, civ_record_item, CIV, RECORD_ITEM, GObject)

CivRecordItem *civ_record_item_new (gint64 row_id);

gint64           civ_record_item_get_row_id (CivRecordItem *self);
const char      *civ_record_item_get_record_id (CivRecordItem *self);
const char      *civ_record_item_get_name_a (CivRecordItem *self);
const char      *civ_record_item_get_name_b (CivRecordItem *self);
const char      *civ_record_item_get_certificate_no (CivRecordItem *self);
const char      *civ_record_item_get_registration_date (CivRecordItem *self);
const char      *civ_record_item_get_state (CivRecordItem *self);
/* Each party's identity document number as recorded (unmasked: the
 * registrar compares it with the card), or NULL. */
const char      *civ_record_item_get_id_number_a (CivRecordItem *self);
const char      *civ_record_item_get_id_number_b (CivRecordItem *self);
/* Which parties matched the search (CivSearchParties) and on what. */
CivSearchParties civ_record_item_get_matched_parties (CivRecordItem *self);
CivSearchField   civ_record_item_get_matched_field (CivRecordItem *self);
gboolean         civ_record_item_get_loaded (CivRecordItem *self);

/* Fills the placeholder from @row (NULL: the record is no longer current)
 * and sets loaded. */
void civ_record_item_fill (CivRecordItem *self, const CivSearchRow *row);

G_END_DECLS
