// SPDX-License-Identifier: GPL-3.0-or-later
/* test-idnumber.c — identity-document numbers (domain.md §1, R-ID1…R-ID9) */
#include <string.h>

#include "civ-finding.h"
#include "civ-citations.h"
#include "civ-idnumber.h"

static GDate
date (int y, int m, int d)
{
  GDate result;

  g_date_clear (&result, 1);
  g_date_set_dmy (&result, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return result;
}

static CivIdCheck *
check_on (const char *number, CivDocKind kind, int y, int m, int d, CivDivisionTable *table)
{
  GDate on = date (y, m, d);

  return civ_id_check (number, kind, &on, table);
}

static void
assert_birth (const CivIdCheck *check, int y, int m, int d)
{
  g_assert_true (g_date_valid (&check->birth_date));
  g_assert_cmpint (g_date_get_year (&check->birth_date), ==, y);
  g_assert_cmpint (g_date_get_month (&check->birth_date), ==, m);
  g_assert_cmpint (g_date_get_day (&check->birth_date), ==, d);
}

static CivDivisionTable *
small_table (void)
{
  CivDivisionTable *table = civ_division_table_new ();

  civ_division_table_add (table, "110000", "北京市", "北京市", "", "省级", 1981, 0, "");
  civ_division_table_add (table, "110101", "东城区", "北京市", "直辖", "县级", 1981, 0, "");
  civ_division_table_add (table, "110103", "崇文区", "北京市", "直辖", "县级", 1981, 2010,
                          "110101");
  civ_division_table_add (table, "110105", "朝阳区", "北京市", "直辖", "县级", 1981, 0, "");
  civ_division_table_add (table, "120110", "东丽区", "天津市", "直辖", "县级", 1992, 0, "");
  civ_division_table_add (table, "120110", "东郊区", "天津市", "直辖", "县级", 1981, 1992,
                          "120110");
  civ_division_table_add (table, "130103", "桥东区", "河北省", "石家庄市", "县级", 1983, 2014,
                          "130102;130104");
  civ_division_table_add (table, "130109", "新区", "河北省", "石家庄市", "县级", 2030, 0, "");
  return table;
}

/* R-ID2 worked example: body 11010119900307123 → S = 174 → '3'. */
static void
test_check_char_worked_example (void)
{
  g_assert_cmpint (civ_id_check_char ("11010119900307123"), ==, '3');
  g_assert_cmpint (civ_id_check_char ("11010519491231002"), ==, 'X');
  g_assert_cmpint (civ_id_check_char ("91184019850612001"), ==, '5');
  /* not 17 digits */
  g_assert_cmpint (civ_id_check_char ("1101011990030712"), ==, 0);
  g_assert_cmpint (civ_id_check_char ("110101199003071233"), ==, 0);
  g_assert_cmpint (civ_id_check_char ("1101011990030712A"), ==, 0);
}

static void
test_valid_18 (void)
{
  g_autoptr (CivIdCheck) check = check_on ("110101199003071233", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);

  g_assert_true (check->valid);
  g_assert_cmpint (check->kind, ==, CIV_DOC_RESIDENT_ID);
  g_assert_cmpstr (check->normalized, ==, "110101199003071233");
  g_assert_cmpstr (check->recorded, ==, "110101199003071233");
  assert_birth (check, 1990, 3, 7);
  g_assert_cmpint (check->sex, ==, CIV_SEX_MALE);
  g_assert_cmpstr (civ_sex_to_string (check->sex), ==, "male");
  g_assert_cmpstr (check->region_code, ==, "110101");
  /* No table: the region check is reported as not done, never guessed. */
  g_assert_null (check->region_name);
  g_assert_cmpint (check->findings->len, ==, 1);
  g_assert_true (civ_findings_has (check->findings, "R-ID5", CIV_SEVERITY_INFO));
  g_assert_false (civ_findings_has (check->findings, "R-ID5", CIV_SEVERITY_WARN));
  g_assert_nonnull (strstr (civ_findings_find (check->findings, "R-ID5")->message, "not checked"));
  g_assert_cmpint (civ_findings_worst (check->findings), ==, CIV_SEVERITY_INFO);
}

/* R-ID2: every wrong check character is refused. */
static void
test_every_wrong_check_char (void)
{
  const char candidates[] = "0123456789X";
  guint      refused = 0;

  for (guint i = 0; candidates[i]; i++)
    {
      g_autofree char *number = g_strdup_printf ("11010119900307123%c", candidates[i]);
      g_autoptr (CivIdCheck) check = check_on (number, CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);

      if (candidates[i] == '3')
        {
          g_assert_true (check->valid);
          continue;
        }
      g_assert_false (check->valid);
      g_assert_true (civ_findings_has (check->findings, "R-ID2", CIV_SEVERITY_REFUSE));
      g_assert_nonnull (civ_findings_find (check->findings, "R-ID2")->citation);
      refused++;
    }
  g_assert_cmpuint (refused, ==, 10);
}

/* R-ID3 worked example: 110105491231002 → 11010519491231002X, female. */
static void
test_convert_15 (void)
{
  g_autofree char *converted = civ_id_convert_15_to_18 ("110105491231002");
  g_autoptr (CivIdCheck) check = NULL;

  g_assert_cmpstr (converted, ==, "11010519491231002X");
  g_assert_null (civ_id_convert_15_to_18 ("11010549123100"));
  g_assert_null (civ_id_convert_15_to_18 ("11010549123100A"));

  check = check_on ("110105491231002", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
  g_assert_true (check->valid);
  g_assert_cmpint (check->kind, ==, CIV_DOC_RESIDENT_ID_15);
  g_assert_cmpstr (check->recorded, ==, "110105491231002");
  g_assert_cmpstr (check->normalized, ==, "11010519491231002X");
  assert_birth (check, 1949, 12, 31);
  g_assert_cmpint (check->sex, ==, CIV_SEX_FEMALE);
  g_assert_true (civ_findings_has (check->findings, "R-ID3", CIV_SEVERITY_INFO));
  g_assert_false (civ_findings_has (check->findings, "R-ID3", CIV_SEVERITY_WARN));
}

/* The 18-digit form of a converted number checks as valid, with the same facts. */
static void
test_converted_matches (void)
{
  g_autoptr (CivIdCheck) old = check_on ("110105491231002", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) new = check_on ("11010519491231002X", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);

  g_assert_true (new->valid);
  g_assert_cmpstr (old->normalized, ==, new->normalized);
  g_assert_cmpint (g_date_compare (&old->birth_date, &new->birth_date), ==, 0);
  g_assert_cmpint (old->sex, ==, new->sex);
}

/* R-ID5: the birth date must be a real calendar date. */
static void
test_bad_birth_dates (void)
{
  /* All with a correct check character, so only the date is wrong. */
  const char *bad[] = {
    "110101199902301231", /* 1999-02-30 */
    "11010119990229123X", /* 1999-02-29: not a leap year */
    "110101190002291233", /* 1900-02-29: 1900 is not a leap year */
    "110101190013011233", /* month 13 */
    "110101199902311237", /* 1999-02-31 */
    "110101199913001234", /* month 13, day 00 */
    "110101199901001237", /* day 00 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (CivIdCheck) check = check_on (bad[i], CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);

      g_test_message ("%s", bad[i]);
      g_assert_false (check->valid);
      g_assert_true (civ_findings_has (check->findings, "R-ID5", CIV_SEVERITY_REFUSE));
      g_assert_false (civ_findings_has (check->findings, "R-ID2", CIV_SEVERITY_INFO));
      g_assert_false (g_date_valid (&check->birth_date));
    }

  {
    /* 2000 is a leap year. */
    g_autoptr (CivIdCheck) leap =
      check_on ("11010120000229123X", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
    g_assert_true (leap->valid);
    assert_birth (leap, 2000, 2, 29);
  }
}

/* R-ID5: the birth date is not after the event date; on the day itself is fine. */
static void
test_future_birth_date (void)
{
  g_autoptr (CivIdCheck) future =
    check_on ("110101203001011236", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) same_day =
    check_on ("110101202405011238", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) day_before =
    check_on ("110101202405011238", CIV_DOC_UNKNOWN, 2024, 4, 30, NULL);

  g_assert_false (future->valid);
  g_assert_true (civ_findings_has (future->findings, "R-ID5", CIV_SEVERITY_REFUSE));
  g_assert_nonnull (strstr (civ_findings_find (future->findings, "R-ID5")->message, "after"));

  g_assert_true (same_day->valid);
  assert_birth (same_day, 2024, 5, 1);

  g_assert_false (day_before->valid);
  g_assert_true (civ_findings_has (day_before->findings, "R-ID5", CIV_SEVERITY_REFUSE));
}

/* R-ID4: born before 1900, or a centenarian sequence in a 15-digit number. */
static void
test_born_before_1900 (void)
{
  g_autoptr (CivIdCheck) old = check_on ("110101189912311231", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) born_1900 =
    check_on ("110101190001011236", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) seq996 = check_on ("110105991231996", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) seq995 = check_on ("110105491231995", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);

  g_assert_true (old->valid);
  g_assert_true (civ_findings_has (old->findings, "R-ID4", CIV_SEVERITY_WARN));
  g_assert_cmpint (civ_findings_worst (old->findings), ==, CIV_SEVERITY_WARN);
  g_assert_true (born_1900->valid);
  g_assert_null (civ_findings_find (born_1900->findings, "R-ID4"));

  g_assert_true (seq996->valid);
  g_assert_true (civ_findings_has (seq996->findings, "R-ID4", CIV_SEVERITY_WARN));
  g_assert_null (civ_findings_find (seq995->findings, "R-ID4"));
}

static void
test_normalisation (void)
{
  g_autofree char *trimmed = civ_id_normalize ("  110101199003071233\t\n", CIV_DOC_UNKNOWN);
  g_autofree char *full_width =
    civ_id_normalize ("１１０１０５１９４９１２３１００２ｘ", CIV_DOC_UNKNOWN);
  g_autofree char *ideographic_space =
    civ_id_normalize ("\u3000110101199003071233\u3000", CIV_DOC_UNKNOWN);
  g_autofree char *passport = civ_id_normalize (" e1234567x ", CIV_DOC_PASSPORT);
  g_autoptr (CivIdCheck) lower = check_on ("11010519491231002x", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) wide =
    check_on ("１１０１０１１９９００３０７１２３３", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);

  g_assert_cmpstr (trimmed, ==, "110101199003071233");
  g_assert_cmpstr (full_width, ==, "11010519491231002X");
  g_assert_cmpstr (ideographic_space, ==, "110101199003071233");
  g_assert_cmpstr (passport, ==, "e1234567x");
  g_assert_true (lower->valid);
  g_assert_cmpstr (lower->normalized, ==, "11010519491231002X");
  g_assert_true (wide->valid);
  g_assert_cmpstr (wide->normalized, ==, "110101199003071233");
}

/* R-ID1: wrong lengths and letters. */
static void
test_structure (void)
{
  const char *bad[] = {
    "",
    "   ",
    "1101011990030712",    /* 16 */
    "11010119900307123",   /* 17 */
    "1101011990030712330", /* 19 */
    "11010549123100",      /* 14 */
    "11010119900307123A",  /* letter as check character */
    "1101011990O3071233",  /* letter O for zero */
    "X10101199003071233",  /* X first */
    "11010119900307X233",  /* X inside */
    "110101-19900307-1233",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (CivIdCheck) check = check_on (bad[i], CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);

      g_test_message ("[%s]", bad[i]);
      g_assert_false (check->valid);
      g_assert_true (civ_findings_has (check->findings, "R-ID1", CIV_SEVERITY_REFUSE));
      g_assert_null (check->normalized);
      g_assert_false (g_date_valid (&check->birth_date));
      g_assert_cmpint (check->sex, ==, CIV_SEX_UNKNOWN);
    }

  {
    g_autoptr (CivIdCheck) check =
      check_on ("11010119900307123", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
    g_assert_nonnull (strstr (civ_findings_find (check->findings, "R-ID1")->message, "17"));
  }
  {
    /* An explicit kind with the wrong length. */
    g_autoptr (CivIdCheck) check =
      check_on ("110105491231002", CIV_DOC_RESIDENT_ID, 2024, 5, 1, NULL);
    g_assert_false (check->valid);
    g_assert_true (civ_findings_has (check->findings, "R-ID1", CIV_SEVERITY_REFUSE));
  }
  {
    g_autoptr (CivIdCheck) check =
      check_on ("110101199003071233", CIV_DOC_RESIDENT_ID_15, 2024, 5, 1, NULL);
    g_assert_false (check->valid);
    g_assert_true (civ_findings_has (check->findings, "R-ID3", CIV_SEVERITY_REFUSE));
  }
}

/* R-ID7: HK/Macau/Taiwan residence permits. */
static void
test_residence_permits (void)
{
  const struct
  {
    const char *number;
    CivDocKind  kind;
    CivSex      sex;
  } ok[] = {
    { "810000199003071237", CIV_DOC_RESIDENCE_PERMIT_HK, CIV_SEX_MALE },
    { "820000199003071247", CIV_DOC_RESIDENCE_PERMIT_MO, CIV_SEX_FEMALE },
    { "830000199003071257", CIV_DOC_RESIDENCE_PERMIT_TW, CIV_SEX_MALE },
  };
  g_autoptr (CivDivisionTable) table = small_table ();

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      /* With a table that lacks 810000…830000: the permit codes are not division codes. */
      g_autoptr (CivIdCheck) check = check_on (ok[i].number, CIV_DOC_UNKNOWN, 2024, 5, 1, table);

      g_assert_true (check->valid);
      g_assert_cmpint (check->kind, ==, ok[i].kind);
      g_assert_cmpint (check->sex, ==, ok[i].sex);
      g_assert_cmpint (check->findings->len, ==, 0);
      g_assert_nonnull (check->region_name);
      {
        g_autofree char *code = g_strndup (ok[i].number, 6);
        g_assert_cmpstr (check->region_code, ==, code);
      }
      assert_birth (check, 1990, 3, 7);
    }

  {
    g_autoptr (CivIdCheck) wrong =
      check_on ("810000199003071230", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
    g_assert_false (wrong->valid);
    g_assert_true (civ_findings_has (wrong->findings, "R-ID2", CIV_SEVERITY_REFUSE));
  }
  {
    g_autoptr (CivIdCheck) mismatch =
      check_on ("110101199003071233", CIV_DOC_RESIDENCE_PERMIT_HK, 2024, 5, 1, NULL);
    g_assert_false (mismatch->valid);
    g_assert_true (civ_findings_has (mismatch->findings, "R-ID7", CIV_SEVERITY_REFUSE));
  }
}

/* R-ID8: foreign permanent resident ID. */
static void
test_foreign_permanent_resident (void)
{
  g_autoptr (CivIdCheck) example =
    check_on ("911840198506120015", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) wrong = check_on ("911840198506120016", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) old = check_on ("USA110085061201", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) old_bad =
    check_on ("US1110085061201", CIV_DOC_FOREIGN_PR_OLD, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) short_new =
    check_on ("91184019850612001", CIV_DOC_FOREIGN_PR, 2024, 5, 1, NULL);

  g_assert_true (example->valid);
  g_assert_cmpint (example->kind, ==, CIV_DOC_FOREIGN_PR);
  g_assert_cmpstr (example->normalized, ==, "911840198506120015");
  g_assert_null (example->region_code);

  g_assert_false (wrong->valid);
  g_assert_true (civ_findings_has (wrong->findings, "R-ID8", CIV_SEVERITY_REFUSE));

  g_assert_true (old->valid);
  g_assert_cmpint (old->kind, ==, CIV_DOC_FOREIGN_PR_OLD);

  g_assert_false (old_bad->valid);
  g_assert_true (civ_findings_has (old_bad->findings, "R-ID8", CIV_SEVERITY_REFUSE));
  g_assert_false (short_new->valid);
  g_assert_true (civ_findings_has (short_new->findings, "R-ID8", CIV_SEVERITY_REFUSE));
}

/* R-ID9: Mainland travel permits and passports. */
static void
test_permits_and_passports (void)
{
  g_autoptr (CivIdCheck) hk = check_on ("H1234567801", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) mo = check_on ("m1234567800", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) no_count = check_on ("H12345678", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) hk_bad = check_on ("H123", CIV_DOC_HK_MO_PERMIT, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) other_letter = check_on ("K1234567801", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) tw = check_on ("12345678", CIV_DOC_UNKNOWN, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) tw_bad = check_on ("1234567", CIV_DOC_TW_PERMIT, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) passport = check_on (" e1234567x ", CIV_DOC_PASSPORT, 2024, 5, 1, NULL);
  g_autoptr (CivIdCheck) passport_empty = check_on ("  ", CIV_DOC_PASSPORT, 2024, 5, 1, NULL);

  g_assert_true (hk->valid);
  g_assert_cmpint (hk->kind, ==, CIV_DOC_HK_MO_PERMIT);
  g_assert_true (mo->valid);
  g_assert_cmpstr (mo->normalized, ==, "M1234567800");
  g_assert_false (no_count->valid);
  g_assert_true (civ_findings_has (no_count->findings, "R-ID9", CIV_SEVERITY_REFUSE));
  g_assert_nonnull (strstr (civ_findings_find (no_count->findings, "R-ID9")->message, "renewal"));
  g_assert_false (hk_bad->valid);
  g_assert_true (civ_findings_has (hk_bad->findings, "R-ID9", CIV_SEVERITY_REFUSE));
  g_assert_false (other_letter->valid);
  g_assert_true (civ_findings_has (other_letter->findings, "R-ID1", CIV_SEVERITY_REFUSE));

  g_assert_true (tw->valid);
  g_assert_cmpint (tw->kind, ==, CIV_DOC_TW_PERMIT);
  g_assert_false (tw_bad->valid);
  g_assert_true (civ_findings_has (tw_bad->findings, "R-ID9", CIV_SEVERITY_REFUSE));

  g_assert_true (passport->valid);
  g_assert_cmpint (passport->kind, ==, CIV_DOC_PASSPORT);
  g_assert_cmpstr (passport->normalized, ==, "e1234567x");
  g_assert_true (civ_findings_has (passport->findings, "R-ID9", CIV_SEVERITY_INFO));
  g_assert_false (passport_empty->valid);
}

/* R-ID5, R-ID6: the address code against a dated table. */
static void
test_region_with_table (void)
{
  g_autoptr (CivDivisionTable) table = small_table ();
  g_autoptr (CivIdCheck) current =
    check_on ("110101199003071233", CIV_DOC_UNKNOWN, 2024, 5, 1, table);
  g_autoptr (CivIdCheck) obsolete =
    check_on ("110103198001010013", CIV_DOC_UNKNOWN, 2024, 5, 1, table);
  g_autoptr (CivIdCheck) then = check_on ("110103198001010013", CIV_DOC_UNKNOWN, 2005, 5, 1, table);
  g_autoptr (CivIdCheck) unknown =
    check_on ("110199199003071239", CIV_DOC_UNKNOWN, 2024, 5, 1, table);
  g_autoptr (CivIdCheck) renamed_then =
    check_on ("120110198501011237", CIV_DOC_UNKNOWN, 1990, 1, 1, table);
  g_autoptr (CivIdCheck) renamed_now =
    check_on ("120110198501011237", CIV_DOC_UNKNOWN, 2024, 1, 1, table);
  const CivFinding *f;

  g_assert_true (current->valid);
  g_assert_cmpstr (current->region_name, ==, "东城区");
  g_assert_false (current->region_obsolete);
  g_assert_cmpint (current->findings->len, ==, 0);

  /* An obsolete code is never a reason to reject (R-ID5). */
  g_assert_true (obsolete->valid);
  g_assert_cmpstr (obsolete->region_name, ==, "崇文区");
  g_assert_true (obsolete->region_obsolete);
  f = civ_findings_find (obsolete->findings, "R-ID5");
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, CIV_SEVERITY_INFO);
  g_assert_nonnull (strstr (f->message, "2010"));
  g_assert_nonnull (strstr (f->message, "110101"));

  g_assert_true (then->valid);
  g_assert_false (then->region_obsolete);
  g_assert_cmpint (then->findings->len, ==, 0);

  g_assert_false (unknown->valid);
  g_assert_true (civ_findings_has (unknown->findings, "R-ID5", CIV_SEVERITY_REFUSE));
  g_assert_null (unknown->region_name);

  g_assert_cmpstr (renamed_then->region_name, ==, "东郊区");
  g_assert_cmpstr (renamed_now->region_name, ==, "东丽区");
  g_assert_true (renamed_now->valid);
}

static void
test_division_table (void)
{
  g_autoptr (CivDivisionTable) table = small_table ();
  const CivDivisionEntry *entry;
  gboolean                in_force = TRUE;
  GPtrArray              *entries;

  g_assert_cmpuint (civ_division_table_get_size (table), ==, 8);
  entries = civ_division_table_lookup (table, "120110");
  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpint (((CivDivisionEntry *) g_ptr_array_index (entries, 0))->valid_from, ==, 1981);
  g_assert_null (civ_division_table_lookup (table, "999999"));

  /* Year boundaries: the change year belongs to the new entry. */
  g_assert_cmpstr (civ_division_table_in_year (table, "120110", 1991)->name, ==, "东郊区");
  g_assert_cmpstr (civ_division_table_in_year (table, "120110", 1992)->name, ==, "东丽区");
  g_assert_null (civ_division_table_in_year (table, "120110", 1980));
  g_assert_cmpstr (civ_division_table_in_year (table, "110103", 2009)->name, ==, "崇文区");
  g_assert_null (civ_division_table_in_year (table, "110103", 2010));

  entry = civ_division_table_as_of (table, "110103", 2020, &in_force);
  g_assert_cmpstr (entry->name, ==, "崇文区");
  g_assert_false (in_force);
  entry = civ_division_table_as_of (table, "130109", 2024, &in_force);
  g_assert_cmpstr (entry->name, ==, "新区");
  g_assert_false (in_force);
  entry = civ_division_table_as_of (table, "130103", 2000, &in_force);
  g_assert_true (in_force);
  g_assert_cmpstr (entry->successors, ==, "130102;130104");
  g_assert_null (civ_division_table_as_of (table, "999999", 2000, NULL));
}

static void
test_code_not_yet_in_force (void)
{
  g_autoptr (CivDivisionTable) table = small_table ();
  g_autofree char *number = NULL;
  g_autoptr (CivIdCheck) check = NULL;

  /* A correct check character for the body, so only the region speaks. */
  number = g_strdup_printf ("13010919900307123%c", civ_id_check_char ("13010919900307123"));
  check = check_on (number, CIV_DOC_UNKNOWN, 2024, 5, 1, table);
  g_assert_true (check->valid);
  g_assert_cmpstr (check->region_code, ==, "130109");
  g_assert_cmpstr (check->region_name, ==, "新区");
  g_assert_false (check->region_obsolete);
  g_assert_true (civ_findings_has (check->findings, "R-ID5", CIV_SEVERITY_INFO));
  g_assert_false (civ_findings_has (check->findings, "R-ID5", CIV_SEVERITY_WARN));
  g_assert_nonnull (strstr (civ_findings_find (check->findings, "R-ID5")->message, "2030"));
}

static void
test_findings (void)
{
  g_autoptr (GPtrArray) list = civ_findings_new ();
  g_autoptr (CivFinding) copy = NULL;

  g_assert_cmpint (civ_findings_worst (list), ==, CIV_SEVERITY_NONE);
  civ_findings_add (list, "R-ID3", CIV_SEVERITY_INFO, "R-ID3: %s", "note");
  g_assert_cmpint (civ_findings_worst (list), ==, CIV_SEVERITY_INFO);
  civ_findings_add (list, "R-ID2", CIV_SEVERITY_REFUSE, "R-ID2: %d", 3);
  civ_findings_add (list, "R-ID4", CIV_SEVERITY_WARN, "R-ID4: review");
  g_assert_cmpint (civ_findings_worst (list), ==, CIV_SEVERITY_REFUSE);
  /* The rule and its citation are fields; the message is the words alone. */
  g_assert_cmpstr (civ_findings_find (list, "R-ID2")->message, ==, "3");
  g_assert_cmpstr (civ_findings_find (list, "R-ID2")->citation, ==,
                   civ_citation_for_rule ("R-ID2"));
  g_assert_nonnull (civ_findings_find (list, "R-ID2")->citation);
  g_assert_cmpstr (civ_finding_strip_rule ("R-M2", "R-M2：男方未到法定婚龄"), ==,
                   "男方未到法定婚龄");
  g_assert_cmpstr (civ_finding_strip_rule ("R-M2", "R-M2: too young"), ==, "too young");
  g_assert_cmpstr (civ_finding_strip_rule ("R-M2", "R-M21: other"), ==, "R-M21: other");
  g_assert_cmpstr (civ_finding_strip_rule ("R-M2", "see R-M2"), ==, "see R-M2");
  g_assert_cmpstr (civ_finding_strip_rule ("R-M2", "R-M2:"), ==, "R-M2:");
  {
    g_autoptr (CivFinding) unknown = civ_finding_new ("X-1", CIV_SEVERITY_INFO, "X-1: x");
    g_assert_null (unknown->citation);
    g_assert_cmpstr (unknown->message, ==, "x");
  }
  g_assert_null (civ_findings_find (list, "R-M3"));
  g_assert_true (civ_findings_has (list, "R-ID4", CIV_SEVERITY_WARN));
  g_assert_false (civ_findings_has (list, "R-ID4", CIV_SEVERITY_REFUSE));
  copy = civ_finding_copy (civ_findings_find (list, "R-ID4"));
  g_assert_cmpstr (copy->rule, ==, "R-ID4");
  g_assert_cmpstr (copy->message, ==, "review");
  g_assert_cmpstr (copy->citation, ==, civ_citation_for_rule ("R-ID4"));
  g_assert_cmpint (copy->severity, ==, CIV_SEVERITY_WARN);
  g_assert_cmpstr (civ_severity_to_string (CIV_SEVERITY_REFUSE), ==, "refuse");
  g_assert_cmpstr (civ_severity_to_string (CIV_SEVERITY_INFO), ==, "info");
}

static void
test_doc_kind_strings (void)
{
  for (int k = CIV_DOC_UNKNOWN; k <= CIV_DOC_PASSPORT; k++)
    {
      CivDocKind  back = CIV_DOC_PASSPORT + 1;
      const char *id = civ_doc_kind_to_string ((CivDocKind) k);

      g_assert_nonnull (id);
      g_assert_nonnull (civ_doc_kind_display_name ((CivDocKind) k));
      g_assert_true (civ_doc_kind_from_string (id, &back));
      g_assert_cmpint (back, ==, k);
    }
  {
    CivDocKind kind = CIV_DOC_PASSPORT;
    g_assert_false (civ_doc_kind_from_string ("driving-licence", &kind));
    g_assert_cmpint (kind, ==, CIV_DOC_PASSPORT);
  }
  g_assert_null (civ_sex_to_string (CIV_SEX_UNKNOWN));
  g_assert_cmpstr (civ_sex_to_string (CIV_SEX_FEMALE), ==, "female");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/idnumber/R-ID2/worked-example", test_check_char_worked_example);
  g_test_add_func ("/idnumber/R-ID1/valid-18", test_valid_18);
  g_test_add_func ("/idnumber/R-ID2/every-wrong-check-char", test_every_wrong_check_char);
  g_test_add_func ("/idnumber/R-ID3/convert-15", test_convert_15);
  g_test_add_func ("/idnumber/R-ID3/converted-matches", test_converted_matches);
  g_test_add_func ("/idnumber/R-ID5/bad-birth-dates", test_bad_birth_dates);
  g_test_add_func ("/idnumber/R-ID5/future-birth-date", test_future_birth_date);
  g_test_add_func ("/idnumber/R-ID4/born-before-1900", test_born_before_1900);
  g_test_add_func ("/idnumber/normalisation", test_normalisation);
  g_test_add_func ("/idnumber/R-ID1/structure", test_structure);
  g_test_add_func ("/idnumber/R-ID7/residence-permits", test_residence_permits);
  g_test_add_func ("/idnumber/R-ID8/foreign-permanent-resident", test_foreign_permanent_resident);
  g_test_add_func ("/idnumber/R-ID9/permits-and-passports", test_permits_and_passports);
  g_test_add_func ("/idnumber/R-ID5/region-with-table", test_region_with_table);
  g_test_add_func ("/idnumber/R-ID5/code-not-yet-in-force", test_code_not_yet_in_force);
  g_test_add_func ("/idnumber/R-ID6/division-table", test_division_table);
  g_test_add_func ("/idnumber/findings", test_findings);
  g_test_add_func ("/idnumber/doc-kind-strings", test_doc_kind_strings);

  return g_test_run ();
}
