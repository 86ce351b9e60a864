// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-divorce-reply.c — the province's answers about divorce applications
 * (docs/provincial-protocol.md §10): either CIV_APP_ERROR_INVALID, or
 * applications whose every member is what the import relies on — ids,
 * a known state, real dates, a six-digit office, a closed application
 * with its day and workstation, an issued one with its number, and a
 * marriage with two parties of known document kinds */
#include <string.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-divorce-remote.h"
#include "civ-fuzz.h"
#include "civ-idnumber.h"

static void
assert_date (const char *s, gboolean optional)
{
  GDate d;

  if (s == NULL)
    {
      g_assert (optional);
      return;
    }
  g_assert (strlen (s) == 10 && civ_date_parse_iso (s, &d));
}

static void
assert_text (const char *s, gboolean optional)
{
  if (s == NULL)
    {
      g_assert (optional);
      return;
    }
  g_assert (*s != '\0' && strlen (s) <= 256 && g_utf8_validate (s, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const states[] = { "COOLING", "WITHDRAWN",  "REFUSED",
                                        "LAPSED",  "REGISTERED", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) apps = civ_divorce_remote_parse ((const char *) data, size, &error);

  if (apps == NULL)
    {
      g_assert (g_error_matches (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID));
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert (error == NULL);
  for (guint i = 0; i < apps->len; i++)
    {
      const CivDivorceRemote *r = g_ptr_array_index (apps, i);
      CivDocKind              kind;

      g_assert (r->record_id && strlen (r->record_id) <= 64);
      for (const char *p = r->record_id; *p; p++)
        g_assert (g_ascii_isalnum (*p) || *p == '-');
      g_assert (g_strv_contains (states, r->state));
      g_assert (civ_divorce_state_from_db (r->state) == r->phase);
      g_assert (strlen (r->office_code) == 6);
      assert_text (r->accepted_by, FALSE);
      assert_text (r->holder, FALSE);
      assert_date (r->accepted_on, FALSE);
      g_assert ((strcmp (r->state, "COOLING") == 0) == (r->closed_on == NULL));
      assert_date (r->closed_on, TRUE);
      if (r->closed_on)
        assert_text (r->closed_by, FALSE);
      g_assert ((strcmp (r->state, "REGISTERED") == 0) == (r->certificate_no != NULL));
      assert_text (r->marriage.record_id, FALSE);
      assert_date (r->marriage.registration_date, FALSE);
      assert_date (r->marriage.effective_from, TRUE);
      g_assert (strlen (r->marriage.office_code) == 6);
      for (guint k = 0; k < 2; k++)
        {
          assert_text (r->marriage.party[k].name, FALSE);
          assert_date (r->marriage.party[k].birth_date, TRUE);
          g_assert (civ_doc_kind_from_string (r->marriage.party[k].doc_kind, &kind));
          g_assert (r->marriage.party[k].sex >= 0 && r->marriage.party[k].sex <= 9);
        }
    }
  return 0;
}
