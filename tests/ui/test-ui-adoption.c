// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-adoption.c — the adoption page with a real office under Xvfb and
 * a fake clock (R-A1…R-A15):
 *
 *   /ui/adoption/walk      a found child's adoption from the application in
 *                          four steps, with live findings (R-A3 while the
 *                          adopter is 29), through the 60-day notice (R-A7),
 *                          the assessment (R-A11) and the review decision
 *                          (R-A10) to the certificate printed to PDF; the
 *                          notice printed; then a dissolution (R-A14) and
 *                          its proof printed with its number. Every opening
 *                          and print asked for a purpose, which the access
 *                          journal holds (R-A13).
 *   /ui/adoption/card      an identity number mistyped is refused live (R-ID2);
 *                          the adopter's ID card on the simulated reader fills
 *                          the adopter's fields.
 *   /ui/adoption/secrecy   a registrar without the adoption permission has
 *                          no adoption page; given it, the page is there,
 *                          and the birth parents are shown only after an
 *                          explicit, journalled "show" (R-A13).
 *
 * With CIVREG_SCREENSHOT_DIR set, screenshots of each screen and PNG pages
 * of the PDFs are saved there. */
#include "civ-ui-test-utils.h"

#include <string.h>

#include <glib/gi18n.h>

#include <glib/gstdio.h>

#include "civ-adoption-page-private.h"
#include "civ-adoption-service.h"
#include "civ-main-window-private.h"
#include "civ-refdata.h"
#include "civ-test-utils.h"
#include "civ-users-service.h"

#define CLERK "clerk"
#define CLERK_PW "Clerk-password"

typedef struct
{
  char          *data_dir;
  char          *out_dir;
  CivMainWindow *main_window;
  char          *id_adopter[2];
  char          *id_parent;
  CivTestCardSim sim; /* /ui/adoption/card only */
  char          *link;
} Fixture;

static gboolean
translated (void)
{
  return g_getenv ("CIVREG_TEST_TRANSLATED") != NULL;
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&fx->data_dir, NULL);
  g_autofree char *holidays =
    g_test_build_filename (G_TEST_DIST, "fixtures", "holidays", "2024-national-day.json", NULL);
  const char *files[2] = { holidays, NULL };

  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
  g_assert_true (civ_refdata_import (store, CIV_REFDATA_HOLIDAYS, files, NULL, &error));
  g_assert_no_error (error);
  fx->out_dir = civ_test_mkdtemp ();
  fx->id_adopter[0] = civ_test_make_id ("110101", "19800202", 11);
  fx->id_adopter[1] = civ_test_make_id ("110101", "19820303", 12);
  fx->id_parent = civ_test_make_id ("110101", "19950505", 13);
}

/* The counter's ID-card reader is the simulator's port, a card ready. */
static void
card_set_up (Fixture *fx, gconstpointer data)
{
  fixture_set_up (fx, data);
  fx->link = g_build_filename (fx->data_dir, "ttyCIV0", NULL);
  civ_test_card_sim_start (&fx->sim, fx->link, (const char *[]){ "zhang-wei.card", NULL }, -1);
  g_setenv ("CIVREG_CARD_READER", fx->link, TRUE);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  if (fx->link != NULL)
    {
      civ_test_card_sim_stop (&fx->sim);
      g_unsetenv ("CIVREG_CARD_READER");
      g_free (fx->link);
    }
  g_assert_null (fx->main_window);
  civ_test_rmdir (fx->data_dir);
  civ_test_rmdir (fx->out_dir);
  g_free (fx->data_dir);
  g_free (fx->out_dir);
  g_free (fx->id_adopter[0]);
  g_free (fx->id_adopter[1]);
  g_free (fx->id_parent);
}

static void
set_day (CivMainWindow *window, int y, int m, int d)
{
  GDate today;

  civ_test_date (&today, y, m, d);
  _civ_main_window_set_today (window, &today);
}

static gpointer
w (CivAdoptionPage *page, const char *name)
{
  GtkWidget *widget = _civ_adoption_page_widget (page, name);

  if (widget == NULL)
    g_test_message ("the page shows no “%s”", name);
  g_assert_nonnull (widget);
  return widget;
}

static void
text (CivAdoptionPage *page, const char *name, const char *value)
{
  civ_ui_test_set_text (w (page, name), value);
}

static void
on (CivAdoptionPage *page, const char *name, gboolean active)
{
  gtk_switch_set_active (GTK_SWITCH (w (page, name)), active);
}

static void
pick (CivAdoptionPage *page, const char *name, guint position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (w (page, name)), position);
}

static void
idle (CivAdoptionPage *page)
{
  civ_ui_test_spin (50);
  civ_ui_test_wait_for (_civ_adoption_page_busy (page) == 0);
}

static void
click (CivAdoptionPage *page, const char *name)
{
  civ_ui_test_click (w (page, name));
  idle (page);
}

static const char *
state (CivAdoptionPage *page)
{
  const CivAdoptionView *view = _civ_adoption_page_view (page);

  return view ? view->row->state : NULL;
}

static void
assert_state (CivAdoptionPage *page, const char *expected)
{
  if (g_strcmp0 (state (page), expected) != 0)
    g_test_message ("page message: %s", _civ_adoption_page_message (page));
  g_assert_cmpstr (state (page), ==, expected);
}

static void
assert_has (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_test_message ("“%s” is not in:\n%s", needle, haystack);
  g_assert_nonnull (strstr (haystack, needle));
}

/* Prints @button's document for @purpose to @file in the export folder and
 * returns its text. */
static char *
print (Fixture *fx, CivAdoptionPage *page, const char *button, const char *file, const char *png)
{
  g_autofree char *path = g_build_filename (fx->out_dir, file, NULL);
  g_autoptr (GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *raw = NULL;

  g_remove (path);
  civ_ui_test_click (w (page, button));
  g_assert_true (_civ_adoption_page_answer_purpose (page, "为当事人出具文书"));
  civ_ui_test_wait_for (g_file_test (path, G_FILE_TEST_EXISTS));
  civ_ui_test_spin (200);
  idle (page);
  civ_test_pdf_screenshot (path, png, 60);
  raw = civ_test_pdf_text (path, FALSE, 0);
  return g_regex_replace_literal (space, raw, -1, 0, " ", 0, NULL);
}

/* Whether a row titled @title is shown under @root. */
static gboolean
row_titled (GtkWidget *root, const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (row_titled (child, title))
      return TRUE;
  return FALSE;
}

/* The mnemonics of the view the page shows (list, application, record)
 * are unique, in English and in zh_CN. */
static void
assert_mnemonics (CivAdoptionPage *page)
{
  GtkWidget *stack = GTK_WIDGET (page);

  while (stack != NULL && !GTK_IS_STACK (stack))
    {
      GtkWidget *child = gtk_widget_get_first_child (stack);

      /* The page's first box holds the message line, then the stack. */
      while (child != NULL && gtk_widget_get_next_sibling (child) != NULL && !GTK_IS_STACK (child))
        child = gtk_widget_get_next_sibling (child);
      stack = child;
    }
  g_assert_nonnull (stack);
  civ_ui_test_assert_unique_mnemonics (gtk_stack_get_visible_child (GTK_STACK (stack)));
}

static void
walk_body (CivApplication *app, gpointer data)
{
  Fixture       *fx = data;
  CivMainWindow *window =
    civ_ui_test_present_main (app, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &fx->main_window);
  CivAdoptionPage *page;
  g_autofree char *certificate_no = NULL;
  g_autofree char *pdf = NULL;

  set_day (window, 2024, 3, 1);
  g_assert_true (_civ_main_window_has_page (window, "adoption"));
  _civ_main_window_show_page (window, "adoption");
  page = CIV_ADOPTION_PAGE (_civ_main_window_get_page (window, "adoption"));
  _civ_adoption_page_set_export_dir (page, fx->out_dir);
  idle (page);
  assert_mnemonics (page);
  civ_ui_test_screenshot ("adoption-list-empty.png");

  /* Step 1: a girl found in 2020, raised by the welfare institution. */
  click (page, "list.new");
  text (page, "child.name", "张小宝");
  pick (page, "child.sex", 1);
  text (page, "child.birth", "2020-05-01");
  pick (page, "child.basis", 2); /* parents cannot be found */
  on (page, "child.welfare", TRUE);
  assert_mnemonics (page);
  civ_ui_test_screenshot ("adoption-apply-child.png");
  click (page, "apply.next");

  /* Step 2: the welfare institution places her. */
  pick (page, "placer0.kind", 1);
  text (page, "placer0.name", "北京市儿童福利院");
  civ_ui_test_screenshot ("adoption-apply-placer.png");
  click (page, "apply.next");

  /* Step 3: a married couple adopts jointly; his age first one year short
   * of 30: the rules refuse live, with the law (R-A3). */
  on (page, "adopter.joint", TRUE);
  text (page, "adopter0.name", "王建国");
  text (page, "adopter0.birth", "1994-06-01");
  text (page, "adopter0.id", fx->id_adopter[0]);
  on (page, "adopter0.married", TRUE);
  text (page, "adopter1.name", "李秀兰");
  pick (page, "adopter1.sex", 1);
  text (page, "adopter1.birth", "1982-03-03");
  text (page, "adopter1.id", fx->id_adopter[1]);
  on (page, "adopter1.married", TRUE);
  civ_ui_test_wait_for (_civ_adoption_page_has_finding (page, "R-A3"));
  assert_mnemonics (page);
  civ_ui_test_screenshot ("adoption-apply-adopters-r-a3.png");
  text (page, "adopter0.birth", "1980-02-02");
  civ_ui_test_wait_for (!_civ_adoption_page_has_finding (page, "R-A3"));
  g_assert_cmpuint (_civ_adoption_page_n_findings (page), >, 0);
  click (page, "apply.next");

  /* Step 4, then the application is recorded: a notice is needed first. */
  civ_ui_test_screenshot ("adoption-apply-relationship.png");
  click (page, "apply.submit");
  assert_state (page, "APPLIED");
  g_assert_true (_civ_adoption_page_view (page)->row->notice_needed);
  assert_mnemonics (page);
  civ_ui_test_screenshot ("adoption-record-applied.png");

  /* R-A7: the notice as published on 1 March. */
  g_assert_nonnull (_civ_adoption_page_widget (page, "notice.text"));
  text (page, "notice.published", "2024-03-01");
  click (page, "record.publish");
  assert_state (page, "NOTICE_60D");
  g_assert_cmpstr (_civ_adoption_page_view (page)->notice->ends_on, ==, "2024-04-30");
  pdf = print (fx, page, "print.notice", "notice.pdf", "adoption-notice-page1");
  assert_has (pdf, "张小宝");
  g_clear_pointer (&pdf, g_free);

  /* Before the 60 days have ended the assessment cannot begin (R-A7). */
  set_day (window, 2024, 4, 15);
  click (page, "record.begin_assessment");
  assert_state (page, "NOTICE_60D");
  g_assert_nonnull (_civ_adoption_page_message (page));

  /* R-A11: after the notice, a team of two assesses every item. */
  set_day (window, 2024, 5, 6);
  click (page, "record.begin_assessment");
  assert_state (page, "ASSESSMENT");
  text (page, "assessment.team", "张评估、李评估");
  text (page, "assessment.conclusion_text", "收养人具备抚养教育能力");
  assert_mnemonics (page);
  civ_ui_test_screenshot ("adoption-assessment-form.png");
  click (page, "record.record_assessment");
  assert_state (page, "REVIEW_30D");
  g_assert_nonnull (_civ_adoption_page_view (page)->row->review_due);

  /* R-A10: the review decides; the certificate number is the office's first. */
  set_day (window, 2024, 5, 20);
  click (page, "record.decide");
  assert_state (page, "REGISTERED");
  certificate_no = g_strdup (_civ_adoption_page_view (page)->row->certificate_no);
  /* The state in the counter's language (context "adoption state"). */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (w (page, "record.state"))), ==,
                   translated () ? "已登记" : "Registered");
  g_assert_cmpstr (certificate_no, ==, "SY110101-2024-000001");
  assert_mnemonics (page);
  civ_ui_test_screenshot ("adoption-record-registered.png");
  pdf = print (fx, page, "print.certificate", "certificate.pdf", "adoption-certificate-page1");
  assert_has (pdf, certificate_no);
  assert_has (pdf, "王建国");
  assert_has (pdf, "李秀兰");
  assert_has (pdf, "张小宝");
  g_clear_pointer (&pdf, g_free);

  /* R-A14: a dissolution by agreement, reviewed, the certificate handed back. */
  set_day (window, 2024, 9, 2);
  text (page, "dissolution.agreement", "解除收养协议2024-001");
  click (page, "record.apply_dissolution");
  assert_state (page, "REGISTERED");
  g_assert_nonnull (_civ_adoption_page_view (page)->dissolution);
  /* Not without the certificate. */
  click (page, "record.dissolve");
  assert_state (page, "REGISTERED");
  on (page, "dissolution.returned", TRUE);
  click (page, "record.dissolve");
  assert_state (page, "DISSOLVED");
  g_assert_nonnull (_civ_adoption_page_view (page)->dissolution_no);
  assert_mnemonics (page);
  civ_ui_test_screenshot ("adoption-record-dissolved.png");
  pdf = print (fx, page, "print.dissolution", "dissolution.pdf", "adoption-dissolution-page1");
  assert_has (pdf, _civ_adoption_page_view (page)->dissolution_no);
  assert_has (pdf, "张小宝");

  /* The list shows it with its number. */
  click (page, "record.back");
  civ_ui_test_screenshot ("adoption-list.png");
  civ_ui_test_close_all (app);
}

static void
test_walk (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (GPtrArray) log = NULL;
  guint prints = 0, opens = 0;

  civ_ui_test_run_app (fx->data_dir, walk_body, fx);

  /* R-A13: every look and print is in the journal with its purpose. */
  store = civ_store_open (fx->data_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  log = civ_adoption_access_log (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < log->len; i++)
    {
      CivAdoptionAccessRow *row = g_ptr_array_index (log, i);

      g_assert_nonnull (row->purpose);
      g_assert_cmpstr (row->purpose, !=, "");
      if (g_strcmp0 (row->action, "print") == 0)
        {
          g_assert_cmpstr (row->purpose, ==, "为当事人出具文书");
          prints++;
        }
      else if (g_strcmp0 (row->action, "open") == 0)
        opens++;
    }
  g_assert_cmpuint (prints, ==, 3);
  g_assert_cmpuint (opens, >, 0);
}

static void
secrecy_body (CivApplication *app, gpointer data)
{
  Fixture               *fx = data;
  CivMainWindow         *window = civ_ui_test_present_main (app, CLERK, CLERK_PW, &fx->main_window);
  CivAdoptionPage       *page;
  const CivAdoptionView *view;

  set_day (window, 2024, 3, 1);
  _civ_main_window_show_page (window, "adoption");
  page = CIV_ADOPTION_PAGE (_civ_main_window_get_page (window, "adoption"));
  idle (page);

  /* The birth mother places her son (special hardship, the father unknown). */
  click (page, "list.new");
  text (page, "child.name", "陈小明");
  text (page, "child.birth", "2022-01-10");
  pick (page, "child.basis", 3);
  click (page, "apply.next");
  pick (page, "placer0.kind", 2);
  text (page, "placer0.name", "陈秘密");
  text (page, "placer0.id", fx->id_parent);
  on (page, "placer0.hardship", TRUE);
  on (page, "placer0.other_unknown", TRUE);
  click (page, "apply.next");
  text (page, "adopter0.name", "王建国");
  text (page, "adopter0.birth", "1980-02-02");
  text (page, "adopter0.id", fx->id_adopter[0]);
  click (page, "apply.next");
  click (page, "apply.submit");
  assert_state (page, "APPLIED");

  /* Withheld on the record (R-A13): her name is nowhere in the view. */
  view = _civ_adoption_page_view (page);
  g_assert_true (view->birth_parents_withheld);
  for (guint i = 0; i < view->parties->len; i++)
    g_assert_cmpstr (((CivAdoptionPartyRow *) g_ptr_array_index (view->parties, i))->name, !=,
                     "陈秘密");
  g_assert_false (row_titled (GTK_WIDGET (page), "陈秘密"));
  assert_mnemonics (page);
  civ_ui_test_screenshot ("adoption-record-withheld.png");

  /* Shown on an explicit request with its purpose. */
  civ_ui_test_click (w (page, "record.show_birth_parents"));
  g_assert_true (_civ_adoption_page_answer_purpose (page, "核实生父母同意"));
  idle (page);
  g_assert_null (_civ_adoption_page_widget (page, "record.show_birth_parents"));
  g_assert_true (row_titled (GTK_WIDGET (page), "陈秘密"));
  civ_ui_test_screenshot ("adoption-record-birth-parents.png");
  civ_ui_test_close_all (app);
}

static void
no_page_body (CivApplication *app, gpointer data)
{
  Fixture       *fx = data;
  CivMainWindow *window = civ_ui_test_present_main (app, CLERK, CLERK_PW, &fx->main_window);

  /* R-A13: without the permission the page is never built. */
  g_assert_false (_civ_main_window_has_page (window, "adoption"));
  g_assert_null (_civ_main_window_get_page (window, "adoption"));
  civ_ui_test_close_all (app);
}

static void
test_secrecy (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) log = NULL;
  gboolean shown = FALSE;

  civ_ui_test_run_app (fx->data_dir, no_page_body, fx);
  {
    g_autoptr (CivStore) store =
      civ_store_open (fx->data_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);

    g_assert_no_error (error);
    g_assert_true (civ_users_set_grant (store, CLERK, CIV_PERM_ADOPTION, TRUE, &error));
    g_assert_no_error (error);
  }
  civ_ui_test_run_app (fx->data_dir, secrecy_body, fx);

  {
    g_autoptr (CivStore) store =
      civ_store_open (fx->data_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);

    g_assert_no_error (error);
    log = civ_adoption_access_log (store, NULL, &error);
    g_assert_no_error (error);
  }
  for (guint i = 0; i < log->len; i++)
    {
      CivAdoptionAccessRow *row = g_ptr_array_index (log, i);

      if (g_strcmp0 (row->action, "show-birth-parents") == 0)
        {
          g_assert_cmpstr (row->actor, ==, CLERK);
          g_assert_cmpstr (row->purpose, ==, "核实生父母同意");
          shown = TRUE;
        }
    }
  g_assert_true (shown);
}

static void
card_body (CivApplication *app, gpointer data)
{
  Fixture       *fx = data;
  CivMainWindow *window =
    civ_ui_test_present_main (app, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &fx->main_window);
  CivAdoptionPage *page;

  set_day (window, 2024, 3, 1);
  _civ_main_window_show_page (window, "adoption");
  page = CIV_ADOPTION_PAGE (_civ_main_window_get_page (window, "adoption"));
  idle (page);
  click (page, "list.new");
  click (page, "apply.next");
  click (page, "apply.next");

  /* A mistyped number is refused live, naming the party and the rule. */
  text (page, "adopter0.id", "110101198503120157");
  civ_ui_test_wait_for (_civ_adoption_page_has_finding (page, "R-ID2"));

  /* The adopter's card on the reader fills the adopter's fields. */
  civ_test_card_sim_ok (&fx->sim, "place 0");
  click (page, "adopter0.read_card");
  civ_ui_test_wait_for (
    g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (w (page, "adopter0.name"))), "张伟") == 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w (page, "adopter0.id"))), ==,
                   "110101198503120156");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w (page, "adopter0.birth"))), ==,
                   "1985-03-12");
  civ_ui_test_wait_for (!_civ_adoption_page_has_finding (page, "R-ID2"));
  /* The other adopter's fields are untouched. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w (page, "adopter1.name"))), ==, "");
  civ_ui_test_screenshot ("adoption-apply-card.png");
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
  if (translated ())
    {
      /* As ui/main.c does, so the page is built in the translation. */
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CIVREG_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_add ("/ui/adoption/walk", Fixture, NULL, fixture_set_up, test_walk, fixture_tear_down);
  g_test_add ("/ui/adoption/secrecy", Fixture, NULL, fixture_set_up, test_secrecy,
              fixture_tear_down);
  g_test_add ("/ui/adoption/card", Fixture, NULL, card_set_up, test_card, fixture_tear_down);
  return g_test_run ();
}
