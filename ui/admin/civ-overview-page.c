// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-overview-page.c — the office, the signed-in user, a few counts and
 * what is due today (divorces; adoptions for those who see them) */
#include <glib/gi18n.h>

#include "civ-adoption-service.h"
#include "civ-audit-log.h"
#include "civ-divorce-lapses.h"
#include "civ-overview-due.h"
#include "civ-overview-page-private.h"
#include "civ-page.h"
#include "civ-permissions.h"
#include "civ-ui-util.h"

struct _CivOverviewPage
{
  AdwBin parent_instance;

  AdwStatusPage       *status_page;
  GtkLabel            *user_label;
  GtkLabel            *role_label;
  GtkLabel            *users_label;
  GtkLabel            *audit_label;
  AdwPreferencesGroup *due_group;
  GtkWidget           *due_empty_row;

  CivSession   *session;
  GCancellable *cancellable;
  GCancellable *due_cancellable;
  GPtrArray    *due_rows; /* owned by due_group */
  guint         n_adoptions_due;
  guint         n_funeral_due;
  gboolean      due_loading; /* the due job is under way */
  GDate         today;
};

static void civ_overview_page_page_init (CivPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CivOverviewPage,
                               civ_overview_page,
                               ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CIV_TYPE_PAGE, civ_overview_page_page_init))

static void
on_counts_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivOverviewPage *self = CIV_OVERVIEW_PAGE (source);
  g_autoptr (GError) error = NULL;
  CivOfficeCounts  counts = { 0 };
  g_autofree char *users = NULL;
  g_autofree char *audit = NULL;

  if (!civ_office_counts_finish (self->session, result, &counts, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !civ_session_get_locked (self->session))
        {
          g_autofree char *message = civ_ui_describe_error (error);
          civ_ui_toast (GTK_WIDGET (self), message);
        }
      return;
    }
  users = g_strdup_printf ("%" G_GINT64_FORMAT, counts.n_users);
  audit = g_strdup_printf ("%" G_GINT64_FORMAT, counts.n_audit);
  gtk_label_set_label (self->users_label, users);
  gtk_label_set_label (self->audit_label, audit);
}

static void
remove_due_rows (CivOverviewPage *self)
{
  for (guint i = 0; i < self->due_rows->len; i++)
    adw_preferences_group_remove (self->due_group, g_ptr_array_index (self->due_rows, i));
  g_ptr_array_set_size (self->due_rows, 0);
  self->n_adoptions_due = 0;
  self->n_funeral_due = 0;
}

/* The divorce page looks the application up by the marriage certificate. */
static void
on_due_row_activated_cb (AdwActionRow *row, CivOverviewPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-divorce", "s",
                              g_object_get_data (G_OBJECT (row), "certificate-no"));
}

/* The adoption is opened by its record id ("win.show-adoption"). */
static void
on_adoption_row_activated_cb (AdwActionRow *row, CivOverviewPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-adoption", "s",
                              g_object_get_data (G_OBJECT (row), "record-id"));
}

static GtkWidget *
due_row_new (const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

/* A notice ending, a review deadline, a dissolution review: the
 * certificate number (or the day of the application) and the deadline. */
static void
add_adoption_rows (CivOverviewPage *self, GPtrArray *adoptions)
{
  for (guint i = 0; i < adoptions->len; i++)
    {
      CivAdoptionDueRow *item = g_ptr_array_index (adoptions, i);
      g_autofree char   *title = NULL;
      g_autofree char   *subtitle = NULL;
      GtkWidget         *row;

      if (item->certificate_no != NULL)
        /* Translators: %s is an adoption certificate number. */
        title = g_strdup_printf (_ ("Adoption %s"), item->certificate_no);
      else
        /* Translators: %s is the day of an adoption application (YYYY-MM-DD). */
        title = g_strdup_printf (_ ("Adoption applied for on %s"), item->applied_on);
      /* Translators: what is due (a deadline) and its day. */
      subtitle =
        g_strdup_printf (_ ("%1$s: %2$s%3$s"), civ_overview_due_adoption_label (item->what),
                         item->due, item->provisional ? _ (" (provisional)") : "");
      row = due_row_new (title, subtitle);
      g_object_set_data_full (G_OBJECT (row), "record-id", g_strdup (item->record_id), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (on_adoption_row_activated_cb), self,
                               0);
      adw_preferences_group_add (self->due_group, row);
      g_ptr_array_add (self->due_rows, row);
      self->n_adoptions_due++;
    }
}

/* The funeral case is opened by its number ("win.show-funeral"). */
static void
on_funeral_row_activated_cb (AdwActionRow *row, CivOverviewPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-funeral", "s",
                              g_object_get_data (G_OBJECT (row), "case-no"));
}

/* The funeral day board's entries, as rows of @what. */
static void
add_funeral_rows (CivOverviewPage *self, GPtrArray *entries, const char *what, gboolean deposits)
{
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const CivFuneralBoardEntry *e = g_ptr_array_index (entries, i);
      g_autofree char            *title =
        g_strdup_printf ("%s · %s", *e->deceased ? e->deceased : _ ("Unidentified body"),
                         e->case_no);
      g_autofree char *subtitle = NULL;
      GtkWidget       *row;

      if (deposits)
        /* Translators: "Ash deposit expires" and its day. */
        subtitle = g_strdup_printf (_ ("%1$s: %2$s"), what, e->until);
      else
        /* Translators: what is due, and since when. */
        subtitle = g_strdup_printf (_ ("%1$s since %2$s"), what, e->since);
      row = due_row_new (title, subtitle);
      g_object_set_data_full (G_OBJECT (row), "case-no", g_strdup (e->case_no), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (on_funeral_row_activated_cb), self, 0);
      adw_preferences_group_add (self->due_group, row);
      g_ptr_array_add (self->due_rows, row);
      self->n_funeral_due++;
    }
}

static void
on_due_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivOverviewPage *self = CIV_OVERVIEW_PAGE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivOverviewDue) all = NULL;
  GPtrArray *due;

  all = civ_overview_due_finish (self->session, result, &error);
  if (all == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->due_loading = FALSE;
  if (all == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !civ_session_get_locked (self->session))
        {
          g_autofree char *message = civ_ui_describe_error (error);
          civ_ui_toast (GTK_WIDGET (self), message);
        }
      return;
    }
  self->due_loading = FALSE;
  remove_due_rows (self);
  due = all->divorces;
  gtk_widget_set_visible (self->due_empty_row,
                          due->len == 0 && all->adoptions->len == 0 &&
                            (all->funeral == NULL || (all->funeral->in_storage->len == 0 &&
                                                      all->funeral->awaiting_collection->len == 0 &&
                                                      all->funeral->awaiting_cremation->len == 0 &&
                                                      all->funeral->deposits_expiring->len == 0)));
  for (guint i = 0; i < due->len; i++)
    {
      CivDivorceDue   *item = g_ptr_array_index (due, i);
      GtkWidget       *row;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: the two spouses. */
      title = g_strdup_printf (_ ("%1$s and %2$s"), item->names[0], item->names[1]);
      subtitle = g_strdup_printf ("%s · %s%s", item->marriage_certificate_no,
                                  item->kind == CIV_DIVORCE_DUE_COOLING_OFF_ENDS
                                    ? _ ("Cooling-off ends today: last day to withdraw")
                                    : _ ("Issuance window closes today: last day to issue"),
                                  item->provisional ? _ (" (provisional)") : "");
      row = due_row_new (title, subtitle);
      g_object_set_data_full (G_OBJECT (row), "certificate-no",
                              g_strdup (item->marriage_certificate_no), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (on_due_row_activated_cb), self, 0);
      adw_preferences_group_add (self->due_group, row);
      g_ptr_array_add (self->due_rows, row);
    }
  add_adoption_rows (self, all->adoptions);
  if (all->funeral != NULL)
    {
      add_funeral_rows (self, all->funeral->awaiting_collection, _ ("Awaiting collection"), FALSE);
      add_funeral_rows (self, all->funeral->awaiting_cremation, _ ("Awaiting cremation"), FALSE);
      add_funeral_rows (self, all->funeral->in_storage, _ ("In storage"), FALSE);
      add_funeral_rows (self, all->funeral->deposits_expiring, _ ("Ash deposit expires"), TRUE);
    }
}

static gboolean
shows_due (CivOverviewPage *self)
{
  return self->session != NULL && (civ_divorce_lapses_apply_to (self->session) ||
                                   civ_session_may (self->session, CIV_PERM_FUNERAL));
}

static void
show_session (CivOverviewPage *self)
{
  g_autofree char *description = NULL;
  g_autofree char *user = NULL;

  /* Translators: %s is the 6-digit administrative division code. */
  description =
    g_markup_printf_escaped (_ ("Division code %s"), civ_session_get_office_code (self->session));
  adw_status_page_set_title (self->status_page, civ_session_get_office_name (self->session));
  adw_status_page_set_description (self->status_page, description);
  /* Translators: %1$s is a person's full name, %2$s their user name. */
  user = g_strdup_printf (_ ("%1$s (%2$s)"), civ_session_get_display_name (self->session),
                          civ_session_get_login (self->session));
  gtk_label_set_label (self->user_label, user);
  gtk_label_set_label (self->role_label,
                       civ_role_display_name (civ_session_get_role (self->session)));
}

static void
civ_overview_page_reload (CivPage *page)
{
  CivOverviewPage *self = CIV_OVERVIEW_PAGE (page);

  if (self->session == NULL)
    return;
  show_session (self);
  civ_ui_renew_cancellable (&self->cancellable);
  civ_office_counts_async (self->session, self, self->cancellable, on_counts_done_cb, NULL);
  if (shows_due (self) && g_date_valid (&self->today))
    {
      civ_ui_renew_cancellable (&self->due_cancellable);
      self->due_loading = TRUE;
      civ_overview_due_async (self->session, self, &self->today, self->due_cancellable,
                              on_due_done_cb, NULL);
    }
}

/* The day whose due divorces are listed (R-D5, R-D6). */
static void
civ_overview_page_set_today (CivPage *page, const GDate *today)
{
  CIV_OVERVIEW_PAGE (page)->today = *today;
}

guint
_civ_overview_page_get_n_due (CivOverviewPage *self)
{
  g_return_val_if_fail (CIV_IS_OVERVIEW_PAGE (self), 0);
  return self->due_rows->len - self->n_adoptions_due - self->n_funeral_due;
}

gboolean
_civ_overview_page_is_loading_due (CivOverviewPage *self)
{
  g_return_val_if_fail (CIV_IS_OVERVIEW_PAGE (self), FALSE);
  return self->due_loading;
}

guint
_civ_overview_page_get_n_funeral_due (CivOverviewPage *self)
{
  g_return_val_if_fail (CIV_IS_OVERVIEW_PAGE (self), 0);
  return self->n_funeral_due;
}

guint
_civ_overview_page_get_n_adoptions_due (CivOverviewPage *self)
{
  g_return_val_if_fail (CIV_IS_OVERVIEW_PAGE (self), 0);
  return self->n_adoptions_due;
}

static void
civ_overview_page_clear (CivPage *page)
{
  CivOverviewPage *self = CIV_OVERVIEW_PAGE (page);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->due_cancellable);
  self->due_loading = FALSE;
  gtk_label_set_label (self->users_label, "");
  gtk_label_set_label (self->audit_label, "");
  remove_due_rows (self);
}

static void
civ_overview_page_set_session (CivPage *page, CivSession *session)
{
  CivOverviewPage *self = CIV_OVERVIEW_PAGE (page);

  g_set_object (&self->session, session);
  gtk_widget_set_visible (GTK_WIDGET (self->due_group), shows_due (self));
  show_session (self);
}

static void
civ_overview_page_dispose (GObject *object)
{
  CivOverviewPage *self = CIV_OVERVIEW_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->due_cancellable);
  g_ptr_array_set_size (self->due_rows, 0);
  self->n_adoptions_due = 0;
  /* status_page is both a template child and the bin's direct child: let
   * the bin let go of it first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (civ_overview_page_parent_class)->dispose (object);
}

static void
civ_overview_page_finalize (GObject *object)
{
  CivOverviewPage *self = CIV_OVERVIEW_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->due_cancellable);
  g_ptr_array_unref (self->due_rows);
  G_OBJECT_CLASS (civ_overview_page_parent_class)->finalize (object);
}

static void
civ_overview_page_class_init (CivOverviewPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_overview_page_dispose;
  object_class->finalize = civ_overview_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CivOverviewPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, CivOverviewPage, user_label);
  gtk_widget_class_bind_template_child (widget_class, CivOverviewPage, role_label);
  gtk_widget_class_bind_template_child (widget_class, CivOverviewPage, users_label);
  gtk_widget_class_bind_template_child (widget_class, CivOverviewPage, audit_label);
  gtk_widget_class_bind_template_child (widget_class, CivOverviewPage, due_group);
  gtk_widget_class_bind_template_child (widget_class, CivOverviewPage, due_empty_row);
}

static void
civ_overview_page_page_init (CivPageInterface *iface)
{
  iface->id = "overview";
  iface->title = N_ ("Overview");
  iface->icon_name = "user-home-symbolic";
  iface->permission = CIV_PAGE_EVERY_ROLE;
  iface->set_session = civ_overview_page_set_session;
  iface->clear = civ_overview_page_clear;
  iface->reload = civ_overview_page_reload;
  iface->set_today = civ_overview_page_set_today;
}

static void
civ_overview_page_init (CivOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->due_cancellable = g_cancellable_new ();
  self->due_rows = g_ptr_array_new ();
  civ_date_today (&self->today);
}
