// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-login-guard.h — what is written about logins while the database is
 * closed: the failed-logins journal and the lockout state (architecture.md
 * §8, docs/security.md)
 *
 *   DIR/failed-logins  one line per failed attempt: the time, a keyed hash
 *                      of the login typed (never the login itself: a
 *                      password typed into the name field must not land
 *                      anywhere in clear), the reason and an HMAC-SHA256 of
 *                      the line under the journal key (civ-keyslots.h).
 *                      Folded into the audit chain at the next login.
 *   DIR/login-locks    per login hash: consecutive failures, since when, the
 *                      lock level and until when the login is locked, each
 *                      group with its HMAC.
 *
 * Both are keyed by the login's hash, whether or not such a user exists,
 * so the lockout behaves the same for an unknown login.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CIV_STORE_LOCKS_NAME "login-locks"

typedef struct
{
  guint max_failures; /* consecutive failures that lock a login (0 = never lock) */
  guint window_s;     /* the failures count when they fall within this many seconds */
  guint lock_s;       /* the first lock lasts this long … */
  guint lock_max_s;   /* … doubling with each further lock up to this */
} CivLockoutPolicy;

/* 5 failures within 15 minutes lock for 15 minutes, doubling up to 24 hours. */
void civ_lockout_policy_default (CivLockoutPolicy *policy);
/* The policy of this process (the application reads it from GSettings). */
void civ_login_guard_set_policy (const CivLockoutPolicy *policy);
void civ_login_guard_get_policy (CivLockoutPolicy *policy);

/* The keyed hash of @login under the journal @key: 32 hex digits. */
char *civ_login_guard_hash (const guint8 *key, const char *login);

/* The current time in seconds (g_get_real_time () unless a test set it). */
gint64 civ_login_guard_now (void);

/* TRUE while @login is locked; *@until is when the lock ends (Unix time). */
gboolean civ_login_guard_is_locked (const char   *data_dir,
                                    const guint8 *key,
                                    const char   *login,
                                    gint64       *until);
/* Counts a failed attempt for @login. TRUE when this failure locks it;
 * *@until is then when the lock ends. */
gboolean civ_login_guard_note_failure (const char   *data_dir,
                                       const guint8 *key,
                                       const char   *login,
                                       gint64       *until);
/* Forgets @login's failures and lock (a successful login, a supervisor's
 * unlock). TRUE when it was locked. */
gboolean civ_login_guard_clear (const char *data_dir, const guint8 *key, const char *login);

/* Appends one journal line (best effort: a full disk must not make a
 * login fail differently). @extra is a reason's value (the end of a lock),
 * or NULL. */
void civ_login_journal_append (const char   *data_dir,
                               const guint8 *key,
                               const char   *login,
                               const char   *reason,
                               const char   *extra);

typedef struct
{
  char *at;     /* ISO 8601 UTC */
  char *hash;   /* civ_login_guard_hash () of the login typed */
  char *reason; /* wrong-password, no-such-user, disabled, unlock-failed, locked, locked-out … */
  char *extra;  /* "" or the reason's value */
} CivJournalEntry;

void civ_journal_entry_free (CivJournalEntry *entry);

typedef struct _CivJournal CivJournal;

/* Opens and locks the journal, and reads the lines that verify under @key
 * into civ_journal_get_entries (); *@n_invalid counts the lines that do
 * not (forged, edited, cut, or written by an older Civreg). NULL when
 * there is no journal. */
CivJournal *civ_journal_take (const char *data_dir, const guint8 *key, guint *n_invalid);
GPtrArray  *civ_journal_get_entries (CivJournal *journal);
/* Empties the journal when @folded (its lines are in the audit chain now),
 * unlocks and closes it. */
void        civ_journal_release (CivJournal *journal, gboolean folded);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivJournalEntry, civ_journal_entry_free)

G_END_DECLS
