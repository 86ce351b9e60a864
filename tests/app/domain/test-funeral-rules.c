// SPDX-License-Identifier: GPL-3.0-or-later
/* test-funeral-rules.c — the funeral case's states and steps (R-F1, R-F2,
 * R-F3, R-F4, R-F11, R-F13), the deceased's fields (R-F6), the death
 * certificate's number (R-F5) on both sides of 2026-07-01 and the GB 32100
 * check character on published codes. Every date is fixed. */
#include <string.h>

#include "civ-citations.h"
#include "civ-funeral-rules.h"

static GDate
date (int y, int m, int d)
{
  GDate result;

  g_date_clear (&result, 1);
  g_date_set_dmy (&result, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return result;
}

/* A man who died on 2026-08-03 with his ID card, everything on file. */
static void
good (CivFuneralCase *c)
{
  civ_funeral_case_init (c);
  c->deceased.name = "王建国";
  c->deceased.sex = CIV_SEX_MALE;
  c->deceased.id_type = CIV_DECEASED_ID_CARD;
  c->deceased.id_number = "350102195003120018";
  c->deceased.birth_date = date (1950, 3, 12);
  c->deceased.death_date = date (2026, 8, 3);
  c->deceased.place_of_death = CIV_DEATH_PLACE_MEDICAL;
  c->step_date = date (2026, 8, 5);
  c->death_cert_number = "350102195003120018";
  c->death_certificate_on_file = TRUE;
  c->cremation_consent_on_file = TRUE;
  c->cremation_certificate_serial = "HZ2026-000123";
  c->deposit_expiry = date (2027, 8, 5);
  c->eco_burial = CIV_ECO_BURIAL_TREE;
}

static void
test_states_strings (void)
{
  for (int s = 0; s < CIV_N_FUNERAL_STATES; s++)
    {
      const char *name = civ_funeral_state_to_string ((CivFuneralState) s);

      g_assert_nonnull (name);
      g_assert_cmpint (civ_funeral_state_from_string (name), ==, s);
    }
  g_assert_cmpstr (civ_funeral_state_to_string (CIV_FUNERAL_DEATH_CERT_VERIFIED), ==,
                   "DEATH_CERT_VERIFIED");
  g_assert_cmpint (civ_funeral_state_from_string ("cremated"), ==, CIV_FUNERAL_STATE_INVALID);
  g_assert_cmpint (civ_funeral_state_from_string (NULL), ==, CIV_FUNERAL_STATE_INVALID);
  g_assert_null (civ_funeral_state_to_string (CIV_N_FUNERAL_STATES));
  g_assert_cmpint (civ_eco_burial_from_string ("sea-scattering"), ==,
                   CIV_ECO_BURIAL_SEA_SCATTERING);
  g_assert_cmpstr (civ_eco_burial_to_string (CIV_ECO_BURIAL_DEEP_NO_MOUND), ==, "deep-no-mound");
  g_assert_cmpint (civ_eco_burial_from_string ("sea"), ==, CIV_ECO_BURIAL_INVALID);
}

/* The whole graph: each (from, to) pair exists or not, as domain.md §4 draws it. */
static void
test_graph (void)
{
  static const struct
  {
    CivFuneralState from, to;
  } allowed[] = {
    { CIV_FUNERAL_DEATH_REPORTED, CIV_FUNERAL_COLLECTED },
    { CIV_FUNERAL_DEATH_REPORTED, CIV_FUNERAL_STORED },
    { CIV_FUNERAL_DEATH_REPORTED, CIV_FUNERAL_DEATH_CERT_VERIFIED },
    { CIV_FUNERAL_COLLECTED, CIV_FUNERAL_STORED },
    { CIV_FUNERAL_COLLECTED, CIV_FUNERAL_DEATH_CERT_VERIFIED },
    { CIV_FUNERAL_STORED, CIV_FUNERAL_DEATH_CERT_VERIFIED },
    { CIV_FUNERAL_DEATH_CERT_VERIFIED, CIV_FUNERAL_CREMATED },
    { CIV_FUNERAL_DEATH_CERT_VERIFIED, CIV_FUNERAL_BURIAL_EXEMPT },
    { CIV_FUNERAL_CREMATED, CIV_FUNERAL_ASHES_RETURNED },
    { CIV_FUNERAL_CREMATED, CIV_FUNERAL_ASHES_DEPOSITED },
    { CIV_FUNERAL_CREMATED, CIV_FUNERAL_ECO_BURIAL },
    { CIV_FUNERAL_CREMATED, CIV_FUNERAL_CEMETERY },
    { CIV_FUNERAL_ASHES_DEPOSITED, CIV_FUNERAL_ASHES_RETURNED },
    { CIV_FUNERAL_ASHES_DEPOSITED, CIV_FUNERAL_ECO_BURIAL },
    { CIV_FUNERAL_ASHES_DEPOSITED, CIV_FUNERAL_CEMETERY },
  };
  guint n_allowed = 0;

  for (int from = 0; from < CIV_N_FUNERAL_STATES; from++)
    for (int to = 0; to < CIV_N_FUNERAL_STATES; to++)
      {
        gboolean expected = FALSE;

        for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
          if (allowed[i].from == (CivFuneralState) from && allowed[i].to == (CivFuneralState) to)
            expected = TRUE;
        if (civ_funeral_step_exists (from, to) != expected)
          g_error ("%s → %s: expected %s", civ_funeral_state_to_string (from),
                   civ_funeral_state_to_string (to), expected ? "a step" : "no step");
        n_allowed += expected;
      }
  g_assert_cmpuint (n_allowed, ==, G_N_ELEMENTS (allowed));
  g_assert_false (civ_funeral_step_exists (CIV_FUNERAL_STATE_INVALID, CIV_FUNERAL_COLLECTED));
}

/* A good case walks from the report to the ashes with no refusal. */
static void
test_walk (void)
{
  CivFuneralCase  c;
  CivFuneralState path[] = { CIV_FUNERAL_DEATH_REPORTED, CIV_FUNERAL_COLLECTED,
                             CIV_FUNERAL_STORED,         CIV_FUNERAL_DEATH_CERT_VERIFIED,
                             CIV_FUNERAL_CREMATED,       CIV_FUNERAL_ASHES_DEPOSITED,
                             CIV_FUNERAL_ECO_BURIAL };

  good (&c);
  for (guint i = 1; i < G_N_ELEMENTS (path); i++)
    {
      g_autoptr (GPtrArray) findings = NULL;

      g_assert_true (civ_funeral_may_move (path[i - 1], path[i], &c, &findings));
      g_assert_nonnull (findings);
      g_assert_cmpint (civ_findings_worst (findings), <, CIV_SEVERITY_REFUSE);
    }
  /* NULL findings: only yes or no. */
  g_assert_true (civ_funeral_may_move (CIV_FUNERAL_CREMATED, CIV_FUNERAL_CEMETERY, &c, NULL));
}

static void
assert_refused (CivFuneralState from, CivFuneralState to, const CivFuneralCase *c, const char *rule)
{
  g_autoptr (GPtrArray) findings = civ_findings_new ();

  civ_findings_add (findings, "R-F6", CIV_SEVERITY_INFO, "kept");
  g_assert_false (civ_funeral_may_move (from, to, c, &findings));
  /* Appended to the caller's list. */
  g_assert_cmpstr (((CivFinding *) g_ptr_array_index (findings, 0))->message, ==, "kept");
  if (!civ_findings_has (findings, rule, CIV_SEVERITY_REFUSE))
    g_error ("%s → %s: no refusal by %s", civ_funeral_state_to_string (from),
             civ_funeral_state_to_string (to), rule);
  g_assert_nonnull (civ_findings_find (findings, rule)->citation);
}

/* R-F2: no cremation before DEATH_CERT_VERIFIED, from any earlier state. */
static void
test_no_cremation_before_verification (void)
{
  CivFuneralCase c;

  good (&c);
  assert_refused (CIV_FUNERAL_DEATH_REPORTED, CIV_FUNERAL_CREMATED, &c, "R-F2");
  assert_refused (CIV_FUNERAL_COLLECTED, CIV_FUNERAL_CREMATED, &c, "R-F2");
  assert_refused (CIV_FUNERAL_STORED, CIV_FUNERAL_CREMATED, &c, "R-F2");
  /* Other steps out of order: R-F4 (whole-chain supervision). */
  assert_refused (CIV_FUNERAL_STORED, CIV_FUNERAL_COLLECTED, &c, "R-F4");
  assert_refused (CIV_FUNERAL_CREMATED, CIV_FUNERAL_BURIAL_EXEMPT, &c, "R-F4");
  assert_refused (CIV_FUNERAL_ASHES_RETURNED, CIV_FUNERAL_CEMETERY, &c, "R-F4");
  assert_refused (CIV_FUNERAL_DEATH_CERT_VERIFIED, CIV_FUNERAL_DEATH_CERT_VERIFIED, &c, "R-F4");
}

/* R-F2: verification needs the ID or the R-F5 number, the certificate, the consent. */
static void
test_verification (void)
{
  CivFuneralCase c;

  good (&c);
  c.death_certificate_on_file = FALSE;
  assert_refused (CIV_FUNERAL_STORED, CIV_FUNERAL_DEATH_CERT_VERIFIED, &c, "R-F2");

  good (&c);
  c.cremation_consent_on_file = FALSE;
  assert_refused (CIV_FUNERAL_STORED, CIV_FUNERAL_DEATH_CERT_VERIFIED, &c, "R-F2");
  /* A burial-exempt case needs no cremation consent. */
  c.burial_exempt_basis = "回族土葬习俗，家属书面申请";
  g_assert_true (
    civ_funeral_may_move (CIV_FUNERAL_STORED, CIV_FUNERAL_DEATH_CERT_VERIFIED, &c, NULL));

  /* No ID and no number. */
  good (&c);
  c.deceased.id_type = CIV_DECEASED_ID_NONE;
  c.deceased.id_number = NULL;
  c.death_cert_number = NULL;
  assert_refused (CIV_FUNERAL_STORED, CIV_FUNERAL_DEATH_CERT_VERIFIED, &c, "R-F2");
  /* No ID, the issuer's number: verified. */
  c.death_cert_number = "91350100M000100Y430012";
  g_assert_true (
    civ_funeral_may_move (CIV_FUNERAL_STORED, CIV_FUNERAL_DEATH_CERT_VERIFIED, &c, NULL));
  /* A number that breaks R-F5 refuses the verification. */
  c.death_cert_number = "91350100M000100Y440012";
  assert_refused (CIV_FUNERAL_STORED, CIV_FUNERAL_DEATH_CERT_VERIFIED, &c, "R-F5");

  /* From 2026-07-01 the number is the deceased's ID: another number refuses. */
  good (&c);
  c.death_cert_number = "440304193801010039";
  assert_refused (CIV_FUNERAL_STORED, CIV_FUNERAL_DEATH_CERT_VERIFIED, &c, "R-F5");
  /* An R-F6 fault refuses it too. */
  good (&c);
  c.deceased.name = " ";
  assert_refused (CIV_FUNERAL_STORED, CIV_FUNERAL_DEATH_CERT_VERIFIED, &c, "R-F6");
}

/* R-F2, R-F13 at the cremation. */
static void
test_cremation (void)
{
  CivFuneralCase c;

  good (&c);
  c.cremation_certificate_serial = "";
  assert_refused (CIV_FUNERAL_DEATH_CERT_VERIFIED, CIV_FUNERAL_CREMATED, &c, "R-F13");
  good (&c);
  c.cremation_consent_on_file = FALSE;
  assert_refused (CIV_FUNERAL_DEATH_CERT_VERIFIED, CIV_FUNERAL_CREMATED, &c, "R-F2");
}

/* R-F1, R-F3: a burial instead of cremation, only where allowed and with its basis. */
static void
test_burial_exempt (void)
{
  CivFuneralCase c;

  good (&c);
  c.burial_exempt_basis = "回族土葬习俗，家属书面申请";
  assert_refused (CIV_FUNERAL_DEATH_CERT_VERIFIED, CIV_FUNERAL_BURIAL_EXEMPT, &c, "R-F1");
  c.area_allows_burial_exempt = TRUE;
  g_assert_true (
    civ_funeral_may_move (CIV_FUNERAL_DEATH_CERT_VERIFIED, CIV_FUNERAL_BURIAL_EXEMPT, &c, NULL));
  c.burial_exempt_basis = "  ";
  assert_refused (CIV_FUNERAL_DEATH_CERT_VERIFIED, CIV_FUNERAL_BURIAL_EXEMPT, &c, "R-F3");
}

/* R-F11: an eco burial names its type; a deposit has an expiry after the day. */
static void
test_destinations (void)
{
  CivFuneralCase c;

  good (&c);
  c.eco_burial = CIV_ECO_BURIAL_NONE;
  assert_refused (CIV_FUNERAL_CREMATED, CIV_FUNERAL_ECO_BURIAL, &c, "R-F11");
  assert_refused (CIV_FUNERAL_ASHES_DEPOSITED, CIV_FUNERAL_ECO_BURIAL, &c, "R-F11");
  c.eco_burial = CIV_ECO_BURIAL_SEA_SCATTERING;
  g_assert_true (civ_funeral_may_move (CIV_FUNERAL_CREMATED, CIV_FUNERAL_ECO_BURIAL, &c, NULL));

  c.deposit_expiry = c.step_date;
  assert_refused (CIV_FUNERAL_CREMATED, CIV_FUNERAL_ASHES_DEPOSITED, &c, "R-F4");
  g_date_clear (&c.deposit_expiry, 1);
  assert_refused (CIV_FUNERAL_CREMATED, CIV_FUNERAL_ASHES_DEPOSITED, &c, "R-F4");
  c.deposit_expiry = date (2026, 8, 6);
  g_assert_true (
    civ_funeral_may_move (CIV_FUNERAL_CREMATED, CIV_FUNERAL_ASHES_DEPOSITED, &c, NULL));
}

static gboolean
deceased_refused (const CivFuneralDeceased *d)
{
  g_autoptr (GPtrArray) findings = civ_findings_new ();
  GDate today = date (2026, 8, 5);

  civ_funeral_check_deceased (d, &today, findings);
  return civ_findings_has (findings, "R-F6", CIV_SEVERITY_REFUSE);
}

/* R-F6: the fields required; an unidentified body has a description instead. */
static void
test_deceased (void)
{
  CivFuneralCase      c;
  CivFuneralDeceased *d = &c.deceased;

  good (&c);
  g_assert_false (deceased_refused (d));
  d->name = NULL;
  g_assert_true (deceased_refused (d));

  good (&c);
  d->id_number = "350102195003120019"; /* wrong check digit */
  g_assert_true (deceased_refused (d));
  good (&c);
  d->id_type = CIV_DECEASED_ID_PASSPORT;
  d->id_number = "";
  g_assert_true (deceased_refused (d));
  d->id_number = "E12345678";
  g_assert_false (deceased_refused (d));
  d->id_type = (CivDeceasedIdType) 8; /* not a code of the form */
  g_assert_true (deceased_refused (d));

  good (&c);
  d->place_of_death = (CivDeathPlace) 5;
  g_assert_true (deceased_refused (d));
  d->place_of_death = CIV_DEATH_PLACE_UNKNOWN;
  g_assert_false (deceased_refused (d));

  good (&c);
  g_date_clear (&d->death_date, 1);
  g_assert_true (deceased_refused (d));
  d->death_date = date (2026, 8, 6); /* after the day */
  g_assert_true (deceased_refused (d));
  d->death_date = date (1950, 3, 11); /* before the birth */
  g_assert_true (deceased_refused (d));
  d->death_date = date (2026, 8, 5); /* today itself */
  g_assert_false (deceased_refused (d));

  /* An unidentified body: no name, no ID, a description. */
  good (&c);
  d->unidentified = TRUE;
  d->name = NULL;
  d->id_type = CIV_DECEASED_ID_NONE;
  d->id_number = NULL;
  g_assert_true (deceased_refused (d));
  d->description = "男性，约六十岁，身高一米七，灰色外套，左手背有疤痕；闽江北岸发现";
  g_assert_false (deceased_refused (d));
  d->id_type = CIV_DECEASED_ID_CARD;
  d->id_number = "350102195003120018";
  g_assert_true (deceased_refused (d));
}

/* GB 32100-2015 on published codes: the standard's own example, Huawei
 * Technologies (Shenzhen) and Tencent (Shenzhen). */
static void
test_credit_code (void)
{
  static const char *const valid[] = { "91350100M000100Y43", "914403001922038216",
                                       "9144030071526726XG" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *body = g_strndup (valid[i], 17);

      g_assert_cmpint (civ_credit_code_check_char (body), ==, valid[i][17]);
      g_assert_true (civ_credit_code_valid (valid[i]));
    }
  /* A check of 31 - 0 is 0: the remainder 0 maps to '0'. */
  g_assert_cmpint (civ_credit_code_check_char ("00000000000000000"), ==, '0');
  g_assert_false (civ_credit_code_valid ("91350100M000100Y44")); /* wrong check */
  g_assert_false (civ_credit_code_valid ("91350100M000100Y4"));  /* 17 characters */
  g_assert_false (civ_credit_code_valid ("91350100M000100Y433"));
  g_assert_cmpint (civ_credit_code_check_char ("91350100I00010043"), ==,
                   0); /* I is not in the set */
  g_assert_cmpint (civ_credit_code_check_char ("91350100O00010043"), ==, 0);
  g_assert_cmpint (civ_credit_code_check_char ("91350100m000100Y4"), ==, 0); /* lower case */
  g_assert_cmpint (civ_credit_code_check_char ("9135"), ==, 0);
  g_assert_cmpint (civ_credit_code_check_char (NULL), ==, 0);
  g_assert_false (civ_credit_code_valid (NULL));
}

static CivDeathCertNumberKind
cert (const char *number, const GDate *died, const char *id, gboolean *refused)
{
  g_autoptr (GPtrArray) findings = civ_findings_new ();
  CivDeathCertNumberKind kind = civ_death_cert_number_check (number, died, id, findings);

  *refused = civ_findings_has (findings, "R-F5", CIV_SEVERITY_REFUSE);
  g_assert_cmpint (*refused, ==, kind == CIV_DEATH_CERT_NUMBER_INVALID);
  return kind;
}

/* R-F5: free text up to 2026-06-30, the ID or credit code + serial from 2026-07-01. */
static void
test_death_cert_number (void)
{
  GDate    before = date (2026, 6, 30);
  GDate    from = date (2026, 7, 1);
  GDate    none;
  gboolean refused;

  g_date_clear (&none, 1);
  g_assert_false (civ_death_cert_new_numbering (&before));
  g_assert_true (civ_death_cert_new_numbering (&from));

  /* The day before: anything written on the paper. */
  g_assert_cmpint (cert ("闽福医字第2026-06813号", &before, NULL, &refused), ==,
                   CIV_DEATH_CERT_NUMBER_FREE_TEXT);
  g_assert_cmpint (cert ("J350102-0042", &before, "350102195003120018", &refused), ==,
                   CIV_DEATH_CERT_NUMBER_FREE_TEXT);
  g_assert_cmpint (cert ("", &before, NULL, &refused), ==, CIV_DEATH_CERT_NUMBER_INVALID);
  g_assert_cmpint (cert ("1234567890123456789012345678901234567890123456789012345678901234X",
                         &before, NULL, &refused),
                   ==, CIV_DEATH_CERT_NUMBER_INVALID);

  /* The first day: the same free text is refused. */
  g_assert_cmpint (cert ("J350102-0042", &from, NULL, &refused), ==, CIV_DEATH_CERT_NUMBER_INVALID);
  g_assert_cmpint (cert ("闽福医字第2026-06813号", &from, NULL, &refused), ==,
                   CIV_DEATH_CERT_NUMBER_INVALID);
  /* The deceased's ID, as given; full-width and lower-case x normalised. */
  g_assert_cmpint (cert ("350102195003120018", &from, "350102195003120018", &refused), ==,
                   CIV_DEATH_CERT_NUMBER_ID);
  g_assert_cmpint (cert ("11010519491231002x", &from, "11010519491231002X", &refused), ==,
                   CIV_DEATH_CERT_NUMBER_ID);
  /* Another person's number, or a bad check digit. */
  g_assert_cmpint (cert ("440304193801010039", &from, "350102195003120018", &refused), ==,
                   CIV_DEATH_CERT_NUMBER_INVALID);
  g_assert_cmpint (cert ("350102195003120019", &from, "350102195003120019", &refused), ==,
                   CIV_DEATH_CERT_NUMBER_INVALID);
  /* No ID given: a valid ID number is still the deceased's. */
  g_assert_cmpint (cert ("350102195003120018", &from, NULL, &refused), ==,
                   CIV_DEATH_CERT_NUMBER_ID);
  /* No ID: the issuer's code and a serial 0001-9999. */
  g_assert_cmpint (cert ("91350100M000100Y430001", &from, NULL, &refused), ==,
                   CIV_DEATH_CERT_NUMBER_ISSUER_SERIAL);
  g_assert_cmpint (cert ("9144030071526726XG9999", &from, NULL, &refused), ==,
                   CIV_DEATH_CERT_NUMBER_ISSUER_SERIAL);
  g_assert_cmpint (cert ("91350100M000100Y430000", &from, NULL, &refused), ==,
                   CIV_DEATH_CERT_NUMBER_INVALID);
  g_assert_cmpint (cert ("91350100M000100Y4300A1", &from, NULL, &refused), ==,
                   CIV_DEATH_CERT_NUMBER_INVALID);
  g_assert_cmpint (cert ("91350100M000100Y440001", &from, NULL, &refused), ==,
                   CIV_DEATH_CERT_NUMBER_INVALID);
  g_assert_cmpint (cert ("91350100M000100Y43001", &from, NULL, &refused), ==,
                   CIV_DEATH_CERT_NUMBER_INVALID);
  /* The same code number on the day before is free text. */
  g_assert_cmpint (cert ("91350100M000100Y440001", &before, NULL, &refused), ==,
                   CIV_DEATH_CERT_NUMBER_FREE_TEXT);
  /* No date of death: the rule cannot say. */
  g_assert_cmpint (cert ("350102195003120018", &none, NULL, &refused), ==,
                   CIV_DEATH_CERT_NUMBER_INVALID);
}

/* Every rule id used here has a citation (civ-citations). */
static void
test_citations (void)
{
  const char *const rules[] = { "R-F1", "R-F2", "R-F3", "R-F4", "R-F5", "R-F6", "R-F11", "R-F13" };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    g_assert_nonnull (civ_citation_for_rule (rules[i]));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/funeral-rules/states", test_states_strings);
  g_test_add_func ("/funeral-rules/graph", test_graph);
  g_test_add_func ("/funeral-rules/walk", test_walk);
  g_test_add_func ("/funeral-rules/R-F2-no-cremation-before-verification",
                   test_no_cremation_before_verification);
  g_test_add_func ("/funeral-rules/R-F2-verification", test_verification);
  g_test_add_func ("/funeral-rules/R-F13-cremation", test_cremation);
  g_test_add_func ("/funeral-rules/R-F3-burial-exempt", test_burial_exempt);
  g_test_add_func ("/funeral-rules/R-F11-destinations", test_destinations);
  g_test_add_func ("/funeral-rules/R-F6-deceased", test_deceased);
  g_test_add_func ("/funeral-rules/credit-code", test_credit_code);
  g_test_add_func ("/funeral-rules/R-F5-number", test_death_cert_number);
  g_test_add_func ("/funeral-rules/citations", test_citations);
  return g_test_run ();
}
