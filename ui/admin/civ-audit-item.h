// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-audit-item.h — one audit log entry as a list item */
#pragma once

#include <glib-object.h>

#include "civ-audit-log.h"

G_BEGIN_DECLS

#define CIV_TYPE_AUDIT_ITEM (civ_audit_item_get_type ())
G_DECLARE_FINAL_TYPE (CivAuditItem, civ_audit_item, CIV, AUDIT_ITEM, GObject)

/* Takes ownership of @record. */
CivAuditItem *civ_audit_item_new (CivAuditRecord *record);

gint64                civ_audit_item_get_seq (CivAuditItem *self);
/* The entry's time in the local time zone, "YYYY-MM-DD HH:MM:SS". */
const char           *civ_audit_item_get_time (CivAuditItem *self);
const char           *civ_audit_item_get_actor (CivAuditItem *self);
const char           *civ_audit_item_get_action (CivAuditItem *self);
const char           *civ_audit_item_get_object (CivAuditItem *self);
const char           *civ_audit_item_get_detail (CivAuditItem *self);
/* The whole entry, with its texts for people (actor_name, action_text,
 * object_text, detail_text). */
const CivAuditRecord *civ_audit_item_get_record (CivAuditItem *self);

G_END_DECLS
