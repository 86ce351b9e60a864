// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-keyslots.c — the key-slot file (civreg.keys) as it is read at every
 * login: civ_keyslots_load () on a memory file holding the input */
#define _GNU_SOURCE
#include <glib/gstdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "civ-fuzz.h"
#include "civ-keyslots.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivKeyslots) slots = NULL;
  g_autofree char *path = NULL;
  int              fd = memfd_create ("civreg.keys", MFD_CLOEXEC);
  size_t           done = 0;

  g_assert (fd >= 0);
  while (done < size)
    {
      ssize_t n = write (fd, data + done, size - done);
      g_assert (n > 0);
      done += (size_t) n;
    }
  path = g_strdup_printf ("/proc/self/fd/%d", fd);
  slots = civ_keyslots_load (path, &error);
  g_assert ((slots == NULL) == (error != NULL));
  close (fd);
  return 0;
}
