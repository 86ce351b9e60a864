// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-page.h — what the main window needs from every page of its sidebar
 *
 * A page is a widget implementing CivPage. Its type says once, in its
 * interface init, what the sidebar shows (id, title, icon) and which
 * permission a role needs to see it: the window never builds a page the
 * signed-in role may not use. The window hands every page built the session,
 * reloads the page it shows (when it comes into view and after an unlock),
 * clears every page when the workstation locks, and passes the counter's
 * date on. HACKING.md, "Adding a page", says how a page joins the window.
 */
#pragma once

#include <adwaita.h>

#include "civ-permissions.h"
#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_PAGE (civ_page_get_type ())
G_DECLARE_INTERFACE (CivPage, civ_page, CIV, PAGE, GtkWidget)

/* The permission of a page that every signed-in role sees (the overview). */
#define CIV_PAGE_EVERY_ROLE CIV_N_PERMS

struct _CivPageInterface
{
  GTypeInterface parent_iface;

  /* The same for every page of the type: set in the interface init. */
  const char   *id;         /* the view stack name, stable: "marriage" */
  const char   *title;      /* untranslated, marked N_ (): translated when shown */
  const char   *icon_name;  /* symbolic, for the sidebar row */
  CivPermission permission; /* what the role needs, or CIV_PAGE_EVERY_ROLE */

  /* Required: the session is set once, before the page is shown. */
  void (*set_session) (CivPage *self, CivSession *session);
  /* Required: the workstation locks. Drops every record and entry the page
   * shows and cancels what it has under way (a log-out destroys the
   * window and its pages). */
  void (*clear) (CivPage *self);
  /* Optional (default: nothing). The page is shown, or shown again after an
   * unlock or a change elsewhere: read what it lists again. Never called
   * while the workstation is locked. */
  void (*reload) (CivPage *self);
  /* Optional (default: nothing). The counter's date: the system clock's,
   * or a test's fake one (_civ_main_window_set_today ()). */
  void (*set_today) (CivPage *self, const GDate *today);
};

/* What a page type declares, without building a page. */
const char *civ_page_type_get_id (GType type);
/* Translated. */
const char *civ_page_type_get_title (GType type);
const char *civ_page_type_get_icon_name (GType type);
gboolean    civ_page_type_allows_role (GType type, CivRole role);
/* Whether the operator of @session may use the page: by role, or by a
 * permission given to them (the adoption page for a granted registrar). */
gboolean    civ_page_type_allows (GType type, CivSession *session);

void civ_page_set_session (CivPage *self, CivSession *session);
void civ_page_clear (CivPage *self);
void civ_page_reload (CivPage *self);
void civ_page_set_today (CivPage *self, const GDate *today);

G_END_DECLS
