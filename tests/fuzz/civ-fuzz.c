// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-fuzz.c — shared by every fuzz target: a GLib critical or warning (a
 * g_return_if_fail () in json-glib, say) is a finding, so it aborts, which
 * libFuzzer and the replay driver both catch (G_DEBUG=fatal-criticals
 * would trap instead, and libFuzzer does not catch SIGTRAP). */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "civ-fuzz.h"

static void
abort_on_log (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  fprintf (stderr, "%s: %s\n", domain ? domain : "(none)", message);
  abort ();
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_log_set_default_handler (abort_on_log, NULL);
  g_log_set_handler (NULL, G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING, abort_on_log, NULL);
  return 0;
}
