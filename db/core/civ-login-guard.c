// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-login-guard.c — the failed-logins journal and the lockout state */
#include "civ-login-guard.h"
#include "civ-login-guard-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "civ-keyslots.h"

#define JOURNAL_NAME "failed-logins"
#define JOURNAL_VERSION "v2"
/* A journal larger than this is not read whole: only its first part is
 * folded, the rest is counted as not verified. */
#define JOURNAL_MAX_BYTES (4 * 1024 * 1024)

static CivLockoutPolicy policy = { 5, 15 * 60, 15 * 60, 24 * 60 * 60 };
static gint64           fake_now = 0;
G_LOCK_DEFINE_STATIC (policy);

void
civ_lockout_policy_default (CivLockoutPolicy *p)
{
  p->max_failures = 5;
  p->window_s = 15 * 60;
  p->lock_s = 15 * 60;
  p->lock_max_s = 24 * 60 * 60;
}

void
civ_login_guard_set_policy (const CivLockoutPolicy *p)
{
  G_LOCK (policy);
  policy = *p;
  if (policy.lock_max_s < policy.lock_s)
    policy.lock_max_s = policy.lock_s;
  G_UNLOCK (policy);
}

void
civ_login_guard_get_policy (CivLockoutPolicy *p)
{
  G_LOCK (policy);
  *p = policy;
  G_UNLOCK (policy);
}

void
_civ_login_guard_set_now (gint64 now)
{
  G_LOCK (policy);
  fake_now = now;
  G_UNLOCK (policy);
}

gint64
civ_login_guard_now (void)
{
  gint64 now;

  G_LOCK (policy);
  now = fake_now;
  G_UNLOCK (policy);
  return now != 0 ? now : g_get_real_time () / G_USEC_PER_SEC;
}

char *
civ_login_guard_hash (const guint8 *key, const char *login)
{
  g_autofree char *text = g_strconcat ("civreg-login-v1:", login ? login : "", NULL);
  g_autofree char *mac = civ_keyslots_mac_hex (key, text);

  /* 128 bits tell logins apart; the rest is not needed. */
  return g_strndup (mac, 32);
}

/* --- lockout state ------------------------------------------------------- */

typedef struct
{
  gint64 failures;
  gint64 since;
  gint64 until;
  gint64 level;
} LockState;

static char *
state_text (const char *hash, const LockState *st)
{
  return g_strdup_printf ("civreg-lock-v1:%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
                          ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                          hash, st->failures, st->since, st->until, st->level);
}

/* Opens DIR/login-locks locked for writing and reads it. -1 on failure. */
/* Writes all of @data, as far as the disk lets it. */
static void
write_all (int fd, const char *data, gsize len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t w = write (fd, data + done, len - done);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        break;
      done += (gsize) w;
    }
}

static int
locks_open (const char *data_dir, GKeyFile *kf)
{
  g_autofree char *path = g_build_filename (data_dir, CIV_STORE_LOCKS_NAME, NULL);
  g_autofree char *text = NULL;
  GString         *buf = g_string_new (NULL);
  char             chunk[4096];
  ssize_t          n;
  int              fd;

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_string_free (buf, TRUE);
      return -1;
    }
  while (flock (fd, LOCK_EX) != 0 && errno == EINTR)
    ;
  while ((n = read (fd, chunk, sizeof chunk)) > 0 && buf->len < JOURNAL_MAX_BYTES)
    g_string_append_len (buf, chunk, n);
  text = g_string_free (buf, FALSE);
  /* A torn or edited file reads as empty groups: nothing is locked. */
  g_key_file_load_from_data (kf, text, -1, G_KEY_FILE_NONE, NULL);
  return fd;
}

static void
locks_close (int fd, GKeyFile *kf, gboolean save)
{
  if (save)
    {
      gsize            len = 0;
      g_autofree char *text = g_key_file_to_data (kf, &len, NULL);

      if (ftruncate (fd, 0) == 0 && lseek (fd, 0, SEEK_SET) == 0)
        {
          write_all (fd, text, len);
          fsync (fd);
        }
    }
  flock (fd, LOCK_UN);
  close (fd);
}

static void
state_read (GKeyFile *kf, const guint8 *key, const char *hash, LockState *st)
{
  g_autofree char *mac = g_key_file_get_string (kf, hash, "mac", NULL);
  g_autofree char *text = NULL;

  memset (st, 0, sizeof *st);
  if (mac == NULL)
    return;
  st->failures = g_key_file_get_int64 (kf, hash, "failures", NULL);
  st->since = g_key_file_get_int64 (kf, hash, "since", NULL);
  st->until = g_key_file_get_int64 (kf, hash, "until", NULL);
  st->level = g_key_file_get_int64 (kf, hash, "level", NULL);
  text = state_text (hash, st);
  if (!civ_keyslots_mac_verify (key, text, mac))
    memset (st, 0, sizeof *st);
}

static void
state_write (GKeyFile *kf, const guint8 *key, const char *hash, const LockState *st)
{
  g_autofree char *text = state_text (hash, st);
  g_autofree char *mac = civ_keyslots_mac_hex (key, text);

  g_key_file_set_int64 (kf, hash, "failures", st->failures);
  g_key_file_set_int64 (kf, hash, "since", st->since);
  g_key_file_set_int64 (kf, hash, "until", st->until);
  g_key_file_set_int64 (kf, hash, "level", st->level);
  g_key_file_set_string (kf, hash, "mac", mac);
}

gboolean
civ_login_guard_is_locked (const char   *data_dir,
                           const guint8 *key,
                           const char   *login,
                           gint64       *until)
{
  g_autofree char *hash = civ_login_guard_hash (key, login);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  LockState st;
  int       fd = locks_open (data_dir, kf);

  if (fd < 0)
    return FALSE;
  state_read (kf, key, hash, &st);
  locks_close (fd, kf, FALSE);
  if (until)
    *until = st.until;
  return st.until > civ_login_guard_now ();
}

gboolean
civ_login_guard_note_failure (const char   *data_dir,
                              const guint8 *key,
                              const char   *login,
                              gint64       *until)
{
  g_autofree char *hash = civ_login_guard_hash (key, login);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  CivLockoutPolicy p;
  LockState        st;
  gint64           now = civ_login_guard_now ();
  gboolean         locked = FALSE;
  int              fd;

  civ_login_guard_get_policy (&p);
  fd = locks_open (data_dir, kf);
  if (fd < 0)
    return FALSE;
  state_read (kf, key, hash, &st);
  if (st.until > now)
    {
      /* Already locked: the attempt is journalled, the lock not extended. */
      locks_close (fd, kf, FALSE);
      return FALSE;
    }
  if (st.failures == 0 || now - st.since > (gint64) p.window_s || now < st.since)
    {
      st.failures = 0;
      st.since = now;
    }
  st.failures++;
  if (p.max_failures > 0 && st.failures >= (gint64) p.max_failures)
    {
      gint64 span = p.lock_s;

      /* Each further lock lasts twice as long, up to the cap. */
      for (gint64 i = 0; i < st.level && span < (gint64) p.lock_max_s; i++)
        span *= 2;
      span = MIN (span, (gint64) p.lock_max_s);
      st.level++;
      st.until = now + span;
      st.failures = 0;
      st.since = 0;
      locked = TRUE;
      if (until)
        *until = st.until;
    }
  state_write (kf, key, hash, &st);
  locks_close (fd, kf, TRUE);
  return locked;
}

gboolean
civ_login_guard_clear (const char *data_dir, const guint8 *key, const char *login)
{
  g_autofree char *hash = civ_login_guard_hash (key, login);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  LockState st;
  gboolean  was_locked;
  int       fd = locks_open (data_dir, kf);

  if (fd < 0)
    return FALSE;
  state_read (kf, key, hash, &st);
  was_locked = st.until > civ_login_guard_now ();
  if (g_key_file_has_group (kf, hash))
    {
      g_key_file_remove_group (kf, hash, NULL);
      locks_close (fd, kf, TRUE);
    }
  else
    locks_close (fd, kf, FALSE);
  return was_locked;
}

/* --- journal ------------------------------------------------------------- */

static char *
journal_line_text (const char *at, const char *hash, const char *reason, const char *extra)
{
  return g_strjoin ("\t", JOURNAL_VERSION, at, hash, reason, extra, NULL);
}

static gboolean
field_ok (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isgraph (*p))
      return FALSE;
  return TRUE;
}

void
civ_login_journal_append (
  const char *data_dir, const guint8 *key, const char *login, const char *reason, const char *extra)
{
  g_autofree char *path = g_build_filename (data_dir, JOURNAL_NAME, NULL);
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (civ_login_guard_now ());
  g_autofree char *at = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *hash = civ_login_guard_hash (key, login);
  g_autofree char *text = NULL;
  g_autofree char *mac = NULL;
  g_autofree char *line = NULL;
  gsize            len;
  int              fd;

  reason = reason && field_ok (reason) ? reason : "error";
  extra = extra && field_ok (extra) ? extra : "";
  text = journal_line_text (at, hash, reason, extra);
  mac = civ_keyslots_mac_hex (key, text);
  line = g_strconcat (text, "\t", mac, "\n", NULL);
  len = strlen (line);

  fd = g_open (path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return;
  while (flock (fd, LOCK_EX) != 0 && errno == EINTR)
    ;
  write_all (fd, line, len);
  fsync (fd);
  fchmod (fd, 0600);
  flock (fd, LOCK_UN);
  close (fd);
}

void
civ_journal_entry_free (CivJournalEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->hash);
  g_free (entry->reason);
  g_free (entry->extra);
  g_free (entry);
}

struct _CivJournal
{
  int        fd;
  GPtrArray *entries;
};

/* One line: v2 TAB at TAB hash TAB reason TAB extra TAB mac. */
static CivJournalEntry *
parse_line (const guint8 *key, const char *line)
{
  g_auto (GStrv) f = g_strsplit (line, "\t", 7);
  g_autofree char *text = NULL;
  CivJournalEntry *e;

  if (g_strv_length (f) != 6 || g_strcmp0 (f[0], JOURNAL_VERSION) != 0)
    return NULL;
  text = journal_line_text (f[1], f[2], f[3], f[4]);
  if (!civ_keyslots_mac_verify (key, text, f[5]))
    return NULL;
  e = g_new0 (CivJournalEntry, 1);
  e->at = g_strdup (f[1]);
  e->hash = g_strdup (f[2]);
  e->reason = g_strdup (f[3]);
  e->extra = g_strdup (f[4]);
  return e;
}

CivJournal *
civ_journal_take (const char *data_dir, const guint8 *key, guint *n_invalid)
{
  g_autofree char *path = g_build_filename (data_dir, JOURNAL_NAME, NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  GString    *buf;
  CivJournal *journal;
  char        chunk[4096];
  ssize_t     n;
  gboolean    cut = FALSE;
  int         fd;

  *n_invalid = 0;
  fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  if (fd < 0)
    return NULL;
  while (flock (fd, LOCK_EX) != 0 && errno == EINTR)
    ;
  buf = g_string_new (NULL);
  while ((n = read (fd, chunk, sizeof chunk)) > 0)
    {
      if (buf->len >= JOURNAL_MAX_BYTES)
        {
          cut = TRUE;
          continue;
        }
      g_string_append_len (buf, chunk, n);
    }
  text = g_string_free (buf, FALSE);

  journal = g_new0 (CivJournal, 1);
  journal->fd = fd;
  journal->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_journal_entry_free);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      CivJournalEntry *e;

      if (lines[i][0] == '\0')
        continue;
      e = key ? parse_line (key, lines[i]) : NULL;
      if (e)
        g_ptr_array_add (journal->entries, e);
      else
        (*n_invalid)++;
    }
  if (cut)
    (*n_invalid)++;
  return journal;
}

GPtrArray *
civ_journal_get_entries (CivJournal *journal)
{
  return journal->entries;
}

void
civ_journal_release (CivJournal *journal, gboolean folded)
{
  if (journal == NULL)
    return;
  if (folded && ftruncate (journal->fd, 0) == 0)
    fsync (journal->fd);
  flock (journal->fd, LOCK_UN);
  close (journal->fd);
  g_ptr_array_unref (journal->entries);
  g_free (journal);
}
