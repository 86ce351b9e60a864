// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-card-sim.c — a second-generation ID-card reader on a pseudo-terminal
 *
 *   civ-card-sim --card FILE [--card FILE…] [--place N] [--link PATH]
 *                [--path-file FILE] [--control FIFO] [--fault NAME[:TARGET]]
 *
 * Speaks the GA/T 467 frames of app/identity/civ-card-frame.h on the slave
 * side of a pty it opens, with the cards defined in key files
 * (tests/identity/cards/). Prints "PTY /dev/pts/N" once the pty (and the
 * --link to it) is ready. Control lines come from standard input and from
 * --control FIFO; each is answered with one line on standard output:
 *
 *   place N            put card N (0-based, in --card order) on the reader
 *   remove             take it away
 *   fault NAME [TARGET] spoil the next answer to TARGET (find, select, read,
 *                      any; default read, any for no-answer): bad-checksum,
 *                      bad-length, short-frame, garbage, no-answer, pull
 *                      (half the read answer, then the card is taken away),
 *                      bad-number (the card's number with a wrong check digit)
 *   stats              "STATS finds=N selects=N reads=N"
 *   quit
 *
 * Exits at "quit", on SIGINT/SIGTERM, or when standard input closes;
 * removes its --link.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "civ-card-frame.h"

typedef struct
{
  char   *name;
  GBytes *text; /* 256 bytes */
  GBytes *bad_text;
  GBytes *wlt; /* 1024 bytes */
} Card;

typedef enum
{
  FAULT_NONE,
  FAULT_BAD_CHECKSUM,
  FAULT_BAD_LENGTH,
  FAULT_SHORT,
  FAULT_GARBAGE,
  FAULT_NO_ANSWER,
  FAULT_PULL,
  FAULT_BAD_NUMBER,
} Fault;

static const char *fault_names[] = { "",        "bad-checksum", "bad-length", "short-frame",
                                     "garbage", "no-answer",    "pull",       "bad-number",
                                     NULL };

typedef struct
{
  GPtrArray  *cards;
  int         placed; /* -1: none */
  Fault       fault;
  int         fault_target; /* -1 any, else the command byte pair as (cmd << 8 | para) */
  guint       finds, selects, reads;
  int         master;
  GByteArray *in;
} Sim;

static volatile sig_atomic_t stop_now;

static void
on_signal (int sig)
{
  (void) sig;
  stop_now = 1;
}

/* The field in UCS-2LE, padded with spaces to @size bytes. */
static gboolean
put_field (GByteArray *text, const char *value, gsize size, const char *key, GError **error)
{
  glong                 n = 0;
  g_autofree gunichar2 *u = g_utf8_to_utf16 (value ? value : "", -1, NULL, &n, error);

  if (u == NULL)
    return FALSE;
  if ((gsize) n * 2 > size)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: longer than %" G_GSIZE_FORMAT " bytes", key, size);
      return FALSE;
    }
  for (glong i = 0; i < n; i++)
    {
      guint8 b[2] = { (guint8) (u[i] & 0xFF), (guint8) (u[i] >> 8) };
      g_byte_array_append (text, b, 2);
    }
  for (gsize i = (gsize) n * 2; i < size; i += 2)
    g_byte_array_append (text, (const guint8 *) " \0", 2);
  return TRUE;
}

static GBytes *
make_text (GKeyFile *kf, const char *number, GError **error)
{
  static const struct
  {
    const char *key;
    gsize       size;
  } fields[] = { { "name", 30 },   { "sex", 2 },         { "ethnicity", 4 },
                 { "birth", 16 },  { "address", 70 },    { "number", 36 },
                 { "issuer", 30 }, { "valid_from", 16 }, { "valid_until", 16 } };
  g_autoptr (GByteArray) text = g_byte_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *v = NULL;

      if (strcmp (fields[i].key, "number") == 0)
        v = g_strdup (number);
      else
        v = g_key_file_get_string (kf, "card", fields[i].key, error);
      if (v == NULL || !put_field (text, v, fields[i].size, fields[i].key, error))
        return NULL;
    }
  /* The reserved rest of the 256 bytes: spaces. */
  while (text->len < 256)
    g_byte_array_append (text, (const guint8 *) " \0", 2);
  return g_byte_array_free_to_bytes (g_steal_pointer (&text));
}

static Card *
load_card (const char *path, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree char *number = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *wlt_file = NULL;
  Card            *c;

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, error))
    return NULL;
  number = g_key_file_get_string (kf, "card", "number", error);
  if (number == NULL)
    return NULL;
  c = g_new0 (Card, 1);
  c->name = g_key_file_get_string (kf, "card", "name", NULL);
  c->text = make_text (kf, number, error);
  if (c->text == NULL)
    return NULL;
  /* The same card with another last character: its check digit is wrong. */
  bad = g_strdup (number);
  if (bad[0] != '\0')
    bad[strlen (bad) - 1] = bad[strlen (bad) - 1] == '1' ? '2' : '1';
  c->bad_text = make_text (kf, bad, error);
  if (c->bad_text == NULL)
    return NULL;

  wlt_file = g_key_file_get_string (kf, "card", "wlt_file", NULL);
  if (wlt_file != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *full = g_build_filename (dir, wlt_file, NULL);
      char            *data = NULL;
      gsize            len = 0;

      if (!g_file_get_contents (full, &data, &len, error))
        return NULL;
      if (len != 1024)
        {
          g_free (data);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: not 1024 bytes", full);
          return NULL;
        }
      c->wlt = g_bytes_new_take (data, len);
    }
  else
    {
      /* A generated pattern, the same for a seed every time. */
      guint8 *w = g_malloc (1024);
      guint   seed = (guint) g_key_file_get_integer (kf, "card", "wlt_seed", NULL);

      w[0] = 'W';
      w[1] = 'L';
      for (guint i = 2; i < 1024; i++)
        w[i] = (guint8) ((seed * 31u + i * 7u + (i >> 5)) & 0xFF);
      c->wlt = g_bytes_new_take (w, 1024);
    }
  return c;
}

static void
send_bytes (Sim *sim, const guint8 *p, gsize n)
{
  while (n > 0)
    {
      ssize_t w = write (sim->master, p, n);
      if (w < 0 && (errno == EINTR || errno == EAGAIN))
        {
          struct pollfd pf = { sim->master, POLLOUT, 0 };
          poll (&pf, 1, 100);
          continue;
        }
      if (w <= 0)
        return;
      p += w;
      n -= (gsize) w;
    }
}

static void
answer (Sim *sim, guint8 cmd, guint8 para, guint8 sw3, const guint8 *data, gsize len)
{
  g_autoptr (GBytes) frame = civ_card_frame_build_answer (0, 0, sw3, data, len);
  gsize              n;
  const guint8      *f = g_bytes_get_data (frame, &n);
  g_autofree guint8 *copy = g_memdup2 (f, n);
  Fault              fault = FAULT_NONE;

  if (sim->fault != FAULT_NONE && sim->fault != FAULT_BAD_NUMBER &&
      (sim->fault_target < 0 || sim->fault_target == (cmd << 8 | para)))
    {
      fault = sim->fault;
      sim->fault = FAULT_NONE;
    }
  switch (fault)
    {
    case FAULT_BAD_CHECKSUM:
      copy[n - 1] ^= 0x5A;
      break;
    case FAULT_BAD_LENGTH:
      copy[5] = 0xFF;
      copy[6] = 0xFF;
      break;
    case FAULT_SHORT:
      n = n / 2;
      break;
    case FAULT_PULL:
      n = n / 2;
      sim->placed = -1;
      break;
    case FAULT_NO_ANSWER:
      return;
    case FAULT_GARBAGE:
      {
        /* Bytes before the preamble, a partial preamble among them. */
        static const guint8 garbage[] = { 0x00, 0x13, 0xAA, 0x55, 0xAA, 0xAA, 0x96, 0x01,
                                          0xAA, 0xAA, 0xAA, 0x96, 0x00, 0xFF, 0x69, 0x42 };
        send_bytes (sim, garbage, sizeof garbage);
      }
      break;
    case FAULT_BAD_NUMBER:
    case FAULT_NONE:
    default:
      break;
    }
  send_bytes (sim, copy, n);
}

static void
serve (Sim *sim, guint8 cmd, guint8 para)
{
  Card *card = sim->placed >= 0 ? g_ptr_array_index (sim->cards, sim->placed) : NULL;

  if (cmd == CIV_CARD_CMD_RESET && para == CIV_CARD_PARA_RESET)
    answer (sim, cmd, para, CIV_CARD_SW_OK, NULL, 0);
  else if (cmd == CIV_CARD_CMD_FIND && para == CIV_CARD_PARA_FIND)
    {
      static const guint8 zero[4] = { 0 };
      sim->finds++;
      if (card)
        answer (sim, cmd, para, CIV_CARD_SW_FIND_OK, zero, sizeof zero);
      else
        answer (sim, cmd, para, CIV_CARD_SW_NO_CARD, NULL, 0);
    }
  else if (cmd == CIV_CARD_CMD_SELECT && para == CIV_CARD_PARA_SELECT)
    {
      static const guint8 zero[8] = { 0 };
      sim->selects++;
      if (card)
        answer (sim, cmd, para, CIV_CARD_SW_OK, zero, sizeof zero);
      else
        answer (sim, cmd, para, CIV_CARD_SW_SELECT_FAIL, NULL, 0);
    }
  else if (cmd == CIV_CARD_CMD_READ && para == CIV_CARD_PARA_READ)
    {
      g_autoptr (GByteArray) data = g_byte_array_new ();
      static const guint8 lens[4] = { 0x01, 0x00, 0x04, 0x00 };
      GBytes             *text;

      sim->reads++;
      if (!card)
        {
          answer (sim, cmd, para, CIV_CARD_SW_READ_FAIL, NULL, 0);
          return;
        }
      text = card->text;
      if (sim->fault == FAULT_BAD_NUMBER)
        {
          text = card->bad_text;
          sim->fault = FAULT_NONE;
        }
      g_byte_array_append (data, lens, 4);
      g_byte_array_append (data, g_bytes_get_data (text, NULL), (guint) g_bytes_get_size (text));
      g_byte_array_append (data, g_bytes_get_data (card->wlt, NULL),
                           (guint) g_bytes_get_size (card->wlt));
      answer (sim, cmd, para, CIV_CARD_SW_OK, data->data, data->len);
    }
  else
    answer (sim, cmd, para, CIV_CARD_SW_BAD_COMMAND, NULL, 0);
}

static void
on_pty_bytes (Sim *sim)
{
  for (;;)
    {
      gsize  used = 0;
      guint8 cmd = 0, para = 0;
      g_autoptr (GBytes) data = NULL;
      CivCardFrameStatus s =
        civ_card_frame_scan_command (sim->in->data, sim->in->len, &used, &cmd, &para, &data);

      g_byte_array_remove_range (sim->in, 0, (guint) used);
      if (s == CIV_CARD_FRAME_NEED_MORE)
        return;
      if (s == CIV_CARD_FRAME_BAD)
        answer (sim, 0, 0, CIV_CARD_SW_BAD_CHECKSUM, NULL, 0);
      else
        serve (sim, cmd, para);
    }
}

static int
target_of (const char *word)
{
  if (word == NULL || strcmp (word, "read") == 0)
    return CIV_CARD_CMD_READ << 8 | CIV_CARD_PARA_READ;
  if (strcmp (word, "find") == 0)
    return CIV_CARD_CMD_FIND << 8 | CIV_CARD_PARA_FIND;
  if (strcmp (word, "select") == 0)
    return CIV_CARD_CMD_SELECT << 8 | CIV_CARD_PARA_SELECT;
  if (strcmp (word, "any") == 0)
    return -1;
  return -2;
}

/* One control line; FALSE at quit. */
static gboolean
control (Sim *sim, const char *line)
{
  g_auto (GStrv) w = g_strsplit_set (line, " \t", 3);

  if (w[0] == NULL || w[0][0] == '\0')
    return TRUE;
  if (strcmp (w[0], "quit") == 0)
    return FALSE;
  if (strcmp (w[0], "place") == 0 && w[1] != NULL)
    {
      int n = atoi (w[1]);
      if (n < 0 || (guint) n >= sim->cards->len)
        printf ("ERR no card %s\n", w[1]);
      else
        {
          sim->placed = n;
          printf ("OK\n");
        }
    }
  else if (strcmp (w[0], "remove") == 0)
    {
      sim->placed = -1;
      printf ("OK\n");
    }
  else if (strcmp (w[0], "fault") == 0 && w[1] != NULL)
    {
      guint i;
      for (i = 1; fault_names[i] != NULL; i++)
        if (strcmp (fault_names[i], w[1]) == 0)
          break;
      if (fault_names[i] == NULL)
        printf ("ERR unknown fault %s\n", w[1]);
      else
        {
          const char *t = w[2] ? w[2] : (i == FAULT_NO_ANSWER ? "any" : "read");
          int         target = target_of (t);
          if (target == -2)
            printf ("ERR unknown target %s\n", t);
          else
            {
              sim->fault = (Fault) i;
              sim->fault_target = target;
              printf ("OK\n");
            }
        }
    }
  else if (strcmp (w[0], "stats") == 0)
    printf ("STATS finds=%u selects=%u reads=%u\n", sim->finds, sim->selects, sim->reads);
  else
    printf ("ERR unknown command\n");
  fflush (stdout);
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_auto (GStrv) card_files = NULL;
  g_autofree char   *link_path = NULL;
  g_autofree char   *path_file = NULL;
  g_autofree char   *control_path = NULL;
  g_autofree char   *fault = NULL;
  int                place = -1;
  const GOptionEntry entries[] = {
    { "card", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &card_files, "A card file", "FILE" },
    { "place", 0, 0, G_OPTION_ARG_INT, &place, "Put card N on the reader at start", "N" },
    { "link", 0, 0, G_OPTION_ARG_FILENAME, &link_path, "Make PATH a link to the pty", "PATH" },
    { "path-file", 0, 0, G_OPTION_ARG_FILENAME, &path_file, "Write the pty's path to FILE",
      "FILE" },
    { "control", 0, 0, G_OPTION_ARG_FILENAME, &control_path, "Read control lines from FIFO",
      "FIFO" },
    { "fault", 0, 0, G_OPTION_ARG_STRING, &fault, "A fault for the first read", "NAME" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- a simulated ID-card reader");
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) stdin_line = g_string_new (NULL);
  g_autoptr (GString) fifo_line = g_string_new (NULL);
  gboolean       quit = FALSE;
  Sim            sim = { 0 };
  const char    *slave_path;
  int            slave, control_fd;
  struct termios tio;

  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "civ-card-sim: %s\n", error->message);
      return 2;
    }
  sim.cards = g_ptr_array_new ();
  for (guint i = 0; card_files && card_files[i]; i++)
    {
      Card *c = load_card (card_files[i], &error);
      if (c == NULL)
        {
          fprintf (stderr, "civ-card-sim: %s: %s\n", card_files[i], error->message);
          return 1;
        }
      g_ptr_array_add (sim.cards, c);
    }
  sim.placed = place >= 0 && (guint) place < sim.cards->len ? place : -1;
  sim.in = g_byte_array_new ();
  if (fault != NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("fault %s", fault);
      g_strdelimit (cmd, ":", ' ');
      if (!control (&sim, cmd))
        return 2;
    }

  sim.master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (sim.master < 0 || grantpt (sim.master) != 0 || unlockpt (sim.master) != 0 ||
      (slave_path = ptsname (sim.master)) == NULL)
    {
      fprintf (stderr, "civ-card-sim: no pseudo-terminal: %s\n", g_strerror (errno));
      return 1;
    }
  slave_path = g_strdup (slave_path);
  /* Kept open: the master reads EIO while no slave is open, and raw mode
   * is set once here. */
  slave = open (slave_path, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (slave < 0 || tcgetattr (slave, &tio) != 0)
    {
      fprintf (stderr, "civ-card-sim: %s: %s\n", slave_path, g_strerror (errno));
      return 1;
    }
  cfmakeraw (&tio);
  tcsetattr (slave, TCSANOW, &tio);
  g_unix_set_fd_nonblocking (sim.master, TRUE, NULL);

  if (link_path != NULL)
    {
      g_autofree char *tmp = g_strconcat (link_path, ".new", NULL);
      unlink (tmp);
      if (symlink (slave_path, tmp) != 0 || rename (tmp, link_path) != 0)
        {
          fprintf (stderr, "civ-card-sim: %s: %s\n", link_path, g_strerror (errno));
          return 1;
        }
    }
  if (path_file != NULL && !g_file_set_contents (path_file, slave_path, -1, &error))
    {
      fprintf (stderr, "civ-card-sim: %s\n", error->message);
      return 1;
    }
  signal (SIGINT, on_signal);
  signal (SIGTERM, on_signal);
  signal (SIGPIPE, SIG_IGN);
  control_fd = control_path ? open (control_path, O_RDWR | O_CLOEXEC) : -1;
  if (control_path != NULL && control_fd < 0)
    {
      fprintf (stderr, "civ-card-sim: %s: %s\n", control_path, g_strerror (errno));
      return 1;
    }
  printf ("PTY %s\n", slave_path);

  while (!stop_now && !quit)
    {
      struct pollfd p[3] = { { sim.master, POLLIN, 0 },
                             { STDIN_FILENO, POLLIN, 0 },
                             { control_fd, POLLIN, 0 } };
      guint8        buf[4096];
      ssize_t       n;

      if (poll (p, 3, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      if (p[0].revents & POLLIN)
        {
          n = read (sim.master, buf, sizeof buf);
          if (n > 0)
            {
              g_byte_array_append (sim.in, buf, (guint) n);
              on_pty_bytes (&sim);
            }
        }
      for (guint k = 1; k < 3 && !quit; k++)
        {
          GString *line = k == 1 ? stdin_line : fifo_line;

          if (!(p[k].revents & (POLLIN | POLLHUP)))
            continue;
          n = read (p[k].fd, buf, sizeof buf);
          /* Standard input closed: whoever started the simulator is gone. */
          if (n <= 0 && k == 1)
            quit = TRUE;
          for (ssize_t i = 0; i < n && !quit; i++)
            {
              if (buf[i] != '\n')
                {
                  g_string_append_c (line, (char) buf[i]);
                  continue;
                }
              if (!control (&sim, line->str))
                quit = TRUE;
              g_string_truncate (line, 0);
            }
        }
    }

  if (link_path != NULL)
    {
      g_autofree char *target = g_file_read_link (link_path, NULL);
      if (target != NULL && strcmp (target, slave_path) == 0)
        unlink (link_path);
    }
  close (slave);
  close (sim.master);
  return 0;
}
