// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-application.c — the civreg GUI: set-up, login, main window, locking */
#include "civ-config.h"

#include "civ-application-private.h"

#include <glib/gi18n.h>

#include "civ-office.h"
#include "civ-password-dialog.h"
#include "civ-password-policy.h"
#include "civ-ui-util.h"

/* How often the idle lock looks at the clock. */
#define IDLE_CHECK_SECONDS 5
#define DEFAULT_IDLE_LOCK_MINUTES 5

struct _CivApplication
{
  AdwApplication parent_instance;

  char       *data_dir;
  CivWorker  *worker;
  GSettings  *settings;
  CivSession *session;
  gulong      locked_handler;

  CivSetupWindow *setup_window;
  CivLoginWindow *login_window;
  CivMainWindow  *main_window;

  gint64 last_activity;
  guint  idle_source;
};

G_DEFINE_FINAL_TYPE (CivApplication, civ_application, ADW_TYPE_APPLICATION)

static void show_login (CivApplication *self);

static void
update_actions (CivApplication *self)
{
  gboolean open = self->session != NULL && !civ_session_get_locked (self->session);
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "lock");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), open);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "change-password");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), open);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "logout");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->session != NULL);
}

/* Dialogs, the about window, … go away on lock and log-out: only the main
 * window (showing the lock screen) or the login window stays. */
static void
close_other_windows (CivApplication *self, GtkWindow *keep)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l; l = l->next)
    if (l->data != keep)
      {
        /* Focus out first, so no text entry keeps its cursor blinking. */
        gtk_window_set_focus (GTK_WINDOW (l->data), NULL);
        gtk_window_destroy (GTK_WINDOW (l->data));
      }
  g_list_free (windows);
}

static void
lock_session (CivApplication *self)
{
  if (self->session == NULL || civ_session_get_locked (self->session))
    return;
  close_other_windows (self, GTK_WINDOW (self->main_window));
  civ_session_lock (self->session);
}

static void
drop_session (CivApplication *self)
{
  if (self->session == NULL)
    return;
  g_clear_signal_handler (&self->locked_handler, self->session);
  civ_session_close (self->session);
  g_clear_object (&self->session);
  update_actions (self);
}

static void
on_session_locked_changed_cb (CivSession *session, GParamSpec *pspec, CivApplication *self)
{
  update_actions (self);
  self->last_activity = g_get_monotonic_time ();
}

static void ask_for_new_password (CivApplication *self);

static void
on_login_window_logged_in_cb (CivLoginWindow *login_window,
                              CivSession     *session,
                              CivApplication *self)
{
  CivMainWindow *main_window;

  drop_session (self);
  self->session = g_object_ref (session);
  self->locked_handler =
    g_signal_connect_object (session, "notify::locked", G_CALLBACK (on_session_locked_changed_cb),
                             self, 0);
  self->last_activity = g_get_monotonic_time ();
  update_actions (self);

  /* The new window first, so the application never runs out of windows. */
  main_window = civ_main_window_new (GTK_APPLICATION (self), session);
  g_set_weak_pointer (&self->main_window, main_window);
  gtk_window_present (GTK_WINDOW (main_window));
  close_other_windows (self, GTK_WINDOW (main_window));
  if (civ_office_password_expired (session))
    ask_for_new_password (self);
}

static void
on_setup_window_finished_cb (CivSetupWindow *setup_window, CivApplication *self)
{
  show_login (self);
}

static void
show_login (CivApplication *self)
{
  CivLoginWindow *login_window =
    civ_login_window_new (GTK_APPLICATION (self), self->worker, self->data_dir);

  g_set_weak_pointer (&self->login_window, login_window);
  g_signal_connect_object (login_window, "logged-in", G_CALLBACK (on_login_window_logged_in_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (login_window));
  close_other_windows (self, GTK_WINDOW (login_window));
}

static void
show_setup (CivApplication *self)
{
  CivSetupWindow *setup_window =
    civ_setup_window_new (GTK_APPLICATION (self), self->worker, self->data_dir);

  g_set_weak_pointer (&self->setup_window, setup_window);
  g_signal_connect_object (setup_window, "finished", G_CALLBACK (on_setup_window_finished_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (setup_window));
}

static void
lock_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  lock_session (CIV_APPLICATION (user_data));
}

static void
logout_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CivApplication *self = CIV_APPLICATION (user_data);

  if (self->session == NULL)
    return;
  drop_session (self);
  show_login (self);
}

static void
on_password_dialog_done_cb (CivPasswordDialog *dialog, CivApplication *self)
{
  if (self->main_window)
    civ_main_window_add_toast (self->main_window, _ ("Your password was changed."));
}

static void
on_expired_dialog_done_cb (CivPasswordDialog *dialog, CivApplication *self)
{
  g_object_set_data (G_OBJECT (dialog), "civ-changed", GINT_TO_POINTER (TRUE));
  on_password_dialog_done_cb (dialog, self);
}

/* An expired password is changed before work starts: closing the dialog
 * without a new password logs out. */
static void
on_expired_dialog_destroy_cb (CivPasswordDialog *dialog, CivApplication *self)
{
  if (g_object_get_data (G_OBJECT (dialog), "civ-changed") == NULL && self->session != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (self), "logout", NULL);
}

static void
ask_for_new_password (CivApplication *self)
{
  CivPasswordDialog *dialog =
    civ_password_dialog_new_change_own (GTK_WINDOW (self->main_window), self->session);

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_title (GTK_WINDOW (dialog), _ ("Your Password Has Expired"));
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_expired_dialog_done_cb), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_expired_dialog_destroy_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
change_password_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CivApplication    *self = CIV_APPLICATION (user_data);
  CivPasswordDialog *dialog;

  if (self->session == NULL || self->main_window == NULL || civ_session_get_locked (self->session))
    return;
  dialog = civ_password_dialog_new_change_own (GTK_WINDOW (self->main_window), self->session);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_password_dialog_done_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
about_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CivApplication    *self = CIV_APPLICATION (user_data);
  static const char *developers[] = { "Civreg developers", NULL };
  GtkWindow         *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget         *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW, "transient-for", parent, "application", self,
                        "application-name", _ ("Civreg"), "application-icon", CIV_APP_ID, "version",
                        CIV_VERSION, "comments",
                        _ ("Civil-affairs registration for registry offices: "
                           "marriage, adoption and funeral registration."),
                        "developer-name", _ ("Civreg developers"), "developers", developers,
                        "copyright", _ ("© Civreg developers"), "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line. */
                        "translator-credits", _ ("translator-credits"), NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  CivApplication *self = CIV_APPLICATION (user_data);

  close_other_windows (self, NULL);
}

static const GActionEntry app_actions[] = {
  { "lock", lock_activated },
  { "logout", logout_activated },
  { "change-password", change_password_activated },
  { "about", about_activated },
  { "quit", quit_activated },
};

void
_civ_application_check_idle (CivApplication *self, gint64 now_us)
{
  int minutes = DEFAULT_IDLE_LOCK_MINUTES;

  if (self->session == NULL || civ_session_get_locked (self->session))
    return;
  if (self->settings)
    minutes = g_settings_get_int (self->settings, "idle-lock-minutes");
  if (minutes <= 0)
    return;
  if (now_us - self->last_activity >= (gint64) minutes * 60 * G_USEC_PER_SEC)
    lock_session (self);
}

static gboolean
on_idle_check_cb (gpointer user_data)
{
  _civ_application_check_idle (CIV_APPLICATION (user_data), g_get_monotonic_time ());
  return G_SOURCE_CONTINUE;
}

static gboolean
on_window_event_cb (GtkEventControllerLegacy *controller, GdkEvent *event, CivApplication *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_KEY_RELEASE:
    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCH_END:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      self->last_activity = g_get_monotonic_time ();
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
on_window_map_cb (GtkWidget *window)
{
  civ_ui_fix_tooltips (window);
}

static void
civ_application_window_added (GtkApplication *application, GtkWindow *window)
{
  CivApplication     *self = CIV_APPLICATION (application);
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  GTK_APPLICATION_CLASS (civ_application_parent_class)->window_added (application, window);
  /* Short tooltips on one line, in every window, for the widgets it has by
   * the time it shows. */
  g_signal_connect (window, "map", G_CALLBACK (on_window_map_cb), NULL);

  /* Capture phase: every key and pointer event in any window counts as
   * activity before a widget can swallow it. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "civreg-idle-watch");
  g_signal_connect_object (controller, "event", G_CALLBACK (on_window_event_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}

static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source)
    schema = g_settings_schema_source_lookup (source, CIV_APP_ID, TRUE);
  if (schema == NULL)
    {
      g_warning ("The settings schema %s is not installed; locking after %d idle minutes",
                 CIV_APP_ID, DEFAULT_IDLE_LOCK_MINUTES);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
civ_application_startup (GApplication *application)
{
  CivApplication    *self = CIV_APPLICATION (application);
  static const char *lock_accels[] = { "<Control>l", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (civ_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (CIV_APP_ID);
  self->worker = civ_worker_new ();
  self->settings = load_settings ();
  civ_security_policy_apply (self->settings);
  self->last_activity = g_get_monotonic_time ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.lock", lock_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  update_actions (self);

  self->idle_source = g_timeout_add_seconds (IDLE_CHECK_SECONDS, on_idle_check_cb, self);
}

static void
civ_application_activate (GApplication *application)
{
  CivApplication *self = CIV_APPLICATION (application);

  if (self->main_window)
    gtk_window_present (GTK_WINDOW (self->main_window));
  else if (self->login_window)
    gtk_window_present (GTK_WINDOW (self->login_window));
  else if (self->setup_window)
    gtk_window_present (GTK_WINDOW (self->setup_window));
  else if (civ_office_exists (self->data_dir))
    show_login (self);
  else
    show_setup (self);
}

static void
civ_application_shutdown (GApplication *application)
{
  CivApplication *self = CIV_APPLICATION (application);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  drop_session (self);
  /* Waits for the log-out and any running job: the data key is wiped
   * before the process ends. */
  if (self->worker)
    civ_worker_shutdown (self->worker);

  G_APPLICATION_CLASS (civ_application_parent_class)->shutdown (application);
}

static int
civ_application_handle_local_options (GApplication *application, GVariantDict *options)
{
  CivApplication  *self = CIV_APPLICATION (application);
  g_autofree char *data_dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("civreg %s\n", CIV_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "data-dir", "^ay", &data_dir) && *data_dir)
    {
      g_free (self->data_dir);
      self->data_dir = g_canonicalize_filename (data_dir, NULL);
    }
  return -1;
}

static void
civ_application_dispose (GObject *object)
{
  CivApplication *self = CIV_APPLICATION (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_weak_pointer (&self->setup_window);
  g_clear_weak_pointer (&self->login_window);
  g_clear_weak_pointer (&self->main_window);
  drop_session (self);
  g_clear_object (&self->worker);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (civ_application_parent_class)->dispose (object);
}

static void
civ_application_finalize (GObject *object)
{
  CivApplication *self = CIV_APPLICATION (object);

  g_free (self->data_dir);
  G_OBJECT_CLASS (civ_application_parent_class)->finalize (object);
}

static void
civ_application_class_init (CivApplicationClass *klass)
{
  GObjectClass        *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass   *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = civ_application_dispose;
  object_class->finalize = civ_application_finalize;
  app_class->startup = civ_application_startup;
  app_class->activate = civ_application_activate;
  app_class->shutdown = civ_application_shutdown;
  app_class->handle_local_options = civ_application_handle_local_options;
  gtk_app_class->window_added = civ_application_window_added;
}

static void
civ_application_init (CivApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "data-dir", 'd', G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_FILENAME,
                                 _ ("The folder that holds the office's records"), _ ("DIR"));
  g_application_add_main_option (G_APPLICATION (self), "version", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE, _ ("Show the version and exit"), NULL);
}

CivApplication *
civ_application_new (const char *data_dir, GApplicationFlags flags)
{
  CivApplication *self =
    g_object_new (CIV_TYPE_APPLICATION, "application-id", CIV_APP_ID, "flags", flags, NULL);

  if (data_dir != NULL)
    self->data_dir = g_canonicalize_filename (data_dir, NULL);
  else
    self->data_dir = g_build_filename (g_get_user_data_dir (), "civreg", NULL);
  return self;
}

const char *
civ_application_get_data_dir (CivApplication *self)
{
  g_return_val_if_fail (CIV_IS_APPLICATION (self), NULL);
  return self->data_dir;
}

CivWorker *
_civ_application_get_worker (CivApplication *self)
{
  return self->worker;
}

CivSession *
_civ_application_get_session (CivApplication *self)
{
  return self->session;
}

CivSetupWindow *
_civ_application_get_setup_window (CivApplication *self)
{
  return self->setup_window;
}

CivLoginWindow *
_civ_application_get_login_window (CivApplication *self)
{
  return self->login_window;
}

CivMainWindow *
_civ_application_get_main_window (CivApplication *self)
{
  return self->main_window;
}
