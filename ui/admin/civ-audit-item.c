// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-audit-item.c — one audit log entry as a list item */
#include "civ-audit-item.h"

#include "civ-ui-util.h"

struct _CivAuditItem
{
  GObject parent_instance;

  CivAuditRecord *entry;
  char           *local_time;
};

G_DEFINE_FINAL_TYPE (CivAuditItem, civ_audit_item, G_TYPE_OBJECT)

static void
civ_audit_item_finalize (GObject *object)
{
  CivAuditItem *self = CIV_AUDIT_ITEM (object);

  civ_audit_record_free (self->entry);
  g_free (self->local_time);
  G_OBJECT_CLASS (civ_audit_item_parent_class)->finalize (object);
}

static void
civ_audit_item_class_init (CivAuditItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = civ_audit_item_finalize;
}

static void
civ_audit_item_init (CivAuditItem *self)
{
}

CivAuditItem *
civ_audit_item_new (CivAuditRecord *entry)
{
  CivAuditItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (CIV_TYPE_AUDIT_ITEM, NULL);
  self->entry = entry;
  self->local_time = civ_ui_format_local_time (entry->time);
  return self;
}

gint64
civ_audit_item_get_seq (CivAuditItem *self)
{
  g_return_val_if_fail (CIV_IS_AUDIT_ITEM (self), 0);
  return self->entry->seq;
}

const char *
civ_audit_item_get_time (CivAuditItem *self)
{
  g_return_val_if_fail (CIV_IS_AUDIT_ITEM (self), NULL);
  return self->local_time;
}

const char *
civ_audit_item_get_actor (CivAuditItem *self)
{
  g_return_val_if_fail (CIV_IS_AUDIT_ITEM (self), NULL);
  return self->entry->actor;
}

const char *
civ_audit_item_get_action (CivAuditItem *self)
{
  g_return_val_if_fail (CIV_IS_AUDIT_ITEM (self), NULL);
  return self->entry->action;
}

const char *
civ_audit_item_get_object (CivAuditItem *self)
{
  g_return_val_if_fail (CIV_IS_AUDIT_ITEM (self), NULL);
  return self->entry->object;
}

const char *
civ_audit_item_get_detail (CivAuditItem *self)
{
  g_return_val_if_fail (CIV_IS_AUDIT_ITEM (self), NULL);
  return self->entry->detail;
}

/* The same as a person reads them (app/admin/civ-audit-log.h). */
const CivAuditRecord *
civ_audit_item_get_record (CivAuditItem *self)
{
  g_return_val_if_fail (CIV_IS_AUDIT_ITEM (self), NULL);
  return self->entry;
}
