// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-rules.c — the funeral case's steps and numbers (civ-funeral-rules.h) */
#include "civ-funeral-rules.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static const char *const state_names[CIV_N_FUNERAL_STATES] = {
  [CIV_FUNERAL_DEATH_REPORTED] = "DEATH_REPORTED",
  [CIV_FUNERAL_COLLECTED] = "COLLECTED",
  [CIV_FUNERAL_STORED] = "STORED",
  [CIV_FUNERAL_DEATH_CERT_VERIFIED] = "DEATH_CERT_VERIFIED",
  [CIV_FUNERAL_CREMATED] = "CREMATED",
  [CIV_FUNERAL_BURIAL_EXEMPT] = "BURIAL_EXEMPT",
  [CIV_FUNERAL_ASHES_RETURNED] = "ASHES_RETURNED",
  [CIV_FUNERAL_ASHES_DEPOSITED] = "ASHES_DEPOSITED",
  [CIV_FUNERAL_ECO_BURIAL] = "ECO_BURIAL",
  [CIV_FUNERAL_CEMETERY] = "CEMETERY",
};

static const char *const eco_names[] = {
  [CIV_ECO_BURIAL_NONE] = "none",
  [CIV_ECO_BURIAL_NICHE] = "niche",
  [CIV_ECO_BURIAL_SMALL_PLOT] = "small-plot",
  [CIV_ECO_BURIAL_TREE] = "tree",
  [CIV_ECO_BURIAL_FLOWER] = "flower",
  [CIV_ECO_BURIAL_LAWN] = "lawn",
  [CIV_ECO_BURIAL_SEA_SCATTERING] = "sea-scattering",
  [CIV_ECO_BURIAL_LAND_SCATTERING] = "land-scattering",
  [CIV_ECO_BURIAL_DEEP_NO_MOUND] = "deep-no-mound",
};

/* The case's graph: from → the states it may move to. */
static const CivFuneralState next_states[CIV_N_FUNERAL_STATES][5] = {
  [CIV_FUNERAL_DEATH_REPORTED] = { CIV_FUNERAL_COLLECTED, CIV_FUNERAL_STORED,
                                   CIV_FUNERAL_DEATH_CERT_VERIFIED, CIV_FUNERAL_STATE_INVALID },
  [CIV_FUNERAL_COLLECTED] = { CIV_FUNERAL_STORED, CIV_FUNERAL_DEATH_CERT_VERIFIED,
                              CIV_FUNERAL_STATE_INVALID },
  [CIV_FUNERAL_STORED] = { CIV_FUNERAL_DEATH_CERT_VERIFIED, CIV_FUNERAL_STATE_INVALID },
  [CIV_FUNERAL_DEATH_CERT_VERIFIED] = { CIV_FUNERAL_CREMATED, CIV_FUNERAL_BURIAL_EXEMPT,
                                        CIV_FUNERAL_STATE_INVALID },
  [CIV_FUNERAL_CREMATED] = { CIV_FUNERAL_ASHES_RETURNED, CIV_FUNERAL_ASHES_DEPOSITED,
                             CIV_FUNERAL_ECO_BURIAL, CIV_FUNERAL_CEMETERY,
                             CIV_FUNERAL_STATE_INVALID },
  [CIV_FUNERAL_BURIAL_EXEMPT] = { CIV_FUNERAL_STATE_INVALID },
  [CIV_FUNERAL_ASHES_RETURNED] = { CIV_FUNERAL_STATE_INVALID },
  [CIV_FUNERAL_ASHES_DEPOSITED] = { CIV_FUNERAL_ASHES_RETURNED, CIV_FUNERAL_ECO_BURIAL,
                                    CIV_FUNERAL_CEMETERY, CIV_FUNERAL_STATE_INVALID },
  [CIV_FUNERAL_ECO_BURIAL] = { CIV_FUNERAL_STATE_INVALID },
  [CIV_FUNERAL_CEMETERY] = { CIV_FUNERAL_STATE_INVALID },
};

/* The words a funeral clerk reads (殡葬业务 vocabulary in zh_CN). */
static const char *const state_labels[CIV_N_FUNERAL_STATES] = {
  [CIV_FUNERAL_DEATH_REPORTED] = NC_ ("funeral state", "Death reported"),
  [CIV_FUNERAL_COLLECTED] = NC_ ("funeral state", "Collected"),
  [CIV_FUNERAL_STORED] = NC_ ("funeral state", "In storage"),
  [CIV_FUNERAL_DEATH_CERT_VERIFIED] = NC_ ("funeral state", "Death certificate verified"),
  [CIV_FUNERAL_CREMATED] = NC_ ("funeral state", "Cremated"),
  [CIV_FUNERAL_BURIAL_EXEMPT] = NC_ ("funeral state", "Buried by custom"),
  [CIV_FUNERAL_ASHES_RETURNED] = NC_ ("funeral state", "Ashes returned"),
  [CIV_FUNERAL_ASHES_DEPOSITED] = NC_ ("funeral state", "Ashes deposited"),
  [CIV_FUNERAL_ECO_BURIAL] = NC_ ("funeral state", "Eco burial"),
  [CIV_FUNERAL_CEMETERY] = NC_ ("funeral state", "Cemetery"),
};

static const char *const eco_labels[] = {
  [CIV_ECO_BURIAL_NONE] = NC_ ("eco burial", "None"),
  [CIV_ECO_BURIAL_NICHE] = NC_ ("eco burial", "Niche (hall, corridor, wall, tower)"),
  [CIV_ECO_BURIAL_SMALL_PLOT] = NC_ ("eco burial", "Small plot"),
  [CIV_ECO_BURIAL_TREE] = NC_ ("eco burial", "Tree burial"),
  [CIV_ECO_BURIAL_FLOWER] = NC_ ("eco burial", "Flower burial"),
  [CIV_ECO_BURIAL_LAWN] = NC_ ("eco burial", "Lawn burial"),
  [CIV_ECO_BURIAL_SEA_SCATTERING] = NC_ ("eco burial", "Scattering at sea"),
  [CIV_ECO_BURIAL_LAND_SCATTERING] = NC_ ("eco burial", "Scattering on land"),
  [CIV_ECO_BURIAL_DEEP_NO_MOUND] = NC_ ("eco burial", "Deep burial without mound"),
};

const char *
civ_funeral_state_label (CivFuneralState state)
{
  if (state < 0 || state >= CIV_N_FUNERAL_STATES)
    return "";
  return g_dpgettext2 (NULL, "funeral state", state_labels[state]);
}

const char *
civ_eco_burial_label (CivEcoBurialType type)
{
  if (type < 0 || (gsize) type >= G_N_ELEMENTS (eco_labels))
    return "";
  return g_dpgettext2 (NULL, "eco burial", eco_labels[type]);
}

void
civ_funeral_case_init (CivFuneralCase *facts)
{
  memset (facts, 0, sizeof *facts);
  g_date_clear (&facts->deceased.birth_date, 1);
  g_date_clear (&facts->deceased.death_date, 1);
  g_date_clear (&facts->step_date, 1);
  g_date_clear (&facts->deposit_expiry, 1);
  facts->deceased.place_of_death = CIV_DEATH_PLACE_UNKNOWN;
}

const char *
civ_funeral_state_to_string (CivFuneralState state)
{
  if (state < 0 || state >= CIV_N_FUNERAL_STATES)
    return NULL;
  return state_names[state];
}

CivFuneralState
civ_funeral_state_from_string (const char *text)
{
  for (int i = 0; text != NULL && i < CIV_N_FUNERAL_STATES; i++)
    if (strcmp (state_names[i], text) == 0)
      return (CivFuneralState) i;
  return CIV_FUNERAL_STATE_INVALID;
}

const char *
civ_eco_burial_to_string (CivEcoBurialType type)
{
  if (type < 0 || (gsize) type >= G_N_ELEMENTS (eco_names))
    return NULL;
  return eco_names[type];
}

CivEcoBurialType
civ_eco_burial_from_string (const char *text)
{
  for (gsize i = 0; text != NULL && i < G_N_ELEMENTS (eco_names); i++)
    if (strcmp (eco_names[i], text) == 0)
      return (CivEcoBurialType) i;
  return CIV_ECO_BURIAL_INVALID;
}

gboolean
civ_funeral_step_exists (CivFuneralState from, CivFuneralState to)
{
  if (from < 0 || from >= CIV_N_FUNERAL_STATES || to < 0 || to >= CIV_N_FUNERAL_STATES)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (next_states[from]); i++)
    {
      if (next_states[from][i] == CIV_FUNERAL_STATE_INVALID)
        break;
      if (next_states[from][i] == to)
        return TRUE;
    }
  return FALSE;
}

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

/* R-F2: the deceased's ID (or, for a body without one, an R-F5 number), the
 * death certificate and, unless the body is to be buried under R-F3, the
 * cremation consent. */
static void
check_verification (const CivFuneralCase *facts, GPtrArray *findings)
{
  const CivFuneralDeceased *d = &facts->deceased;
  const char               *id = d->id_type != CIV_DECEASED_ID_NONE ? d->id_number : NULL;

  if (blank (id) && blank (facts->death_cert_number))
    civ_findings_add (findings, "R-F2", CIV_SEVERITY_REFUSE,
                      _ ("Neither the deceased’s identity number nor the death certificate’s "
                         "number is on file; enter one of them before verifying"));
  if (!facts->death_certificate_on_file)
    civ_findings_add (findings, "R-F2", CIV_SEVERITY_REFUSE,
                      _ ("The death certificate from the police or a medical institution is not on "
                         "file; scan or file it before verifying"));
  if (!facts->cremation_consent_on_file && blank (facts->burial_exempt_basis))
    civ_findings_add (findings, "R-F2", CIV_SEVERITY_REFUSE,
                      _ ("The family’s cremation consent form is not on file; have it signed "
                         "before verifying"));
  if (!blank (facts->death_cert_number) && g_date_valid (&d->death_date))
    civ_death_cert_number_check (facts->death_cert_number, &d->death_date,
                                 d->id_type == CIV_DECEASED_ID_CARD ? id : NULL, findings);
  civ_funeral_check_deceased (d, &facts->step_date, findings);
}

gboolean
civ_funeral_may_move (CivFuneralState       from,
                      CivFuneralState       to,
                      const CivFuneralCase *facts,
                      GPtrArray           **findings)
{
  g_autoptr (GPtrArray) own = civ_findings_new ();
  GPtrArray *out = own;
  gboolean   ok;

  g_return_val_if_fail (facts != NULL, FALSE);

  if (to == CIV_FUNERAL_CREMATED && from != CIV_FUNERAL_DEATH_CERT_VERIFIED)
    civ_findings_add (out, "R-F2", CIV_SEVERITY_REFUSE,
                      _ ("A body is cremated only after its death certificate is verified; verify "
                         "the certificate first"));
  else if (!civ_funeral_step_exists (from, to))
    civ_findings_add (out, "R-F4", CIV_SEVERITY_REFUSE,
                      _ ("A case in state %s cannot move to %s; follow the steps from death to "
                         "burial in order"),
                      civ_funeral_state_to_string (from) ? civ_funeral_state_to_string (from) : "?",
                      civ_funeral_state_to_string (to) ? civ_funeral_state_to_string (to) : "?");
  else
    switch (to)
      {
      case CIV_FUNERAL_DEATH_CERT_VERIFIED:
        check_verification (facts, out);
        break;
      case CIV_FUNERAL_CREMATED:
        if (!facts->cremation_consent_on_file)
          civ_findings_add (out, "R-F2", CIV_SEVERITY_REFUSE,
                            _ ("The family’s cremation consent form is not on file; have it "
                               "signed before cremating"));
        if (blank (facts->cremation_certificate_serial))
          civ_findings_add (out, "R-F13", CIV_SEVERITY_REFUSE,
                            _ ("A cremation needs the serial of the blank cremation certificate "
                               "issued for it; take one from the stock"));
        break;
      case CIV_FUNERAL_BURIAL_EXEMPT:
        if (!facts->area_allows_burial_exempt)
          civ_findings_add (out, "R-F1", CIV_SEVERITY_REFUSE,
                            _ ("This area is a cremation zone that allows no burial instead of "
                               "cremation; the body must be cremated"));
        if (blank (facts->burial_exempt_basis))
          civ_findings_add (out, "R-F3", CIV_SEVERITY_REFUSE,
                            _ ("A burial instead of cremation needs its basis (the ethnic "
                               "custom and who asked for it); enter it"));
        break;
      case CIV_FUNERAL_ECO_BURIAL:
        if (facts->eco_burial <= CIV_ECO_BURIAL_NONE)
          civ_findings_add (out, "R-F11", CIV_SEVERITY_REFUSE,
                            _ ("An eco burial needs its type (niche, small plot, tree, flower, "
                               "lawn, scattering or deep burial); choose one"));
        break;
      case CIV_FUNERAL_ASHES_DEPOSITED:
        if (!g_date_valid (&facts->deposit_expiry) ||
            (g_date_valid (&facts->step_date) &&
             g_date_compare (&facts->deposit_expiry, &facts->step_date) <= 0))
          civ_findings_add (out, "R-F4", CIV_SEVERITY_REFUSE,
                            _ ("A deposit of ashes needs an expiry date after today; enter it"));
        break;
      default:
        break;
      }

  ok = civ_findings_worst (out) < CIV_SEVERITY_REFUSE;
  if (findings != NULL)
    {
      if (*findings == NULL)
        *findings = g_steal_pointer (&own);
      else
        for (guint i = 0; i < out->len; i++)
          g_ptr_array_add (*findings, civ_finding_copy (g_ptr_array_index (out, i)));
    }
  return ok;
}

static gboolean
id_type_known (CivDeceasedIdType t)
{
  return (t >= CIV_DECEASED_ID_NONE && t <= CIV_DECEASED_ID_TW_PERMIT) ||
         t == CIV_DECEASED_ID_OTHER;
}

static gboolean
place_known (CivDeathPlace p)
{
  return (p >= CIV_DEATH_PLACE_UNKNOWN && p <= CIV_DEATH_PLACE_ELDER_CARE) ||
         p == CIV_DEATH_PLACE_OTHER;
}

void
civ_funeral_check_deceased (const CivFuneralDeceased *d, const GDate *today, GPtrArray *findings)
{
  g_return_if_fail (d != NULL && findings != NULL);

  if (d->unidentified)
    {
      if (blank (d->description))
        civ_findings_add (findings, "R-F6", CIV_SEVERITY_REFUSE,
                          _ ("An unidentified body needs a description (looks, clothes, marks, "
                             "where it was found); enter it"));
      if (d->id_type != CIV_DECEASED_ID_NONE || !blank (d->id_number))
        civ_findings_add (findings, "R-F6", CIV_SEVERITY_REFUSE,
                          _ ("An unidentified body has no identity document; clear the document "
                             "or mark the body as identified"));
    }
  else
    {
      if (blank (d->name))
        civ_findings_add (findings, "R-F6", CIV_SEVERITY_REFUSE,
                          _ ("The deceased’s name is missing; enter it, or mark the body as "
                             "unidentified"));
      if (d->sex != CIV_SEX_MALE && d->sex != CIV_SEX_FEMALE && d->sex != CIV_SEX_UNKNOWN &&
          d->sex != CIV_SEX_NOT_STATED)
        civ_findings_add (findings, "R-F6", CIV_SEVERITY_REFUSE,
                          _ ("The deceased’s sex is not a GB/T 2261.1 code; choose one"));
      if (!id_type_known (d->id_type))
        civ_findings_add (findings, "R-F6", CIV_SEVERITY_REFUSE,
                          _ ("The identity document type is not one of the form’s codes (1–7, "
                             "9); choose one"));
      else if (d->id_type != CIV_DECEASED_ID_NONE && blank (d->id_number))
        civ_findings_add (findings, "R-F6", CIV_SEVERITY_REFUSE,
                          _ ("The identity document’s number is missing; enter it"));
      else if (d->id_type == CIV_DECEASED_ID_CARD)
        {
          g_autoptr (CivIdCheck) check =
            civ_id_check (d->id_number, CIV_DOC_RESIDENT_ID,
                          g_date_valid (&d->death_date) ? &d->death_date : today, NULL);

          if (!check->valid)
            civ_findings_add (findings, "R-F6", CIV_SEVERITY_REFUSE,
                              _ ("The deceased’s identity number %s is not valid; check it "
                                 "against the card"),
                              d->id_number);
        }
    }
  if (!place_known (d->place_of_death))
    civ_findings_add (findings, "R-F6", CIV_SEVERITY_REFUSE,
                      _ ("The place of death is not one of the form’s codes (0–4, 9); choose one"));
  if (!g_date_valid (&d->death_date))
    civ_findings_add (findings, "R-F6", CIV_SEVERITY_REFUSE,
                      _ ("The date of death is missing; enter it"));
  else
    {
      if (today != NULL && g_date_valid (today) && g_date_compare (&d->death_date, today) > 0)
        civ_findings_add (findings, "R-F6", CIV_SEVERITY_REFUSE,
                          _ ("The date of death is after today; check it"));
      if (g_date_valid (&d->birth_date) && g_date_compare (&d->birth_date, &d->death_date) > 0)
        civ_findings_add (findings, "R-F6", CIV_SEVERITY_REFUSE,
                          _ ("The date of birth is after the date of death; check both"));
    }
}

/* GB 32100-2015: the 31 characters of the code and the weights of its first 17. */
static const char  credit_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const guint credit_weights[17] = { 1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28 };

static int
credit_value (char c)
{
  const char *at = c != '\0' ? strchr (credit_chars, c) : NULL;

  return at != NULL ? (int) (at - credit_chars) : -1;
}

char
civ_credit_code_check_char (const char *code17)
{
  guint sum = 0;

  if (code17 == NULL)
    return 0;
  for (guint i = 0; i < 17; i++)
    {
      int v = credit_value (code17[i]);

      if (v < 0)
        return 0;
      sum += (guint) v * credit_weights[i];
    }
  return credit_chars[(31 - sum % 31) % 31];
}

gboolean
civ_credit_code_valid (const char *code)
{
  char check;

  if (code == NULL || strlen (code) != 18)
    return FALSE;
  check = civ_credit_code_check_char (code);
  return check != 0 && check == code[17];
}

gboolean
civ_death_cert_new_numbering (const GDate *death_date)
{
  GDate boundary;

  g_return_val_if_fail (death_date != NULL && g_date_valid (death_date), FALSE);
  g_date_clear (&boundary, 1);
  g_date_set_dmy (&boundary, CIV_DEATH_CERT_NEW_NUMBERING_DAY, CIV_DEATH_CERT_NEW_NUMBERING_MONTH,
                  CIV_DEATH_CERT_NEW_NUMBERING_YEAR);
  return g_date_compare (death_date, &boundary) >= 0;
}

CivDeathCertNumberKind
civ_death_cert_number_check (const char  *number,
                             const GDate *death_date,
                             const char  *deceased_id,
                             GPtrArray   *findings)
{
  g_autofree char *n = NULL;
  gsize            len;

  g_return_val_if_fail (findings != NULL, CIV_DEATH_CERT_NUMBER_INVALID);

  if (death_date == NULL || !g_date_valid (death_date))
    {
      civ_findings_add (findings, "R-F5", CIV_SEVERITY_REFUSE,
                        _ ("The date of death decides how a death certificate is numbered; "
                           "enter it first"));
      return CIV_DEATH_CERT_NUMBER_INVALID;
    }
  n = civ_id_normalize (number != NULL ? number : "", CIV_DOC_RESIDENT_ID);
  len = strlen (n);
  if (len == 0)
    {
      civ_findings_add (findings, "R-F5", CIV_SEVERITY_REFUSE,
                        _ ("The death certificate’s number is missing; enter it"));
      return CIV_DEATH_CERT_NUMBER_INVALID;
    }

  if (!civ_death_cert_new_numbering (death_date))
    {
      if (g_utf8_strlen (n, -1) > CIV_DEATH_CERT_FREE_TEXT_MAX)
        {
          civ_findings_add (findings, "R-F5", CIV_SEVERITY_REFUSE,
                            _ ("The death certificate’s number is longer than %d characters; "
                               "check it"),
                            CIV_DEATH_CERT_FREE_TEXT_MAX);
          return CIV_DEATH_CERT_NUMBER_INVALID;
        }
      return CIV_DEATH_CERT_NUMBER_FREE_TEXT;
    }

  if (deceased_id != NULL && *deceased_id != '\0')
    {
      g_autofree char *id = civ_id_normalize (deceased_id, CIV_DOC_RESIDENT_ID);
      g_autoptr (CivIdCheck) check = civ_id_check (n, CIV_DOC_RESIDENT_ID, death_date, NULL);

      if (strcmp (id, n) != 0)
        {
          civ_findings_add (findings, "R-F5", CIV_SEVERITY_REFUSE,
                            _ ("From 1 July 2026 a death certificate is numbered by the "
                               "deceased’s identity number %s, not %s; check the certificate"),
                            id, n);
          return CIV_DEATH_CERT_NUMBER_INVALID;
        }
      if (!check->valid)
        {
          civ_findings_add (findings, "R-F5", CIV_SEVERITY_REFUSE,
                            _ ("The death certificate’s number %s is not a valid identity number; "
                               "check it"),
                            n);
          return CIV_DEATH_CERT_NUMBER_INVALID;
        }
      return CIV_DEATH_CERT_NUMBER_ID;
    }

  if (len == 22)
    {
      g_autofree char *code = g_strndup (n, 18);

      if (!civ_credit_code_valid (code))
        {
          civ_findings_add (findings, "R-F5", CIV_SEVERITY_REFUSE,
                            _ ("The first 18 characters %s are not a valid unified social credit "
                               "code of the issuer (GB 32100); check them"),
                            code);
          return CIV_DEATH_CERT_NUMBER_INVALID;
        }
      if (!civ_ascii_all_digits (n + 18, 4) || strcmp (n + 18, "0000") == 0)
        {
          civ_findings_add (findings, "R-F5", CIV_SEVERITY_REFUSE,
                            _ ("The last 4 characters %s must be the issuer’s yearly serial, "
                               "0001 to 9999"),
                            n + 18);
          return CIV_DEATH_CERT_NUMBER_INVALID;
        }
      return CIV_DEATH_CERT_NUMBER_ISSUER_SERIAL;
    }
  if (len == 18)
    {
      g_autoptr (CivIdCheck) check = civ_id_check (n, CIV_DOC_RESIDENT_ID, death_date, NULL);

      if (check->valid)
        return CIV_DEATH_CERT_NUMBER_ID;
    }
  civ_findings_add (findings, "R-F5", CIV_SEVERITY_REFUSE,
                    _ ("From 1 July 2026 a death certificate’s number is the deceased’s identity "
                       "number or, without one, the issuer’s 18-character unified social credit "
                       "code and a 4-digit serial; %s is neither"),
                    n);
  return CIV_DEATH_CERT_NUMBER_INVALID;
}
