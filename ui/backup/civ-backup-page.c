// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-backup-page.c — backups of the office: made now or on a schedule,
 * verified, restored into a new folder (issue 12, item 3) */
#include <glib/gi18n.h>

#include "civ-backup-page-private.h"
#include "civ-backup-service.h"
#include "civ-page.h"
#include "civ-permissions.h"
#include "civ-ui-util.h"

struct _CivBackupPage
{
  AdwBin parent_instance;

  AdwPreferencesGroup *list_group;
  AdwActionRow        *status_row;
  AdwActionRow        *folder_row;
  GtkProgressBar      *progress_bar;
  GtkButton           *cancel_button;
  GtkSpinButton       *interval_spin;
  GtkSpinButton       *copies_spin;

  CivSession   *session;
  GSettings    *settings;
  GCancellable *cancellable;        /* the listing, verify, restore */
  GCancellable *backup_cancellable; /* the backup under way */
  GPtrArray    *rows;
  guint         busy; /* jobs under way */
  gboolean      creating;
  char         *report;
  gboolean      report_ok;
};

static void civ_backup_page_page_init (CivPageInterface *iface);
static void civ_backup_page_reload (CivPage *page);

G_DEFINE_FINAL_TYPE_WITH_CODE (CivBackupPage,
                               civ_backup_page,
                               ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CIV_TYPE_PAGE, civ_backup_page_page_init))

static char *
current_folder (CivBackupPage *self)
{
  return self->settings ? g_settings_get_string (self->settings, "backup-folder") : g_strdup ("");
}

static void
update_actions (CivBackupPage *self)
{
  g_autofree char *folder = current_folder (self);
  gboolean         ready = self->session != NULL && !self->creating;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.create", ready && folder[0] != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.cancel", self->creating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.verify", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.restore", ready);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), self->creating);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), self->creating);
  adw_action_row_set_subtitle (self->folder_row, folder[0] ? folder
                                                           : _ ("None chosen: choose a folder on "
                                                                "another disk, a removable drive "
                                                                "or a share"));
}

static void
set_status (CivBackupPage *self, const char *text)
{
  adw_action_row_set_subtitle (self->status_row, text);
}

static void
remove_rows (CivBackupPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->list_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static char *
describe_size (gint64 bytes)
{
  return g_format_size ((guint64) MAX (bytes, 0));
}

static char *
local_time (const char *iso)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr (GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (iso);
}

static GtkWidget *
make_row (const CivBackupInfo *info)
{
  GtkWidget       *row = adw_action_row_new ();
  g_autofree char *when = local_time (info->created_at);
  g_autofree char *size = describe_size (info->size_bytes);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  /* Translators: %1$s is a size such as "2.1 MB", %2$s a user name. A
   * backup is kept only once it was checked after writing. */
  subtitle =
    g_strdup_printf (_ ("%1$s · made by %2$s · verified after writing"), size, info->created_by);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "civ-path", g_strdup (info->path), g_free);
  return row;
}

static void
list_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  const char *const *args = task_data;
  GError            *error = NULL;
  GPtrArray         *list = civ_backup_list (args[0], args[1], &error);

  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_list_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivBackupPage *self = CIV_BACKUP_PAGE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = g_task_propagate_pointer (G_TASK (result), &error);

  self->busy--;
  remove_rows (self);
  if (list == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, error->message);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      GtkWidget *row = make_row (g_ptr_array_index (list, i));

      adw_preferences_group_add (self->list_group, row);
      g_ptr_array_add (self->rows, row);
    }
  if (list->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("No backup of this office yet"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->list_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

/* Lists the folder on a thread of its own (no database; the folder may be
 * a slow share). */
static void
civ_backup_page_reload (CivPage *page)
{
  CivBackupPage *self = CIV_BACKUP_PAGE (page);
  g_autoptr (GTask) task = NULL;
  char **args;

  if (self->session == NULL)
    return;
  civ_ui_renew_cancellable (&self->cancellable);
  update_actions (self);
  args = g_new0 (char *, 3);
  args[0] = current_folder (self);
  args[1] = g_strdup (civ_session_get_office_code (self->session));
  task = g_task_new (self, self->cancellable, on_list_done_cb, NULL);
  g_task_set_task_data (task, args, (GDestroyNotify) g_strfreev);
  self->busy++;
  g_task_run_in_thread (task, list_thread);
}

/* The report of a verification or a restore, in a dialog. */
static void
show_report (CivBackupPage *self, const char *heading, const char *body, gboolean ok)
{
  GtkRoot          *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  g_free (self->report);
  self->report = g_strdup (body);
  self->report_ok = ok;
  if (!GTK_IS_WINDOW (root))
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root), heading, body));
  adw_message_dialog_add_responses (dialog, "close", _ ("_Close"), NULL);
  adw_message_dialog_set_body_use_markup (dialog, FALSE);
  gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (GTK_WINDOW (root)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_progress (int copied, int total, gpointer user_data)
{
  CivBackupPage   *self = user_data;
  g_autofree char *text = NULL;

  if (total <= 0)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, (double) copied / total);
  /* Translators: a backup's progress, in per cent. */
  text = g_strdup_printf (_ ("%d %%"), (int) (100.0 * copied / total));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
on_create_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CivBackupPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivBackupInfo) info = civ_backup_create_finish (CIV_SESSION (source), result, &error);
  g_autofree char *message = NULL;

  self->creating = FALSE;
  self->busy--;
  g_clear_object (&self->backup_cancellable);
  if (self->session == NULL)
    return;
  if (info == NULL)
    message = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                ? g_strdup (_ ("The backup was cancelled; nothing was kept."))
                : civ_ui_describe_error (error);
  else
    {
      g_autofree char *size = describe_size (info->size_bytes);
      /* Translators: %1$s is a folder, %2$s a size such as "2.1 MB". */
      message = g_strdup_printf (_ ("Backed up and verified: %1$s (%2$s)"), info->path, size);
    }
  set_status (self, message);
  civ_ui_toast (GTK_WIDGET (self), message);
  update_actions (self);
  civ_backup_page_reload (CIV_PAGE (self));
}

static void
start_backup (CivBackupPage *self)
{
  g_autofree char *folder = current_folder (self);

  if (self->session == NULL || self->creating || folder[0] == '\0')
    return;
  self->creating = TRUE;
  self->busy++;
  self->backup_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_status (self, _ ("Checking the database, then copying it…"));
  update_actions (self);
  civ_backup_create_async (self->session, folder,
                           g_settings_get_uint (self->settings, "backup-copies"), FALSE,
                           self->backup_cancellable, on_progress, self, on_create_done_cb,
                           g_object_ref (self));
}

/* "backup.create" */
static void
create_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  start_backup (CIV_BACKUP_PAGE (widget));
}

/* "backup.cancel": between two steps; the partial backup is deleted. */
static void
cancel_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivBackupPage *self = CIV_BACKUP_PAGE (widget);

  if (self->backup_cancellable)
    g_cancellable_cancel (self->backup_cancellable);
}

typedef void (*ChosenFunc) (CivBackupPage *self, const char *path, gpointer data);

typedef struct
{
  CivBackupPage *self;
  ChosenFunc     func;
  char          *data;
} Chooser;

static void
on_chooser_response_cb (GtkNativeDialog *native, int response, gpointer user_data)
{
  Chooser *c = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path)
        c->func (c->self, path, c->data);
    }
  g_object_unref (c->self);
  g_free (c->data);
  g_free (c);
  g_object_unref (native);
}

static void
choose_folder (CivBackupPage *self,
               const char    *title,
               const char    *accept,
               const char    *start,
               ChosenFunc     func,
               const char    *data)
{
  GtkRoot              *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *native =
    gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, accept, _ ("_Cancel"));
  Chooser *c = g_new0 (Chooser, 1);

  if (start && start[0])
    {
      g_autoptr (GFile) dir = g_file_new_for_path (start);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), dir, NULL);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  c->self = g_object_ref (self);
  c->func = func;
  c->data = g_strdup (data);
  g_signal_connect (native, "response", G_CALLBACK (on_chooser_response_cb), c);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
folder_chosen (CivBackupPage *self, const char *path, gpointer data)
{
  _civ_backup_page_set_folder (self, path);
}

/* "backup.choose-folder" */
static void
choose_folder_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivBackupPage   *self = CIV_BACKUP_PAGE (widget);
  g_autofree char *folder = current_folder (self);

  choose_folder (self, _ ("Choose the Backup Folder"), _ ("_Choose"), folder, folder_chosen, NULL);
}

static void
on_verify_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CivBackupPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivBackupInfo) info = civ_backup_verify_finish (CIV_SESSION (source), result, &error);

  self->busy--;
  if (self->session == NULL)
    return;
  if (info == NULL)
    {
      g_autofree char *message = civ_ui_describe_error (error);
      show_report (self, _ ("The Backup Is Not Usable"), message, FALSE);
    }
  else
    {
      g_autofree char *text = civ_backup_info_describe (info);
      show_report (self, _ ("The Backup Is Whole"), text, TRUE);
    }
}

static void
verify_chosen (CivBackupPage *self, const char *path, gpointer data)
{
  _civ_backup_page_verify (self, path);
}

/* "backup.verify": choose a backup's folder, verify it. */
static void
verify_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivBackupPage   *self = CIV_BACKUP_PAGE (widget);
  g_autofree char *folder = current_folder (self);

  choose_folder (self, _ ("Choose a Backup to Verify"), _ ("_Verify"), folder, verify_chosen, NULL);
}

static void
on_restore_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CivBackupPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivBackupInfo) info = civ_backup_restore_finish (CIV_SESSION (source), result, &error);

  self->busy--;
  if (self->session == NULL)
    return;
  if (info == NULL)
    {
      g_autofree char *message = civ_ui_describe_error (error);
      show_report (self, _ ("Nothing Was Restored"), message, FALSE);
    }
  else
    {
      g_autofree char *text = civ_backup_info_describe (info);
      show_report (self, _ ("The Backup Was Restored into a New Folder"), text, TRUE);
    }
}

static void
target_chosen (CivBackupPage *self, const char *target, gpointer data)
{
  _civ_backup_page_restore (self, data, target);
}

static void
restore_source_chosen (CivBackupPage *self, const char *path, gpointer data)
{
  choose_folder (self, _ ("Choose a New, Empty Folder for the Restored Office"),
                 _ ("_Restore Here"), NULL, target_chosen, path);
}

/* "backup.restore": choose a backup, then a new folder; never over an office. */
static void
restore_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivBackupPage   *self = CIV_BACKUP_PAGE (widget);
  g_autofree char *folder = current_folder (self);

  choose_folder (self, _ ("Choose a Backup to Restore"), _ ("_Next"), folder, restore_source_chosen,
                 NULL);
}

static void
on_interval_changed_cb (CivBackupPage *self)
{
  if (self->settings)
    g_settings_set_uint (self->settings, "backup-interval-hours",
                         (guint) gtk_spin_button_get_value_as_int (self->interval_spin));
}

static void
on_copies_changed_cb (CivBackupPage *self)
{
  if (self->settings)
    g_settings_set_uint (self->settings, "backup-copies",
                         (guint) gtk_spin_button_get_value_as_int (self->copies_spin));
}

static void
civ_backup_page_clear (CivPage *page)
{
  CivBackupPage *self = CIV_BACKUP_PAGE (page);

  g_cancellable_cancel (self->cancellable);
  if (self->backup_cancellable)
    g_cancellable_cancel (self->backup_cancellable);
  remove_rows (self);
  g_clear_pointer (&self->report, g_free);
}

static void
civ_backup_page_set_session (CivPage *page, CivSession *session)
{
  CivBackupPage *self = CIV_BACKUP_PAGE (page);

  g_set_object (&self->session, session);
  if (self->settings == NULL)
    {
      self->settings = g_settings_new ("org.civreg.Civreg");
      gtk_spin_button_set_value (self->interval_spin,
                                 g_settings_get_uint (self->settings, "backup-interval-hours"));
      gtk_spin_button_set_value (self->copies_spin,
                                 g_settings_get_uint (self->settings, "backup-copies"));
      g_signal_connect_object (self->interval_spin, "value-changed",
                               G_CALLBACK (on_interval_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->copies_spin, "value-changed",
                               G_CALLBACK (on_copies_changed_cb), self, G_CONNECT_SWAPPED);
    }
  set_status (self, _ ("No backup made in this session yet"));
  update_actions (self);
}

void
_civ_backup_page_set_folder (CivBackupPage *self, const char *folder)
{
  g_return_if_fail (CIV_IS_BACKUP_PAGE (self));
  if (self->settings == NULL)
    return;
  g_settings_set_string (self->settings, "backup-folder", folder);
  update_actions (self);
  civ_backup_page_reload (CIV_PAGE (self));
}

guint
_civ_backup_page_get_n_backups (CivBackupPage *self)
{
  guint n = 0;

  for (guint i = 0; i < self->rows->len; i++)
    if (g_object_get_data (g_ptr_array_index (self->rows, i), "civ-path") != NULL)
      n++;
  return n;
}

gboolean
_civ_backup_page_is_busy (CivBackupPage *self)
{
  return self->busy > 0;
}

const char *
_civ_backup_page_get_status (CivBackupPage *self)
{
  return adw_action_row_get_subtitle (self->status_row);
}

void
_civ_backup_page_verify (CivBackupPage *self, const char *path)
{
  if (self->session == NULL)
    return;
  self->busy++;
  civ_backup_verify_async (self->session, path, self->cancellable, on_verify_done_cb,
                           g_object_ref (self));
}

void
_civ_backup_page_restore (CivBackupPage *self, const char *path, const char *target)
{
  if (self->session == NULL)
    return;
  self->busy++;
  civ_backup_restore_async (self->session, path, target, self->cancellable, on_restore_done_cb,
                            g_object_ref (self));
}

const char *
_civ_backup_page_get_report (CivBackupPage *self)
{
  return self->report;
}

gboolean
_civ_backup_page_get_report_ok (CivBackupPage *self)
{
  return self->report_ok;
}

static void
civ_backup_page_dispose (GObject *object)
{
  CivBackupPage *self = CIV_BACKUP_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->backup_cancellable)
    g_cancellable_cancel (self->backup_cancellable);
  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_BACKUP_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (civ_backup_page_parent_class)->dispose (object);
}

static void
civ_backup_page_finalize (GObject *object)
{
  CivBackupPage *self = CIV_BACKUP_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->backup_cancellable);
  g_ptr_array_unref (self->rows);
  g_free (self->report);
  G_OBJECT_CLASS (civ_backup_page_parent_class)->finalize (object);
}

static void
civ_backup_page_class_init (CivBackupPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_backup_page_dispose;
  object_class->finalize = civ_backup_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-backup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CivBackupPage, list_group);
  gtk_widget_class_bind_template_child (widget_class, CivBackupPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, CivBackupPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, CivBackupPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CivBackupPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CivBackupPage, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, CivBackupPage, copies_spin);

  gtk_widget_class_install_action (widget_class, "backup.create", NULL, create_activated);
  gtk_widget_class_install_action (widget_class, "backup.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "backup.choose-folder", NULL,
                                   choose_folder_activated);
  gtk_widget_class_install_action (widget_class, "backup.verify", NULL, verify_activated);
  gtk_widget_class_install_action (widget_class, "backup.restore", NULL, restore_activated);
}

static void
civ_backup_page_page_init (CivPageInterface *iface)
{
  iface->id = "backup";
  iface->title = N_ ("Backups");
  iface->icon_name = "drive-harddisk-symbolic";
  iface->permission = CIV_PERM_MANAGE_BACKUPS;
  iface->set_session = civ_backup_page_set_session;
  iface->clear = civ_backup_page_clear;
  iface->reload = civ_backup_page_reload;
}

static void
civ_backup_page_init (CivBackupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  /* Rows are owned by the group; the array only remembers which to remove. */
  self->rows = g_ptr_array_new ();
}
