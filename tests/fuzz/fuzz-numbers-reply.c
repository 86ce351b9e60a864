// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-numbers-reply.c — the province's answer to POST /v1/number-blocks
 * (docs/provincial-protocol.md §8): either a protocol error, or a request
 * id, entries with a known kind and status, and blocks of office 110101
 * that the migration's CHECKs accept */
#include <string.h>

#include "civ-fuzz.h"
#include "civ-report-numbers-private.h"
#include "civ-report.h"

static gboolean
known (const char *s, const char *const *list)
{
  for (guint i = 0; s && list[i]; i++)
    if (strcmp (s, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* What the store relies on: block_id and request_id are the protocol's
 * ids (printable ASCII, 1–64), prefixes and years those of number_blocks. */
static void
assert_id (const char *id)
{
  gsize n;

  g_assert (id != NULL);
  n = strlen (id);
  g_assert (n >= 1 && n <= 64);
  for (gsize i = 0; i < n; i++)
    g_assert (g_ascii_isalnum (id[i]) || id[i] == '-' || id[i] == '_');
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const kinds[] = { "claims", "held", "voids", "returns", "requests", NULL };
  static const char *const statuses[] = { "accepted", "refused", NULL };
  g_auto (CivNumbersAnswer) answer = { 0 };
  g_autoptr (GError) error = NULL;

  if (!_civ_report_parse_numbers_reply ((const char *) data, size, "110101", &answer, &error))
    {
      g_assert (error != NULL);
      g_assert (g_error_matches (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_PROTOCOL));
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert (error == NULL);
  assert_id (answer.request_id);
  g_assert (answer.entries != NULL && answer.blocks != NULL);
  g_assert (answer.blocks->len <= 100);
  for (guint i = 0; i < answer.entries->len; i++)
    {
      const CivNumbersEntry *e = g_ptr_array_index (answer.entries, i);

      g_assert (known (e->kind, kinds));
      g_assert (known (e->status, statuses));
      g_assert (e->reason == NULL || g_utf8_validate (e->reason, -1, NULL));
      g_assert (e->prefix == NULL || known (e->prefix, civ_number_prefixes));
      if (e->block_id)
        assert_id (e->block_id);
      g_assert (e->year == 0 || (e->year >= 1950 && e->year <= 9999));
      g_assert (e->serial >= 0 && e->serial <= 999999);
    }
  for (guint i = 0; i < answer.blocks->len; i++)
    {
      const CivNumbersBlock *b = g_ptr_array_index (answer.blocks, i);

      assert_id (b->block_id);
      g_assert (known (b->prefix, civ_number_prefixes));
      g_assert_cmpstr (b->office_code, ==, "110101");
      g_assert (b->year >= 1950 && b->year <= 9999);
      g_assert (b->first >= 1 && b->first <= b->last && b->last <= 999999);
    }
  return 0;
}
