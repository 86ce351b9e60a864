// SPDX-License-Identifier: GPL-3.0-or-later
/* bench-camera.c — the camera's live view while the form is used
 * (architecture.md §9): not a test, prints figures
 *
 *   bench-camera [--seconds N] [--source DESCRIPTION] [--chars-per-second N]
 *
 * Opens the camera window (CivCameraDialog) on a live 1280×720 videotestsrc
 * at 30 frames/s (or DESCRIPTION) beside a party panel, the marriage form's
 * widget, and types into its entries (name, document number, ethnicity)
 * from a timer while the view runs for N seconds (default 10). Prints the
 * frames the camera gave, those handed to the main thread, those dropped
 * because the window had not taken the previous one, the new frames that
 * reached the screen (painted) per second, and how late the typing timer
 * ran at worst (a stalled main thread shows there). Run it under Xvfb:
 *
 *   xvfb-run -a -s "-screen 0 1280x800x24" _build/tests/bench/bench-camera
 *
 * GSK_RENDERER=cairo or gl picks GTK's renderer.
 */
#include <adwaita.h>
#include <stdio.h>

#include "civ-camera-dialog-private.h"
#include "civ-party-panel.h"

typedef struct
{
  GMainLoop       *loop;
  CivCameraDialog *dialog;
  GtkEditable     *entries[3];
  guint            entry;
  guint            typed;
  gint64           tick_due;
  gint64           tick_period;
  gint64           worst_late;
  guint64          painted;      /* paints that showed a new frame */
  guint64          last_painted; /* _civ_camera_dialog_get_n_shown () at the last paint */
  gint64           started;
} Bench;

/* Characters typed in turn into the three entries. */
static const char *const samples[] = { "张伟李娜王强赵敏", "110101199001010031", "汉族回族满族" };

static gboolean
type_one (gpointer user_data)
{
  Bench           *b = user_data;
  gint64           now = g_get_monotonic_time ();
  GtkEditable     *editable = b->entries[b->entry % 3];
  const char      *sample = samples[b->entry % 3];
  g_autofree char *text = g_strdup (gtk_editable_get_text (editable));
  glong            n = g_utf8_strlen (text, -1);
  glong            total = g_utf8_strlen (sample, -1);
  int              position = -1;

  if (b->tick_due != 0)
    b->worst_late = MAX (b->worst_late, now - b->tick_due);
  b->tick_due = now + b->tick_period;

  if (n >= total)
    gtk_editable_set_text (editable, "");
  else
    {
      const char *start = g_utf8_offset_to_pointer (sample, n);
      const char *end = g_utf8_next_char (start);

      position = (int) n;
      gtk_editable_insert_text (editable, start, (int) (end - start), &position);
    }
  b->typed++;
  b->entry++;
  return G_SOURCE_CONTINUE;
}

static void
on_after_paint (GdkFrameClock *clock, Bench *b)
{
  guint64 shown = _civ_camera_dialog_get_n_shown (b->dialog);

  if (shown != b->last_painted)
    b->painted++;
  b->last_painted = shown;
}

static gboolean
stop (gpointer user_data)
{
  g_main_loop_quit (((Bench *) user_data)->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
started (Bench *b)
{
  return g_strcmp0 (_civ_camera_dialog_get_page (b->dialog), "live") == 0 ||
         g_strcmp0 (_civ_camera_dialog_get_page (b->dialog), "failed") == 0;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) ctx = g_option_context_new (NULL);
  g_autofree char   *source = NULL;
  gint               seconds = 10;
  gint               cps = 20;
  Bench              b = { 0 };
  CivCameraCounters  before, after;
  guint64            shown_before, painted_before;
  GtkWindow         *form;
  GtkWidget         *panel;
  GdkFrameClock     *clock;
  double             elapsed;
  guint              timer;
  const GOptionEntry entries[] = {
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "Seconds measured (default 10)", "N" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, "Camera source (default a 1280×720 test)",
      "DESCRIPTION" },
    { "chars-per-second", 0, 0, G_OPTION_ARG_INT, &cps, "Typing speed (default 20)", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  seconds = CLAMP (seconds, 1, 600);
  cps = CLAMP (cps, 1, 200);
  gtk_init ();
  adw_init ();
  b.loop = g_main_loop_new (NULL, FALSE);

  /* The form beside the camera window. */
  form = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (form, 1200, 780);
  panel = g_object_new (CIV_TYPE_PARTY_PANEL, NULL);
  gtk_window_set_child (form, panel);
  gtk_window_present (form);
  {
    const char *ids[3] = { "name_row", "number_row", "ethnicity_row" };

    for (guint i = 0; i < 3; i++)
      b.entries[i] =
        GTK_EDITABLE (gtk_widget_get_template_child (panel, CIV_TYPE_PARTY_PANEL, ids[i]));
  }

  b.dialog = _civ_camera_dialog_new_for_source (form, CIV_PHOTO_MARRIAGE_COUPLE,
                                                source ? source : "test:smpte");
  gtk_window_present (GTK_WINDOW (b.dialog));
  while (!started (&b))
    g_main_context_iteration (NULL, TRUE);
  if (g_strcmp0 (_civ_camera_dialog_get_page (b.dialog), "live") != 0)
    {
      const GError *failure = civ_camera_get_error (civ_camera_dialog_get_camera (b.dialog));

      fprintf (stderr, "camera failed: %s\n", failure ? failure->message : "?");
      return 1;
    }

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (b.dialog));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &b);

  civ_camera_get_counters (civ_camera_dialog_get_camera (b.dialog), &before);
  shown_before = _civ_camera_dialog_get_n_shown (b.dialog);
  painted_before = b.painted;
  b.tick_period = G_USEC_PER_SEC / cps;
  timer = g_timeout_add ((guint) (1000 / cps), type_one, &b);
  g_timeout_add_seconds ((guint) seconds, stop, &b);
  b.started = g_get_monotonic_time ();
  g_main_loop_run (b.loop);
  elapsed = (double) (g_get_monotonic_time () - b.started) / G_USEC_PER_SEC;
  g_source_remove (timer);
  civ_camera_get_counters (civ_camera_dialog_get_camera (b.dialog), &after);

  printf ("camera view for %.1f s (renderer %s), typing %d chars/s into 3 entries\n", elapsed,
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default", cps);
  printf ("  frames from the camera:       %6.1f /s (%" G_GUINT64_FORMAT ")\n",
          (after.received - before.received) / elapsed, after.received - before.received);
  printf ("  handed to the main thread:    %6.1f /s (%" G_GUINT64_FORMAT ")\n",
          (after.delivered - before.delivered) / elapsed, after.delivered - before.delivered);
  printf ("  dropped (not yet taken):      %6.1f /s (%" G_GUINT64_FORMAT ")\n",
          (after.dropped - before.dropped) / elapsed, after.dropped - before.dropped);
  printf ("  textures set on the view:     %6.1f /s\n",
          (_civ_camera_dialog_get_n_shown (b.dialog) - shown_before) / elapsed);
  printf ("  new frames painted on screen: %6.1f /s (target >= 15)\n",
          (b.painted - painted_before) / elapsed);
  printf ("  characters typed:             %u, typing timer late by %.1f ms at worst\n", b.typed,
          b.worst_late / 1000.0);

  g_signal_handlers_disconnect_by_data (clock, &b);
  gtk_window_destroy (GTK_WINDOW (b.dialog));
  gtk_window_destroy (form);
  g_main_loop_unref (b.loop);
  return 0;
}
