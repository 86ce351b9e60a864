// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-find.h — finding the couple at the divorce counter
 *
 * Couples come back with their identity cards, not with a receipt: the
 * text the registrar types is a marriage certificate number (J, BJ; an L or
 * BL number finds the marriage it dissolved), either spouse's identity
 * number or a name (in characters or pinyin), read by the record search
 * (app/search/civ-search.h). A date or an empty text is refused: it is not
 * a couple. Marriages that were never registered (applied, refused) are left
 * out; each match carries the state of its newest divorce application, so
 * the registrar can pick the right one when several match.
 */
#pragma once

#include <gio/gio.h>

#include "civ-session.h"

G_BEGIN_DECLS

/* At most this many matches are returned, newest registration first. */
#define CIV_DIVORCE_FIND_LIMIT 50

typedef struct
{
  char *marriage_record_id;
  char *certificate_no;    /* J or BJ number; NULL when none */
  char *registration_date; /* YYYY-MM-DD */
  char *marriage_state;    /* CivMarriageState database string */
  char *names[2];
  char *divorce_state; /* the newest divorce application's state, NULL when none */
} CivDivorceMatch;

void civ_divorce_match_free (CivDivorceMatch *match);

/* The key the divorce counter opens @match by (civ-divorce-desk.h): its
 * certificate number, else its record id. */
const char *civ_divorce_match_key (const CivDivorceMatch *match);

/* Finds the marriages @text names, on the session's worker; CIV_APP_ERROR_INVALID
 * when @text is not a certificate number, an identity number or a name. */
void       civ_divorce_find_async (CivSession         *session,
                                   gpointer            source_object,
                                   const char         *text,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
/* The matches (CivDivorceMatch), at most CIV_DIVORCE_FIND_LIMIT; *@more
 * (may be NULL) is TRUE when there were more. */
GPtrArray *civ_divorce_find_finish (CivSession   *session,
                                    GAsyncResult *result,
                                    gboolean     *more,
                                    GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDivorceMatch, civ_divorce_match_free)

G_END_DECLS
