// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-page.c — the CivPage interface: what a sidebar page declares and does */
#include "civ-page.h"

#include <glib/gi18n.h>

G_DEFINE_INTERFACE (CivPage, civ_page, GTK_TYPE_WIDGET)

static void
civ_page_real_reload (CivPage *self)
{
}

static void
civ_page_real_set_today (CivPage *self, const GDate *today)
{
}

static void
civ_page_default_init (CivPageInterface *iface)
{
  /* Copied into every implementation before its own interface init. */
  iface->reload = civ_page_real_reload;
  iface->set_today = civ_page_real_set_today;
}

/* The interface of a page type; classes of static types stay once made. */
static CivPageInterface *
type_iface (GType type)
{
  g_autoptr (GTypeClass) klass = NULL;

  g_return_val_if_fail (g_type_is_a (type, CIV_TYPE_PAGE), NULL);
  klass = g_type_class_ref (type);
  return g_type_interface_peek (klass, CIV_TYPE_PAGE);
}

const char *
civ_page_type_get_id (GType type)
{
  CivPageInterface *iface = type_iface (type);

  return iface ? iface->id : NULL;
}

const char *
civ_page_type_get_title (GType type)
{
  CivPageInterface *iface = type_iface (type);

  return iface && iface->title ? _ (iface->title) : NULL;
}

const char *
civ_page_type_get_icon_name (GType type)
{
  CivPageInterface *iface = type_iface (type);

  return iface ? iface->icon_name : NULL;
}

gboolean
civ_page_type_allows_role (GType type, CivRole role)
{
  CivPageInterface *iface = type_iface (type);

  if (iface == NULL)
    return FALSE;
  return iface->permission == CIV_PAGE_EVERY_ROLE || civ_role_allows (role, iface->permission);
}

gboolean
civ_page_type_allows (GType type, CivSession *session)
{
  CivPageInterface *iface = type_iface (type);

  if (iface == NULL)
    return FALSE;
  return iface->permission == CIV_PAGE_EVERY_ROLE || civ_session_may (session, iface->permission);
}

void
civ_page_set_session (CivPage *self, CivSession *session)
{
  CivPageInterface *iface;

  g_return_if_fail (CIV_IS_PAGE (self));
  g_return_if_fail (CIV_IS_SESSION (session));

  iface = CIV_PAGE_GET_IFACE (self);
  g_return_if_fail (iface->set_session != NULL);
  iface->set_session (self, session);
}

void
civ_page_clear (CivPage *self)
{
  CivPageInterface *iface;

  g_return_if_fail (CIV_IS_PAGE (self));

  iface = CIV_PAGE_GET_IFACE (self);
  g_return_if_fail (iface->clear != NULL);
  iface->clear (self);
}

void
civ_page_reload (CivPage *self)
{
  g_return_if_fail (CIV_IS_PAGE (self));
  CIV_PAGE_GET_IFACE (self)->reload (self);
}

void
civ_page_set_today (CivPage *self, const GDate *today)
{
  g_return_if_fail (CIV_IS_PAGE (self));
  g_return_if_fail (today != NULL && g_date_valid (today));
  CIV_PAGE_GET_IFACE (self)->set_today (self, today);
}
