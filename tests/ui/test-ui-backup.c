// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-backup.c — the backup page (supervisors only): back up now with
 * progress, the list, verify and restore into a new folder with the
 * report; the damage banner after login (issue 12, items 2 and 3). With
 * CIVREG_SCREENSHOT_DIR set, screenshots are saved there. */
#include "civ-ui-test-utils.h"

#include <glib/gstdio.h>
#include <string.h>

#include "civ-backup-page-private.h"
#include "civ-test-utils.h"

typedef CivUiTestOffice Fixture;

static void
backup_body (CivApplication *app, gpointer data)
{
  Fixture         *fx = data;
  g_autofree char *folder = g_build_filename (fx->data_dir, "backups", NULL);
  g_autofree char *restored = g_build_filename (fx->data_dir, "restored", NULL);
  g_autofree char *backup = NULL;
  CivMainWindow   *window;
  CivBackupPage   *page;

  window = civ_ui_test_present_main (app, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW,
                                     (CivMainWindow **) &fx->main_window);
  g_assert_true (_civ_main_window_has_page (window, "backup"));
  page = CIV_BACKUP_PAGE (_civ_main_window_get_page (window, "backup"));
  _civ_main_window_show_page (window, "backup");
  civ_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (page)));
  /* Showing the page lists the backup folder on a thread of its own; that
   * listing is under way until its reply comes back. */
  civ_ui_test_wait_for (!_civ_backup_page_is_busy (page));

  /* No folder yet: nothing to back up into (no backup starts, so nothing
   * is under way right after the action). */
  gtk_widget_activate_action (GTK_WIDGET (page), "backup.create", NULL);
  g_assert_false (_civ_backup_page_is_busy (page));
  _civ_backup_page_set_folder (page, folder);
  civ_ui_test_wait_for (!_civ_backup_page_is_busy (page));
  g_assert_cmpuint (_civ_backup_page_get_n_backups (page), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "backup.create", NULL));
  civ_ui_test_wait_for (!_civ_backup_page_is_busy (page) &&
                        _civ_backup_page_get_n_backups (page) == 1);
  g_test_message ("%s", _civ_backup_page_get_status (page));
  g_assert_nonnull (strstr (_civ_backup_page_get_status (page), folder));
  {
    g_autoptr (GDir) d = g_dir_open (folder, 0, NULL);
    const char *name = g_dir_read_name (d);

    g_assert_nonnull (name);
    backup = g_build_filename (folder, name, NULL);
  }
  civ_ui_test_spin (200);
  civ_ui_test_screenshot ("backup.png");
  civ_ui_test_assert_unique_mnemonics (GTK_WIDGET (page));

  /* Verify: the report says what the backup holds. */
  _civ_backup_page_verify (page, backup);
  civ_ui_test_wait_for (_civ_backup_page_get_report (page) != NULL);
  g_assert_true (_civ_backup_page_get_report_ok (page));
  g_assert_nonnull (strstr (_civ_backup_page_get_report (page), "110101"));
  civ_ui_test_spin (200);
  civ_ui_test_screenshot ("backup-verified.png");

  /* Restore into a new folder, then not over it again. */
  _civ_backup_page_restore (page, backup, restored);
  civ_ui_test_wait_for (!_civ_backup_page_is_busy (page));
  g_assert_true (_civ_backup_page_get_report_ok (page));
  g_assert_true (g_file_test (restored, G_FILE_TEST_IS_DIR));
  _civ_backup_page_restore (page, backup, restored);
  civ_ui_test_wait_for (!_civ_backup_page_is_busy (page));
  g_assert_false (_civ_backup_page_get_report_ok (page));
  g_test_message ("%s", _civ_backup_page_get_report (page));

  civ_ui_test_close_all (app);
}

static void
test_page (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, backup_body, fx);
}

/* A registrar never gets the page. */
static void
registrar_body (CivApplication *app, gpointer data)
{
  Fixture       *fx = data;
  CivMainWindow *window =
    civ_ui_test_present_main (app, "clerk", "Clerk-password", (CivMainWindow **) &fx->main_window);

  g_assert_false (_civ_main_window_has_page (window, "backup"));
  civ_ui_test_close_all (app);
}

static void
test_registrar (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, registrar_body, fx);
}

static void
damage_body (CivApplication *app, gpointer data)
{
  Fixture       *fx = data;
  CivMainWindow *window =
    civ_ui_test_present_main (app, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW,
                              (CivMainWindow **) &fx->main_window);

  civ_ui_test_wait_for (_civ_main_window_get_damage_message (window) != NULL);
  g_test_message ("%s", _civ_main_window_get_damage_message (window));
  g_assert_nonnull (strstr (_civ_main_window_get_damage_message (window), "division_codes"));
  civ_ui_test_spin (200);
  civ_ui_test_screenshot ("damage-banner.png");
  civ_ui_test_close_all (app);
}

/* A page no login reads (the division codes) is damaged: the login works,
 * the quick check after it shows the banner naming the table. */
static void
test_damage_banner (Fixture *fx, gconstpointer data)
{
  g_autofree char *db = g_build_filename (fx->data_dir, CIV_STORE_DB_NAME, NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize  len = 0;
  gint64 page = 0;

  {
    g_autoptr (CivStore) store =
      civ_store_open (fx->data_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);

    g_assert_no_error (error);
    page = civ_test_count (store, "SELECT rootpage FROM sqlite_master WHERE name = "
                                  "'division_codes'");
    g_assert_true (
      civ_db_exec (civ_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  }
  g_assert_true (g_file_get_contents (db, &contents, &len, &error));
  for (int i = 0; i < 64; i++)
    contents[(page - 1) * CIV_DB_PAGE_SIZE + 300 + i] ^= 0x5a;
  g_assert_true (g_file_set_contents (db, contents, (gssize) len, &error));
  civ_ui_test_run_app (fx->data_dir, damage_body, fx);
}

int
main (int argc, char **argv)
{
  civ_ui_test_init (&argc, &argv);
  g_test_add ("/ui/backup/page", Fixture, NULL, civ_ui_test_office_set_up, test_page,
              civ_ui_test_office_tear_down);
  g_test_add ("/ui/backup/registrar", Fixture, NULL, civ_ui_test_office_set_up, test_registrar,
              civ_ui_test_office_tear_down);
  g_test_add ("/ui/backup/damage-banner", Fixture, NULL, civ_ui_test_office_set_up,
              test_damage_banner, civ_ui_test_office_tear_down);
  return g_test_run ();
}
