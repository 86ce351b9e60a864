// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-main-window.c — the signed-in workstation: sidebar, pages, lock screen */
#include "civ-main-window-private.h"

#include <glib/gi18n.h>

#include "civ-backup-schedule.h"
#include "civ-backup-service.h"
#include "civ-divorce-lapses.h"
#include "civ-adoption-page.h"
#include "civ-funeral-page.h"
#include "civ-divorce-page.h"
#include "civ-lock-page.h"
#include "civ-office.h"
#include "civ-page.h"
#include "civ-permissions.h"
#include "civ-print-calibration.h"
#include "civ-record-view.h"
#include "civ-search-page.h"
#include "civ-sync-indicator.h"
#include "civ-ui-util.h"

/* How often the window looks whether the date has changed (lapses, due list). */
#define DAY_CHECK_SECONDS 300

/* The sidebar's pages, top to bottom: each is the function prefix of a
 * CivPage type. Adding a page is one line here (HACKING.md, "Adding a page");
 * the window builds those the role may use and shows them in this order. */
#define CIV_PAGES(PAGE)                                                                            \
  PAGE (civ_overview_page)                                                                         \
  PAGE (civ_marriage_page)                                                                         \
  PAGE (civ_divorce_page)                                                                          \
  PAGE (civ_adoption_page)                                                                         \
  PAGE (civ_funeral_page)                                                                          \
  PAGE (civ_cremation_stock_page)                                                                  \
  PAGE (civ_search_page)                                                                           \
  PAGE (civ_archive_page)                                                                          \
  PAGE (civ_users_page)                                                                            \
  PAGE (civ_reports_page)                                                                          \
  PAGE (civ_backup_page)                                                                           \
  PAGE (civ_audit_page)

#define DECLARE_GET_TYPE(prefix) GType prefix##_get_type (void);
CIV_PAGES (DECLARE_GET_TYPE)
#undef DECLARE_GET_TYPE

#define GET_TYPE(prefix) prefix##_get_type,
static GType (*const page_types[]) (void) = { CIV_PAGES (GET_TYPE) };
#undef GET_TYPE

struct _CivMainWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay  *toast_overlay;
  char             *rollback_warning; /* the warning shown at login, or NULL */
  GtkStack         *lock_stack;
  AdwLeaflet       *leaflet;
  GtkWidget        *content_box;
  GtkListBox       *sidebar_list;
  AdwWindowTitle   *window_title;
  AdwViewStack     *view_stack;
  CivLockPage      *lock_page;
  CivSyncIndicator *sync_indicator;
  GtkInfoBar       *alarm_bar;
  GtkLabel         *alarm_label;
  GtkInfoBar       *damage_bar;
  GtkLabel         *damage_label;

  CivBackupSchedule *backup_schedule; /* backups when due (GSettings) */

  CivSession   *session;
  GPtrArray    *pages; /* the CivPages built for the role; the view stack owns them */
  gulong        locked_handler;
  GCancellable *cancellable;
  GDate         today;      /* the counter's date */
  gboolean      fake_today; /* set by a test: the clock is not read */
  GDate         lapses_applied_on;
  guint         day_source;
  guint         focus_source; /* focusing the page chosen in the sidebar */
};

G_DEFINE_FINAL_TYPE (CivMainWindow, civ_main_window, ADW_TYPE_APPLICATION_WINDOW)

/* The page named @id, or NULL when the role does not have it. */
static GtkWidget *
find_page (CivMainWindow *self, const char *id)
{
  return adw_view_stack_get_child_by_name (self->view_stack, id);
}

static void
reload_page (CivMainWindow *self, GtkWidget *page)
{
  if (page == NULL || civ_session_get_locked (self->session))
    return;
  if (CIV_IS_PAGE (page))
    civ_page_reload (CIV_PAGE (page));
}

/* Nothing of the records stays in a widget while the workstation is locked. */
static void
clear_pages (CivMainWindow *self)
{
  for (guint i = 0; i < self->pages->len; i++)
    civ_page_clear (g_ptr_array_index (self->pages, i));
  civ_sync_indicator_clear (self->sync_indicator);
  gtk_info_bar_set_revealed (self->alarm_bar, FALSE);
  gtk_info_bar_set_revealed (self->damage_bar, FALSE);
}

static void
on_damage_checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CivMainWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivDamageCheck) check = civ_backup_check_finish (CIV_SESSION (source), result, &error);
  g_autofree char *tables = NULL;
  g_autofree char *message = NULL;

  if (check == NULL || check->ok || self->session == NULL)
    return;
  tables = g_strjoinv (", ", check->tables);
  message = g_strdup_printf (
    /* Translators: %s lists database tables. */
    _ ("The office's database is damaged (tables: %s). Register nothing more on this "
       "workstation: a supervisor restores the office from its latest backup into a new folder "
       "(Backups page, or civreg-cli backup restore)."),
    tables[0] ? tables : "?");
  gtk_label_set_label (self->damage_label, message);
  gtk_info_bar_set_revealed (self->damage_bar, TRUE);
}

/* PRAGMA quick_check after each login and unlock, as a job of its own:
 * the login is not held up, a damaged file shows the banner. */
static void
check_damage (CivMainWindow *self)
{
  civ_backup_check_async (self->session, FALSE, self->cancellable, on_damage_checked_cb,
                          g_object_ref (self));
}

static void
on_scheduled_backup_cb (CivBackupSchedule *schedule,
                        gboolean           made,
                        const char        *message,
                        CivMainWindow     *self)
{
  g_autofree char *text = made ? g_strdup_printf (_ ("Automatic backup made: %s"), message)
                               /* Translators: %s says why. */
                               : g_strdup_printf (_ ("The automatic backup failed: %s"), message);

  civ_main_window_add_toast (self, text);
}

const char *
_civ_main_window_get_damage_message (CivMainWindow *self)
{
  if (!gtk_info_bar_get_revealed (self->damage_bar))
    return NULL;
  return gtk_label_get_label (self->damage_label);
}

static void
on_lapses_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivMainWindow *self = CIV_MAIN_WINDOW (source);
  g_autoptr (GError) error = NULL;
  guint lapsed = 0;

  if (!civ_divorce_lapses_apply_finish (self->session, result, &lapsed, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !civ_session_get_locked (self->session))
        {
          g_autofree char *message = civ_ui_describe_error (error);
          civ_main_window_add_toast (self, message);
        }
      /* Try again at the next check. */
      g_date_clear (&self->lapses_applied_on, 1);
      return;
    }
  if (lapsed > 0)
    {
      g_autofree char *message = g_strdup_printf (
        ngettext ("%u divorce application lapsed: its issuance window has passed (R-D6)",
                  "%u divorce applications lapsed: their issuance window has passed (R-D6)",
                  lapsed),
        lapsed);
      civ_main_window_add_toast (self, message);
    }
}

/* R-D6: applications whose window has passed become LAPSED, on start-up
 * and once a day (civ_divorce_lapses_apply_async decides which). */
static void
apply_lapses (CivMainWindow *self)
{
  if (self->session == NULL || civ_session_get_locked (self->session) ||
      !g_date_valid (&self->today) || !civ_divorce_lapses_apply_to (self->session) ||
      (g_date_valid (&self->lapses_applied_on) &&
       g_date_compare (&self->lapses_applied_on, &self->today) == 0))
    return;
  self->lapses_applied_on = self->today;
  civ_divorce_lapses_apply_async (self->session, self, &self->today, self->cancellable,
                                  on_lapses_done_cb, NULL);
}

static void
set_today (CivMainWindow *self, const GDate *today)
{
  self->today = *today;
  for (guint i = 0; i < self->pages->len; i++)
    civ_page_set_today (g_ptr_array_index (self->pages, i), today);
}

static void
read_clock (CivMainWindow *self)
{
  GDate today;

  if (self->fake_today)
    return;
  civ_date_today (&today);
  if (g_date_valid (&self->today) && g_date_compare (&today, &self->today) == 0)
    return;
  set_today (self, &today);
}

static gboolean
on_day_check_cb (gpointer user_data)
{
  CivMainWindow *self = CIV_MAIN_WINDOW (user_data);

  read_clock (self);
  apply_lapses (self);
  return G_SOURCE_CONTINUE;
}

/* A divorce due today, chosen on the overview: the divorce page looks up
 * the marriage with this certificate number and its application
 * ("win.show-divorce", parameter "s"). */
static void
show_divorce_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivMainWindow *self = CIV_MAIN_WINDOW (widget);
  GtkWidget     *page = find_page (self, "divorce");

  if (page == NULL)
    return;
  adw_view_stack_set_visible_child (self->view_stack, page);
  civ_divorce_page_find (CIV_DIVORCE_PAGE (page), g_variant_get_string (parameter, NULL));
}

/* A funeral case on the overview's due list: the funeral page opens it
 * (the view is audited). Nothing for an operator without the page. */
static void
show_funeral_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivMainWindow *self = CIV_MAIN_WINDOW (widget);
  GtkWidget     *page = find_page (self, "funeral");

  if (page == NULL)
    return;
  adw_view_stack_set_visible_child (self->view_stack, page);
  civ_funeral_page_open (CIV_FUNERAL_PAGE (page), g_variant_get_string (parameter, NULL));
}

/* An adoption due today, chosen on the overview: the adoption page asks
 * for the purpose and opens it (R-A13). Nothing for an operator without
 * the page. */
static void
show_adoption_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivMainWindow *self = CIV_MAIN_WINDOW (widget);
  GtkWidget     *page = find_page (self, "adoption");

  if (page == NULL || civ_session_get_locked (self->session))
    return;
  adw_view_stack_set_visible_child (self->view_stack, page);
  civ_adoption_page_open (CIV_ADOPTION_PAGE (page), g_variant_get_string (parameter, NULL));
}

/* The record view: from the search results and the registration pages,
 * through the "win.show-record" action (a record id or certificate
 * number). */
void
civ_main_window_show_record (CivMainWindow *self, const char *key)
{
  CivRecordView *view;

  g_return_if_fail (CIV_IS_MAIN_WINDOW (self));
  if (self->session == NULL || civ_session_get_locked (self->session) || key == NULL ||
      !civ_role_allows (civ_session_get_role (self->session), CIV_PERM_REGISTER_MARRIAGE))
    return;
  view = civ_record_view_new (GTK_WINDOW (self), self->session, key);
  /* The counter's date (a test's fake clock included) dates reissues and judgments. */
  if (g_date_valid (&self->today))
    civ_record_view_set_today (view, &self->today);
  gtk_window_present (GTK_WINDOW (view));
}

static void
on_show_record_activated_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  civ_main_window_show_record (CIV_MAIN_WINDOW (user_data), g_variant_get_string (parameter, NULL));
}

/* The printer offsets of the certificate blanks (GSettings, per printer). */
static void
print_calibration_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivPrintCalibration *dialog = civ_print_calibration_new (GTK_WINDOW (widget));

  g_signal_connect_object (dialog, "saved", G_CALLBACK (civ_main_window_add_toast), widget,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Ctrl+F: the search page, its entry focused. */
static gboolean
on_search_shortcut_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  CivMainWindow *self = CIV_MAIN_WINDOW (widget);
  GtkWidget     *page = find_page (self, "search");

  if (page == NULL || civ_session_get_locked (self->session))
    return FALSE;
  adw_view_stack_set_visible_child (self->view_stack, page);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  civ_search_page_focus_entry (CIV_SEARCH_PAGE (page));
  return TRUE;
}

/* Reporting to the province: the header bar's indicator sends; the reports
 * page and a security alarm follow what it finds. */

/* The reports page, while it is shown, lists again. */
static void
reload_reports_page (CivMainWindow *self)
{
  GtkWidget *page = find_page (self, "reports");

  if (page != NULL && adw_view_stack_get_visible_child (self->view_stack) == page)
    civ_page_reload (CIV_PAGE (page));
}

static void
send_reports_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  civ_sync_indicator_send_now (CIV_MAIN_WINDOW (widget)->sync_indicator);
}

/* A registration or enrollment changed what there is to send. */
static void
reports_changed_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivMainWindow *self = CIV_MAIN_WINDOW (widget);

  civ_sync_indicator_note_new_reports (self->sync_indicator);
  reload_reports_page (self);
}

static void
on_reports_queued_cb (CivMainWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.reports-changed", NULL);
}

static void
on_sync_indicator_syncing_changed_cb (CivMainWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.send-reports",
                                 !civ_sync_indicator_get_syncing (self->sync_indicator));
}

static void
on_sync_indicator_synced_cb (CivMainWindow *self, gboolean manual)
{
  reload_reports_page (self);
}

static void
on_sync_indicator_security_alarm_cb (CivMainWindow *self, const char *message)
{
  gtk_label_set_label (self->alarm_label, message);
  gtk_info_bar_set_revealed (self->alarm_bar, TRUE);
}

static void
on_damage_bar_response_cb (CivMainWindow *self, int response)
{
  if (response == GTK_RESPONSE_CLOSE)
    gtk_info_bar_set_revealed (self->damage_bar, FALSE);
}

static void
on_alarm_bar_response_cb (CivMainWindow *self, int response)
{
  if (response == GTK_RESPONSE_CLOSE)
    gtk_info_bar_set_revealed (self->alarm_bar, FALSE);
}

static void
on_session_locked_changed_cb (CivSession *session, GParamSpec *pspec, CivMainWindow *self)
{
  if (civ_session_get_locked (session))
    {
      clear_pages (self);
      gtk_stack_set_visible_child_name (self->lock_stack, "lock");
      civ_lock_page_reset (self->lock_page);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->lock_stack, "content");
      apply_lapses (self);
      civ_sync_indicator_refresh (self->sync_indicator);
      check_damage (self);
      reload_page (self, adw_view_stack_get_visible_child (self->view_stack));
      gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_list));
    }
}

static void
select_sidebar_row (CivMainWindow *self, const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) &&
        g_strcmp0 (g_object_get_data (G_OBJECT (row), "page-name"), name) == 0)
      {
        gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
        return;
      }
}

static void
on_view_stack_visible_child_changed_cb (CivMainWindow *self)
{
  GtkWidget        *child = adw_view_stack_get_visible_child (self->view_stack);
  AdwViewStackPage *page;

  if (child == NULL || self->session == NULL)
    return;
  page = adw_view_stack_get_page (self->view_stack, child);
  adw_window_title_set_subtitle (self->window_title, adw_view_stack_page_get_title (page));
  select_sidebar_row (self, adw_view_stack_page_get_name (page));
  reload_page (self, child);
}

/* Once the page shown is laid out (focus order follows the allocation). */
static gboolean
focus_visible_page_cb (gpointer data)
{
  CivMainWindow *self = data;
  GtkWidget     *page;

  self->focus_source = 0;
  page = adw_view_stack_get_visible_child (self->view_stack);
  if (page != NULL && gtk_widget_get_mapped (page))
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
  return G_SOURCE_REMOVE;
}

static void
on_sidebar_list_row_activated_cb (CivMainWindow *self, GtkListBoxRow *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "page-name");

  adw_view_stack_set_visible_child_name (self->view_stack, name);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  /* Keyboard first: the chosen page's first field takes the focus (the
   * search entry, the first party's name, the certificate number). */
  if (self->focus_source == 0)
    self->focus_source = g_idle_add (focus_visible_page_cb, self);
}

/* "win.show-page" (i): the sidebar's page @parameter, counted from 1
 * (Ctrl+1 … Ctrl+9), as if its row was activated. */
static void
show_page_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivMainWindow *self = CIV_MAIN_WINDOW (widget);
  int            n = g_variant_get_int32 (parameter);
  GtkListBoxRow *row = n >= 1 ? gtk_list_box_get_row_at_index (self->sidebar_list, n - 1) : NULL;

  if (row == NULL || self->session == NULL || civ_session_get_locked (self->session))
    return;
  gtk_list_box_select_row (self->sidebar_list, row);
  on_sidebar_list_row_activated_cb (self, row);
}

/* "win.new-registration" (Ctrl+N): an empty marriage form, wherever the
 * registrar was. */
static void
new_registration_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivMainWindow *self = CIV_MAIN_WINDOW (widget);
  GtkWidget     *page = find_page (self, "marriage");

  if (page == NULL || self->session == NULL || civ_session_get_locked (self->session))
    return;
  adw_view_stack_set_visible_child (self->view_stack, page);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  gtk_widget_activate_action (page, "marriage.new", NULL);
}

/* "win.back": from a page back to the sidebar when folded. */
static void
back_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivMainWindow *self = CIV_MAIN_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static GtkWidget *
make_sidebar_row (AdwViewStackPage *page)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (adw_view_stack_page_get_title (page));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box),
                  gtk_image_new_from_icon_name (adw_view_stack_page_get_icon_name (page)));
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "page-name",
                          g_strdup (adw_view_stack_page_get_name (page)), g_free);
  return row;
}

static void
build_sidebar (CivMainWindow *self)
{
  g_autoptr (GtkSelectionModel) pages = adw_view_stack_get_pages (self->view_stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      gtk_list_box_append (self->sidebar_list, make_sidebar_row (page));
    }
}

/* The pages of page_types that the role may use, with the session, in
 * order. A page the role may not use is not merely hidden: it is never
 * built. */
static void
build_pages (CivMainWindow *self, CivSession *session)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_types); i++)
    {
      GType      type = page_types[i]();
      GtkWidget *page;

      if (!civ_page_type_allows (type, session))
        continue;
      page = g_object_new (type, NULL);
      civ_page_set_session (CIV_PAGE (page), session);
      adw_view_stack_add_titled_with_icon (self->view_stack, page, civ_page_type_get_id (type),
                                           civ_page_type_get_title (type),
                                           civ_page_type_get_icon_name (type));
      g_ptr_array_add (self->pages, page);
    }
}

static void
civ_main_window_dispose (GObject *object)
{
  CivMainWindow *self = CIV_MAIN_WINDOW (object);

  g_clear_handle_id (&self->day_source, g_source_remove);
  g_clear_handle_id (&self->focus_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->backup_schedule)
    civ_backup_schedule_stop (self->backup_schedule);
  g_clear_object (&self->backup_schedule);
  if (self->session)
    g_clear_signal_handler (&self->locked_handler, self->session);
  g_ptr_array_set_size (self->pages, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_MAIN_WINDOW);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (civ_main_window_parent_class)->dispose (object);
}

static void
civ_main_window_finalize (GObject *object)
{
  CivMainWindow *self = CIV_MAIN_WINDOW (object);

  g_ptr_array_unref (self->pages);
  g_free (self->rollback_warning);
  G_OBJECT_CLASS (civ_main_window_parent_class)->finalize (object);
}

static void
civ_main_window_class_init (CivMainWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_main_window_dispose;
  object_class->finalize = civ_main_window_finalize;

  g_type_ensure (CIV_TYPE_LOCK_PAGE);
  g_type_ensure (CIV_TYPE_SYNC_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-main-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CivMainWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CivMainWindow, lock_stack);
  gtk_widget_class_bind_template_child (widget_class, CivMainWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CivMainWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, CivMainWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, CivMainWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CivMainWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CivMainWindow, lock_page);
  gtk_widget_class_bind_template_child (widget_class, CivMainWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, CivMainWindow, alarm_bar);
  gtk_widget_class_bind_template_child (widget_class, CivMainWindow, alarm_label);
  gtk_widget_class_bind_template_child (widget_class, CivMainWindow, damage_bar);
  gtk_widget_class_bind_template_child (widget_class, CivMainWindow, damage_label);
  gtk_widget_class_bind_template_callback (widget_class, on_damage_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_stack_visible_child_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_indicator_syncing_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_indicator_synced_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_indicator_security_alarm_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_alarm_bar_response_cb);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "win.send-reports", NULL, send_reports_activated);
  gtk_widget_class_install_action (widget_class, "win.reports-changed", NULL,
                                   reports_changed_activated);
  gtk_widget_class_install_action (widget_class, "win.print-calibration", NULL,
                                   print_calibration_activated);
  gtk_widget_class_install_action (widget_class, "win.show-divorce", "s", show_divorce_activated);
  gtk_widget_class_install_action (widget_class, "win.show-adoption", "s", show_adoption_activated);
  gtk_widget_class_install_action (widget_class, "win.show-funeral", "s", show_funeral_activated);
  gtk_widget_class_install_action (widget_class, "win.show-page", "i", show_page_activated);
  gtk_widget_class_install_action (widget_class, "win.new-registration", NULL,
                                   new_registration_activated);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, on_search_shortcut_cb,
                                NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-registration", NULL);
  for (int i = 1; i <= 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, GDK_CONTROL_MASK,
                                         "win.show-page", "i", i);
}

static void
civ_main_window_init (CivMainWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  {
    static const GActionEntry entries[] = {
      { .name = "show-record", .activate = on_show_record_activated_cb, .parameter_type = "s" },
    };
    g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  }
  self->cancellable = g_cancellable_new ();
  self->pages = g_ptr_array_new ();
  g_date_clear (&self->today, 1);
  g_date_clear (&self->lapses_applied_on, 1);
}

CivMainWindow *
civ_main_window_new (GtkApplication *application, CivSession *session)
{
  CivMainWindow *self;

  g_return_val_if_fail (CIV_IS_SESSION (session), NULL);

  self = g_object_new (CIV_TYPE_MAIN_WINDOW, "application", application, NULL);
  /* Before the window has the session: the view stack showing its first
   * page as it is added is not yet a page coming into view (no reload). */
  build_pages (self, session);
  self->session = g_object_ref (session);

  read_clock (self);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_indicator),
                          civ_role_allows (civ_session_get_role (session), CIV_PERM_SEND_REPORTS));
  if (civ_role_allows (civ_session_get_role (session), CIV_PERM_SEND_REPORTS))
    civ_sync_indicator_set_session (self->sync_indicator, session);
  else
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.send-reports", FALSE);
  civ_lock_page_set_session (self->lock_page, session);
  {
    gint64 recorded = 0, found = 0;

    if (civ_office_get_rollback (session, &recorded, &found))
      {
        g_autofree char *recorded_text = g_strdup_printf ("%" G_GINT64_FORMAT, recorded);
        g_autofree char *found_text = g_strdup_printf ("%" G_GINT64_FORMAT, found);
        g_autofree char *message = g_strdup_printf (
          /* Translators: %1$s and %2$s are audit sequence numbers. */
          _ ("The audit log ends at entry %2$s, but entry %1$s was seen at an earlier login: the "
             "database was probably replaced by an older copy. Tell the supervisor."),
          recorded_text, found_text);
        g_autofree char *escaped = g_markup_escape_text (message, -1);
        AdwToast        *toast = adw_toast_new (escaped);

        /* It stays until it is dismissed. */
        adw_toast_set_timeout (toast, 0);
        adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
        adw_toast_overlay_add_toast (self->toast_overlay, toast);
        g_free (self->rollback_warning);
        self->rollback_warning = g_strdup (message);
      }
  }
  /* Any registration that queued reports wakes the sender, whatever its kind. */
  g_signal_connect_object (session, "reports-queued", G_CALLBACK (on_reports_queued_cb), self,
                           G_CONNECT_SWAPPED);
  /* Those who print certificates calibrate the printers. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-registration",
                                 find_page (self, "marriage") != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-calibration",
                                 civ_role_allows (civ_session_get_role (session),
                                                  CIV_PERM_REGISTER_MARRIAGE));
  build_sidebar (self);

  gtk_window_set_title (GTK_WINDOW (self), civ_session_get_office_name (session));
  adw_window_title_set_title (self->window_title, civ_session_get_office_name (session));
  self->locked_handler =
    g_signal_connect_object (session, "notify::locked", G_CALLBACK (on_session_locked_changed_cb),
                             self, 0);

  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  on_view_stack_visible_child_changed_cb (self);
  on_session_locked_changed_cb (session, NULL, self);
  self->day_source = g_timeout_add_seconds (DAY_CHECK_SECONDS, on_day_check_cb, self);
  /* Backups when due, whoever is logged in: the office's policy, set by a
   * supervisor on the backup page. */
  {
    g_autoptr (GSettings) settings = g_settings_new ("org.civreg.Civreg");

    self->backup_schedule = civ_backup_schedule_new (session, settings);
    g_signal_connect_object (self->backup_schedule, "finished", G_CALLBACK (on_scheduled_backup_cb),
                             self, 0);
  }
  return self;
}

CivSession *
civ_main_window_get_session (CivMainWindow *self)
{
  g_return_val_if_fail (CIV_IS_MAIN_WINDOW (self), NULL);
  return self->session;
}

void
civ_main_window_add_toast (CivMainWindow *self, const char *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (CIV_IS_MAIN_WINDOW (self));
  /* A toast's title is Pango markup. */
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

const char *
_civ_main_window_get_rollback_warning (CivMainWindow *self)
{
  g_return_val_if_fail (CIV_IS_MAIN_WINDOW (self), NULL);
  return self->rollback_warning;
}

gboolean
_civ_main_window_has_page (CivMainWindow *self, const char *name)
{
  g_return_val_if_fail (CIV_IS_MAIN_WINDOW (self), FALSE);
  return adw_view_stack_get_child_by_name (self->view_stack, name) != NULL;
}

void
_civ_main_window_show_page (CivMainWindow *self, const char *name)
{
  g_return_if_fail (CIV_IS_MAIN_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

GtkWidget *
_civ_main_window_get_page (CivMainWindow *self, const char *name)
{
  g_return_val_if_fail (CIV_IS_MAIN_WINDOW (self), NULL);
  return adw_view_stack_get_child_by_name (self->view_stack, name);
}

void
_civ_main_window_set_today (CivMainWindow *self, const GDate *today)
{
  g_return_if_fail (CIV_IS_MAIN_WINDOW (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  self->fake_today = TRUE;
  set_today (self, today);
  apply_lapses (self);
}

GType *
_civ_main_window_list_page_types (guint *n_types)
{
  GType *types = g_new (GType, G_N_ELEMENTS (page_types));

  for (guint i = 0; i < G_N_ELEMENTS (page_types); i++)
    types[i] = page_types[i]();
  *n_types = G_N_ELEMENTS (page_types);
  return types;
}

gboolean
_civ_main_window_shows_lock (CivMainWindow *self)
{
  g_return_val_if_fail (CIV_IS_MAIN_WINDOW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->lock_stack), "lock") == 0;
}
