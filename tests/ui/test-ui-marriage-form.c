// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-marriage-form.c — the marriage form as a registrar types into it
 * (issue 11): the party panels' titles (男方 / 女方), the nationality shown
 * by name and stored by code, an invalid identity number that fills nothing
 * and says so right under the field, one Tab stop per field, mnemonics
 * unique on the page, and New starting again at the top, in the first field.
 *
 * Run once untranslated and once in zh_CN (CIVREG_TEST_TRANSLATED set), so
 * the mnemonics of the translation are held unique too. */
#include "civ-ui-test-utils.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "civ-config.h"
#include "civ-marriage-page.h"
#include "civ-marriage-service.h"
#include "civ-party-panel.h"
#include "civ-test-utils.h"
#include "civ-marriage-page-private.h"

#define CLERK "clerk"
#define CLERK_PW "Clerk-password"

typedef struct
{
  char          *data_dir;
  CivMainWindow *main_window;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivStore) store = civ_test_new_office (&fx->data_dir, NULL);

  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_assert_null (fx->main_window);
  civ_test_rmdir (fx->data_dir);
  g_free (fx->data_dir);
}

static CivMarriagePage *
open_page (Fixture *fx, CivApplication *app, CivMainWindow **window)
{
  GDate today;

  *window = civ_ui_test_present_main (app, CLERK, CLERK_PW, &fx->main_window);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_MAY, 2026);
  _civ_main_window_set_today (*window, &today);
  _civ_main_window_show_page (*window, "marriage");
  return CIV_MARRIAGE_PAGE (_civ_main_window_get_page (*window, "marriage"));
}

static gpointer
panel_child (CivPartyPanel *panel, const char *id)
{
  return civ_ui_test_child (panel, CIV_TYPE_PARTY_PANEL, id);
}

static const char *
panel_title (CivPartyPanel *panel)
{
  return adw_preferences_group_get_title (panel_child (panel, "group"));
}

/* The widgets under @widget (itself included) that Tab stops at. */
static guint
count_stops (GtkWidget *widget)
{
  guint n = 0;

  /* Child-visible too: libadwaita 1.7's entry row keeps its apply button
   * visible inside a revealer that is closed, where Tab never stops. */
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget) ||
      !gtk_widget_get_can_focus (widget) || !gtk_widget_get_sensitive (widget))
    return 0;
  /* An entry row hands its focus to its text (adw_entry_row's focus). */
  if (gtk_widget_get_focusable (widget) && !ADW_IS_ENTRY_ROW (widget))
    n++;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (!GTK_IS_POPOVER (c))
      n += count_stops (c);
  return n;
}

static guint
count_editables (GtkWidget *widget)
{
  /* The drop-down's search entry is in its popover, not on the form. */
  guint n = GTK_IS_EDITABLE (widget) && gtk_widget_is_visible (widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n += count_editables (c);
  return n;
}

/* Item 1, 2 and 5: what the panel shows and stores. */
static void
panel_body (CivApplication *app, gpointer data)
{
  Fixture              *fx = data;
  CivMainWindow        *window = NULL;
  CivMarriagePage      *page = open_page (fx, app, &window);
  CivPartyPanel        *a = civ_ui_test_child (page, CIV_TYPE_MARRIAGE_PAGE, "party_a");
  CivPartyPanel        *b = civ_ui_test_child (page, CIV_TYPE_MARRIAGE_PAGE, "party_b");
  GtkWidget            *number = panel_child (a, "number_row");
  GtkWidget            *message = panel_child (a, "message_label");
  GtkDropDown          *nationality = panel_child (a, "nationality_dropdown");
  g_autofree char      *hers = civ_test_make_id ("110102", "19970801", 12);
  g_autofree char      *his = civ_test_make_id ("110101", "19950307", 11);
  g_autofree char      *wrong = g_strdup (his);
  CivMarriagePartyInput input;
  graphene_rect_t       bounds;
  GtkStringObject      *item;

  /* 男方 / 女方 by the place in the form until a number says otherwise. */
  g_assert_cmpstr (panel_title (a), ==, _ ("Male Party"));
  g_assert_cmpstr (panel_title (b), ==, _ ("Female Party"));

  /* Nationality: the name is shown, the code is stored (CHN by default). */
  item = gtk_drop_down_get_selected_item (nationality);
  g_assert_nonnull (strstr (gtk_string_object_get_string (item), "中国"));
  civ_party_panel_get_input (a, &input);
  g_assert_cmpstr (input.nationality, ==, "CHN");
  civ_party_panel_set_nationality (a, "USA");
  item = gtk_drop_down_get_selected_item (nationality);
  g_assert_nonnull (strstr (gtk_string_object_get_string (item), "美国"));
  civ_party_panel_get_input (a, &input);
  g_assert_cmpstr (input.nationality, ==, "USA");
  civ_party_panel_set_nationality (a, "XXX");
  g_assert_cmpstr (civ_party_panel_get_nationality (a), ==, "CHN");
  /* Hong Kong, Macao and Taiwan come right after 中国. */
  {
    g_autoptr (GtkStringObject) second =
      g_list_model_get_item (gtk_drop_down_get_model (nationality), 1);
    g_assert_nonnull (strstr (gtk_string_object_get_string (second), "HKG"));
  }

  /* A wrong check character (R-ID2): nothing is read from the number, and
   * the message is right under the field. */
  wrong[17] = wrong[17] == '0' ? '1' : '0';
  civ_ui_test_set_text (number, wrong);
  g_assert_cmpstr (gtk_label_get_label (panel_child (a, "birth_label")), ==, "");
  g_assert_cmpstr (gtk_label_get_label (panel_child (a, "sex_label")), ==, "");
  g_assert_true (gtk_widget_is_visible (message));
  g_assert_cmpstr (panel_title (a), ==, _ ("Male Party"));
  civ_ui_test_spin (100);
  civ_ui_test_wait_for (gtk_widget_get_height (message) > 0);
  g_assert_true (gtk_widget_compute_bounds (message, number, &bounds));
  g_test_message ("message %.0f px below the number field", bounds.origin.y);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y, <=, gtk_widget_get_height (number) + 80);
  civ_ui_test_screenshot ("marriage-invalid-id.png");

  /* A valid number fills both and clears the message. */
  civ_ui_test_set_text (number, his);
  g_assert_cmpstr (gtk_label_get_label (panel_child (a, "birth_label")), ==, "1995-03-07");
  g_assert_cmpstr (gtk_label_get_label (panel_child (a, "sex_label")), ==, _ ("Male"));
  g_assert_false (gtk_widget_is_visible (message));
  /* …and a valid number turned invalid empties them again. */
  civ_ui_test_set_text (number, wrong);
  g_assert_cmpstr (gtk_label_get_label (panel_child (a, "birth_label")), ==, "");
  g_assert_cmpstr (gtk_label_get_label (panel_child (a, "sex_label")), ==, "");

  /* The woman entered first: the first panel is 女方, the second 男方. */
  civ_ui_test_set_text (number, hers);
  civ_ui_test_set_text (panel_child (b, "number_row"), his);
  g_assert_cmpstr (panel_title (a), ==, _ ("Female Party"));
  g_assert_cmpstr (panel_title (b), ==, _ ("Male Party"));
  civ_ui_test_set_text (number, "");
  g_assert_cmpstr (panel_title (a), ==, _ ("Male Party"));

  civ_ui_test_close_all (app);
}

static void
test_panel (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, panel_body, fx);
}

/* Item 3 and 6: the keyboard. */
static void
keyboard_body (CivApplication *app, gpointer data)
{
  Fixture         *fx = data;
  CivMainWindow   *window = NULL;
  CivMarriagePage *page = open_page (fx, app, &window);
  GType            mt = CIV_TYPE_MARRIAGE_PAGE;
  CivPartyPanel   *panels[2] = { civ_ui_test_child (page, mt, "party_a"),
                                 civ_ui_test_child (page, mt, "party_b") };
  GtkAdjustment   *adj =
    gtk_scrolled_window_get_vadjustment (civ_ui_test_child (page, mt, "scroller"));
  g_autofree char *his = civ_test_make_id ("110101", "19950307", 11);
  guint            n_fields = 0;
  guint            n;

  /* Every mnemonic on the page is a key of its own. */
  n = civ_ui_test_assert_unique_mnemonics (GTK_WIDGET (page));
  g_test_message ("%u mnemonics on the marriage page", n);
  g_assert_cmpuint (n, >=, 6);

  /* One Tab stop per field: every row of a panel holds exactly one widget
   * that takes the focus (the row itself or one inside it, as the boxed
   * list moves from row to row), and nothing read-only takes it. */
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (panel_child (panels[i], "name_row")));

      for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
           row = gtk_widget_get_next_sibling (row))
        {
          guint n_stops;

          if (!gtk_widget_get_visible (row))
            continue;
          n_stops = count_stops (row);
          g_test_message ("%s \"%s\": %u Tab stop(s)", G_OBJECT_TYPE_NAME (row),
                          ADW_IS_PREFERENCES_ROW (row)
                            ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))
                            : "",
                          n_stops);
          /* The card row is read with F2 (its button is for the mouse). */
          if (row == panel_child (panels[i], "birth_row") ||
              row == panel_child (panels[i], "sex_row") ||
              row == panel_child (panels[i], "card_row"))
            g_assert_cmpuint (n_stops, ==, 0);
          else
            g_assert_cmpuint (n_stops, ==, 1);
          n_fields += n_stops;
        }
      /* The nationality is a drop-down: no text to select and wipe. */
      g_assert_cmpuint (count_editables (panel_child (panels[i], "nationality_row")), ==, 0);
    }
  /* Name, document, number, nationality, ethnicity, category, four switches,
   * the registrar's check of the card photo. */
  g_assert_cmpuint (n_fields, ==, 2 * 11);

  /* New: back to the top of the form, in the first field. */
  civ_ui_test_fill_party (panels[0], "张伟", his);
  civ_ui_test_spin (100);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  civ_ui_test_spin (100);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
  gtk_widget_activate_action (GTK_WIDGET (page), "marriage.new", NULL);
  civ_ui_test_spin (200);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         civ_party_panel_get_first_row (panels[0])));
  g_assert_cmpstr (gtk_editable_get_text (panel_child (panels[0], "name_row")), ==, "");
  civ_ui_test_screenshot ("marriage-new.png");

  civ_ui_test_close_all (app);
}

static void
test_keyboard (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, keyboard_body, fx);
}

/* Item 4: a refused couple's checks and notice, as the registrar and the
 * couple read them (screenshots in the locale of the run). */
static void
refusal_body (CivApplication *app, gpointer data)
{
  Fixture         *fx = data;
  CivMainWindow   *window = NULL;
  CivMarriagePage *page = open_page (fx, app, &window);
  GType            mt = CIV_TYPE_MARRIAGE_PAGE;
  g_autofree char *his = civ_test_make_id ("110101", "20060101", 21); /* 20: under 22 */
  g_autofree char *hers = civ_test_make_id ("110102", "20000101", 22);
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *pdf = g_build_filename (dir, "notice.pdf", NULL);
  g_autofree char *text = NULL;
  GtkWindow       *dialog = NULL;
  GtkAdjustment   *adj =
    gtk_scrolled_window_get_vadjustment (civ_ui_test_child (page, mt, "scroller"));

  civ_ui_test_fill_party (civ_ui_test_child (page, mt, "party_a"), "赵小军", his);
  civ_ui_test_fill_party (civ_ui_test_child (page, mt, "party_b"), "钱小红", hers);
  gtk_widget_activate_action (GTK_WIDGET (page), "marriage.check", NULL);
  civ_ui_test_wait_for (_civ_marriage_page_get_findings (page) != NULL);
  civ_ui_test_spin (200);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  civ_ui_test_screenshot ("marriage-refusal-findings.png");

  gtk_widget_activate_action (GTK_WIDGET (page), "marriage.refuse", NULL);
  civ_ui_test_wait_for ((dialog = civ_ui_test_find_window (app, ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  civ_ui_test_screenshot ("marriage-refuse-dialog.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "refuse");
  civ_ui_test_wait_for (_civ_marriage_page_get_record_id (page) != NULL);
  g_assert_false (gtk_widget_get_visible (civ_ui_test_child (page, mt, "verdict_row")));
  _civ_marriage_page_set_export_filename (page, pdf);
  gtk_widget_activate_action (GTK_WIDGET (page), "marriage.print-notice", NULL);
  civ_ui_test_wait_for (g_file_test (pdf, G_FILE_TEST_EXISTS));
  civ_ui_test_drain_worker (_civ_application_get_worker (app));
  text = civ_test_pdf_text (pdf, FALSE, 0);
  g_test_message ("notice:\n%s", text);
  g_assert_null (strstr (text, "R-M"));
  g_assert_nonnull (strstr (text, "第一千零四十七条"));
  civ_test_pdf_screenshot (pdf, "refusal-notice", 60);
  civ_test_rmdir (dir);

  civ_ui_test_close_all (app);
}

static void
test_refusal (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, refusal_body, fx);
}

int
main (int argc, char *argv[])
{
  civ_ui_test_init (&argc, &argv);
  if (g_getenv ("CIVREG_TEST_TRANSLATED") != NULL)
    {
      /* As ui/main.c does, so the templates are built in the translation. */
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CIVREG_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_add ("/ui/marriage-form/party-panel", Fixture, NULL, fixture_set_up, test_panel,
              fixture_tear_down);
  g_test_add ("/ui/marriage-form/keyboard", Fixture, NULL, fixture_set_up, test_keyboard,
              fixture_tear_down);
  g_test_add ("/ui/marriage-form/refusal", Fixture, NULL, fixture_set_up, test_refusal,
              fixture_tear_down);
  return g_test_run ();
}
