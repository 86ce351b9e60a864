// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-audit-page.c — the audit log, newest first, and its chain check */
#include <glib/gi18n.h>

#include "civ-audit-item.h"
#include "civ-audit-labels.h"
#include "civ-audit-log.h"
#include "civ-audit-page-private.h"
#include "civ-page.h"
#include "civ-permissions.h"
#include "civ-ui-util.h"

struct _CivAuditPage
{
  AdwBin parent_instance;

  GtkButton           *verify_button;
  GtkSpinner          *verify_spinner;
  GtkWidget           *status_box;
  GtkImage            *status_icon;
  GtkLabel            *status_label;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *seq_column;
  GtkColumnViewColumn *time_column;
  GtkColumnViewColumn *actor_column;
  GtkColumnViewColumn *action_column;
  GtkColumnViewColumn *object_column;
  GtkColumnViewColumn *detail_column;
  GtkLabel            *count_label;
  GtkButton           *more_button;

  CivSession   *session;
  GCancellable *cancellable;
  GCancellable *verify_cancellable;
  GListStore   *entries;
  gboolean      loading;
};

static void civ_audit_page_page_init (CivPageInterface *iface);
static void civ_audit_page_reload (CivPage *page);

G_DEFINE_FINAL_TYPE_WITH_CODE (CivAuditPage,
                               civ_audit_page,
                               ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CIV_TYPE_PAGE, civ_audit_page_page_init))

typedef enum
{
  COLUMN_SEQ,
  COLUMN_TIME,
  COLUMN_ACTOR,
  COLUMN_ACTION,
  COLUMN_OBJECT,
  COLUMN_DETAIL,
} Column;

static void
update_count (CivAuditPage *self, gboolean has_more)
{
  guint            n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  g_autofree char *text = NULL;

  if (has_more)
    /* Translators: %u is a number of audit log entries. */
    text = g_strdup_printf (ngettext ("Showing the newest %u entry.",
                                      "Showing the newest %u entries.", n),
                            n);
  else
    text = g_strdup_printf (ngettext ("Showing all %u entry.", "Showing all %u entries.", n), n);
  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), has_more);
}

static void
on_list_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivAuditPage *self = CIV_AUDIT_PAGE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivAuditBatch) batch = NULL;
  g_autoptr (GPtrArray) items = NULL;

  batch = civ_audit_log_list_finish (self->session, result, &error);
  if (batch == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->loading = FALSE;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.more", TRUE);
      if (!civ_session_get_locked (self->session))
        {
          g_autofree char *message = civ_ui_describe_error (error);
          civ_ui_toast (GTK_WIDGET (self), message);
        }
      return;
    }
  self->loading = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.more", TRUE);

  {
    gsize                       n = 0;
    g_autofree CivAuditRecord **raw = (CivAuditRecord **) g_ptr_array_steal (batch->records, &n);
    gboolean                    has_more = batch->has_more;

    items = g_ptr_array_new_full (n, g_object_unref);
    for (gsize i = 0; i < n; i++)
      g_ptr_array_add (items, civ_audit_item_new (raw[i]));
    g_list_store_splice (self->entries, g_list_model_get_n_items (G_LIST_MODEL (self->entries)), 0,
                         items->pdata, items->len);
    update_count (self, has_more);
  }
}

static void
load (CivAuditPage *self, gint64 before)
{
  self->loading = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.more", FALSE);
  civ_audit_log_list_async (self->session, self, before, CIV_AUDIT_PAGE_BATCH, self->cancellable,
                            on_list_done_cb, NULL);
}

/* "audit.more": the next batch of older entries. */
static void
more_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivAuditPage *self = CIV_AUDIT_PAGE (widget);
  guint         n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  g_autoptr (CivAuditItem) last = NULL;

  if (self->session == NULL || self->loading || n == 0)
    return;
  last = g_list_model_get_item (G_LIST_MODEL (self->entries), n - 1);
  load (self, civ_audit_item_get_seq (last));
}

static void
show_status (CivAuditPage *self, gboolean good, const char *message)
{
  gtk_label_set_label (self->status_label, message);
  gtk_image_set_from_icon_name (self->status_icon,
                                good ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (self->status_box, good ? "error" : "success");
  gtk_widget_add_css_class (self->status_box, good ? "success" : "error");
  gtk_widget_set_visible (self->status_box, TRUE);
}

static void
on_verify_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivAuditPage *self = CIV_AUDIT_PAGE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivAuditVerdict) verdict = NULL;
  g_autofree char *message = NULL;
  g_autofree char *count = NULL;

  verdict = civ_audit_log_verify_finish (self->session, result, &error);
  if (verdict == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.verify", TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->verify_spinner), FALSE);
      gtk_spinner_set_spinning (self->verify_spinner, FALSE);
      message = civ_ui_describe_error (error);
      show_status (self, FALSE, message);
      return;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.verify", TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_spinner), FALSE);
  gtk_spinner_set_spinning (self->verify_spinner, FALSE);

  if (verdict->intact)
    {
      count = g_strdup_printf ("%" G_GINT64_FORMAT, verdict->n_checked);
      /* Translators: %s is a number of entries. */
      message = g_strdup_printf (ngettext ("The audit chain is intact: %s entry checked.",
                                           "The audit chain is intact: %s entries checked.",
                                           (gulong) verdict->n_checked),
                                 count);
    }
  else
    {
      count = g_strdup_printf ("%" G_GINT64_FORMAT, verdict->first_broken);
      /* Translators: %1$s is an entry number, %2$s the reason. */
      message = g_strdup_printf (_ ("The audit chain is broken at entry %1$s: %2$s"), count,
                                 verdict->reason ? verdict->reason : "");
    }
  /* Shown once, beside the button (no toast as well). */
  show_status (self, verdict->intact, message);
}

/* "audit.verify": checks the hash chain. */
static void
verify_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivAuditPage *self = CIV_AUDIT_PAGE (widget);

  if (self->session == NULL)
    return;
  civ_ui_renew_cancellable (&self->verify_cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.verify", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_spinner), TRUE);
  gtk_spinner_set_spinning (self->verify_spinner, TRUE);
  civ_audit_log_verify_async (self->session, self, self->verify_cancellable, on_verify_done_cb,
                              NULL);
}

/* "audit.refresh": the newest entries again. */
static void
refresh_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  civ_audit_page_reload (CIV_PAGE (widget));
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  Column     column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_SEQ ? 1.0 : 0.0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (column == COLUMN_SEQ || column == COLUMN_TIME)
    gtk_widget_add_css_class (label, "numeric");
  if (column == COLUMN_DETAIL || column == COLUMN_OBJECT)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  Column                column = GPOINTER_TO_INT (user_data);
  CivAuditItem         *item = gtk_list_item_get_item (list_item);
  const CivAuditRecord *record = civ_audit_item_get_record (item);
  GtkLabel             *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  g_autofree char      *seq = NULL;
  const char           *text = NULL;
  const char           *tooltip = NULL;

  switch (column)
    {
    case COLUMN_SEQ:
      seq = g_strdup_printf ("%" G_GINT64_FORMAT, civ_audit_item_get_seq (item));
      text = seq;
      break;
    case COLUMN_TIME:
      text = civ_audit_item_get_time (item);
      break;
    case COLUMN_ACTOR:
      /* The display name; the login in the tooltip. */
      text = record->actor_name;
      tooltip = record->actor;
      break;
    case COLUMN_ACTION:
      text = record->action_text;
      /* The stable code, as civreg-cli audit list prints it. */
      tooltip = record->action;
      break;
    case COLUMN_OBJECT:
      text = record->object_text;
      tooltip = record->object;
      break;
    case COLUMN_DETAIL:
    default:
      text = record->detail_text;
      tooltip = record->detail_text;
      break;
    }
  gtk_label_set_label (label, text ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip && *tooltip ? tooltip : NULL);
}

static void
set_factory (GtkColumnViewColumn *view_column, Column column)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), GINT_TO_POINTER (column));
  gtk_column_view_column_set_factory (view_column, factory);
}

static void
civ_audit_page_reload (CivPage *page)
{
  CivAuditPage *self = CIV_AUDIT_PAGE (page);

  if (self->session == NULL)
    return;
  civ_ui_renew_cancellable (&self->cancellable);
  g_list_store_remove_all (self->entries);
  gtk_label_set_label (self->count_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), FALSE);
  load (self, 0);
}

static void
civ_audit_page_clear (CivPage *page)
{
  CivAuditPage *self = CIV_AUDIT_PAGE (page);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->verify_cancellable);
  self->loading = FALSE;
  g_list_store_remove_all (self->entries);
  gtk_label_set_label (self->count_label, "");
  gtk_label_set_label (self->status_label, "");
  gtk_widget_set_visible (self->status_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.verify", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.more", TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_spinner), FALSE);
  gtk_spinner_set_spinning (self->verify_spinner, FALSE);
}

static void
civ_audit_page_set_session (CivPage *page, CivSession *session)
{
  CivAuditPage *self = CIV_AUDIT_PAGE (page);

  g_set_object (&self->session, session);
}

GListModel *
_civ_audit_page_get_model (CivAuditPage *self)
{
  g_return_val_if_fail (CIV_IS_AUDIT_PAGE (self), NULL);
  return G_LIST_MODEL (self->entries);
}

const char *
_civ_audit_page_get_status (CivAuditPage *self)
{
  g_return_val_if_fail (CIV_IS_AUDIT_PAGE (self), NULL);
  return gtk_widget_get_visible (self->status_box) ? gtk_label_get_label (self->status_label)
                                                   : NULL;
}

static void
civ_audit_page_dispose (GObject *object)
{
  CivAuditPage *self = CIV_AUDIT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->verify_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_AUDIT_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->entries);
  G_OBJECT_CLASS (civ_audit_page_parent_class)->dispose (object);
}

static void
civ_audit_page_finalize (GObject *object)
{
  CivAuditPage *self = CIV_AUDIT_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->verify_cancellable);
  G_OBJECT_CLASS (civ_audit_page_parent_class)->finalize (object);
}

static void
civ_audit_page_class_init (CivAuditPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_audit_page_dispose;
  object_class->finalize = civ_audit_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-audit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CivAuditPage, verify_button);
  gtk_widget_class_bind_template_child (widget_class, CivAuditPage, verify_spinner);
  gtk_widget_class_bind_template_child (widget_class, CivAuditPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, CivAuditPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, CivAuditPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CivAuditPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CivAuditPage, seq_column);
  gtk_widget_class_bind_template_child (widget_class, CivAuditPage, time_column);
  gtk_widget_class_bind_template_child (widget_class, CivAuditPage, actor_column);
  gtk_widget_class_bind_template_child (widget_class, CivAuditPage, action_column);
  gtk_widget_class_bind_template_child (widget_class, CivAuditPage, object_column);
  gtk_widget_class_bind_template_child (widget_class, CivAuditPage, detail_column);
  gtk_widget_class_bind_template_child (widget_class, CivAuditPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CivAuditPage, more_button);

  gtk_widget_class_install_action (widget_class, "audit.verify", NULL, verify_activated);
  gtk_widget_class_install_action (widget_class, "audit.refresh", NULL, refresh_activated);
  gtk_widget_class_install_action (widget_class, "audit.more", NULL, more_activated);
}

static void
civ_audit_page_page_init (CivPageInterface *iface)
{
  iface->id = "audit";
  iface->title = N_ ("Audit Log");
  iface->icon_name = "document-open-recent-symbolic";
  iface->permission = CIV_PERM_VIEW_AUDIT;
  iface->set_session = civ_audit_page_set_session;
  iface->clear = civ_audit_page_clear;
  iface->reload = civ_audit_page_reload;
}

static void
civ_audit_page_init (CivAuditPage *self)
{
  g_autoptr (GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->verify_cancellable = g_cancellable_new ();
  self->entries = g_list_store_new (CIV_TYPE_AUDIT_ITEM);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->entries)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  set_factory (self->seq_column, COLUMN_SEQ);
  set_factory (self->time_column, COLUMN_TIME);
  set_factory (self->actor_column, COLUMN_ACTOR);
  set_factory (self->action_column, COLUMN_ACTION);
  set_factory (self->object_column, COLUMN_OBJECT);
  set_factory (self->detail_column, COLUMN_DETAIL);
}
