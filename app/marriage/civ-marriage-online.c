// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-marriage-online.c — R-M3 / R-M7 without holding the database */
#include "civ-marriage-online.h"

struct _CivMarriageOnline
{
  char                  *keys[2]; /* normalised identity keys, NULL when unusable */
  CivReportProvince     *province;
  CivReportMaritalAnswer answers[2];
  gboolean               asked[2];
};

CivMarriageOnline *
civ_marriage_online_prepare (CivStore               *store,
                             const CivMarriageInput *input,
                             CivDivisionTable       *divisions)
{
  CivMarriageOnline *online = g_new0 (CivMarriageOnline, 1);

  g_return_val_if_fail (CIV_IS_STORE (store), online);
  g_return_val_if_fail (input != NULL, online);

  for (guint i = 0; i < 2; i++)
    online->keys[i] =
      civ_marriage_party_id_key (&input->party[i], &input->registration_date, divisions);
  online->province = civ_report_province_load (store);
  return online;
}

void
civ_marriage_online_free (CivMarriageOnline *online)
{
  if (online == NULL)
    return;
  for (guint i = 0; i < 2; i++)
    {
      g_free (online->keys[i]);
      civ_report_marital_answer_clear (&online->answers[i]);
    }
  civ_report_province_free (online->province);
  g_free (online);
}

void
civ_marriage_online_ask (CivMarriageOnline    *online,
                         CivReportStatusCache *cache,
                         GCancellable         *cancellable)
{
  g_return_if_fail (online != NULL);

  for (guint i = 0; i < 2; i++)
    {
      if (online->keys[i] == NULL)
        break;
      civ_report_province_ask_status (online->province, cache, online->keys[i],
                                      CIV_MARRIAGE_ONLINE_TIMEOUT_MS, cancellable,
                                      &online->answers[i]);
      online->asked[i] = TRUE;
      /* Unreachable or not enrolled: do not wait again for the other party. */
      if (online->answers[i].source != CIV_STATUS_SOURCE_ONLINE)
        break;
    }
}

void
civ_marriage_online_decide (const CivReportMaritalAnswer *const answers[2], CivMarriageInput *input)
{
  input->status_source = CIV_STATUS_SOURCE_ONLINE;
  input->pending_elsewhere = 0;
  input->windows_pending = 0;
  for (guint i = 0; i < 2; i++)
    {
      const CivReportMaritalAnswer *a = answers[i];

      input->online_married[i] = FALSE;
      if (a != NULL && a->source == CIV_STATUS_SOURCE_ONLINE)
        {
          /* The same office for both parties: the larger figure. */
          input->pending_elsewhere = MAX (input->pending_elsewhere, a->pending_elsewhere);
          input->windows_pending = MAX (input->windows_pending, a->windows_pending);
        }
      if (a == NULL || a->source != CIV_STATUS_SOURCE_ONLINE)
        {
          input->status_source = CIV_STATUS_SOURCE_LOCAL_ONLY;
          continue;
        }
      /* GB/T 2261.2: 20 married, 21 first marriage, 22 remarried, 23
       * remarried to the same spouse; 30 widowed, 40 divorced. */
      input->online_married[i] =
        (a->status >= CIV_MARITAL_MARRIED && a->status < CIV_MARITAL_WIDOWED) ||
        a->current_marriage != NULL;
    }
}

void
civ_marriage_online_apply (CivMarriageOnline *online, CivStore *store, CivMarriageInput *input)
{
  const CivReportMaritalAnswer *answers[2];

  g_return_if_fail (online != NULL);
  g_return_if_fail (input != NULL);

  for (guint i = 0; i < 2; i++)
    answers[i] = online->asked[i] ? &online->answers[i] : NULL;
  civ_marriage_online_decide (answers, input);
  civ_report_province_record (online->province, store);
}
