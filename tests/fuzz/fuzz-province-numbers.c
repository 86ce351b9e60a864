// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-province-numbers.c — the reference server's number-block requests
 * (docs/provincial-protocol.md §8): any body is either refused with an
 * {"error"} (400, nothing applied) or answered 200 with a reply that the
 * same request id gets again byte for byte; the ledger stays consistent */
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-fuzz.h"
#include "civ-province-numbers.h"

/* held = allocated − issued − voided − returned ≥ 0 and no gap, per series. */
static void
check_ledger (CivProvinceNumbers *nb)
{
  g_autofree char *text = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonArray *series;

  g_assert (civ_province_numbers_ledger (nb, "110101", &text) == 200);
  root = json_from_string (text, NULL);
  g_assert (root != NULL && JSON_NODE_HOLDS_OBJECT (root));
  series = json_object_get_array_member (json_node_get_object (root), "series");
  for (guint i = 0; i < json_array_get_length (series); i++)
    {
      JsonObject *s = json_array_get_object_element (series, i);

      g_assert (json_object_get_int_member (s, "held") >= 0);
      g_assert (json_array_get_length (json_object_get_array_member (s, "gaps")) == 0);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  CivProvinceNumbers *nb = civ_province_numbers_new ();
  g_autofree char    *reply = NULL;
  guint               status;

  /* A first block so that held, voids and returns have something to hit. */
  {
    const char      *setup = "{\"protocol\": 1, \"workstation\": \"WS-1\", \"office_code\": "
                             "\"110101\", \"request_id\": \"setup\", \"sent_at\": \"x\", "
                             "\"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 100}]}";
    g_autofree char *first = NULL;

    g_assert (civ_province_numbers_post (nb, "WS-1", setup, strlen (setup), &first) == 200);
  }
  status = civ_province_numbers_post (nb, "WS-1", (const char *) data, size, &reply);
  g_assert (reply != NULL && g_utf8_validate (reply, -1, NULL));
  if (status == 200)
    {
      g_autoptr (JsonNode) root = json_from_string (reply, NULL);
      const char      *id;
      g_autofree char *again = NULL;

      g_assert (root != NULL && JSON_NODE_HOLDS_OBJECT (root));
      id = json_object_get_string_member (json_node_get_object (root), "request_id");
      g_assert (id != NULL);
      if (strcmp (id, "setup") != 0)
        {
          g_assert (civ_province_numbers_post (nb, "WS-1", (const char *) data, size, &again) ==
                    200);
          g_assert (strcmp (reply, again) == 0);
        }
    }
  else
    g_assert (status == 400 || status == 422 || status == 409);
  check_ledger (nb);
  civ_province_numbers_free (nb);
  return 0;
}
