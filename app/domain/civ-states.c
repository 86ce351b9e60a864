// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-states.c — the states of records: database strings and labels */
#include "civ-states.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "civ-code-table.h"

typedef struct
{
  const char *db;
  const char *label;
} Word;

static const Word marriage_words[CIV_N_MARRIAGE_STATES] = {
  [CIV_MARRIAGE_STATE_UNKNOWN] = { NULL, "" },
  [CIV_MARRIAGE_STATE_APPLIED] = { "APPLIED", N_ ("Applied") },
  [CIV_MARRIAGE_STATE_REGISTERED] = { "REGISTERED", N_ ("Registered") },
  [CIV_MARRIAGE_STATE_REFUSED] = { "REFUSED", N_ ("Refused") },
  [CIV_MARRIAGE_STATE_DISSOLVED_REG] = { "DISSOLVED_REG",
                                         N_ ("Dissolved by divorce registration") },
  [CIV_MARRIAGE_STATE_DISSOLVED_COURT] = { "DISSOLVED_COURT", N_ ("Dissolved by court judgment") },
  [CIV_MARRIAGE_STATE_DECLARED_VOID_COURT] = { "DECLARED_VOID_COURT",
                                               N_ ("Declared void by a court") },
  [CIV_MARRIAGE_STATE_ANNULLED_COURT] = { "ANNULLED_COURT", N_ ("Annulled by a court") },
  [CIV_MARRIAGE_STATE_ANNULLED_REGISTRY] = { "ANNULLED_REGISTRY", N_ ("Annulled by the registry") },
  [CIV_MARRIAGE_STATE_REGISTRATION_REVOKED] = { "REGISTRATION_REVOKED",
                                                N_ ("Registration revoked") },
  [CIV_MARRIAGE_STATE_ENDED_BY_DEATH] = { "ENDED_BY_DEATH", N_ ("Ended by death") },
};

static const Word divorce_words[CIV_N_DIVORCE_STATES] = {
  [CIV_DIVORCE_STATE_UNKNOWN] = { NULL, "" },
  [CIV_DIVORCE_STATE_NOT_ACCEPTED] = { "NOT_ACCEPTED", N_ ("Not accepted") },
  [CIV_DIVORCE_STATE_COOLING] = { "COOLING",
                                  N_ ("Accepted: cooling-off period and issuance window") },
  [CIV_DIVORCE_STATE_WITHDRAWN] = { "WITHDRAWN", N_ ("Withdrawn") },
  [CIV_DIVORCE_STATE_REGISTERED] = { "REGISTERED", N_ ("Divorced: certificate issued") },
  [CIV_DIVORCE_STATE_REFUSED] = { "REFUSED", N_ ("Refused at issuance") },
  [CIV_DIVORCE_STATE_LAPSED] = { "LAPSED", N_ ("Lapsed: deemed withdrawn") },
};

static const Word adoption_words[CIV_N_ADOPTION_STATES] = {
  [CIV_ADOPTION_STATE_UNKNOWN] = { NULL, "" },
  [CIV_ADOPTION_STATE_APPLIED] = { "APPLIED", N_ ("Adoption applied for") },
  [CIV_ADOPTION_STATE_NOTICE_60D] = { "NOTICE_60D", N_ ("Public notice for the birth parents") },
  [CIV_ADOPTION_STATE_ASSESSMENT] = { "ASSESSMENT", N_ ("Adoption assessment") },
  [CIV_ADOPTION_STATE_REVIEW_30D] = { "REVIEW_30D", N_ ("Under review by the registry") },
  [CIV_ADOPTION_STATE_REGISTERED] = { "REGISTERED", N_ ("Adoption registered") },
  [CIV_ADOPTION_STATE_REFUSED] = { "REFUSED", N_ ("Adoption refused") },
  [CIV_ADOPTION_STATE_DISSOLVED] = { "DISSOLVED", N_ ("Adoption dissolved") },
  [CIV_ADOPTION_STATE_REVOKED_FRAUD] = { "REVOKED_FRAUD",
                                         N_ ("Adoption revoked: obtained by fraud") },
};

static guint
from_db (const Word *words, guint n, const char *text)
{
  for (guint i = 1; text && i < n; i++)
    if (g_strcmp0 (words[i].db, text) == 0)
      return i;
  return 0;
}

CivMarriageState
civ_marriage_state_from_db (const char *text)
{
  return (CivMarriageState) from_db (marriage_words, CIV_N_MARRIAGE_STATES, text);
}

const char *
civ_marriage_state_to_db (CivMarriageState state)
{
  g_return_val_if_fail (state < CIV_N_MARRIAGE_STATES, NULL);
  return marriage_words[state].db;
}

const char *
civ_marriage_state_label (CivMarriageState state)
{
  g_return_val_if_fail (state < CIV_N_MARRIAGE_STATES, "");
  return state == CIV_MARRIAGE_STATE_UNKNOWN ? "" : _ (marriage_words[state].label);
}

const char *
civ_marriage_state_label_db (const char *text)
{
  CivMarriageState state = civ_marriage_state_from_db (text);

  return state == CIV_MARRIAGE_STATE_UNKNOWN ? (text ? text : "")
                                             : civ_marriage_state_label (state);
}

CivDivorceState
civ_divorce_state_from_db (const char *text)
{
  return (CivDivorceState) from_db (divorce_words, CIV_N_DIVORCE_STATES, text);
}

const char *
civ_divorce_state_to_db (CivDivorceState state)
{
  g_return_val_if_fail (state < CIV_N_DIVORCE_STATES, NULL);
  return divorce_words[state].db;
}

const char *
civ_divorce_state_label (CivDivorceState state)
{
  g_return_val_if_fail (state < CIV_N_DIVORCE_STATES, "");
  return state == CIV_DIVORCE_STATE_UNKNOWN ? "" : _ (divorce_words[state].label);
}

const char *
civ_divorce_state_label_db (const char *text)
{
  CivDivorceState state = civ_divorce_state_from_db (text);

  return state == CIV_DIVORCE_STATE_UNKNOWN ? (text ? text : "") : civ_divorce_state_label (state);
}

CivAdoptionState
civ_adoption_state_from_db (const char *text)
{
  return (CivAdoptionState) from_db (adoption_words, CIV_N_ADOPTION_STATES, text);
}

const char *
civ_adoption_state_to_db (CivAdoptionState state)
{
  g_return_val_if_fail (state < CIV_N_ADOPTION_STATES, NULL);
  return adoption_words[state].db;
}

const char *
civ_adoption_state_label (CivAdoptionState state)
{
  g_return_val_if_fail (state < CIV_N_ADOPTION_STATES, "");
  return state == CIV_ADOPTION_STATE_UNKNOWN ? "" : _ (adoption_words[state].label);
}

const char *
civ_adoption_state_label_db (const char *text)
{
  CivAdoptionState state = civ_adoption_state_from_db (text);

  return state == CIV_ADOPTION_STATE_UNKNOWN ? (text ? text : "")
                                             : civ_adoption_state_label (state);
}

const char *
civ_marital_status_name (int code)
{
  char text[12];

  if (code < 0 || code > 99)
    return NULL;
  g_snprintf (text, sizeof text, "%02d", code);
  return civ_code_table_lookup (civ_code_table_get (CIV_CODES_GBT_2261_2), text);
}

int
civ_marital_status_code (const char *name)
{
  const char *code;

  if (name == NULL)
    return 0;
  /* The short word people write for the standard's "未说明的婚姻状况". */
  if (strcmp (name, "未说明") == 0)
    return 90;
  code = civ_code_table_find_name (civ_code_table_get (CIV_CODES_GBT_2261_2), name);
  return code != NULL ? atoi (code) : 0;
}
