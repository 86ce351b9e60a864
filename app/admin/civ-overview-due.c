// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-overview-due.c — divorces and adoptions due today, for the overview */
#include "civ-overview-due.h"

#include <glib/gi18n-lib.h>

#include "civ-adoption-service.h"
#include "civ-permissions.h"
#include "civ-record-query.h"
#include "civ-refdata.h"

void
civ_overview_due_free (CivOverviewDue *due)
{
  if (due == NULL)
    return;
  g_clear_pointer (&due->divorces, g_ptr_array_unref);
  g_clear_pointer (&due->adoptions, g_ptr_array_unref);
  g_clear_pointer (&due->funeral, civ_funeral_board_free);
  g_free (due);
}

static gboolean
due_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  g_autoptr (CivOverviewDue) due = g_new0 (CivOverviewDue, 1);
  const GDate *today = data;

  /* Divorces are registered by those who register marriages. */
  if (civ_operator_may (store, CIV_PERM_REGISTER_MARRIAGE))
    {
      g_autoptr (CivCalendar) calendar = civ_refdata_load_calendar (store, error);

      if (calendar == NULL)
        return FALSE;
      /* R-D5: the last day to withdraw; R-D6: the last day to issue. */
      due->divorces = civ_record_query_divorces_due (store, today, calendar, error);
      if (due->divorces == NULL)
        return FALSE;
    }
  else
    due->divorces = g_ptr_array_new ();
  /* R-A13: empty for an operator who does not see adoptions. */
  due->adoptions = civ_adoption_due (store, today, error);
  if (due->adoptions == NULL)
    return FALSE;
  /* Funeral cases only for those who see them (every look is audited by
   * the case service; the board lists no more than numbers and names). */
  if (civ_operator_may (store, CIV_PERM_FUNERAL))
    {
      due->funeral = civ_funeral_case_board (store, today, error);
      if (due->funeral == NULL)
        return FALSE;
    }
  *result = g_steal_pointer (&due);
  return TRUE;
}

void
civ_overview_due_async (CivSession         *session,
                        gpointer            source_object,
                        const GDate        *today,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session));
  g_return_if_fail (today != NULL && g_date_valid (today));

  civ_session_call (session, source_object, cancellable, due_func, g_memdup2 (today, sizeof *today),
                    g_free, (GDestroyNotify) civ_overview_due_free, callback, user_data);
}

CivOverviewDue *
civ_overview_due_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

const char *
civ_overview_due_adoption_label (const char *what)
{
  if (g_strcmp0 (what, "notice-ends") == 0)
    /* R-A7: the assessment may begin after it. */
    return _ ("The 60-day public notice ends");
  if (g_strcmp0 (what, "dissolution-review-due") == 0)
    return _ ("Deadline of the dissolution review");
  return _ ("Deadline of the review");
}
