// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-sync-indicator.c — the header bar's view of the reports for the
 * province: pending, parked, last delivery; sends on demand and now and
 * then on its own (docs/provincial-protocol.md)
 *
 * Every outbox read is a job on the session's worker, the thread that owns
 * the store; a sync runs its database steps there and its POSTs on another
 * thread (civ_report_sync_async()), so a slow province never holds the
 * worker. Locking cancels a POST in flight.
 */
#include <glib/gi18n.h>

#include "civ-permissions.h"
#include "civ-report-service.h"
#include "civ-sync-indicator-private.h"
#include "civ-ui-util.h"

/* How often the counts are read again, and how often due reports go out. */
#define REFRESH_SECONDS 30
#define AUTO_SYNC_SECONDS 60
/* After a registration: deliver it this soon. */
#define NEW_REPORT_DELAY_MS 1500

struct _CivSyncIndicator
{
  AdwBin parent_instance;

  GtkMenuButton *menu_button;
  GtkImage      *icon;
  GtkLabel      *count_label;
  GtkLabel      *title_label;
  GtkLabel      *pending_label;
  GtkLabel      *parked_label;
  GtkLabel      *last_label;
  GtkLabel      *error_label;
  GtkSpinner    *spinner;
  GtkWidget     *send_button;

  CivSession   *session;
  GCancellable *cancellable;
  guint         refresh_source;
  guint         auto_source;
  guint         soon_source;
  gboolean      auto_sync;
  gboolean      syncing;
  gboolean      current; /* the labels show a finished read */
  gboolean      enrolled;
  gint64        pending;
  gint64        parked;
  char         *alarm; /* the last security alarm, until a sync succeeds */
  guint         syncs_ended;
};

G_DEFINE_FINAL_TYPE (CivSyncIndicator, civ_sync_indicator, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_SYNCING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_SYNCED,
  SIGNAL_SECURITY_ALARM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_syncing (CivSyncIndicator *self, gboolean syncing)
{
  if (self->syncing == syncing)
    return;
  self->syncing = syncing;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), syncing);
  gtk_spinner_set_spinning (self->spinner, syncing);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
}

static void
set_icon (CivSyncIndicator *self, const char *icon_name, const char *css)
{
  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_widget_remove_css_class (GTK_WIDGET (self->menu_button), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->menu_button), "warning");
  if (css)
    gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), css);
}

static void
show_status (CivSyncIndicator *self, const CivReportSummary *status)
{
  g_autofree char *pending = g_strdup_printf ("%" G_GINT64_FORMAT, status->pending);
  g_autofree char *parked = g_strdup_printf ("%" G_GINT64_FORMAT, status->parked);
  g_autofree char *last = status->last_delivery_at
                            ? civ_ui_format_local_time (status->last_delivery_at)
                            : g_strdup (_ ("Never"));
  g_autofree char *title = NULL;
  g_autofree char *tooltip = NULL;
  const char      *error = NULL;

  self->enrolled = status->enrolled;
  self->pending = status->pending;
  self->parked = status->parked;
  self->current = TRUE;
  gtk_label_set_label (self->pending_label, pending);
  gtk_label_set_label (self->parked_label, parked);
  gtk_label_set_label (self->last_label, last);

  if (self->alarm)
    {
      title = g_strdup (_ ("Security alarm: reports are held back"));
      error = self->alarm;
      set_icon (self, "channel-insecure-symbolic", "error");
    }
  else if (!status->enrolled)
    {
      title = g_strdup (_ ("This workstation is not enrolled with the province"));
      set_icon (self, "network-offline-symbolic", NULL);
    }
  else if (status->parked > 0)
    {
      title = g_strdup_printf (ngettext ("%s report is parked and needs a supervisor",
                                         "%s reports are parked and need a supervisor",
                                         (gulong) status->parked),
                               parked);
      error = status->last_error;
      set_icon (self, "dialog-warning-symbolic", "warning");
    }
  else if (status->pending > 0)
    {
      title = g_strdup_printf (ngettext ("%s report waits to be sent", "%s reports wait to be sent",
                                         (gulong) status->pending),
                               pending);
      error = status->last_error;
      set_icon (self, "emblem-synchronizing-symbolic", NULL);
    }
  else
    {
      title = g_strdup (_ ("Every report is delivered"));
      set_icon (self, "emblem-ok-symbolic", NULL);
    }
  gtk_label_set_label (self->title_label, title);
  civ_ui_show_message (self->error_label, error && *error ? error : NULL);
  {
    /* The header bar counts everything not yet delivered. */
    g_autofree char *open = g_strdup_printf ("%" G_GINT64_FORMAT, status->pending + status->parked);
    gtk_label_set_label (self->count_label, open);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), status->pending + status->parked > 0);
  gtk_widget_set_visible (self->send_button, status->enrolled);
  /* Translators: the tooltip of the header bar's reporting button. */
  tooltip = g_strdup_printf (_ ("Reports to the province: %s"), title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), tooltip);
}

static void
on_status_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivSyncIndicator *self = CIV_SYNC_INDICATOR (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivReportSummary) status = NULL;

  status = civ_report_summary_finish (self->session, result, &error);
  if (status == NULL)
    {
      /* Locked or logged out: the next unlock reads again. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !civ_session_get_locked (self->session))
        {
          g_autofree char *message = civ_ui_describe_error (error);
          civ_ui_show_message (self->error_label, message);
        }
      return;
    }
  show_status (self, status);
}

void
civ_sync_indicator_refresh (CivSyncIndicator *self)
{
  g_return_if_fail (CIV_IS_SYNC_INDICATOR (self));

  if (self->session == NULL || civ_session_get_locked (self->session))
    return;
  self->current = FALSE;
  civ_report_summary_async (self->session, self, self->cancellable, on_status_done_cb, NULL);
}

static char *
describe_outcome (const CivReportSyncOutcome *o)
{
  guint delivered = o->result.accepted + o->result.duplicates;

  if (!o->ok && o->error)
    return civ_ui_describe_error (o->error);
  if (o->result.parked > 0)
    return g_strdup_printf (ngettext ("Delivered %u, %u report parked",
                                      "Delivered %u, %u reports parked", o->result.parked),
                            delivered, o->result.parked);
  return g_strdup_printf (ngettext ("%u report delivered to the province",
                                    "%u reports delivered to the province", delivered),
                          delivered);
}

static void
on_sync_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivSyncIndicator *self = CIV_SYNC_INDICATOR (source);
  gboolean          manual = GPOINTER_TO_INT (user_data);
  g_autoptr (CivReportSyncOutcome) outcome = civ_report_sync_async_finish (result);
  g_autofree char *alarm = NULL;

  self->syncs_ended++;
  set_syncing (self, FALSE);
  if (g_error_matches (outcome->error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
      g_error_matches (outcome->error, G_IO_ERROR, G_IO_ERROR_CLOSED) ||
      civ_session_get_locked (self->session))
    /* Locked or logged out meanwhile: the reports wait, nothing to say. */
    return;
  if (g_error_matches (outcome->error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_SECURITY))
    /* Translators: %s says what was seen: which certificate check failed,
     * how the province refused this workstation, what its certificate says. */
    alarm = g_strdup_printf (_ ("Security alarm: %s"), outcome->error->message);
  else if (outcome->result.tampering)
    /* Translators: %s is the province's explanation. */
    alarm = g_strdup_printf (_ ("Security alarm: the province reports that this workstation's "
                                "audit history was rewritten. %s"),
                             outcome->result.tamper_detail ? outcome->result.tamper_detail : "");
  if (alarm)
    {
      g_free (self->alarm);
      self->alarm = g_strdup (alarm);
      g_signal_emit (self, signals[SIGNAL_SECURITY_ALARM], 0, alarm);
    }
  else if (outcome->ok)
    g_clear_pointer (&self->alarm, g_free);

  if (manual && !g_error_matches (outcome->error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_NOT_ENROLLED))
    {
      g_autofree char *message = describe_outcome (outcome);
      civ_ui_toast (GTK_WIDGET (self), message);
    }
  g_signal_emit (self, signals[SIGNAL_SYNCED], 0, manual);
  civ_sync_indicator_refresh (self);
}

static void
start_sync (CivSyncIndicator *self, gboolean manual)
{
  CivReportSyncOptions options = { .ignore_schedule = manual };

  if (self->session == NULL || self->syncing || civ_session_get_locked (self->session) ||
      civ_session_is_closed (self->session) ||
      !civ_role_allows (civ_session_get_role (self->session), CIV_PERM_SEND_REPORTS))
    return;
  set_syncing (self, TRUE);
  /* A person asking ignores the retry schedule; the timer follows it. */
  civ_session_sync_reports (self->session, self, &options, self->cancellable, on_sync_done_cb,
                            GINT_TO_POINTER (manual));
}

void
civ_sync_indicator_send_now (CivSyncIndicator *self)
{
  g_return_if_fail (CIV_IS_SYNC_INDICATOR (self));
  start_sync (self, TRUE);
}

static gboolean
on_refresh_timeout_cb (gpointer user_data)
{
  civ_sync_indicator_refresh (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_auto_sync_timeout_cb (gpointer user_data)
{
  CivSyncIndicator *self = user_data;

  if (self->auto_sync && self->enrolled && self->pending > 0 && self->alarm == NULL)
    start_sync (self, FALSE);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_soon_timeout_cb (gpointer user_data)
{
  CivSyncIndicator *self = user_data;

  self->soon_source = 0;
  if (self->auto_sync && self->enrolled && self->alarm == NULL)
    start_sync (self, FALSE);
  return G_SOURCE_REMOVE;
}

void
civ_sync_indicator_note_new_reports (CivSyncIndicator *self)
{
  g_return_if_fail (CIV_IS_SYNC_INDICATOR (self));

  civ_sync_indicator_refresh (self);
  if (self->auto_sync && self->soon_source == 0)
    self->soon_source = g_timeout_add (NEW_REPORT_DELAY_MS, on_soon_timeout_cb, self);
}

gboolean
civ_sync_indicator_get_syncing (CivSyncIndicator *self)
{
  g_return_val_if_fail (CIV_IS_SYNC_INDICATOR (self), FALSE);
  return self->syncing;
}

void
civ_sync_indicator_clear (CivSyncIndicator *self)
{
  g_return_if_fail (CIV_IS_SYNC_INDICATOR (self));

  civ_ui_renew_cancellable (&self->cancellable);
  set_syncing (self, FALSE);
  self->current = FALSE;
  gtk_menu_button_popdown (self->menu_button);
  gtk_label_set_label (self->pending_label, "");
  gtk_label_set_label (self->parked_label, "");
  gtk_label_set_label (self->last_label, "");
  gtk_label_set_label (self->title_label, "");
  civ_ui_show_message (self->error_label, NULL);
}

void
civ_sync_indicator_set_session (CivSyncIndicator *self, CivSession *session)
{
  g_return_if_fail (CIV_IS_SYNC_INDICATOR (self));
  g_return_if_fail (CIV_IS_SESSION (session));

  g_set_object (&self->session, session);
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add_seconds (REFRESH_SECONDS, on_refresh_timeout_cb, self);
  if (self->auto_source == 0)
    self->auto_source = g_timeout_add_seconds (AUTO_SYNC_SECONDS, on_auto_sync_timeout_cb, self);
  civ_sync_indicator_refresh (self);
}

gint64
_civ_sync_indicator_get_pending (CivSyncIndicator *self)
{
  g_return_val_if_fail (CIV_IS_SYNC_INDICATOR (self), -1);
  return self->pending;
}

gint64
_civ_sync_indicator_get_parked (CivSyncIndicator *self)
{
  g_return_val_if_fail (CIV_IS_SYNC_INDICATOR (self), -1);
  return self->parked;
}

const char *
_civ_sync_indicator_get_title (CivSyncIndicator *self)
{
  g_return_val_if_fail (CIV_IS_SYNC_INDICATOR (self), NULL);
  return gtk_label_get_label (self->title_label);
}

gboolean
_civ_sync_indicator_is_current (CivSyncIndicator *self)
{
  g_return_val_if_fail (CIV_IS_SYNC_INDICATOR (self), FALSE);
  return self->current && !self->syncing;
}

void
_civ_sync_indicator_set_auto_sync (CivSyncIndicator *self, gboolean auto_sync)
{
  g_return_if_fail (CIV_IS_SYNC_INDICATOR (self));
  self->auto_sync = auto_sync;
}

static void
civ_sync_indicator_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CivSyncIndicator *self = CIV_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_SYNCING:
      g_value_set_boolean (value, self->syncing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civ_sync_indicator_dispose (GObject *object)
{
  CivSyncIndicator *self = CIV_SYNC_INDICATOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->auto_source, g_source_remove);
  g_clear_handle_id (&self->soon_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_SYNC_INDICATOR);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (civ_sync_indicator_parent_class)->dispose (object);
}

static void
civ_sync_indicator_finalize (GObject *object)
{
  CivSyncIndicator *self = CIV_SYNC_INDICATOR (object);

  g_clear_object (&self->cancellable);
  g_free (self->alarm);
  G_OBJECT_CLASS (civ_sync_indicator_parent_class)->finalize (object);
}

static void
civ_sync_indicator_class_init (CivSyncIndicatorClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_sync_indicator_dispose;
  object_class->finalize = civ_sync_indicator_finalize;
  object_class->get_property = civ_sync_indicator_get_property;

  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After every sync; the argument says whether a person asked for it. */
  signals[SIGNAL_SYNCED] = g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /* A certificate, pin or client-certificate failure, or reported tampering. */
  signals[SIGNAL_SECURITY_ALARM] =
    g_signal_new ("security-alarm", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, CivSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, CivSyncIndicator, count_label);
  gtk_widget_class_bind_template_child (widget_class, CivSyncIndicator, title_label);
  gtk_widget_class_bind_template_child (widget_class, CivSyncIndicator, pending_label);
  gtk_widget_class_bind_template_child (widget_class, CivSyncIndicator, parked_label);
  gtk_widget_class_bind_template_child (widget_class, CivSyncIndicator, last_label);
  gtk_widget_class_bind_template_child (widget_class, CivSyncIndicator, error_label);
  gtk_widget_class_bind_template_child (widget_class, CivSyncIndicator, spinner);
  gtk_widget_class_bind_template_child (widget_class, CivSyncIndicator, send_button);
}

static void
civ_sync_indicator_init (CivSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's own child: not a bound template child, which the template's
   * disposal would unparent behind AdwBin's back. */
  self->menu_button = GTK_MENU_BUTTON (adw_bin_get_child (ADW_BIN (self)));
  self->cancellable = g_cancellable_new ();
  self->auto_sync = TRUE;
}

guint
_civ_sync_indicator_get_syncs_ended (CivSyncIndicator *self)
{
  g_return_val_if_fail (CIV_IS_SYNC_INDICATOR (self), 0);
  return self->syncs_ended;
}
