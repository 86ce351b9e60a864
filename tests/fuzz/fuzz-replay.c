// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-replay.c — replays a seed corpus through a fuzz target without
 * libFuzzer: every file of the folders given (sorted by name) goes to
 * LLVMFuzzerTestOneInput once. A crash or a sanitizer report fails the run;
 * an empty corpus fails too, so a missing folder cannot pass unseen.
 *
 *   fuzz-marriage-input tests/fuzz/corpus/fuzz-marriage-input
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "civ-fuzz.h"

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

int
main (int argc, char **argv)
{
  guint n = 0;

  LLVMFuzzerInitialize (&argc, &argv);
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CORPUS-FOLDER…\n", argv[0]);
      return 2;
    }
  for (int a = 1; a < argc; a++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GDir) dir = g_dir_open (argv[a], 0, &error);
      g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (argv[a], name, NULL));
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        {
          const char      *path = g_ptr_array_index (names, i);
          g_autofree char *data = NULL;
          gsize            len = 0;

          if (!g_file_get_contents (path, &data, &len, &error))
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }
          printf ("%s (%zu bytes)\n", path, len);
          fflush (stdout);
          LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
          n++;
        }
    }
  printf ("%u inputs replayed\n", n);
  return n > 0 ? 0 : 1;
}
