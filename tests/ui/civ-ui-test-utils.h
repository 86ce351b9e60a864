// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-ui-test-utils.h — helpers for the UI tests: a real application under
 * Xvfb, driven through actions, template children and signals */
#pragma once

#include <adwaita.h>

#include "civ-application-private.h"
#include "civ-party-panel.h"

G_BEGIN_DECLS

/* g_test_init with isolated folders, then GTK and libadwaita. Animations
 * are off so a stack shows its new page at once. */
void civ_ui_test_init (int *argc, char ***argv);

/* Spins the main loop until @check returns TRUE; FALSE after @timeout_ms. */
gboolean civ_ui_test_wait (gboolean (*check) (gpointer data), gpointer data, guint timeout_ms);

/* Spins the main loop until @expr holds (30 s at most), then asserts it. */
#define civ_ui_test_wait_for(expr)                                                                 \
  G_STMT_START                                                                                     \
  {                                                                                                \
    gint64 _civ_end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;                               \
    guint  _civ_tick = g_timeout_add (20, civ_ui_test_tick, NULL);                                 \
    while (!(expr) && g_get_monotonic_time () < _civ_end)                                          \
      g_main_context_iteration (NULL, TRUE);                                                       \
    g_source_remove (_civ_tick);                                                                   \
    g_assert_true (expr);                                                                          \
  }                                                                                                \
  G_STMT_END

gboolean civ_ui_test_tick (gpointer data);

/* Runs a CivApplication on @data_dir (non-unique) and calls @body from its
 * activate handler, after the application's own. @body ends by destroying
 * the windows (civ_ui_test_close_all); the application then shuts down. */
typedef void (*CivUiTestBody) (CivApplication *app, gpointer data);
void civ_ui_test_run_app (const char *data_dir, CivUiTestBody body, gpointer data);

/* Destroys every window of @app and waits until the worker is idle. */
void civ_ui_test_close_all (CivApplication *app);

/* A template child of @widget by its id in the .ui file. */
gpointer civ_ui_test_child (gpointer widget, GType type, const char *id);

void civ_ui_test_set_text (gpointer editable, const char *text);
/* Emits "clicked" after checking the button is sensitive. */
void civ_ui_test_click (gpointer button);

/* Fills a party panel of the marriage page with @name, identity number
 * @number and ethnicity 汉族, and turns on its in-person, consent,
 * declaration and documents switches. */
void civ_ui_test_fill_party (CivPartyPanel *panel, const char *name, const char *number);

/* The first GtkButton under @root whose label or AdwButtonContent label
 * is @label, or NULL. */
GtkWidget *civ_ui_test_find_button (GtkWidget *root, const char *label);

/* The first window of @app of @type, or NULL. */
GtkWindow *civ_ui_test_find_window (CivApplication *app, GType type);

/* Logs in through the login window and waits for the main window. */
CivMainWindow *civ_ui_test_log_in (CivApplication *app, const char *login, const char *password);

/* Logs in, presents the main window and waits until it is mapped; *@slot is
 * a weak pointer to it (NULL again once the window is finalized). */
CivMainWindow *civ_ui_test_present_main (CivApplication *app,
                                         const char     *login,
                                         const char     *password,
                                         CivMainWindow **slot);

/* Runs the main loop for @ms milliseconds (lets windows draw; never an assertion). */
void civ_ui_test_spin (guint ms);

/* Saves the screen as DIR/@name when $CIVREG_SCREENSHOT_DIR is set. */
void civ_ui_test_screenshot (const char *name);

/* TRUE once every job queued on the worker so far has run. */
void       civ_ui_test_drain_worker (CivWorker *worker);
/* Drains the worker, then says whether the session's store is locked (the
 * lock job has run and the data key is gone). */
gboolean   civ_ui_test_store_locked (CivApplication *app);
/* The first GtkSearchEntry below @widget, or NULL. */
GtkWidget *civ_ui_test_find_search_entry (GtkWidget *widget);

/* Every mnemonic (an underlined key of a label, button or row with
 * use-underline) shown under @root, one per widget that owns it (a row, a
 * button, else the label): a newly allocated "key: text" line per mnemonic
 * that another widget under @root shares, NULL-terminated and empty when
 * every key is unique. Hidden widgets (not gtk_widget_is_visible ()) are
 * left out. */
char **civ_ui_test_duplicate_mnemonics (GtkWidget *root);
/* Asserts civ_ui_test_duplicate_mnemonics (@root) is empty, naming the
 * clashes; returns how many mnemonics there are under @root. */
guint  civ_ui_test_assert_unique_mnemonics (GtkWidget *root);

/* A fixture: an office with a registrar "clerk" (Clerk-password) and an
 * auditor "checker" (Checker-password) beside the supervisor; @main_window
 * is cleared when the window goes (it must be gone at the end). */
typedef struct
{
  char    *data_dir;
  gpointer main_window;
} CivUiTestOffice;

void civ_ui_test_office_set_up (CivUiTestOffice *fx, gconstpointer data);
void civ_ui_test_office_tear_down (CivUiTestOffice *fx, gconstpointer data);

/* The first menu button with a menu under @widget (the primary menu of a
 * window), or NULL. */
GtkMenuButton *civ_ui_test_find_menu_button (GtkWidget *widget);

G_END_DECLS
