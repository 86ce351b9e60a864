// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-card-reader.c — the ID-card reader's port, on a thread of its own */
#include "civ-card-reader.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <poll.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "civ-app-error.h"
#include "civ-card-frame.h"
#include "civ-identity-plugin.h"

/* How long one answer may take: the read answer is 1288 bytes, about
 * 0.1 s at 115200 baud; readers take up to a second to read the chip. */
#define ANSWER_TIMEOUT_MS 1500
/* How often the port's path is looked at while it is absent, and how
 * often "find card" is asked. */
#define PLUG_INTERVAL_MS 1000
#define FIND_INTERVAL_MS 300

enum
{
  PROP_0,
  PROP_PORT,
  PROP_STATE,
  PROP_MESSAGE,
  N_PROPS
};

enum
{
  SIGNAL_CARD_READ,
  N_SIGNALS
};

static GParamSpec *props[N_PROPS];
static guint       signals[N_SIGNALS];

struct _CivCardReader
{
  GObject parent_instance;

  char         *port;
  GMainContext *context;

  /* Main thread. */
  CivCardReaderState state;
  char              *message;
  GError            *error;

  /* The watching thread. */
  GThread      *thread;
  GCancellable *stop;

  /* Whoever talks to the port holds io_lock: the watching thread during
   * one poll, a one-shot read for its whole read. */
  GMutex             io_lock;
  int                fd; /* the watcher's open port, or -1 */
  dev_t              rdev;
  gboolean           card_handled; /* the card on the reader was read (or failed) */
  /* What the watcher shows while the reader answers: NO_CARD, CARD_READ
   * or the ERROR of the last read (until the card is taken away). */
  CivCardReaderState resting;
  GError            *resting_error;
  gboolean           error_card_seen; /* the card was seen after the read failed */
  /* What was last published, so that a state is sent once. */
  CivCardReaderState published;
  GQuark             published_domain;
  int                published_code;
  gboolean           published_any;
};

G_DEFINE_FINAL_TYPE (CivCardReader, civ_card_reader, G_TYPE_OBJECT)
G_DEFINE_QUARK (civ - card - reader - error - quark, civ_card_reader_error)

GType
civ_card_reader_state_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { CIV_CARD_READER_NO_READER, "CIV_CARD_READER_NO_READER", "no-reader" },
        { CIV_CARD_READER_NO_CARD, "CIV_CARD_READER_NO_CARD", "no-card" },
        { CIV_CARD_READER_READING, "CIV_CARD_READER_READING", "reading" },
        { CIV_CARD_READER_CARD_READ, "CIV_CARD_READER_CARD_READ", "card-read" },
        { CIV_CARD_READER_ERROR, "CIV_CARD_READER_ERROR", "error" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type, g_enum_register_static ("CivCardReaderState", values));
    }
  return type;
}

/* ---- The port (any thread, under io_lock when shared) ---- */

static void
set_no_reader (GError **error, const char *port)
{
  g_set_error (error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_NO_READER,
               _ ("No card reader on %s; plug it in, or check the card reader setting"), port);
}

static int
port_open (const char *path, dev_t *rdev, GError **error)
{
  struct termios tio;
  struct stat    st;
  int            fd = open (path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

  if (fd < 0)
    {
      set_no_reader (error, path);
      return -1;
    }
  if (tcgetattr (fd, &tio) != 0 || fstat (fd, &st) != 0 || !S_ISCHR (st.st_mode))
    {
      close (fd);
      g_set_error (error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_NO_READER,
                   _ ("%s is not a serial port; check the card reader setting"), path);
      return -1;
    }
  /* 115200 baud, 8N1, raw bytes: readers on USB-serial bridges default to it. */
  cfmakeraw (&tio);
  cfsetispeed (&tio, B115200);
  cfsetospeed (&tio, B115200);
  tio.c_cflag |= CLOCAL | CREAD;
  tio.c_cflag &= ~(CSTOPB | PARENB | CRTSCTS);
  tio.c_cc[VMIN] = 0;
  tio.c_cc[VTIME] = 0;
  tcsetattr (fd, TCSANOW, &tio);
  tcflush (fd, TCIOFLUSH);
  *rdev = st.st_rdev;
  return fd;
}

/* The path still names the device opened (a link may have been moved, a
 * USB-serial adapter pulled out). */
static gboolean
port_still_there (const char *path, dev_t rdev)
{
  struct stat st;

  return stat (path, &st) == 0 && S_ISCHR (st.st_mode) && st.st_rdev == rdev;
}

static gboolean
check_cancel (GCancellable *c, GError **error)
{
  return !g_cancellable_set_error_if_cancelled (c, error);
}

/* Sends one command and waits for its answer. */
static gboolean
transact (int            fd,
          const char    *port,
          guint8         cmd,
          guint8         para,
          GCancellable  *cancel,
          CivCardAnswer *answer,
          GError       **error)
{
  g_autoptr (GBytes) frame = civ_card_frame_build (cmd, para, NULL, 0);
  g_autoptr (GByteArray) in = g_byte_array_new ();
  gsize         flen;
  const guint8 *f = g_bytes_get_data (frame, &flen);
  gsize         sent = 0;
  gint64        deadline;
  gboolean      partial = FALSE;

  if (!check_cancel (cancel, error))
    return FALSE;
  /* What a cut-short answer left behind is not the answer to this command. */
  tcflush (fd, TCIFLUSH);
  while (sent < flen)
    {
      ssize_t n = write (fd, f + sent, flen - sent);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        {
          struct pollfd p = { fd, POLLOUT, 0 };
          if (poll (&p, 1, ANSWER_TIMEOUT_MS) <= 0 || (p.revents & (POLLERR | POLLHUP)))
            {
              set_no_reader (error, port);
              return FALSE;
            }
          continue;
        }
      if (n <= 0)
        {
          set_no_reader (error, port);
          return FALSE;
        }
      sent += (gsize) n;
    }

  deadline = g_get_monotonic_time () + ANSWER_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  for (;;)
    {
      struct pollfd p[2] = { { fd, POLLIN, 0 }, { -1, POLLIN, 0 } };
      GPollFD       cp;
      gint64        left = (deadline - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND;
      int           r;
      gboolean      have_cancel_fd = cancel && g_cancellable_make_pollfd (cancel, &cp);

      if (have_cancel_fd)
        p[1].fd = cp.fd;
      r = left > 0 ? poll (p, 2, (int) left) : 0;
      if (have_cancel_fd)
        g_cancellable_release_fd (cancel);
      if (r < 0 && errno == EINTR)
        continue;
      if (!check_cancel (cancel, error))
        return FALSE;
      if (r <= 0)
        {
          if (partial)
            g_set_error (error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_CUT_SHORT,
                         _ ("The reader's answer stopped half-way; read the card again"));
          else
            g_set_error (error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_NO_ANSWER,
                         _ ("The card reader on %s does not answer; check its cable and power, "
                            "then read the card again"),
                         port);
          return FALSE;
        }
      if (p[0].revents & POLLIN)
        {
          guint8  buf[4096];
          ssize_t n = read (fd, buf, sizeof buf);

          if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
          if (n <= 0)
            {
              set_no_reader (error, port);
              return FALSE;
            }
          g_byte_array_append (in, buf, (guint) n);
          for (;;)
            {
              gsize              used = 0;
              CivCardFrameStatus s = civ_card_frame_scan (in->data, in->len, &used, answer);

              if (s == CIV_CARD_FRAME_OK)
                return TRUE;
              if (s == CIV_CARD_FRAME_BAD)
                {
                  g_set_error (error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_DAMAGED,
                               _ ("The reader's answer was damaged (checksum); read the card "
                                  "again"));
                  return FALSE;
                }
              g_byte_array_remove_range (in, 0, (guint) used);
              partial = in->len > 0;
              break;
            }
        }
      else if (p[0].revents & (POLLHUP | POLLERR | POLLNVAL))
        {
          set_no_reader (error, port);
          return FALSE;
        }
    }
}

static void
set_failed (GError **error, guint8 sw3)
{
  g_set_error (error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_FAILED,
               _ ("The reader could not read the card (status %02X); place it again, flat on the "
                  "reader"),
               sw3);
}

/* Find: TRUE and *@present. */
static gboolean
find_card (int fd, const char *port, GCancellable *cancel, gboolean *present, GError **error)
{
  g_auto (CivCardAnswer) a = { 0 };

  if (!transact (fd, port, CIV_CARD_CMD_FIND, CIV_CARD_PARA_FIND, cancel, &a, error))
    return FALSE;
  if (a.sw3 == CIV_CARD_SW_FIND_OK)
    *present = TRUE;
  else if (a.sw3 == CIV_CARD_SW_NO_CARD)
    *present = FALSE;
  else
    {
      set_failed (error, a.sw3);
      return FALSE;
    }
  return TRUE;
}

/* A cut-short answer or none during select or read: the card may have
 * been taken away; a find says. */
static void
explain_lost_answer (int fd, const char *port, GCancellable *cancel, GError **error)
{
  gboolean present = TRUE;

  if (!g_error_matches (*error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_CUT_SHORT) &&
      !g_error_matches (*error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_NO_ANSWER))
    return;
  if (find_card (fd, port, cancel, &present, NULL) && !present)
    {
      g_clear_error (error);
      g_set_error (error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_CARD_REMOVED,
                   _ ("The card was taken away during reading; place it on the reader again and "
                      "leave it there until it is read"));
    }
}

/* Select and read a card that find found; decodes the photo when a
 * plug-in can. */
static CivCardData *
select_and_read (int fd, const char *port, GCancellable *cancel, GError **error)
{
  g_auto (CivCardAnswer) sel = { 0 };
  g_auto (CivCardAnswer) rd = { 0 };
  CivCardData       *d;
  CivIdentityPlugin *plugin;
  const guint8      *p;
  gsize              n, text_len, photo_len;

  if (!transact (fd, port, CIV_CARD_CMD_SELECT, CIV_CARD_PARA_SELECT, cancel, &sel, error))
    {
      explain_lost_answer (fd, port, cancel, error);
      return NULL;
    }
  if (sel.sw3 != CIV_CARD_SW_OK)
    {
      set_failed (error, sel.sw3);
      return NULL;
    }
  if (!transact (fd, port, CIV_CARD_CMD_READ, CIV_CARD_PARA_READ, cancel, &rd, error))
    {
      explain_lost_answer (fd, port, cancel, error);
      return NULL;
    }
  if (rd.sw3 != CIV_CARD_SW_OK)
    {
      set_failed (error, rd.sw3);
      return NULL;
    }
  p = g_bytes_get_data (rd.data, &n);
  text_len = n >= 4 ? ((gsize) p[0] << 8 | p[1]) : 0;
  photo_len = n >= 4 ? ((gsize) p[2] << 8 | p[3]) : 0;
  if (n < 4 || text_len != CIV_CARD_TEXT_LEN || photo_len != CIV_CARD_WLT_LEN ||
      n != 4 + text_len + photo_len)
    {
      g_set_error (error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_DAMAGED,
                   _ ("The reader's answer has the wrong length for a card's text and photo; read "
                      "the card again"));
      return NULL;
    }
  d = civ_card_data_parse (p + 4, text_len, p + 4 + text_len, photo_len, error);
  if (d == NULL)
    return NULL;
  plugin = civ_identity_plugin_get_default ();
  if (plugin && civ_identity_plugin_can_decode_wlt (plugin))
    {
      g_autoptr (GError) perr = NULL;
      d->photo_png = civ_identity_plugin_decode_wlt (plugin, d->wlt, &perr);
      if (d->photo_png == NULL)
        g_message ("%s", perr->message);
    }
  return d;
}

/* Reset, find, select, read on an open port. */
static CivCardData *
read_once (int fd, const char *port, GCancellable *cancel, GError **error)
{
  g_auto (CivCardAnswer) reset = { 0 };
  gboolean present = FALSE;

  if (!transact (fd, port, CIV_CARD_CMD_RESET, CIV_CARD_PARA_RESET, cancel, &reset, error))
    return NULL;
  if (!find_card (fd, port, cancel, &present, error))
    return NULL;
  if (!present)
    {
      g_set_error (error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_NO_CARD,
                   _ ("No card on the reader; place the card on it and read again"));
      return NULL;
    }
  return select_and_read (fd, port, cancel, error);
}

CivCardData *
civ_card_read_port (const char *port, guint timeout_ms, GError **error)
{
  dev_t  rdev;
  int    fd;
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  g_auto (CivCardAnswer) reset = { 0 };
  CivCardData *d = NULL;

  g_return_val_if_fail (port != NULL, NULL);

  fd = port_open (port, &rdev, error);
  if (fd < 0)
    return NULL;
  if (transact (fd, port, CIV_CARD_CMD_RESET, CIV_CARD_PARA_RESET, NULL, &reset, error))
    for (;;)
      {
        gboolean present = FALSE;

        if (!find_card (fd, port, NULL, &present, error))
          break;
        if (present)
          {
            d = select_and_read (fd, port, NULL, error);
            break;
          }
        if (g_get_monotonic_time () >= deadline)
          {
            g_set_error (error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_NO_CARD,
                         _ ("No card on the reader; place the card on it and read again"));
            break;
          }
        g_usleep (FIND_INTERVAL_MS * 1000);
      }
  close (fd);
  return d;
}

/* ---- From the thread to the main context ---- */

typedef struct
{
  CivCardReader     *self;
  CivCardReaderState state;
  GError            *error;
  CivCardData       *card;
} Publication;

static void
publication_free (gpointer data)
{
  Publication *p = data;

  g_object_unref (p->self);
  g_clear_error (&p->error);
  g_clear_pointer (&p->card, civ_card_data_free);
  g_free (p);
}

static const char *
state_message (CivCardReader *self, CivCardReaderState state)
{
  switch (state)
    {
    case CIV_CARD_READER_NO_CARD:
      return _ ("Place the card on the reader");
    case CIV_CARD_READER_READING:
      return _ ("Reading the card…");
    case CIV_CARD_READER_CARD_READ:
      return _ ("Card read");
    case CIV_CARD_READER_NO_READER:
    case CIV_CARD_READER_ERROR:
    default:
      return NULL;
    }
}

static gboolean
publish_on_main (gpointer data)
{
  Publication   *p = data;
  CivCardReader *self = p->self;

  if (p->card != NULL)
    {
      g_signal_emit (self, signals[SIGNAL_CARD_READ], 0, p->card);
      return G_SOURCE_REMOVE;
    }
  g_object_freeze_notify (G_OBJECT (self));
  g_clear_error (&self->error);
  g_free (self->message);
  if (p->state == CIV_CARD_READER_ERROR && p->error)
    self->error = g_error_copy (p->error);
  if (p->error)
    self->message = g_strdup (p->error->message);
  else if (p->state == CIV_CARD_READER_NO_READER)
    self->message = g_strdup_printf (_ ("No card reader on %s; plug it in, or check the card "
                                        "reader setting"),
                                     self->port);
  else
    self->message = g_strdup (state_message (self, p->state));
  self->state = p->state;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MESSAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STATE]);
  g_object_thaw_notify (G_OBJECT (self));
  return G_SOURCE_REMOVE;
}

/* Any thread, under io_lock: sends @state (and @error) to the main
 * context unless it is what was sent last. */
static void
publish (CivCardReader *self, CivCardReaderState state, const GError *error)
{
  Publication *p;
  GQuark       domain = error ? error->domain : 0;
  int          code = error ? error->code : 0;

  if (self->published_any && self->published == state && self->published_domain == domain &&
      self->published_code == code)
    return;
  self->published_any = TRUE;
  self->published = state;
  self->published_domain = domain;
  self->published_code = code;

  p = g_new0 (Publication, 1);
  p->self = g_object_ref (self);
  p->state = state;
  p->error = error ? g_error_copy (error) : NULL;
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, publish_on_main, p,
                              publication_free);
}

static void
publish_card (CivCardReader *self, const CivCardData *card)
{
  Publication *p = g_new0 (Publication, 1);

  p->self = g_object_ref (self);
  p->card = civ_card_data_copy (card);
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, publish_on_main, p,
                              publication_free);
}

static void
set_resting (CivCardReader *self, CivCardReaderState state, const GError *error)
{
  self->resting = state;
  g_clear_error (&self->resting_error);
  if (error)
    self->resting_error = g_error_copy (error);
}

/* ---- The watching thread ---- */

static void
close_port (CivCardReader *self)
{
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
  self->card_handled = FALSE;
  set_resting (self, CIV_CARD_READER_NO_CARD, NULL);
}

/* One look at the port; returns how long to wait before the next. */
static guint
poll_once (CivCardReader *self)
{
  g_autoptr (GError) error = NULL;
  gboolean present = FALSE;

  if (self->fd >= 0 && !port_still_there (self->port, self->rdev))
    close_port (self);
  if (self->fd < 0)
    {
      self->fd = port_open (self->port, &self->rdev, &error);
      if (self->fd < 0)
        {
          publish (self, CIV_CARD_READER_NO_READER, NULL);
          return PLUG_INTERVAL_MS;
        }
    }

  if (!find_card (self->fd, self->port, self->stop, &present, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return 0;
      if (g_error_matches (error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_NO_READER))
        {
          close_port (self);
          publish (self, CIV_CARD_READER_NO_READER, NULL);
          return PLUG_INTERVAL_MS;
        }
      publish (self, CIV_CARD_READER_ERROR, error);
      return FIND_INTERVAL_MS;
    }

  if (!present)
    {
      self->card_handled = FALSE;
      /* The error of a read stays shown until the card that failed was
       * taken away, or a new card is placed. */
      if (self->resting != CIV_CARD_READER_ERROR || self->error_card_seen)
        set_resting (self, CIV_CARD_READER_NO_CARD, NULL);
    }
  else if (self->card_handled)
    self->error_card_seen = TRUE;
  else
    {
      g_autoptr (CivCardData) card = NULL;

      publish (self, CIV_CARD_READER_READING, NULL);
      card = select_and_read (self->fd, self->port, self->stop, &error);
      if (card == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return 0;
      if (card == NULL &&
          g_error_matches (error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_NO_READER))
        {
          close_port (self);
          publish (self, CIV_CARD_READER_NO_READER, NULL);
          return PLUG_INTERVAL_MS;
        }
      self->card_handled = TRUE;
      if (card != NULL)
        {
          publish_card (self, card);
          set_resting (self, CIV_CARD_READER_CARD_READ, NULL);
        }
      else
        {
          set_resting (self, CIV_CARD_READER_ERROR, error);
          self->error_card_seen = !g_error_matches (error, CIV_CARD_READER_ERROR_DOMAIN,
                                                    CIV_CARD_READER_ERROR_CARD_REMOVED);
        }
    }
  publish (self, self->resting, self->resting_error);
  return FIND_INTERVAL_MS;
}

static gpointer
watch_thread (gpointer data)
{
  CivCardReader *self = data;

  while (!g_cancellable_is_cancelled (self->stop))
    {
      guint   wait_ms;
      GPollFD cp;

      g_mutex_lock (&self->io_lock);
      wait_ms = poll_once (self);
      g_mutex_unlock (&self->io_lock);

      /* Waits for the next look, or for stop. */
      if (wait_ms > 0 && g_cancellable_make_pollfd (self->stop, &cp))
        {
          g_poll (&cp, 1, (gint) wait_ms);
          g_cancellable_release_fd (self->stop);
        }
    }
  g_mutex_lock (&self->io_lock);
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
  g_mutex_unlock (&self->io_lock);
  return NULL;
}

void
civ_card_reader_start (CivCardReader *self)
{
  g_return_if_fail (CIV_IS_CARD_READER (self));

  if (self->thread != NULL)
    return;
  g_mutex_lock (&self->io_lock);
  self->card_handled = FALSE;
  self->published_any = FALSE;
  set_resting (self, CIV_CARD_READER_NO_CARD, NULL);
  g_mutex_unlock (&self->io_lock);
  g_clear_object (&self->stop);
  self->stop = g_cancellable_new ();
  self->thread = g_thread_new ("civ-card-reader", watch_thread, self);
}

void
civ_card_reader_stop (CivCardReader *self)
{
  g_return_if_fail (CIV_IS_CARD_READER (self));

  if (self->thread == NULL)
    return;
  g_cancellable_cancel (self->stop);
  g_thread_join (self->thread);
  self->thread = NULL;
}

/* ---- One read (F2) ---- */

static void
read_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  CivCardReader *self = source;
  CivCardData   *card;
  GError        *error = NULL;

  g_mutex_lock (&self->io_lock);
  if (self->fd >= 0)
    {
      card = read_once (self->fd, self->port, cancellable, &error);
      if (card != NULL)
        {
          /* The watcher does not read this card a second time. */
          self->card_handled = TRUE;
          set_resting (self, CIV_CARD_READER_CARD_READ, NULL);
          publish (self, CIV_CARD_READER_CARD_READ, NULL);
        }
    }
  else
    {
      dev_t rdev;
      int   fd = port_open (self->port, &rdev, &error);

      card = fd >= 0 ? read_once (fd, self->port, cancellable, &error) : NULL;
      if (fd >= 0)
        close (fd);
    }
  g_mutex_unlock (&self->io_lock);

  if (card != NULL)
    g_task_return_pointer (task, card, (GDestroyNotify) civ_card_data_free);
  else
    g_task_return_error (task, error);
}

void
civ_card_reader_read_async (CivCardReader      *self,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (CIV_IS_CARD_READER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, civ_card_reader_read_async);
  g_task_run_in_thread (task, read_thread);
}

CivCardData *
civ_card_reader_read_finish (CivCardReader *self, GAsyncResult *res, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (res, self), NULL);

  return g_task_propagate_pointer (G_TASK (res), error);
}

char *
civ_card_reader_configured_port (void)
{
  const char            *env = g_getenv ("CIVREG_CARD_READER");
  GSettingsSchemaSource *source;
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *port = NULL;

  if (env != NULL)
    return env[0] ? g_strdup (env) : NULL;
  source = g_settings_schema_source_get_default ();
  if (source)
    schema = g_settings_schema_source_lookup (source, "org.civreg.Civreg", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "card-reader-port"))
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  port = g_settings_get_string (settings, "card-reader-port");
  return port[0] ? g_steal_pointer (&port) : NULL;
}

/* ---- GObject ---- */

CivCardReader *
civ_card_reader_new (const char *port)
{
  g_return_val_if_fail (port != NULL, NULL);

  return g_object_new (CIV_TYPE_CARD_READER, "port", port, NULL);
}

const char *
civ_card_reader_get_port (CivCardReader *self)
{
  g_return_val_if_fail (CIV_IS_CARD_READER (self), NULL);
  return self->port;
}

CivCardReaderState
civ_card_reader_get_state (CivCardReader *self)
{
  g_return_val_if_fail (CIV_IS_CARD_READER (self), CIV_CARD_READER_NO_READER);
  return self->state;
}

const char *
civ_card_reader_get_message (CivCardReader *self)
{
  g_return_val_if_fail (CIV_IS_CARD_READER (self), NULL);
  return self->message;
}

const GError *
civ_card_reader_get_error (CivCardReader *self)
{
  g_return_val_if_fail (CIV_IS_CARD_READER (self), NULL);
  return self->error;
}

static void
civ_card_reader_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  CivCardReader *self = CIV_CARD_READER (object);

  switch (id)
    {
    case PROP_PORT:
      g_value_set_string (value, self->port);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
civ_card_reader_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  CivCardReader *self = CIV_CARD_READER (object);

  switch (id)
    {
    case PROP_PORT:
      g_free (self->port);
      self->port = g_value_dup_string (value);
      g_free (self->message);
      self->message = g_strdup_printf (_ ("No card reader on %s; plug it in, or check the card "
                                          "reader setting"),
                                       self->port);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
civ_card_reader_dispose (GObject *object)
{
  civ_card_reader_stop (CIV_CARD_READER (object));
  G_OBJECT_CLASS (civ_card_reader_parent_class)->dispose (object);
}

static void
civ_card_reader_finalize (GObject *object)
{
  CivCardReader *self = CIV_CARD_READER (object);

  g_free (self->port);
  g_free (self->message);
  g_clear_error (&self->error);
  g_clear_error (&self->resting_error);
  g_clear_object (&self->stop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->io_lock);
  G_OBJECT_CLASS (civ_card_reader_parent_class)->finalize (object);
}

static void
civ_card_reader_class_init (CivCardReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = civ_card_reader_get_property;
  object_class->set_property = civ_card_reader_set_property;
  object_class->dispose = civ_card_reader_dispose;
  object_class->finalize = civ_card_reader_finalize;

  props[PROP_PORT] =
    g_param_spec_string ("port", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  props[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CIV_TYPE_CARD_READER_STATE, CIV_CARD_READER_NO_READER,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  /* A card was read: (CivCardData *), on the reader's main context. */
  signals[SIGNAL_CARD_READ] =
    g_signal_new ("card-read", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CIV_TYPE_CARD_DATA | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
civ_card_reader_init (CivCardReader *self)
{
  g_mutex_init (&self->io_lock);
  self->fd = -1;
  self->state = CIV_CARD_READER_NO_READER;
  self->resting = CIV_CARD_READER_NO_CARD;
  self->context = g_main_context_ref_thread_default ();
}
