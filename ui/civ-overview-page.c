/* civ-overview-page.c — the office, the signed-in user, and a few counts */
#include "civ-overview-page.h"

#include <glib/gi18n.h>

#include "civ-permissions.h"
#include "civ-ui-util.h"

struct _CivOverviewPage
{
  AdwBin parent_instance;

  AdwStatusPage *status_page;
  GtkLabel      *user_label;
  GtkLabel      *role_label;
  GtkLabel      *users_label;
  GtkLabel      *audit_label;

  CivSession   *session;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (CivOverviewPage, civ_overview_page, ADW_TYPE_BIN)

typedef struct
{
  gint64 n_users;
  gint64 n_audit;
} Counts;

static gboolean
count_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  CivDb  *db = civ_store_get_db (store);
  Counts *counts = g_new0 (Counts, 1);

  if (!civ_db_query_int64 (db, "SELECT count(*) FROM operators WHERE enabled = 1", &counts->n_users,
                           error) ||
      !civ_db_query_int64 (db, "SELECT count(*) FROM audit_log", &counts->n_audit, error))
    {
      g_free (counts);
      return FALSE;
    }
  *result = counts;
  return TRUE;
}

static void
on_counts_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivOverviewPage *self = CIV_OVERVIEW_PAGE (source);
  g_autoptr (GError) error = NULL;
  g_autofree Counts *counts = NULL;
  g_autofree char   *users = NULL;
  g_autofree char   *audit = NULL;

  if (!civ_session_call_finish (self->session, result, (gpointer *) &counts, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !civ_session_get_locked (self->session))
        {
          g_autofree char *message = civ_ui_describe_error (error);
          civ_ui_toast (GTK_WIDGET (self), message);
        }
      return;
    }
  users = g_strdup_printf ("%" G_GINT64_FORMAT, counts->n_users);
  audit = g_strdup_printf ("%" G_GINT64_FORMAT, counts->n_audit);
  gtk_label_set_label (self->users_label, users);
  gtk_label_set_label (self->audit_label, audit);
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

void
civ_overview_page_reload (CivOverviewPage *self)
{
  g_return_if_fail (CIV_IS_OVERVIEW_PAGE (self));

  if (self->session == NULL)
    return;
  show_session (self);
  civ_ui_renew_cancellable (&self->cancellable);
  civ_session_call (self->session, self, self->cancellable, count_func, NULL, NULL, g_free,
                    on_counts_done_cb, NULL);
}

void
civ_overview_page_clear (CivOverviewPage *self)
{
  g_return_if_fail (CIV_IS_OVERVIEW_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  gtk_label_set_label (self->users_label, "");
  gtk_label_set_label (self->audit_label, "");
}

void
civ_overview_page_set_session (CivOverviewPage *self, CivSession *session)
{
  g_return_if_fail (CIV_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (CIV_IS_SESSION (session));

  g_set_object (&self->session, session);
  show_session (self);
}

static void
civ_overview_page_dispose (GObject *object)
{
  CivOverviewPage *self = CIV_OVERVIEW_PAGE (object);

  g_cancellable_cancel (self->cancellable);
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
}

static void
civ_overview_page_init (CivOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
