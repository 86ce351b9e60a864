// SPDX-License-Identifier: GPL-3.0-or-later
/* main.c — civreg, the GTK application */
#include "civ-config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "civ-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr (CivApplication) app = NULL;
  const char *localedir = g_getenv ("CIVREG_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : CIV_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = civ_application_new (NULL, G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
