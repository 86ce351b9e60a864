// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-marriage-rules.c — who may marry on a given day (domain.md §2) */
#include "civ-marriage-rules.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* R-H2: dates on which the rules changed. */
#define MARRIAGE_LAW_1950 1950, 5, 1
#define MARRIAGE_LAW_1981 1981, 1, 1
#define MRR_2025 2025, 5, 10

static gboolean
before (const GDate *d, int y, int m, int day)
{
  GDate t;

  g_date_clear (&t, 1);
  g_date_set_dmy (&t, (GDateDay) day, (GDateMonth) m, (GDateYear) y);
  return g_date_compare (d, &t) < 0;
}

void
civ_marriage_application_init (CivMarriageApplication *app)
{
  memset (app, 0, sizeof *app);
  for (guint i = 0; i < 2; i++)
    {
      g_date_clear (&app->party[i].birth_date, 1);
      app->party[i].status_before = CIV_MARITAL_NOT_STATED;
    }
  g_date_clear (&app->registration_date, 1);
  g_date_clear (&app->effective_from, 1);
}

int
civ_age_on (const GDate *birth, const GDate *on, CivAgeBoundary boundary)
{
  GDate anniversary;
  int   years;
  int   cmp;

  if (birth == NULL || on == NULL || !g_date_valid (birth) || !g_date_valid (on) ||
      g_date_compare (on, birth) < 0)
    return -1;

  years = g_date_get_year (on) - g_date_get_year (birth);
  g_date_clear (&anniversary, 1);
  /* Someone born on 29 February has their anniversary on 1 March in a
   * common year: on 28 February the year is not yet full. */
  if (g_date_get_month (birth) == G_DATE_FEBRUARY && g_date_get_day (birth) == 29 &&
      !g_date_is_leap_year (g_date_get_year (on)))
    g_date_set_dmy (&anniversary, 1, G_DATE_MARCH, g_date_get_year (on));
  else
    g_date_set_dmy (&anniversary, g_date_get_day (birth), g_date_get_month (birth),
                    g_date_get_year (on));

  cmp = g_date_compare (on, &anniversary);
  if (cmp < 0 || (cmp == 0 && boundary == CIV_AGE_DAY_AFTER_BIRTHDAY))
    years--;
  return years;
}

int
civ_marriage_min_age (CivSex sex, const GDate *date)
{
  gboolean male = sex == CIV_SEX_MALE;

  if (date == NULL || !g_date_valid (date) || before (date, MARRIAGE_LAW_1950))
    return 0;
  if (before (date, MARRIAGE_LAW_1981))
    return male ? 20 : 18; /* R-H1: 1950 Marriage Law */
  return male ? 22 : 20;   /* R-M2: CC 1047 (1980 Marriage Law before it) */
}

const char *
civ_resident_category_to_string (CivResidentCategory category)
{
  static const char *const names[] = { "mainland", "hong-kong",        "macau",
                                       "taiwan",   "overseas-chinese", "foreign" };

  if ((guint) category >= G_N_ELEMENTS (names))
    return NULL;
  return names[category];
}

CivResidentCategory
civ_resident_category_from_string (const char *text)
{
  for (int i = CIV_RESIDENT_MAINLAND; i <= CIV_RESIDENT_FOREIGN; i++)
    if (g_strcmp0 (text, civ_resident_category_to_string ((CivResidentCategory) i)) == 0)
      return (CivResidentCategory) i;
  return CIV_RESIDENT_INVALID;
}

static const char *
party_label (const CivMarriageApplication *app, guint i)
{
  const char *name = app->party[i].name;

  if (name != NULL && *name != '\0')
    return name;
  return i == 0 ? _ ("the first party") : _ ("the second party");
}

/* Historical records are flagged, never refused (R-H1). */
static CivSeverity
bar (const CivMarriageApplication *app)
{
  return app->historical ? CIV_SEVERITY_WARN : CIV_SEVERITY_REFUSE;
}

static void
check_ages (const CivMarriageApplication *app, GPtrArray *out)
{
  const GDate *on = &app->registration_date;
  gboolean     old_law = g_date_valid (on) && before (on, MARRIAGE_LAW_1981);
  const char  *rule = app->historical || old_law ? "R-H1" : "R-M2";

  /* The Civil Code registers a man and a woman (CC 1046, 1047). */
  if (app->party[0].sex != CIV_SEX_UNKNOWN && app->party[1].sex != CIV_SEX_UNKNOWN &&
      app->party[0].sex != CIV_SEX_NOT_STATED && app->party[1].sex != CIV_SEX_NOT_STATED &&
      app->party[0].sex == app->party[1].sex)
    civ_findings_add (out, "R-M2", bar (app),
                      _ ("R-M2: a marriage is registered between a man and a woman (Civil Code "
                         "Art. 1046–1047); both parties are recorded with the same sex"));

  for (guint i = 0; i < 2; i++)
    {
      const CivMarriageParty *p = &app->party[i];
      int                     min_age;
      int                     age;

      if (p->sex != CIV_SEX_MALE && p->sex != CIV_SEX_FEMALE)
        {
          civ_findings_add (out, "R-M2", bar (app),
                            _ ("R-M2: the sex of %s is not recorded, so the minimum age cannot be "
                               "checked"),
                            party_label (app, i));
          continue;
        }
      min_age = civ_marriage_min_age (p->sex, on);
      if (min_age == 0)
        continue;
      if (!g_date_valid (&p->birth_date))
        {
          civ_findings_add (out, rule, app->historical ? CIV_SEVERITY_INFO : CIV_SEVERITY_REFUSE,
                            _ ("%s: the birth date of %s is unknown, so the minimum age was not "
                               "checked"),
                            rule, party_label (app, i));
          continue;
        }
      age = civ_age_on (&p->birth_date, on, app->age_boundary);
      if (age < 0)
        civ_findings_add (out, "R-ID5", bar (app),
                          _ ("R-ID5: the birth date of %s is after the registration date"),
                          party_label (app, i));
      else if (age < min_age)
        civ_findings_add (out, rule, bar (app),
                          p->sex == CIV_SEX_MALE
                            ? _ ("%s: %s is %d full years old on the registration date; a man must "
                                 "be at least %d")
                            : _ ("%s: %s is %d full years old on the registration date; a woman "
                                 "must be at least %d"),
                          rule, party_label (app, i), age, min_age);
    }
}

static void
check_parties (const CivMarriageApplication *app, GPtrArray *out)
{
  for (guint i = 0; i < 2; i++)
    {
      const CivMarriageParty *p = &app->party[i];
      const char             *who = party_label (app, i);

      if (p->has_current_marriage)
        civ_findings_add (out, "R-M3", bar (app),
                          _ ("R-M3: %s has a registered marriage that has not ended"), who);
      if (app->historical)
        continue; /* the remaining facts are not recorded for archive entries */

      if (!p->appears_in_person)
        civ_findings_add (out, "R-M1", CIV_SEVERITY_REFUSE,
                          _ ("R-M1: %s must appear in person; no proxy is allowed"), who);
      if (!p->consents)
        civ_findings_add (out, "R-M5", CIV_SEVERITY_REFUSE,
                          _ ("R-M5: %s does not consent fully and freely"), who);
      if (!p->id_valid)
        civ_findings_add (out, "R-M10", CIV_SEVERITY_REFUSE,
                          _ ("R-M10: the identity document of %s did not pass the checks"), who);
      if (!p->declaration_signed)
        civ_findings_add (out, "R-M10", CIV_SEVERITY_REFUSE,
                          _ ("R-M10: %s has not signed the declaration of no spouse and no "
                             "prohibited kinship"),
                          who);
      if (!p->documents_complete)
        civ_findings_add (out, "R-M10", CIV_SEVERITY_REFUSE,
                          _ ("R-M10: the documents required for %s are incomplete"), who);
      if (p->dishonesty_flag)
        civ_findings_add (out, "R-C1", CIV_SEVERITY_WARN,
                          _ ("R-C1: %s is on the serious-dishonesty list; review the documents "
                             "with care (not a legal bar)"),
                          who);
    }
}

static void
check_kinship (const CivMarriageApplication *app, GPtrArray *out)
{
  /* The registry relies on the signed declaration; where the local records
   * link the two people it warns (R-M4). */
  switch (app->kinship)
    {
    case CIV_KINSHIP_LINEAL:
      civ_findings_add (out, "R-M4", CIV_SEVERITY_WARN,
                        _ ("R-M4: local records link the parties as lineal relatives (including by "
                           "adoption); marriage between them is prohibited — verify before "
                           "registering"));
      break;
    case CIV_KINSHIP_COLLATERAL_3:
      civ_findings_add (out, "R-M4", CIV_SEVERITY_WARN,
                        _ ("R-M4: local records link the parties as collateral relatives within "
                           "three generations; marriage between them is prohibited — verify "
                           "before registering"));
      break;
    case CIV_KINSHIP_NONE_KNOWN:
    default:
      break;
    }
}

static void
check_jurisdiction (const CivMarriageApplication *app, GPtrArray *out)
{
  const GDate *on = &app->registration_date;
  gboolean     non_mainland = FALSE;

  if (app->historical)
    return;
  for (guint i = 0; i < 2; i++)
    if (app->party[i].category != CIV_RESIDENT_MAINLAND)
      non_mainland = TRUE;

  if (non_mainland && !app->office_designated)
    civ_findings_add (out, "R-M9", CIV_SEVERITY_REFUSE,
                      _ ("R-M9: a party is a foreigner, a Hong Kong, Macau or Taiwan resident, or "
                         "an overseas Chinese; only the provincial department or a registry it "
                         "designates may register this marriage"));
  else if (!non_mainland && g_date_valid (on) && before (on, MRR_2025) &&
           !app->household_jurisdiction)
    civ_findings_add (out, "R-M8", CIV_SEVERITY_REFUSE,
                      _ ("R-M8: before 10 May 2025 only the registry of either party's household "
                         "registration place may register the marriage"));
}

static void
check_dates (const CivMarriageApplication *app, GPtrArray *out)
{
  if (!g_date_valid (&app->registration_date))
    {
      civ_findings_add (out, "R-M13", CIV_SEVERITY_REFUSE,
                        _ ("R-M13: the registration date is missing or not a real date"));
      return;
    }
  if (g_date_valid (&app->effective_from))
    {
      int cmp = g_date_compare (&app->effective_from, &app->registration_date);

      if (cmp > 0)
        civ_findings_add (out, "R-M13", bar (app),
                          _ ("R-M13: the marriage cannot take effect after its registration "
                             "date"));
      else if (cmp < 0)
        civ_findings_add (out, "R-M13", CIV_SEVERITY_INFO,
                          _ ("R-M13: late registration (补办); the marriage is effective from "
                             "the earlier date"));
    }
  if (app->former_spouses)
    civ_findings_add (out, "R-M14", CIV_SEVERITY_INFO,
                      _ ("R-M14: the parties were married to each other before; this is "
                         "registered as 复婚 (nature code 23)"));
  if (!app->historical && app->status_source == CIV_STATUS_SOURCE_LOCAL_ONLY)
    civ_findings_add (out, "R-M7", CIV_SEVERITY_INFO,
                      _ ("R-M7: the provincial marital-status check could not be reached; only "
                         "local records were checked"));
  else if (!app->historical && app->pending_elsewhere > 0)
    {
      g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "R-M7: %lld registration numbered at another window of this office is not "
                     "reported to the province yet; the online check cannot see it. Ask the "
                     "other windows to deliver their reports, then check again.",
                     "R-M7: %lld registrations numbered at other windows of this office are not "
                     "reported to the province yet; the online check cannot see them. Ask the "
                     "other windows to deliver their reports, then check again.",
                     (gulong) app->pending_elsewhere),
        (long long) app->pending_elsewhere);

      civ_findings_add (out, "R-M7", CIV_SEVERITY_WARN, "%s", text);
    }
}

GPtrArray *
civ_marriage_check (const CivMarriageApplication *app)
{
  GPtrArray *out = civ_findings_new ();

  g_return_val_if_fail (app != NULL, out);

  check_dates (app, out);
  check_ages (app, out);
  check_parties (app, out);
  check_kinship (app, out);
  check_jurisdiction (app, out);
  return out;
}

gboolean
civ_marriage_may_register (GPtrArray *findings)
{
  return civ_findings_worst (findings) < CIV_SEVERITY_REFUSE;
}

CivMaritalStatus
civ_marriage_nature (const CivMarriageApplication *app, guint party)
{
  g_return_val_if_fail (party < 2, CIV_MARITAL_NOT_STATED);

  if (app->former_spouses)
    return CIV_MARITAL_REMARRIED_FORMER;
  switch (app->party[party].status_before)
    {
    case CIV_MARITAL_DIVORCED:
    case CIV_MARITAL_WIDOWED:
      return CIV_MARITAL_REMARRIAGE;
    case CIV_MARITAL_UNMARRIED:
    case CIV_MARITAL_MARRIED:
    case CIV_MARITAL_FIRST_MARRIAGE:
    case CIV_MARITAL_REMARRIAGE:
    case CIV_MARITAL_REMARRIED_FORMER:
    case CIV_MARITAL_NOT_STATED:
    default:
      return CIV_MARITAL_FIRST_MARRIAGE;
    }
}

gboolean
civ_marital_status_is_known (gint64 code)
{
  switch (code)
    {
    case CIV_MARITAL_UNMARRIED:
    case CIV_MARITAL_MARRIED:
    case CIV_MARITAL_FIRST_MARRIAGE:
    case CIV_MARITAL_REMARRIAGE:
    case CIV_MARITAL_REMARRIED_FORMER:
    case CIV_MARITAL_WIDOWED:
    case CIV_MARITAL_DIVORCED:
    case CIV_MARITAL_NOT_STATED:
      return TRUE;
    default:
      return FALSE;
    }
}
