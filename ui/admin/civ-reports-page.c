// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-reports-page.c — supervisors see every report for the province,
 * retry parked ones, send now, and enroll the workstation
 * (docs/provincial-protocol.md)
 *
 * The list shows every report that is not delivered yet (pending and
 * parked) and the most recent deliveries. "Retry Now" requeues a parked
 * report (audited as report.requeue) and sends at once through the
 * window's win.send-reports action, which the header bar's indicator runs.
 */
#include <glib/gi18n.h>

#include "civ-enroll-window.h"
#include "civ-page.h"
#include "civ-permissions.h"
#include "civ-report-service.h"
#include "civ-reports-page-private.h"
#include "civ-ui-util.h"

struct _CivReportsPage
{
  AdwBin parent_instance;

  AdwPreferencesGroup *enroll_group;
  GtkWidget           *enroll_button;
  AdwActionRow        *server_row;
  AdwActionRow        *workstation_row;
  AdwActionRow        *delivery_row;
  AdwActionRow        *numbers_row;
  AdwPreferencesGroup *outbox_group;
  GtkSpinner          *spinner;
  GtkWidget           *retry_all_button;
  GtkWidget           *send_button;

  CivSession   *session;
  GCancellable *cancellable;
  GPtrArray    *rows;    /* owned by the group */
  GHashTable   *states;  /* outbox id → state shown */
  GHashTable   *retries; /* parked outbox id → its Retry Now button */
  gboolean      loaded;
  gboolean      busy;
};

static void civ_reports_page_page_init (CivPageInterface *iface);
static void civ_reports_page_reload (CivPage *page);

G_DEFINE_FINAL_TYPE_WITH_CODE (CivReportsPage,
                               civ_reports_page,
                               ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CIV_TYPE_PAGE, civ_reports_page_page_init))

/* The kinds of report (protocol §3, §10); an unknown kind as sent. */
static const struct
{
  const char *kind;
  const char *label;
} kind_labels[] = {
  { "marriage", NC_ ("report kind", "Marriage") },
  { "divorce", NC_ ("report kind", "Divorce") },
  { "divorce-application", NC_ ("report kind", "Divorce application") },
  { "reissue", NC_ ("report kind", "Certificate reissue") },
  { "court-judgment", NC_ ("report kind", "Court judgment") },
  { "registry-annulment", NC_ ("report kind", "Registry annulment") },
  { "adoption", NC_ ("report kind", "Adoption") },
  { "funeral", NC_ ("report kind", "Funeral case") },
  { "death", NC_ ("report kind", "Marriage ended by death") },
  { "historical", NC_ ("report kind", "Historical record") },
};

static const char *
kind_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    if (g_strcmp0 (kind, kind_labels[i].kind) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "report kind", kind_labels[i].label);
  return kind;
}

static const char *
state_label (const char *state)
{
  if (g_strcmp0 (state, "pending") == 0)
    return _ ("Pending");
  if (g_strcmp0 (state, "parked") == 0)
    return _ ("Parked");
  if (g_strcmp0 (state, "delivered") == 0)
    return _ ("Delivered");
  return state;
}

static void
remove_rows (CivReportsPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->outbox_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->states);
  g_hash_table_remove_all (self->retries);
}

static void
set_busy (CivReportsPage *self, gboolean busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  /* Every "Retry" button names the one action. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.requeue", !busy);
}

static void
on_requeue_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivReportsPage *self = CIV_REPORTS_PAGE (source);
  g_autoptr (GError) error = NULL;
  set_busy (self, FALSE);
  if (!civ_report_requeue_finish (self->session, result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !civ_session_get_locked (self->session))
        {
          g_autofree char *message = civ_ui_describe_error (error);
          civ_ui_toast (GTK_WIDGET (self), message);
        }
      civ_reports_page_reload (CIV_PAGE (self));
      return;
    }
  civ_reports_page_reload (CIV_PAGE (self));
  /* Queued again: send it now (the indicator reloads this page after). */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.send-reports", NULL);
}

/* "reports.requeue" (parameter "x", the outbox id; 0 for every parked
 * report): queue again and send now. */
static void
requeue_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivReportsPage *self = CIV_REPORTS_PAGE (widget);

  if (self->session == NULL || self->busy)
    return;
  set_busy (self, TRUE);
  civ_report_requeue_async (self->session, self, g_variant_get_int64 (parameter), self->cancellable,
                            on_requeue_done_cb, NULL);
}

static char *
row_subtitle (const CivOutboxRow *r)
{
  g_autoptr (GString) s = g_string_new (NULL);
  /* Translators: how often the province was asked to take a report. */
  g_autofree char *attempts =
    g_strdup_printf (ngettext ("%d attempt", "%d attempts", r->attempts), r->attempts);

  if (g_strcmp0 (r->state, "delivered") == 0)
    {
      g_autofree char *when = civ_ui_format_local_time (r->delivered_at);
      /* Translators: %1$s is a date and time, %2$s the province's receipt number (回执). */
      g_string_append_printf (s, _ ("Delivered %1$s · receipt %2$s"), when ? when : "",
                              r->receipt ? r->receipt : "");
      return g_string_free (g_steal_pointer (&s), FALSE);
    }
  g_string_append (s, attempts);
  if (g_strcmp0 (r->state, "pending") == 0 && r->next_attempt_at && r->attempts > 0)
    {
      g_autofree char *next = civ_ui_format_local_time (r->next_attempt_at);
      /* Translators: %s is a date and time. */
      g_string_append_printf (s, _ (" · next attempt %s"), next ? next : "");
    }
  if (r->last_error && *r->last_error)
    {
      g_string_append (s, "\n");
      /* Translators: %s is the reason the province (or the network) gave. */
      g_string_append_printf (s, _ ("Last error: %s"), r->last_error);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static GtkWidget *
make_row (CivReportsPage *self, const CivOutboxRow *r)
{
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *tag = gtk_label_new (state_label (r->state));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = row_subtitle (r);
  g_autofree char *reference = civ_report_row_reference (r);

  if (reference != NULL)
    /* Translators: %1$s is a kind of registration, %2$s its certificate number and names. */
    title = g_strdup_printf (_ ("%1$s · %2$s"), kind_label (r->kind), reference);
  else
    /* Translators: %1$s is a kind of registration, %2$s the record's id, %3$d its version. */
    title = g_strdup_printf (_ ("%1$s · record %2$s (version %3$d)"), kind_label (r->kind),
                             r->record_id, r->version);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (tag, "caption-heading");
  if (g_strcmp0 (r->state, "parked") == 0)
    {
      GtkWidget *retry = gtk_button_new_with_mnemonic (_ ("_Retry Now"));

      gtk_widget_add_css_class (tag, "warning");
      gtk_widget_set_valign (retry, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (retry, _ ("Queue this report again and send it now"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (retry), "reports.requeue");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (retry), g_variant_new_int64 (r->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), retry);
      g_hash_table_insert (self->retries, g_memdup2 (&r->id, sizeof r->id), retry);
    }
  else
    {
      gtk_widget_add_css_class (tag,
                                g_strcmp0 (r->state, "delivered") == 0 ? "success" : "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }
  g_hash_table_insert (self->states, g_memdup2 (&r->id, sizeof r->id), g_strdup (r->state));
  return row;
}

static void
show_enrollment (CivReportsPage *self, const CivReportListing *l)
{
  g_autofree char *delivery = NULL;

  adw_action_row_set_subtitle (self->numbers_row, l->numbers ? l->numbers : "");
  if (!l->enrolled)
    {
      adw_action_row_set_subtitle (self->server_row,
                                   _ ("Not enrolled: nothing is sent to the province, and the "
                                      "marriage checks use local records only."));
      adw_action_row_set_subtitle (self->workstation_row, l->workstation_id);
      adw_action_row_set_subtitle (self->delivery_row, _ ("Never"));
      return;
    }
  {
    g_autofree char *when = civ_ui_format_local_time (l->enrolled_at);
    g_autofree char *server = NULL;

    /* Translators: %1$s is the server's address, %2$s a date and time, %3$s a user name. */
    server = g_strdup_printf (_ ("%1$s — enrolled %2$s by %3$s"), l->server_url, when ? when : "",
                              l->enrolled_by ? l->enrolled_by : "");
    if (l->pins && *l->pins)
      {
        /* Translators: %s are the server's public-key pins. */
        g_autofree char *pins = g_strdup_printf (_ ("Pinned keys: %s"), l->pins);
        g_autofree char *both = g_strconcat (server, "\n", pins, NULL);
        g_free (server);
        server = g_steal_pointer (&both);
      }
    adw_action_row_set_subtitle_lines (self->server_row, 0);
    adw_action_row_set_subtitle (self->server_row, server);
  }
  {
    g_autofree char *ws = g_strdup_printf ("%s %s", l->workstation_id ? l->workstation_id : "",
                                           l->signing_public ? l->signing_public : "");
    adw_action_row_set_subtitle (self->workstation_row, ws);
  }
  delivery =
    l->last_delivery_at ? civ_ui_format_local_time (l->last_delivery_at) : g_strdup (_ ("Never"));
  adw_action_row_set_subtitle (self->delivery_row, delivery);
}

static void
on_list_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivReportsPage *self = CIV_REPORTS_PAGE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivReportListing) l = NULL;
  g_autofree char *pending = NULL, *parked = NULL, *delivered = NULL, *description = NULL;

  l = civ_report_listing_finish (self->session, result, &error);
  if (l == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !civ_session_get_locked (self->session))
        {
          g_autofree char *message = civ_ui_describe_error (error);
          civ_ui_toast (GTK_WIDGET (self), message);
        }
      return;
    }
  remove_rows (self);
  show_enrollment (self, l);
  pending = g_strdup_printf ("%" G_GINT64_FORMAT, l->pending);
  parked = g_strdup_printf ("%" G_GINT64_FORMAT, l->parked);
  delivered = g_strdup_printf ("%" G_GINT64_FORMAT, l->delivered);
  /* Translators: the outbox's counts; the list shows open reports and the latest deliveries. */
  description = g_strdup_printf (_ ("%1$s pending · %2$s parked · %3$s delivered. Parked reports "
                                    "were refused by the province and wait for a supervisor."),
                                 pending, parked, delivered);
  adw_preferences_group_set_description (self->outbox_group, description);
  gtk_widget_set_visible (self->retry_all_button, l->parked > 0);
  gtk_widget_set_visible (self->send_button, l->enrolled);
  if (l->rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _ ("No reports yet: every registration adds one"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->outbox_group, row);
      g_ptr_array_add (self->rows, row);
    }
  for (guint i = 0; i < l->rows->len; i++)
    {
      GtkWidget *row = make_row (self, g_ptr_array_index (l->rows, i));
      adw_preferences_group_add (self->outbox_group, row);
      g_ptr_array_add (self->rows, row);
    }
  self->loaded = TRUE;
}

static void
civ_reports_page_reload (CivPage *page)
{
  CivReportsPage *self = CIV_REPORTS_PAGE (page);

  if (self->session == NULL || civ_session_get_locked (self->session))
    return;
  self->loaded = FALSE;
  /* A reload must not cancel a requeue under way. */
  civ_report_listing_async (self->session, self, self->cancellable, on_list_done_cb, NULL);
}

static void
civ_reports_page_clear (CivPage *page)
{
  CivReportsPage *self = CIV_REPORTS_PAGE (page);

  civ_ui_renew_cancellable (&self->cancellable);
  set_busy (self, FALSE);
  remove_rows (self);
  self->loaded = FALSE;
  adw_action_row_set_subtitle (self->server_row, "");
  adw_action_row_set_subtitle (self->workstation_row, "");
  adw_action_row_set_subtitle (self->delivery_row, "");
  adw_action_row_set_subtitle (self->numbers_row, "");
}

static void
on_enroll_window_enrolled_cb (CivEnrollWindow *window, CivReportsPage *self)
{
  civ_reports_page_reload (CIV_PAGE (self));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.reports-changed", NULL);
}

/* "reports.enroll": the enrollment window. */
static void
enroll_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivReportsPage  *self = CIV_REPORTS_PAGE (widget);
  GtkRoot         *root = gtk_widget_get_root (GTK_WIDGET (self));
  CivEnrollWindow *window;

  if (self->session == NULL || !GTK_IS_WINDOW (root))
    return;
  window = civ_enroll_window_new (GTK_WINDOW (root), self->session);
  g_signal_connect_object (window, "enrolled", G_CALLBACK (on_enroll_window_enrolled_cb), self, 0);
  gtk_window_present (GTK_WINDOW (window));
}

static void
civ_reports_page_set_session (CivPage *page, CivSession *session)
{
  CivReportsPage *self = CIV_REPORTS_PAGE (page);

  g_set_object (&self->session, session);
}

guint
_civ_reports_page_get_n_rows (CivReportsPage *self)
{
  g_return_val_if_fail (CIV_IS_REPORTS_PAGE (self), 0);
  return g_hash_table_size (self->states);
}

const char *
_civ_reports_page_get_state (CivReportsPage *self, gint64 id)
{
  g_return_val_if_fail (CIV_IS_REPORTS_PAGE (self), NULL);
  return g_hash_table_lookup (self->states, &id);
}

GtkWidget *
_civ_reports_page_get_retry_button (CivReportsPage *self, gint64 id)
{
  g_return_val_if_fail (CIV_IS_REPORTS_PAGE (self), NULL);
  return g_hash_table_lookup (self->retries, &id);
}

gboolean
_civ_reports_page_is_loaded (CivReportsPage *self)
{
  g_return_val_if_fail (CIV_IS_REPORTS_PAGE (self), FALSE);
  return self->loaded && !self->busy;
}

static void
civ_reports_page_dispose (GObject *object)
{
  CivReportsPage *self = CIV_REPORTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->retries);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_REPORTS_PAGE);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (civ_reports_page_parent_class)->dispose (object);
}

static void
civ_reports_page_finalize (GObject *object)
{
  CivReportsPage *self = CIV_REPORTS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->rows);
  g_hash_table_unref (self->states);
  g_hash_table_unref (self->retries);
  G_OBJECT_CLASS (civ_reports_page_parent_class)->finalize (object);
}

static void
civ_reports_page_class_init (CivReportsPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_reports_page_dispose;
  object_class->finalize = civ_reports_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CivReportsPage, enroll_group);
  gtk_widget_class_bind_template_child (widget_class, CivReportsPage, enroll_button);
  gtk_widget_class_bind_template_child (widget_class, CivReportsPage, numbers_row);
  gtk_widget_class_bind_template_child (widget_class, CivReportsPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, CivReportsPage, workstation_row);
  gtk_widget_class_bind_template_child (widget_class, CivReportsPage, delivery_row);
  gtk_widget_class_bind_template_child (widget_class, CivReportsPage, outbox_group);
  gtk_widget_class_bind_template_child (widget_class, CivReportsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CivReportsPage, retry_all_button);
  gtk_widget_class_bind_template_child (widget_class, CivReportsPage, send_button);

  gtk_widget_class_install_action (widget_class, "reports.enroll", NULL, enroll_activated);
  gtk_widget_class_install_action (widget_class, "reports.requeue", "x", requeue_activated);
}

static void
civ_reports_page_page_init (CivPageInterface *iface)
{
  iface->id = "reports";
  iface->title = N_ ("Reports to the Province");
  iface->icon_name = "mail-send-symbolic";
  iface->permission = CIV_PERM_MANAGE_REPORTING;
  iface->set_session = civ_reports_page_set_session;
  iface->clear = civ_reports_page_clear;
  iface->reload = civ_reports_page_reload;
}

static void
civ_reports_page_init (CivReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->states = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->retries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}
