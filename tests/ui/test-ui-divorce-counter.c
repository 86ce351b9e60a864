// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-divorce-counter.c — the divorce page at a busy counter (issue 11)
 * with a real office under Xvfb: every declaration switch starts off, also
 * after each step (R-D7 is never confirmed in advance); issuing asks in a
 * dialog naming both spouses, Cancel by default, and without consent asks to
 * refuse; the couple is found by either spouse's identity number or a name,
 * and the registrar picks one when several marriages match; the office's
 * open applications are listed with names, certificate numbers, the phase
 * and its deadline, and open on activation; no record id is shown; the find
 * entry has the focus when the page is shown; mnemonics are unique; the
 * sidebar icon is not the pencil. The last case runs the page in zh_CN
 * (the catalogue of the build) for the same checks and the screenshots. */
#include "civ-ui-test-utils.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "civ-divorce-page.h"
#include "civ-marriage-page.h"
#include "civ-marriage-service.h"
#include "civ-page.h"
#include "civ-refdata.h"
#include "civ-test-utils.h"
#include "civ-divorce-page-private.h"

#define CLERK "clerk"
#define CLERK_PW "Clerk-password"

typedef struct
{
  char          *data_dir;
  CivMainWindow *main_window;
  char          *j_number[3];
  char          *id[6];
  gboolean       chinese;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  static const char *const couples[3][2] = {
    { "王强", "赵敏" }, { "周杰", "吴芳" }, { "王强", "李娜" }, /* another 王强, married later */
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&fx->data_dir, NULL);
  g_autofree char *holidays =
    g_test_build_filename (G_TEST_DIST, "fixtures", "holidays", "2024-national-day.json", NULL);
  const char *files[2] = { holidays, NULL };

  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
  g_assert_true (civ_refdata_import (store, CIV_REFDATA_HOLIDAYS, files, NULL, &error));
  g_assert_no_error (error);
  for (guint n = 0; n < 3; n++)
    {
      g_autoptr (CivMarriageResult) r = NULL;
      CivMarriageInput in;

      fx->id[2 * n] = civ_test_make_id ("110101", "19900101", 41 + 2 * n);
      fx->id[2 * n + 1] = civ_test_make_id ("110101", "19920202", 42 + 2 * n);
      civ_marriage_input_init (&in);
      g_date_set_dmy (&in.registration_date, 10 + n, G_DATE_JANUARY, 2024);
      in.household_jurisdiction = TRUE;
      civ_test_marriage_parties_ready (&in);
      for (guint i = 0; i < 2; i++)
        {
          in.party[i].doc_number = fx->id[2 * n + i];
          in.party[i].name = couples[n][i];
        }
      r = civ_marriage_register (store, &in, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (r->registered);
      fx->j_number[n] = g_strdup (r->certificate_no);
    }
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_assert_null (fx->main_window);
  civ_test_rmdir (fx->data_dir);
  g_free (fx->data_dir);
  for (guint i = 0; i < 3; i++)
    g_free (fx->j_number[i]);
  for (guint i = 0; i < 6; i++)
    g_free (fx->id[i]);
}

static gpointer
child (CivDivorcePage *page, const char *id)
{
  return civ_ui_test_child (page, CIV_TYPE_DIVORCE_PAGE, id);
}

static void
set_day (CivMainWindow *window, int y, int m, int d)
{
  GDate today;

  civ_test_date (&today, y, m, d);
  _civ_main_window_set_today (window, &today);
}

static void
find (CivDivorcePage *page, const char *text)
{
  civ_ui_test_set_text (child (page, "find_row"), text);
  civ_ui_test_click (child (page, "find_button"));
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
}

static const char *
row_title (AdwActionRow *row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static void
assert_contains (const char *text, const char *needle)
{
  if (text == NULL || strstr (text, needle) == NULL)
    g_test_message ("“%s” is not in “%s”", needle, text ? text : "(null)");
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, needle));
}

/* No record id (UUID) where people read. */
static void
assert_no_uuid (const char *text)
{
  if (text != NULL &&
      g_regex_match_simple ("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-", text, G_REGEX_CASELESS, 0))
    g_error ("a record id is shown: %s", text);
}

static void
assert_row_words (AdwActionRow *row)
{
  assert_no_uuid (row_title (row));
  assert_no_uuid (adw_action_row_get_subtitle (row));
}

/* Every switch on every form of the page is off. */
static void
assert_switches_off (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_SWITCH (c) && gtk_switch_get_active (GTK_SWITCH (c)))
        g_error ("switch %s is on", gtk_buildable_get_buildable_id (GTK_BUILDABLE (c)));
      if (GTK_IS_CHECK_BUTTON (c))
        g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (c)));
      assert_switches_off (c);
    }
}

/* The widget a mnemonic label belongs to: its row or button (an entry
 * row has a second label with the same title), else the label. */
static GtkWidget *
mnemonic_owner (GtkWidget *label)
{
  GtkWidget *owner = gtk_widget_get_ancestor (label, ADW_TYPE_PREFERENCES_ROW);

  if (owner == NULL)
    owner = gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON);
  return owner ? owner : label;
}

static void
collect_mnemonics (GtkWidget *widget, GHashTable *seen)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c) && gtk_label_get_use_underline (GTK_LABEL (c)) &&
          gtk_label_get_mnemonic_keyval (GTK_LABEL (c)) != GDK_KEY_VoidSymbol)
        {
          guint      key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (c)));
          GtkWidget *other = g_hash_table_lookup (seen, GUINT_TO_POINTER (key));

          if (other != NULL && other != mnemonic_owner (c))
            g_error ("mnemonic %s of “%s” is also on a %s", gdk_keyval_name (key),
                     gtk_label_get_label (GTK_LABEL (c)), G_OBJECT_TYPE_NAME (other));
          g_hash_table_insert (seen, GUINT_TO_POINTER (key), mnemonic_owner (c));
        }
      collect_mnemonics (c, seen);
    }
}

/* Issue 11 item 7: one key, one widget on the page. */
static void
assert_unique_mnemonics (GtkWidget *page)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);

  collect_mnemonics (page, seen);
  g_assert_cmpuint (g_hash_table_size (seen), >=, 12);
}

static gboolean
find_entry_focused (CivDivorcePage *page)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (page)));

  return focus != NULL && gtk_widget_is_ancestor (focus, child (page, "find_row"));
}

static AdwMessageDialog *
wait_for_dialog (CivApplication *app)
{
  GtkWindow *dialog = NULL;

  civ_ui_test_wait_for ((dialog = civ_ui_test_find_window (app, ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
respond (CivApplication *app, AdwMessageDialog *dialog, const char *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  civ_ui_test_wait_for (civ_ui_test_find_window (app, ADW_TYPE_MESSAGE_DIALOG) == NULL);
}

static void
apply_complete (CivDivorcePage *page)
{
  assert_switches_off (GTK_WIDGET (page));
  gtk_switch_set_active (child (page, "present_switch"), TRUE);
  gtk_switch_set_active (child (page, "agreement_switch"), TRUE);
  civ_ui_test_set_text (child (page, "agreement_row"), "协议-2024-21");
  gtk_switch_set_active (child (page, "capable_switch"), TRUE);
  gtk_switch_set_active (child (page, "certificates_switch"), TRUE);
  civ_ui_test_click (child (page, "accept_button"));
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "COOLING");
  /* A new application starts from nothing confirmed. */
  assert_switches_off (GTK_WIDGET (page));
}

static void
counter_body (CivApplication *app, gpointer data)
{
  Fixture          *fx = data;
  CivMainWindow    *window = civ_ui_test_present_main (app, CLERK, CLERK_PW, &fx->main_window);
  CivDivorcePage   *page = CIV_DIVORCE_PAGE (_civ_main_window_get_page (window, "divorce"));
  const char       *icon = civ_page_type_get_icon_name (CIV_TYPE_DIVORCE_PAGE);
  AdwMessageDialog *dialog;
  AdwActionRow     *row;

  /* Item 12: not the pencil, not the marriage page's, in Adwaita. */
  g_assert_cmpstr (icon, !=, "document-edit-symbolic");
  g_assert_cmpstr (icon, !=, civ_page_type_get_icon_name (CIV_TYPE_MARRIAGE_PAGE));
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (
                                            gtk_widget_get_display (GTK_WIDGET (window))),
                                          icon));

  set_day (window, 2024, 9, 2);
  _civ_main_window_show_page (window, "divorce");
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  /* Keyboard first: the couple is found from the entry, which has the focus. */
  civ_ui_test_wait_for (find_entry_focused (page));
  assert_unique_mnemonics (GTK_WIDGET (page));
  assert_switches_off (GTK_WIDGET (page));
  g_assert_cmpuint (_civ_divorce_page_get_n_open (page), ==, 0);
  g_assert_true (gtk_widget_get_visible (child (page, "open_empty_row")));

  /* Item 6: the couple comes back with identity cards — his finds them. */
  find (page, fx->id[0]);
  g_assert_cmpuint (_civ_divorce_page_get_n_matches (page), ==, 0);
  g_assert_cmpstr (row_title (child (page, "couple_row")), ==,
                   fx->chinese ? "王强与赵敏" : "王强 and 赵敏");
  apply_complete (page);
  /* …and a name: 吴芳 finds the second couple. */
  find (page, "吴芳");
  g_assert_cmpstr (row_title (child (page, "couple_row")), ==,
                   fx->chinese ? "周杰与吴芳" : "周杰 and 吴芳");
  apply_complete (page);

  /* Two marriages of men named 王强: the registrar picks the couple. */
  find (page, "王强");
  g_assert_null (_civ_divorce_page_get_state (page));
  g_assert_cmpuint (_civ_divorce_page_get_n_matches (page), ==, 2);
  g_assert_true (gtk_widget_get_visible (child (page, "matches_group")));
  row = _civ_divorce_page_get_match_row (page, 0);
  assert_row_words (row);
  g_assert_cmpstr (row_title (row), ==, fx->chinese ? "王强与李娜" : "王强 and 李娜");
  assert_contains (adw_action_row_get_subtitle (row), fx->j_number[2]);
  row = _civ_divorce_page_get_match_row (page, 1);
  assert_row_words (row);
  assert_contains (adw_action_row_get_subtitle (row), fx->j_number[0]);
  civ_ui_test_screenshot (fx->chinese ? "divorce-counter-matches-zh.png"
                                      : "divorce-counter-matches.png");
  g_signal_emit_by_name (_civ_divorce_page_get_match_row (page, 0), "activated");
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  g_assert_cmpuint (_civ_divorce_page_get_n_matches (page), ==, 0);
  g_assert_cmpstr (row_title (child (page, "couple_row")), ==,
                   fx->chinese ? "王强与李娜" : "王强 and 李娜");
  g_assert_null (_civ_divorce_page_get_state (page));
  g_assert_true (gtk_widget_get_visible (child (page, "apply_group")));

  /* Nothing found, or not a couple: the registrar is told. */
  find (page, "钱七");
  g_assert_nonnull (_civ_divorce_page_get_message (page));
  assert_contains (_civ_divorce_page_get_message (page), "钱七");
  find (page, "2024");
  g_assert_nonnull (_civ_divorce_page_get_message (page));

  /* Item 6: the open applications, soonest deadline first, in words. */
  g_assert_cmpuint (_civ_divorce_page_get_n_open (page), ==, 2);
  g_assert_false (gtk_widget_get_visible (child (page, "open_empty_row")));
  for (guint i = 0; i < 2; i++)
    {
      row = _civ_divorce_page_get_open_row (page, i);
      assert_row_words (row);
      assert_contains (adw_action_row_get_subtitle (row), fx->j_number[i]);
      /* R-D5: accepted 2024-09-02, the cooling-off ends on 2024-10-08. */
      assert_contains (adw_action_row_get_subtitle (row), "2024-10-08");
    }
  g_assert_cmpstr (row_title (_civ_divorce_page_get_open_row (page, 0)), ==,
                   fx->chinese ? "王强与赵敏" : "王强 and 赵敏");

  /* Day 1 of the window (R-D6): awaiting issuance; a row opens its application. */
  set_day (window, 2024, 10, 9);
  _civ_main_window_show_page (window, "divorce");
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  g_assert_cmpuint (_civ_divorce_page_get_n_open (page), ==, 2);
  assert_contains (adw_action_row_get_subtitle (_civ_divorce_page_get_open_row (page, 0)),
                   "2024-11-07");
  civ_ui_test_spin (200);
  civ_ui_test_screenshot (fx->chinese ? "divorce-counter-open-zh.png" : "divorce-counter-open.png");
  g_signal_emit_by_name (_civ_divorce_page_get_open_row (page, 0), "activated");
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "COOLING");
  g_assert_cmpstr (gtk_editable_get_text (child (page, "find_row")), ==, fx->j_number[0]);
  g_assert_true (gtk_widget_get_visible (child (page, "issue_group")));
  if (!fx->chinese)
    g_assert_cmpstr (row_title (child (page, "state_row")), ==, "Awaiting issuance");
  assert_contains (adw_action_row_get_subtitle (child (page, "t0_row")), "李登记");
  /* Item 2: consent is never confirmed in advance. */
  assert_switches_off (GTK_WIDGET (page));

  /* Without consent, issuing asks to refuse; Cancel leaves it open. */
  gtk_switch_set_active (child (page, "both_switch"), TRUE);
  civ_ui_test_click (child (page, "issue_button"));
  dialog = wait_for_dialog (app);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_true (adw_message_dialog_has_response (dialog, "refuse"));
  g_assert_false (adw_message_dialog_has_response (dialog, "issue"));
  assert_contains (adw_message_dialog_get_body (dialog), "王强");
  assert_contains (adw_message_dialog_get_body (dialog), "赵敏");
  respond (app, dialog, "cancel");
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "COOLING");

  /* With consent: the dialog names both spouses and the marriage. */
  gtk_switch_set_active (child (page, "consent_switch"), TRUE);
  civ_ui_test_click (child (page, "issue_button"));
  dialog = wait_for_dialog (app);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_true (adw_message_dialog_has_response (dialog, "issue"));
  assert_contains (adw_message_dialog_get_body (dialog), "王强");
  assert_contains (adw_message_dialog_get_body (dialog), "赵敏");
  assert_contains (adw_message_dialog_get_body (dialog), fx->j_number[0]);
  assert_no_uuid (adw_message_dialog_get_body (dialog));
  civ_ui_test_spin (200);
  civ_ui_test_screenshot (fx->chinese ? "divorce-counter-issue-confirm-zh.png"
                                      : "divorce-counter-issue-confirm.png");
  /* Closing it (Escape) issues nothing. */
  respond (app, dialog, "cancel");
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "COOLING");
  civ_ui_test_click (child (page, "issue_button"));
  respond (app, wait_for_dialog (app), "issue");
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "REGISTERED");
  assert_contains (adw_action_row_get_subtitle (child (page, "state_row")), "李登记");
  assert_no_uuid (adw_action_row_get_subtitle (child (page, "state_row")));
  /* Issued: it leaves the open list; the switches are off for the next couple. */
  g_assert_cmpuint (_civ_divorce_page_get_n_open (page), ==, 1);
  assert_switches_off (GTK_WIDGET (page));
  assert_unique_mnemonics (GTK_WIDGET (page));
  civ_ui_test_screenshot (fx->chinese ? "divorce-counter-issued-zh.png"
                                      : "divorce-counter-issued.png");

  civ_ui_test_close_all (app);
}

static void
test_counter (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, counter_body, fx);
}

/* The same at a Chinese counter, with the build's catalogue. Runs last:
 * the locale stays for the rest of the process. */
static void
test_counter_zh (Fixture *fx, gconstpointer data)
{
  const char *localedir = g_getenv ("CIVREG_LOCALEDIR");

  if (localedir == NULL || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("no zh_CN.UTF-8 locale or catalogue");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (g_strcmp0 (_ ("Open Applications"), "Open Applications") == 0)
    {
      g_test_skip ("the zh_CN catalogue is not built");
      return;
    }
  fx->chinese = TRUE;
  civ_ui_test_run_app (fx->data_dir, counter_body, fx);
}

int
main (int argc, char *argv[])
{
  civ_ui_test_init (&argc, &argv);

  g_test_add ("/ui/divorce-counter/find-list-confirm", Fixture, NULL, fixture_set_up, test_counter,
              fixture_tear_down);
  g_test_add ("/ui/divorce-counter/zh-CN", Fixture, NULL, fixture_set_up, test_counter_zh,
              fixture_tear_down);
  return g_test_run ();
}
