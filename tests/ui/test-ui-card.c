// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-card.c — the ID-card reader at the marriage counter (issue 13):
 * the simulated reader (tests/identity/civ-card-sim.c) on a pseudo-terminal
 * is the counter's reader; placing a card fills the party panel in focus,
 * F2 reads into the other, the fields read are marked "From card", the
 * registrar confirms the card photo, and the registered record shows the
 * identity checks with the fields read from the card. With the test
 * vendor plug-in the chip's photo is shown and the fingerprint compared. */
#include <glib/gi18n.h>
#include <string.h>

#include "civ-camera-dialog-private.h"
#include "civ-card-default.h"
#include "civ-divorce-page-private.h"
#include "civ-marriage-page-private.h"
#include "civ-party-panel.h"
#include "civ-record-view-private.h"
#include "civ-test-utils.h"
#include "civ-ui-test-utils.h"

#define CLERK "clerk"
#define CLERK_PW "Clerk-password"

typedef struct
{
  char          *data_dir;
  char          *link;
  CivMainWindow *main_window;
  CivTestCardSim sim;
  gboolean       plugin;
} Fixture;

static void
sim_ok (Fixture *fx, const char *command)
{
  civ_test_card_sim_ok (&fx->sim, command);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivStore) store = civ_test_new_office (&fx->data_dir, NULL);

  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
  fx->plugin = GPOINTER_TO_INT (data);
  fx->link = g_build_filename (fx->data_dir, "ttyCIV0", NULL);
  civ_test_card_sim_start (&fx->sim, fx->link,
                           (const char *[]){ "zhang-wei.card", "li-na.card", NULL }, -1);
  /* The counter's reader is the simulator's port (civ-card-default.h). */
  g_setenv ("CIVREG_CARD_READER", fx->link, TRUE);
  /* The counter's camera is the test picture (videotestsrc). */
  g_setenv ("CIVREG_CAMERA_PIPELINE", "test:smpte", TRUE);
  if (fx->plugin)
    {
      g_autofree char *path =
        g_build_filename (g_getenv ("CIVREG_TEST_PLUGIN_DIR"), "civ-test-plugin.so", NULL);
      g_setenv ("CIVREG_IDENTITY_PLUGIN", path, TRUE);
    }
  else
    g_unsetenv ("CIVREG_IDENTITY_PLUGIN");
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_assert_null (fx->main_window);
  civ_test_card_sim_stop (&fx->sim);
  civ_test_rmdir (fx->data_dir);
  g_free (fx->data_dir);
  g_free (fx->link);
}

static gpointer
panel_child (CivPartyPanel *panel, const char *id)
{
  return civ_ui_test_child (panel, CIV_TYPE_PARTY_PANEL, id);
}

static const char *
text_of (CivPartyPanel *panel, const char *id)
{
  return gtk_editable_get_text (panel_child (panel, id));
}

static void
confirm_party (CivPartyPanel *panel)
{
  static const char *switches[] = { "present_switch", "consent_switch", "declaration_switch",
                                    "documents_switch", "photo_check_switch" };

  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    gtk_switch_set_active (panel_child (panel, switches[i]), TRUE);
}

/* The first widget of @type under @root whose title is @title. */
static GtkWidget *
find_group (GtkWidget *root, const char *title)
{
  if (ADW_IS_PREFERENCES_GROUP (root) &&
      g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_group (child, title);
      if (found)
        return found;
    }
  return NULL;
}

/* Scrolls the view so that the group titled @title is at the top. */
static void
scroll_to_group (GtkWidget *view, const char *title)
{
  GtkWidget *group = find_group (view, title);
  GtkWidget *scroller = group ? gtk_widget_get_ancestor (group, GTK_TYPE_SCROLLED_WINDOW) : NULL;
  graphene_rect_t bounds;

  g_assert_nonnull (scroller);
  g_assert_true (
    gtk_widget_compute_bounds (group,
                               gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                               &bounds));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                            bounds.origin.y);
}

static void
card_body (CivApplication *app, gpointer data)
{
  Fixture         *fx = data;
  CivMainWindow   *window = civ_ui_test_present_main (app, CLERK, CLERK_PW, &fx->main_window);
  CivMarriagePage *page;
  CivPartyPanel   *a, *b;
  CivRecordView   *view = NULL;
  CivCameraDialog *camera = NULL;
  g_autofree char *text = NULL;
  g_autofree char *certificate = NULL;
  GType            mt = CIV_TYPE_MARRIAGE_PAGE;
  GDate            today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_MAY, 2026);
  _civ_main_window_set_today (window, &today);
  _civ_main_window_show_page (window, "marriage");
  page = CIV_MARRIAGE_PAGE (_civ_main_window_get_page (window, "marriage"));
  a = civ_ui_test_child (page, mt, "party_a");
  b = civ_ui_test_child (page, mt, "party_b");

  /* The reader is found and waits for a card. */
  civ_ui_test_wait_for (
    g_str_has_prefix (adw_action_row_get_subtitle (panel_child (a, "card_row")), "Place"));
  civ_ui_test_screenshot ("card-waiting.png");

  /* A card placed with the cursor in the man's panel fills it. */
  gtk_widget_grab_focus (civ_party_panel_get_first_row (a));
  sim_ok (fx, "place 0");
  civ_ui_test_wait_for (civ_party_panel_has_card (a));
  g_assert_false (civ_party_panel_has_card (b));
  g_assert_cmpstr (text_of (a, "name_row"), ==, "张伟");
  g_assert_cmpstr (text_of (a, "number_row"), ==, "110101198503120156");
  g_assert_cmpstr (text_of (a, "ethnicity_row"), ==, "汉族");
  g_assert_true (gtk_widget_get_visible (panel_child (a, "name_mark")));
  g_assert_true (gtk_widget_get_visible (panel_child (a, "number_mark")));
  g_assert_cmpstr (gtk_label_get_label (panel_child (a, "birth_label")), ==, "1985-03-12");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (panel_child (a, "card_row")),
                            fx->plugin ? "photo from the chip" : "photo not decoded"));
  g_assert_true (gtk_widget_get_visible (panel_child (a, "card_picture")) == fx->plugin);

  /* The woman's card: F2 with the cursor in her panel. */
  sim_ok (fx, "remove");
  gtk_widget_grab_focus (civ_party_panel_get_first_row (b));
  sim_ok (fx, "place 1");
  /* The watcher may fill the panel in focus before F2 does: either way it
   * is the woman's panel, never the man's. */
  gtk_widget_activate_action (GTK_WIDGET (page), "marriage.read-card", NULL);
  civ_ui_test_wait_for (civ_party_panel_has_card (b));
  g_assert_cmpstr (text_of (b, "name_row"), ==, "李娜");
  g_assert_cmpstr (text_of (a, "name_row"), ==, "张伟");

  /* An edited name is no longer the card's. */
  civ_ui_test_set_text (panel_child (b, "name_row"), "李 娜");
  g_assert_false (gtk_widget_get_visible (panel_child (b, "name_mark")));
  civ_ui_test_set_text (panel_child (b, "name_row"), "李娜");
  g_assert_true (gtk_widget_get_visible (panel_child (b, "name_mark")));

  confirm_party (a);
  confirm_party (b);
  if (fx->plugin)
    {
      /* The test plug-in's fingerprint device. */
      g_assert_true (gtk_widget_get_visible (panel_child (a, "fingerprint_row")));
      gtk_widget_activate_action (GTK_WIDGET (a), "party.verify-fingerprint", NULL);
      civ_ui_test_wait_for (
        strstr (adw_action_row_get_subtitle (panel_child (a, "fingerprint_row")), "score") != NULL);

      /* The face against the chip's photo: a still from the camera (the
       * test picture), compared by the test plug-in. */
      g_assert_true (gtk_widget_get_visible (panel_child (a, "face_row")));
      gtk_widget_activate_action (GTK_WIDGET (a), "party.compare-face", NULL);
      civ_ui_test_wait_for ((camera = CIV_CAMERA_DIALOG (
                               civ_ui_test_find_window (app, CIV_TYPE_CAMERA_DIALOG))) != NULL);
      civ_ui_test_wait_for (_civ_camera_dialog_get_n_shown (camera) >= 2);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (camera), "camera.take", NULL));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (camera), "camera.use", NULL));
      civ_ui_test_wait_for (
        strstr (adw_action_row_get_subtitle (panel_child (a, "face_row")), "score") != NULL);
      civ_ui_test_wait_for (civ_ui_test_find_window (app, CIV_TYPE_CAMERA_DIALOG) == NULL);
    }
  else
    {
      g_assert_false (gtk_widget_get_visible (panel_child (a, "fingerprint_row")));
      g_assert_false (gtk_widget_get_visible (panel_child (a, "face_row")));
    }
  civ_ui_test_spin (200);
  civ_ui_test_screenshot (fx->plugin ? "card-read-plugin.png" : "card-read.png");

  gtk_widget_activate_action (GTK_WIDGET (page), "marriage.check", NULL);
  civ_ui_test_wait_for (_civ_marriage_page_get_findings (page) != NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "marriage.register", NULL);
  civ_ui_test_wait_for (_civ_marriage_page_get_certificate_no (page) != NULL);
  certificate = g_strdup (_civ_marriage_page_get_certificate_no (page));

  /* The record shows how each party was identified. */
  civ_main_window_show_record (window, certificate);
  civ_ui_test_wait_for (
    (view = CIV_RECORD_VIEW (civ_ui_test_find_window (app, CIV_TYPE_RECORD_VIEW))) != NULL);
  civ_ui_test_wait_for (_civ_record_view_is_loaded (view));
  text = _civ_record_view_get_text (view);
  g_test_message ("record view:\n%s", text);
  g_assert_nonnull (strstr (text, "Identity Checks"));
  g_assert_nonnull (strstr (text, "张伟: ID card chip read"));
  g_assert_nonnull (strstr (text, "李娜: ID card chip read"));
  g_assert_nonnull (strstr (text, "read from card: name, identity number, sex, birth date, "
                                  "ethnicity"));
  g_assert_nonnull (strstr (text, "张伟: Card photo checked by the registrar"));
  g_assert_true ((strstr (text, "photo not decoded") != NULL) == !fx->plugin);
  g_assert_true ((strstr (text, "Fingerprint comparison") != NULL) == fx->plugin);
  g_assert_true ((strstr (text, "张伟: Face comparison") != NULL) == fx->plugin);
  gtk_window_set_default_size (GTK_WINDOW (view), 900, 760);
  civ_ui_test_spin (300);
  scroll_to_group (GTK_WIDGET (view), "Identity Checks");
  civ_ui_test_spin (300);
  civ_ui_test_screenshot (fx->plugin ? "card-record-plugin.png" : "card-record.png");
  /* The printed extract carries the checks too. */
  {
    g_autofree char *dir = civ_test_mkdtemp ();
    g_autofree char *pdf = g_build_filename (dir, "extract.pdf", NULL);
    g_autofree char *pdf_text = NULL;

    _civ_record_view_set_export_filename (view, pdf);
    gtk_widget_activate_action (GTK_WIDGET (view), "record.print", NULL);
    civ_ui_test_wait_for (g_file_test (pdf, G_FILE_TEST_EXISTS));
    civ_ui_test_drain_worker (_civ_application_get_worker (app));
    pdf_text = civ_test_pdf_text (pdf, FALSE, 0);
    g_test_message ("extract:\n%s", pdf_text);
    g_assert_nonnull (strstr (pdf_text, "Identity Checks"));
    g_assert_nonnull (strstr (pdf_text, "ID card chip read"));
    if (!fx->plugin)
      civ_test_pdf_screenshot (pdf, "card-extract", 60);
    civ_test_rmdir (dir);
  }
  gtk_window_destroy (GTK_WINDOW (view));

  /* At the divorce counter a spouse's card finds the couple. */
  if (!fx->plugin)
    {
      CivDivorcePage *divorce;
      AdwActionRow   *couple;

      _civ_main_window_show_page (window, "divorce");
      divorce = CIV_DIVORCE_PAGE (_civ_main_window_get_page (window, "divorce"));
      couple = civ_ui_test_child (divorce, CIV_TYPE_DIVORCE_PAGE, "couple_row");
      civ_ui_test_spin (200);
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (couple)));
      /* The reader sees the card go before the next one comes (it reads a
       * card once, until it is taken away). */
      sim_ok (fx, "remove");
      {
        g_autoptr (CivCardReader) reader = civ_card_reader_dup_default ();

        civ_ui_test_wait_for (civ_card_reader_get_state (reader) == CIV_CARD_READER_NO_CARD);
      }
      sim_ok (fx, "place 1");
      civ_ui_test_wait_for (gtk_widget_get_visible (GTK_WIDGET (couple)));
      g_assert_cmpstr (gtk_editable_get_text (
                         civ_ui_test_child (divorce, CIV_TYPE_DIVORCE_PAGE, "find_row")),
                       ==, "310101199007080249");
      g_assert_nonnull (
        strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (couple)), "张伟"));
      civ_ui_test_screenshot ("card-divorce-find.png");
    }

  civ_ui_test_close_all (app);
}

static void
test_card (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, card_body, fx);
}

int
main (int argc, char *argv[])
{
  civ_ui_test_init (&argc, &argv);
  g_test_add ("/ui/card/no-plugin/read-and-register", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_card, fixture_tear_down);
  g_test_add ("/ui/card/plugin/read-and-register", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_card, fixture_tear_down);
  return g_test_run ();
}
