// SPDX-License-Identifier: GPL-3.0-or-later
/* test-cremation-stock.c — cremation certificates as controlled stock
 * (R-F13) over real SQLCipher files with fake dates: batches received
 * (bad ranges, overlaps refused), serials issued to cases (next, given,
 * one per case, inside the caller's transaction), voids with a
 * supervisor's approval (refused without, or by a non-supervisor), nothing
 * deletable, the reconciliation per batch and per period with voided
 * certificates, the funeral permission per role and the upgrade of an
 * office whose grants table is rebuilt (0014). */
#include <string.h>

#include "civ-app-error.h"
#include "civ-cremation-stock.h"
#include "civ-db-private.h"
#include "civ-permissions.h"
#include "civ-test-utils.h"
#include "civ-users-service.h"

#define FUNERAL "binzang"
#define FUNERAL_PW "Funeral-password-1"
#define CLERK "clerk"
#define CLERK_PW "Clerk-password-1"
#define GRANTED "clerk2"
#define GRANTED_PW "Clerk2-password-1"
#define ARCHIVIST "dangan"
#define ARCHIVIST_PW "Archivist-password-1"
#define AUDITOR "shenji"
#define AUDITOR_PW "Auditor-password-1"

typedef struct
{
  char     *dir;
  CivStore *admin;   /* the supervisor */
  CivStore *funeral; /* a funeral clerk */
} Fixture;

static char *template_dir;

static CivStore *
open_as (Fixture *fx, const char *login, const char *password)
{
  g_autoptr (GError) error = NULL;
  CivStore *store = civ_store_open (fx->dir, login, password, &error);

  g_assert_no_error (error);
  return store;
}

static void
make_template (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&template_dir, NULL);

  civ_test_add_operator (store, FUNERAL, "刘洋", CIV_ROLE_FUNERAL_CLERK, FUNERAL_PW);
  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
  civ_test_add_operator (store, GRANTED, "赵登记", CIV_ROLE_REGISTRAR, GRANTED_PW);
  civ_test_add_operator (store, ARCHIVIST, "孙档案", CIV_ROLE_ARCHIVIST, ARCHIVIST_PW);
  civ_test_add_operator (store, AUDITOR, "钱审计", CIV_ROLE_AUDITOR, AUDITOR_PW);
  g_assert_true (civ_users_set_grant (store, GRANTED, CIV_PERM_FUNERAL, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (civ_users_set_grant (store, ARCHIVIST, CIV_PERM_FUNERAL, TRUE, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  fx->admin = civ_test_copy_office (template_dir, &fx->dir);
  fx->funeral = open_as (fx, FUNERAL, FUNERAL_PW);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->funeral);
  g_clear_object (&fx->admin);
  civ_test_rmdir (fx->dir);
  g_free (fx->dir);
}

static GDate
day (int m, int d)
{
  GDate date;

  civ_test_date (&date, 2026, m, d);
  return date;
}

static CivCremationBatch *
receive_ok (CivStore *store, const char *first, const char *last, int m, int d)
{
  g_autoptr (GError) error = NULL;
  GDate              today = day (m, d);
  CivCremationBatch *b =
    civ_cremation_stock_receive (store, first, last, "印刷厂 2026-01", &today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (b);
  return b;
}

static char *
issue_ok (CivStore *store, const char *serial, const char *case_ref, int m, int d)
{
  g_autoptr (GError) error = NULL;
  GDate today = day (m, d);
  char *issued = civ_cremation_stock_issue (store, serial, case_ref, &today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (issued);
  return issued;
}

static void
void_ok (Fixture *fx, const char *serial, int m, int d)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pw = g_strdup (CIV_TEST_SUPERVISOR_PW);
  GDate            today = day (m, d);

  g_assert_true (civ_cremation_stock_void (fx->funeral, serial, "打印错位", CIV_TEST_SUPERVISOR, pw,
                                           &today, &error));
  g_assert_no_error (error);
}

static void
assert_rule (const GError *error, gint code, const char *rule)
{
  g_assert_error (error, CIV_APP_ERROR, code);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, rule);
}

static gint64
count_serials (CivStore *store, const char *state)
{
  g_autofree char *sql =
    state
      ? g_strdup_printf ("SELECT count(*) FROM cremation_cert_serials WHERE state = '%s'", state)
      : g_strdup ("SELECT count(*) FROM cremation_cert_serials");

  return civ_test_count (store, sql);
}

static void
test_serial_normalize (void)
{
  static const struct
  {
    const char *text;
    const char *serial; /* NULL: refused */
    const char *prefix;
    gint64      number;
    guint       width;
  } cases[] = {
    { "HZ0000123", "HZ0000123", "HZ", 123, 7 },
    { "  hz0000123 ", "HZ0000123", "HZ", 123, 7 },
    { "0042", "0042", "", 42, 4 },
    { "ABCDEFGH1", "ABCDEFGH1", "ABCDEFGH", 1, 1 },
    { "ABCDEFGHI1", NULL },      /* nine letters */
    { "HZ", NULL },              /* no number */
    { "", NULL },                /* nothing */
    { "HZ-000123", NULL },       /* a dash */
    { "HZ000 123", NULL },       /* a space inside */
    { "HZ12A", NULL },           /* a letter after the number */
    { "HZ1234567890123", NULL }, /* thirteen digits */
    { "火化0001", NULL },        /* not Latin letters */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *prefix = NULL;
      gint64           number = -1;
      guint            width = 0;
      g_autofree char *serial =
        civ_cremation_serial_normalize (cases[i].text, &prefix, &number, &width, &error);

      g_test_message ("%s", cases[i].text);
      if (cases[i].serial == NULL)
        {
          g_assert_null (serial);
          assert_rule (error, CIV_APP_ERROR_INVALID, "R-F13");
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpstr (serial, ==, cases[i].serial);
      g_assert_cmpstr (prefix, ==, cases[i].prefix);
      g_assert_cmpint (number, ==, cases[i].number);
      g_assert_cmpuint (width, ==, cases[i].width);
    }
}

static void
test_receive (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivCremationBatch) b = receive_ok (fx->funeral, "HZ0000001", "hz0000100", 3, 1);
  g_autoptr (CivCremationSerial) s = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (b->count, ==, 100);
  g_assert_cmpstr (b->first_serial, ==, "HZ0000001");
  g_assert_cmpstr (b->last_serial, ==, "HZ0000100");
  g_assert_cmpstr (b->received_on, ==, "2026-03-01");
  g_assert_cmpstr (b->received_by, ==, FUNERAL);
  g_assert_cmpint (count_serials (fx->funeral, "in-stock"), ==, 100);
  s = civ_cremation_serial_find (civ_store_get_db (fx->funeral), "HZ0000057", &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);
  g_assert_cmpstr (s->state, ==, "in-stock");
  g_assert_cmpint (s->number, ==, 57);
  g_assert_cmpint (civ_test_count (fx->funeral,
                                   "SELECT count(*) FROM audit_log WHERE action = "
                                   "'funeral.stock.receive' AND actor = '" FUNERAL "'"),
                   ==, 1);
}

static void
test_receive_bad_ranges (Fixture *fx, gconstpointer data)
{
  static const struct
  {
    const char *first;
    const char *last;
    const char *reference;
  } bad[] = {
    { "HZ0000001", "HY0000100", NULL },          /* other letters */
    { "HZ0000001", "HZ000100", NULL },           /* other width */
    { "HZ0000100", "HZ0000001", NULL },          /* backwards */
    { "HZ0000001", "HZ0010001", NULL },          /* 10,000 blanks and one */
    { "HZ0000001", "", NULL },                   /* no last */
    { "HZ00000#1", "HZ0000100", NULL },          /* not a serial */
    { "HZ0000001", "HZ0000100", "line\nbreak" }, /* a control character */
  };
  GDate today = day (3, 1);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CivCremationBatch) b =
        civ_cremation_stock_receive (fx->funeral, bad[i].first, bad[i].last, bad[i].reference,
                                     &today, &error);

      g_test_message ("%s…%s", bad[i].first, bad[i].last);
      g_assert_null (b);
      assert_rule (error, CIV_APP_ERROR_INVALID, "R-F13");
    }
  /* Bad input changes nothing, not even the audit log. */
  g_assert_cmpint (civ_test_count (fx->funeral, "SELECT count(*) FROM cremation_cert_batches"), ==,
                   0);
  g_assert_cmpint (count_serials (fx->funeral, NULL), ==, 0);
  g_assert_cmpint (civ_test_count (fx->funeral, "SELECT count(*) FROM audit_log WHERE action LIKE "
                                                "'funeral.stock.%'"),
                   ==, 0);
  /* The largest batch is accepted. */
  {
    g_autoptr (CivCremationBatch) b = receive_ok (fx->funeral, "HZ0000001", "HZ0010000", 3, 1);

    g_assert_cmpint (b->count, ==, CIV_CREMATION_BATCH_MAX);
  }
}

static void
test_overlap (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivCremationBatch) a = receive_ok (fx->funeral, "HZ0000001", "HZ0000100", 3, 1);
  static const char *const overlapping[][2] = {
    { "HZ0000050", "HZ0000150" }, /* the tail */
    { "HZ0000100", "HZ0000100" }, /* the last one alone */
    { "HZ000020", "HZ000030" },   /* the same numbers with fewer digits */
    { "HZ0000000", "HZ0000001" }, /* the first one */
  };
  GDate today = day (3, 2);

  for (guint i = 0; i < G_N_ELEMENTS (overlapping); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CivCremationBatch) b =
        civ_cremation_stock_receive (fx->funeral, overlapping[i][0], overlapping[i][1], NULL,
                                     &today, &error);

      g_assert_null (b);
      assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F13");
    }
  g_assert_cmpint (count_serials (fx->funeral, NULL), ==, 100);
  /* Next to it, or with other letters: another batch. */
  {
    g_autoptr (CivCremationBatch) b = receive_ok (fx->funeral, "HZ0000101", "HZ0000200", 3, 2);
    g_autoptr (CivCremationBatch) c = receive_ok (fx->funeral, "HY0000001", "HY0000100", 3, 2);

    g_assert_cmpint (count_serials (fx->funeral, "in-stock"), ==, 300);
  }
  /* Even a batch used up and voided stays received: never again. */
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (civ_db_exec (civ_store_get_db (fx->admin),
                                 "INSERT INTO cremation_cert_batches (prefix, width, first_number, "
                                 "last_number, first_serial, last_serial, count, received_on, "
                                 "received_by, received_at) VALUES ('HZ', 5, 90, 95, 'HZ00090', "
                                 "'HZ00095', 6, '2026-03-02', 'admin', '2026-03-02T00:00:00Z')",
                                 &error));
    g_assert_nonnull (error);
  }
}

static void
test_issue (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivCremationBatch) a = receive_ok (fx->funeral, "HZ0000001", "HZ0000010", 3, 1);
  g_autoptr (CivCremationBatch) b = receive_ok (fx->funeral, "HZ0000011", "HZ0000020", 3, 1);
  g_autofree char *first = issue_ok (fx->funeral, NULL, "BZ-2026-0001", 3, 2);
  g_autofree char *given = issue_ok (fx->funeral, "hz0000015", "BZ-2026-0002", 3, 2);
  g_autofree char *next = issue_ok (fx->funeral, "", "BZ-2026-0003", 3, 3);
  g_autoptr (CivCremationSerial) s = NULL;
  GDate today = day (3, 3);

  g_assert_cmpstr (first, ==, "HZ0000001");
  g_assert_cmpstr (given, ==, "HZ0000015");
  g_assert_cmpstr (next, ==, "HZ0000002");
  s = civ_cremation_serial_find (civ_store_get_db (fx->funeral), "HZ0000015", NULL);
  g_assert_cmpstr (s->state, ==, "issued");
  g_assert_cmpstr (s->case_ref, ==, "BZ-2026-0002");
  g_assert_cmpstr (s->issued_on, ==, "2026-03-02");
  g_assert_cmpstr (s->issued_by, ==, FUNERAL);

  /* Refusals, each leaving the stock as it was. */
  {
    static const struct
    {
      const char *serial;
      const char *case_ref;
      gint        code;
    } bad[] = {
      { "HZ0000015", "BZ-2026-0009", CIV_APP_ERROR_REFUSED }, /* issued already */
      { NULL, "BZ-2026-0001", CIV_APP_ERROR_REFUSED },        /* the case holds one */
      { "HZ0000999", "BZ-2026-0009", CIV_APP_ERROR_REFUSED }, /* never received */
      { "HZ-15", "BZ-2026-0009", CIV_APP_ERROR_INVALID },     /* not a serial */
      { NULL, "", CIV_APP_ERROR_INVALID },                    /* no case */
      { NULL, "BZ\t1", CIV_APP_ERROR_INVALID },               /* a control character */
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr (GError) error = NULL;
        g_autofree char *issued =
          civ_cremation_stock_issue (fx->funeral, bad[i].serial, bad[i].case_ref, &today, &error);

        g_test_message ("%s to %s", bad[i].serial, bad[i].case_ref);
        g_assert_null (issued);
        assert_rule (error, bad[i].code, "R-F13");
      }
  }
  /* Not before the batch came. */
  {
    g_autoptr (GError) error = NULL;
    GDate            before = day (2, 28);
    g_autofree char *issued =
      civ_cremation_stock_issue (fx->funeral, NULL, "BZ-2026-0010", &before, &error);

    g_assert_null (issued);
    assert_rule (error, CIV_APP_ERROR_INVALID, "R-F13");
  }
  g_assert_cmpint (count_serials (fx->funeral, "issued"), ==, 3);
  g_assert_cmpint (civ_test_count (fx->funeral, "SELECT count(*) FROM audit_log WHERE action = "
                                                "'funeral.stock.issue'"),
                   ==, 3);

  /* Every blank issued: the stock is empty. */
  for (int i = 4; i <= 20; i++)
    {
      g_autofree char *ref = g_strdup_printf ("BZ-2026-%04d", i);
      g_autofree char *issued = issue_ok (fx->funeral, NULL, ref, 3, 4);
    }
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *issued =
      civ_cremation_stock_issue (fx->funeral, NULL, "BZ-2026-0099", &today, &error);

    g_assert_null (issued);
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F13");
  }
  g_assert_cmpint (count_serials (fx->funeral, "in-stock"), ==, 0);
}

/* The case service issues inside its own transaction: a rollback there
 * leaves the blank in stock and nothing audited. */
static void
test_issue_within (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivCremationBatch) a = receive_ok (fx->funeral, "HZ0000001", "HZ0000010", 3, 1);
  CivDb *db = civ_store_get_db (fx->funeral);
  GDate  today = day (3, 2);

  g_assert_true (civ_db_begin (db, NULL));
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *issued =
      civ_cremation_stock_issue_within (fx->funeral, NULL, "BZ-2026-0001", &today, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (issued, ==, "HZ0000001");
  }
  civ_db_rollback (db);
  g_assert_cmpint (count_serials (fx->funeral, "in-stock"), ==, 10);
  g_assert_cmpint (civ_test_count (fx->funeral, "SELECT count(*) FROM audit_log WHERE action = "
                                                "'funeral.stock.issue'"),
                   ==, 0);

  g_assert_true (civ_db_begin (db, NULL));
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *issued =
      civ_cremation_stock_issue_within (fx->funeral, NULL, "BZ-2026-0001", &today, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (issued, ==, "HZ0000001");
  }
  g_assert_true (civ_db_commit (db, NULL));
  g_assert_cmpint (count_serials (fx->funeral, "issued"), ==, 1);

  /* Outside a transaction nothing is written. */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *issued =
      civ_cremation_stock_issue_within (fx->funeral, NULL, "BZ-2026-0002", &today, &error);

    g_assert_null (issued);
    g_assert_nonnull (error);
    g_assert_cmpint (count_serials (fx->funeral, "issued"), ==, 1);
  }
}

static void
test_void (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivCremationBatch) a = receive_ok (fx->funeral, "HZ0000001", "HZ0000010", 3, 1);
  g_autofree char *issued = issue_ok (fx->funeral, NULL, "BZ-2026-0001", 3, 2);
  g_autoptr (CivStore) clerk2 = open_as (fx, GRANTED, GRANTED_PW);
  GDate today = day (3, 3);

  /* Without an approver, with a wrong password, by a non-supervisor, by
   * the one voiding: refused, nothing changed, the password wiped. */
  {
    static const struct
    {
      const char *login;
      const char *password;
    } refused[] = {
      { NULL, NULL },
      { "", "" },
      { CIV_TEST_SUPERVISOR, "Wrong-password-1" },
      { GRANTED, GRANTED_PW },
      { FUNERAL, FUNERAL_PW },
      { "nobody", "Nobody-password-1" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autoptr (GError) error = NULL;
        g_autofree char *pw = g_strdup (refused[i].password);

        g_test_message ("approver %s", refused[i].login);
        g_assert_false (civ_cremation_stock_void (fx->funeral, "HZ0000001", "打印错位",
                                                  refused[i].login, pw, &today, &error));
        g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
        if (pw != NULL)
          for (gsize c = 0; c < strlen (refused[i].password); c++)
            g_assert_cmpint (pw[c], ==, 0);
      }
  }
  /* No reason, not a serial: invalid input. */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *pw = g_strdup (CIV_TEST_SUPERVISOR_PW);

    g_assert_false (civ_cremation_stock_void (fx->funeral, "HZ0000001", "  ", CIV_TEST_SUPERVISOR,
                                              pw, &today, &error));
    assert_rule (error, CIV_APP_ERROR_INVALID, "R-F13");
    g_assert_cmpint (pw[0], ==, 0);
  }
  g_assert_cmpint (count_serials (fx->funeral, "voided"), ==, 0);

  /* An issued certificate spoiled, approved by the supervisor's password. */
  void_ok (fx, "HZ0000001", 3, 3);
  {
    g_autoptr (CivCremationSerial) s =
      civ_cremation_serial_find (civ_store_get_db (fx->funeral), "HZ0000001", NULL);

    g_assert_cmpstr (s->state, ==, "voided");
    g_assert_cmpstr (s->case_ref, ==, "BZ-2026-0001"); /* kept */
    g_assert_cmpstr (s->void_reason, ==, "打印错位");
    g_assert_cmpstr (s->voided_by, ==, FUNERAL);
    g_assert_cmpstr (s->approved_by, ==, CIV_TEST_SUPERVISOR);
    g_assert_cmpstr (s->voided_on, ==, "2026-03-03");
  }
  /* The case may now be given another blank. */
  {
    g_autofree char *again = issue_ok (fx->funeral, NULL, "BZ-2026-0001", 3, 3);

    g_assert_cmpstr (again, ==, "HZ0000002");
  }
  /* A voided blank is never voided again nor issued. */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *pw = g_strdup (CIV_TEST_SUPERVISOR_PW);
    g_autofree char *issued_again = NULL;

    g_assert_false (civ_cremation_stock_void (fx->funeral, "HZ0000001", "again",
                                              CIV_TEST_SUPERVISOR, pw, &today, &error));
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F13");
    g_clear_error (&error);
    issued_again =
      civ_cremation_stock_issue (fx->funeral, "HZ0000001", "BZ-2026-0005", &today, &error);
    g_assert_null (issued_again);
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F13");
  }
  /* A supervisor voids a spoiled blank in stock alone; a granted
   * registrar needs the supervisor too. */
  {
    g_autoptr (GError) error = NULL;

    g_assert_true (
      civ_cremation_stock_void (fx->admin, "HZ0000009", "受潮", NULL, NULL, &today, &error));
    g_assert_no_error (error);
    g_assert_false (
      civ_cremation_stock_void (clerk2, "HZ0000010", "受潮", NULL, NULL, &today, &error));
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  }
  g_assert_cmpint (count_serials (fx->funeral, "voided"), ==, 2);
  g_assert_cmpint (civ_test_count (fx->funeral, "SELECT count(*) FROM audit_log WHERE action = "
                                                "'funeral.stock.void'"),
                   ==, 2);
}

static void
test_nothing_deletable (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivCremationBatch) a = receive_ok (fx->funeral, "HZ0000001", "HZ0000010", 3, 1);
  g_autofree char         *issued = issue_ok (fx->funeral, NULL, "BZ-2026-0001", 3, 2);
  CivDb                   *db = civ_store_get_db (fx->admin);
  static const char *const forbidden[] = {
    "DELETE FROM cremation_cert_serials WHERE serial = 'HZ0000005'",
    "DELETE FROM cremation_cert_serials WHERE serial = 'HZ0000001'",
    "DELETE FROM cremation_cert_batches",
    "UPDATE cremation_cert_batches SET last_serial = 'HZ0000009'",
    "UPDATE cremation_cert_batches SET reference = 'other'",
    /* Back to stock, to another case, another serial. */
    "UPDATE cremation_cert_serials SET state = 'in-stock', case_ref = NULL, issued_on = NULL, "
    "issued_by = NULL, issued_at = NULL WHERE serial = 'HZ0000001'",
    "UPDATE cremation_cert_serials SET case_ref = 'BZ-X' WHERE serial = 'HZ0000001'",
    "UPDATE cremation_cert_serials SET serial = 'HZ0000099' WHERE serial = 'HZ0000005'",
    /* Issued with no case. */
    "UPDATE cremation_cert_serials SET state = 'issued' WHERE serial = 'HZ0000005'",
  };

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      g_autoptr (GError) error = NULL;

      g_test_message ("%s", forbidden[i]);
      g_assert_false (civ_db_exec (db, forbidden[i], &error));
      g_assert_nonnull (error);
    }
  void_ok (fx, "HZ0000001", 3, 3);
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (civ_db_exec (db,
                                 "UPDATE cremation_cert_serials SET state = 'issued', "
                                 "void_reason = NULL, voided_on = NULL, voided_by = NULL, "
                                 "approved_by = NULL, voided_at = NULL WHERE serial = 'HZ0000001'",
                                 &error));
    g_assert_nonnull (error);
  }
  g_assert_cmpint (count_serials (fx->funeral, NULL), ==, 10);
  g_assert_cmpint (count_serials (fx->funeral, "voided"), ==, 1);
  g_assert_cmpint (count_serials (fx->funeral, "in-stock"), ==, 9);
}

static const CivCremationTally *
batch_tally (CivCremationReconciliation *rec, gint64 id)
{
  for (guint i = 0; i < rec->batches->len; i++)
    {
      const CivCremationTally *t = g_ptr_array_index (rec->batches, i);

      if (t->batch_id == id)
        return t;
    }
  return NULL;
}

static CivCremationReconciliation *
reconcile (CivStore *store, int m1, int d1, int m2, int d2)
{
  g_autoptr (GError) error = NULL;
  GDate                       from, to;
  CivCremationReconciliation *rec;

  if (m1)
    from = day (m1, d1);
  if (m2)
    to = day (m2, d2);
  rec = civ_cremation_stock_reconcile (store, m1 ? &from : NULL, m2 ? &to : NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rec);
  return rec;
}

static void
test_reconcile (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivCremationBatch) a = receive_ok (fx->funeral, "HZ0000001", "HZ0000010", 3, 1);
  g_autoptr (CivCremationBatch) b = NULL;
  g_autoptr (CivCremationReconciliation) all = NULL;
  g_autoptr (CivCremationReconciliation) march = NULL;
  g_autoptr (CivCremationReconciliation) april = NULL;
  g_autoptr (CivCremationReconciliation) none = NULL;

  /* March: three issued, one of them spoiled and voided, one blank
   * spoiled in stock and voided. */
  g_free (issue_ok (fx->funeral, NULL, "BZ-1", 3, 2)); /* HZ0000001 */
  g_free (issue_ok (fx->funeral, NULL, "BZ-2", 3, 3)); /* HZ0000002 */
  g_free (issue_ok (fx->funeral, NULL, "BZ-3", 3, 4)); /* HZ0000003 */
  void_ok (fx, "HZ0000002", 3, 5);
  void_ok (fx, "HZ0000007", 3, 6);
  /* April: a new batch, one issued, and the certificate issued in March to
   * BZ-1 voided (it left the stock in March). */
  b = receive_ok (fx->funeral, "HZ0000011", "HZ0000020", 4, 1);
  g_free (issue_ok (fx->funeral, NULL, "BZ-4", 4, 2)); /* HZ0000004 */
  void_ok (fx, "HZ0000001", 4, 3);

  /* All time: received = issued + voided + in stock. */
  all = reconcile (fx->funeral, 0, 0, 0, 0);
  g_assert_cmpint (all->total.opening, ==, 0);
  g_assert_cmpint (all->total.received, ==, 20);
  g_assert_cmpint (all->total.issued, ==, 2);
  g_assert_cmpint (all->total.voided, ==, 3);
  g_assert_cmpint (all->total.in_stock, ==, 15);
  g_assert_true (civ_cremation_tally_balances (&all->total));
  g_assert_cmpuint (all->batches->len, ==, 2);
  {
    const CivCremationTally *ta = batch_tally (all, a->id);
    const CivCremationTally *tb = batch_tally (all, b->id);

    g_assert_cmpint (ta->received, ==, 10);
    g_assert_cmpint (ta->issued, ==, 2);
    g_assert_cmpint (ta->voided, ==, 3);
    g_assert_cmpint (ta->in_stock, ==, 5);
    g_assert_true (civ_cremation_tally_balances (ta));
    g_assert_cmpint (tb->received, ==, 10);
    g_assert_cmpint (tb->in_stock, ==, 10);
    g_assert_true (civ_cremation_tally_balances (tb));
  }
  g_assert_cmpuint (all->voided->len, ==, 3);
  g_assert_cmpuint (all->voided_after_earlier_issue->len, ==, 0);
  /* In stock: 5, 6, 8–10, 11–20 as runs. */
  g_assert_cmpuint (all->in_stock->len, ==, 3);
  {
    const CivCremationRange *r0 = g_ptr_array_index (all->in_stock, 0);
    const CivCremationRange *r1 = g_ptr_array_index (all->in_stock, 1);
    const CivCremationRange *r2 = g_ptr_array_index (all->in_stock, 2);

    g_assert_cmpstr (r0->first_serial, ==, "HZ0000005");
    g_assert_cmpstr (r0->last_serial, ==, "HZ0000006");
    g_assert_cmpint (r0->count, ==, 2);
    g_assert_cmpstr (r1->first_serial, ==, "HZ0000008");
    g_assert_cmpstr (r1->last_serial, ==, "HZ0000010");
    g_assert_cmpstr (r2->first_serial, ==, "HZ0000011");
    g_assert_cmpstr (r2->last_serial, ==, "HZ0000020");
    g_assert_cmpint (r2->count, ==, 10);
  }

  /* March: HZ0000001 and 3 still issued at its end, 2 and 7 voided. */
  march = reconcile (fx->funeral, 3, 1, 3, 31);
  g_assert_cmpint (march->total.opening, ==, 0);
  g_assert_cmpint (march->total.received, ==, 10);
  g_assert_cmpint (march->total.issued, ==, 2);
  g_assert_cmpint (march->total.voided, ==, 2);
  g_assert_cmpint (march->total.in_stock, ==, 6);
  g_assert_true (civ_cremation_tally_balances (&march->total));
  g_assert_cmpuint (march->batches->len, ==, 1);
  g_assert_cmpuint (march->issued->len, ==, 2);
  g_assert_cmpstr (((CivCremationSerial *) g_ptr_array_index (march->issued, 0))->serial, ==,
                   "HZ0000001");
  g_assert_cmpuint (march->voided->len, ==, 2);
  g_assert_cmpstr (((CivCremationSerial *) g_ptr_array_index (march->voided, 0))->case_ref, ==,
                   "BZ-2");

  /* April: six in stock at its start, ten received, one issued; the void
   * of March's HZ0000001 is listed, not counted. */
  april = reconcile (fx->funeral, 4, 1, 4, 30);
  g_assert_cmpint (april->total.opening, ==, 6);
  g_assert_cmpint (april->total.received, ==, 10);
  g_assert_cmpint (april->total.issued, ==, 1);
  g_assert_cmpint (april->total.voided, ==, 0);
  g_assert_cmpint (april->total.in_stock, ==, 15);
  g_assert_true (civ_cremation_tally_balances (&april->total));
  g_assert_cmpuint (april->voided_after_earlier_issue->len, ==, 1);
  g_assert_cmpstr (((CivCremationSerial *) g_ptr_array_index (april->voided_after_earlier_issue, 0))
                     ->serial,
                   ==, "HZ0000001");
  {
    const CivCremationTally *ta = batch_tally (april, a->id);

    g_assert_cmpint (ta->opening, ==, 6);
    g_assert_cmpint (ta->issued, ==, 1);
    g_assert_cmpint (ta->in_stock, ==, 5);
    g_assert_true (civ_cremation_tally_balances (ta));
  }

  /* Before anything was received: nothing. */
  none = reconcile (fx->funeral, 1, 1, 2, 28);
  g_assert_cmpint (none->total.received + none->total.opening + none->total.in_stock, ==, 0);
  g_assert_cmpuint (none->batches->len, ==, 0);

  /* A period that ends before it begins. */
  {
    g_autoptr (GError) error = NULL;
    GDate from = day (4, 1), to = day (3, 1);
    g_autoptr (CivCremationReconciliation) rec =
      civ_cremation_stock_reconcile (fx->funeral, &from, &to, &error);

    g_assert_null (rec);
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  }
  g_assert_cmpint (civ_test_count (fx->funeral, "SELECT count(*) FROM audit_log WHERE action = "
                                                "'funeral.stock.reconcile'"),
                   ==, 4);
}

/* Who may run the stock: funeral clerks and supervisors by role, a
 * registrar or an archivist given the permission; never a registrar
 * without it, nor an auditor. */
static void
test_roles (Fixture *fx, gconstpointer data)
{
  static const struct
  {
    const char *login;
    const char *password;
    gboolean    allowed;
  } who[] = {
    { FUNERAL, FUNERAL_PW, TRUE }, { CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, TRUE },
    { GRANTED, GRANTED_PW, TRUE }, { ARCHIVIST, ARCHIVIST_PW, TRUE },
    { CLERK, CLERK_PW, FALSE },    { AUDITOR, AUDITOR_PW, FALSE },
  };
  GDate today = day (3, 1);

  g_assert_true (civ_role_allows (CIV_ROLE_FUNERAL_CLERK, CIV_PERM_FUNERAL));
  g_assert_true (civ_role_allows (CIV_ROLE_SUPERVISOR, CIV_PERM_FUNERAL));
  g_assert_false (civ_role_allows (CIV_ROLE_REGISTRAR, CIV_PERM_FUNERAL));
  g_assert_false (civ_role_allows (CIV_ROLE_ARCHIVIST, CIV_PERM_FUNERAL));
  g_assert_false (civ_role_allows (CIV_ROLE_AUDITOR, CIV_PERM_FUNERAL));
  g_assert_true (civ_permission_grantable (CIV_PERM_FUNERAL, CIV_ROLE_REGISTRAR));
  g_assert_true (civ_permission_grantable (CIV_PERM_FUNERAL, CIV_ROLE_ARCHIVIST));
  g_assert_false (civ_permission_grantable (CIV_PERM_FUNERAL, CIV_ROLE_AUDITOR));
  g_assert_false (civ_permission_grantable (CIV_PERM_FUNERAL, CIV_ROLE_FUNERAL_CLERK));
  g_assert_cmpstr (civ_permission_code (CIV_PERM_FUNERAL), ==, "funeral");
  /* A funeral clerk sees no adoptions and registers no marriages. */
  g_assert_false (civ_role_allows (CIV_ROLE_FUNERAL_CLERK, CIV_PERM_ADOPTION));
  g_assert_false (civ_role_allows (CIV_ROLE_FUNERAL_CLERK, CIV_PERM_REGISTER_MARRIAGE));
  g_assert_cmpstr (civ_role_to_string (CIV_ROLE_FUNERAL_CLERK), ==, "funeral_clerk");
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (civ_users_set_grant (fx->admin, AUDITOR, CIV_PERM_FUNERAL, TRUE, &error));
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  }

  for (guint i = 0; i < G_N_ELEMENTS (who); i++)
    {
      g_autoptr (CivStore) store = open_as (fx, who[i].login, who[i].password);
      g_autoptr (GError) error = NULL;
      g_autofree char *first = g_strdup_printf ("HZ%07u", 100 * i + 1);
      g_autofree char *last = g_strdup_printf ("HZ%07u", 100 * i + 10);
      g_autofree char *case_ref = g_strdup_printf ("BZ-%u", i);
      g_autoptr (CivCremationBatch) b = NULL;
      g_autoptr (CivCremationReconciliation) rec = NULL;
      g_autofree char *issued = NULL;
      gint64 denied_before = civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                                    "'denied' AND object = 'funeral'");

      g_test_message ("%s", who[i].login);
      g_assert_cmpint (civ_operator_may (store, CIV_PERM_FUNERAL), ==, who[i].allowed);
      g_assert_cmpint ((civ_operator_grants (store) >> CIV_PERM_FUNERAL) & 1, ==,
                       g_str_equal (who[i].login, GRANTED) ||
                         g_str_equal (who[i].login, ARCHIVIST));
      b = civ_cremation_stock_receive (store, first, last, NULL, &today, &error);
      if (!who[i].allowed)
        {
          g_assert_null (b);
          g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
          g_clear_error (&error);
          /* The funeral clerk's stock, out of reach. */
          issued = civ_cremation_stock_issue (store, NULL, case_ref, &today, &error);
          g_assert_null (issued);
          g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
          g_clear_error (&error);
          g_assert_false (
            civ_cremation_stock_void (store, "HZ0000001", "x", NULL, NULL, &today, &error));
          g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
          g_clear_error (&error);
          rec = civ_cremation_stock_reconcile (store, NULL, NULL, &error);
          g_assert_null (rec);
          g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
          /* Every refusal audited. */
          g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                                  "'denied' AND object = 'funeral'"),
                           ==, denied_before + 4);
          continue;
        }
      g_assert_no_error (error);
      g_assert_nonnull (b);
      issued = civ_cremation_stock_issue (store, first, case_ref, &today, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (issued, ==, first);
      rec = civ_cremation_stock_reconcile (store, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (civ_cremation_tally_balances (&rec->total));
    }
  /* The grant taken back: the archivist is refused from now on. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (CivStore) store = NULL;
    g_autoptr (CivCremationReconciliation) rec = NULL;

    g_assert_true (civ_users_set_grant (fx->admin, ARCHIVIST, CIV_PERM_FUNERAL, FALSE, &error));
    g_assert_no_error (error);
    store = open_as (fx, ARCHIVIST, ARCHIVIST_PW);
    rec = civ_cremation_stock_reconcile (store, NULL, NULL, &error);
    g_assert_null (rec);
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  }
}

/* The jobs a page runs on the session's worker. */
static void
test_jobs (Fixture *fx, gconstpointer data)
{
  CivSession   *session = civ_test_session_new (open_as (fx, FUNERAL, FUNERAL_PW));
  GAsyncResult *result = NULL;
  GDate         today = day (3, 1);
  char          password[] = CIV_TEST_SUPERVISOR_PW;

  civ_cremation_stock_receive_async (session, NULL, "HZ0000001", "HZ0000010", NULL, &today, NULL,
                                     civ_test_keep_result, &result);
  {
    g_autoptr (GAsyncResult) done = civ_test_wait_result (&result);
    g_autoptr (GError) error = NULL;
    g_autoptr (CivCremationBatch) b = civ_cremation_stock_receive_finish (session, done, &error);

    g_assert_no_error (error);
    g_assert_cmpint (b->count, ==, 10);
  }
  /* A bad range comes back as the synchronous call's error. */
  civ_cremation_stock_receive_async (session, NULL, "HZ0000010", "HZ0000001", NULL, &today, NULL,
                                     civ_test_keep_result, &result);
  {
    g_autoptr (GAsyncResult) done = civ_test_wait_result (&result);
    g_autoptr (GError) error = NULL;
    g_autoptr (CivCremationBatch) b = civ_cremation_stock_receive_finish (session, done, &error);

    g_assert_null (b);
    assert_rule (error, CIV_APP_ERROR_INVALID, "R-F13");
  }
  civ_cremation_stock_void_async (session, NULL, "HZ0000004", "受潮", CIV_TEST_SUPERVISOR, password,
                                  &today, NULL, civ_test_keep_result, &result);
  {
    g_autoptr (GAsyncResult) done = civ_test_wait_result (&result);
    g_autoptr (GError) error = NULL;

    g_assert_true (civ_cremation_stock_void_finish (session, done, &error));
    g_assert_no_error (error);
  }
  civ_cremation_stock_reconcile_async (session, NULL, &today, &today, NULL, civ_test_keep_result,
                                       &result);
  {
    g_autoptr (GAsyncResult) done = civ_test_wait_result (&result);
    g_autoptr (GError) error = NULL;
    g_autoptr (CivCremationReconciliation) rec =
      civ_cremation_stock_reconcile_finish (session, done, &error);

    g_assert_no_error (error);
    g_assert_cmpint (rec->total.received, ==, 10);
    g_assert_cmpint (rec->total.voided, ==, 1);
    g_assert_cmpint (rec->total.in_stock, ==, 9);
    g_assert_true (civ_cremation_tally_balances (&rec->total));
  }
  civ_test_session_close (session);
}

/* An office of schema 13 with an adoption grant: 0014 rebuilds the grants
 * table, keeps the grant and its guards, and takes a funeral grant. */
static void
test_upgrade_from_13 (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "u.db", NULL);
  g_autoptr (CivSecret) key = civ_secret_new_random (CIV_DATA_KEY_LEN);
  g_autoptr (CivDb) db = _civ_db_open_at_version (path, key, 13, &error);
  gint64 n = 0;

  g_assert_no_error (error);
  g_assert_true (civ_db_exec (db,
                              "INSERT INTO operators (login, display_name, role, enabled, "
                              "created_at, created_by) VALUES ('li', '李', 'registrar', 1, "
                              "'2026-01-01T00:00:00Z', 'admin');"
                              "INSERT INTO operator_grants (login, permission, granted_by, "
                              "granted_at) VALUES ('li', 'adoption', 'admin', "
                              "'2026-01-02T00:00:00Z')",
                              &error));
  g_assert_no_error (error);
  /* Before 0014 a funeral grant cannot be written. */
  g_assert_false (civ_db_exec (db,
                               "INSERT INTO operator_grants (login, permission, granted_by, "
                               "granted_at) VALUES ('li', 'funeral', 'admin', "
                               "'2026-01-02T00:00:00Z')",
                               &error));
  g_clear_error (&error);
  g_clear_object (&db);

  db = civ_db_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (civ_db_get_schema_version (db), ==, civ_db_get_latest_schema_version ());
  g_assert_true (civ_db_query_int64 (db,
                                     "SELECT count(*) FROM operator_grants WHERE login = 'li' AND "
                                     "permission = 'adoption' AND revoked_at IS NULL",
                                     &n, &error));
  g_assert_cmpint (n, ==, 1);
  g_assert_true (civ_db_exec (db,
                              "INSERT INTO operator_grants (login, permission, granted_by, "
                              "granted_at) VALUES ('li', 'funeral', 'admin', "
                              "'2026-01-03T00:00:00Z')",
                              &error));
  g_assert_no_error (error);
  /* Still one live grant each, never deleted. */
  g_assert_false (civ_db_exec (db,
                               "INSERT INTO operator_grants (login, permission, granted_by, "
                               "granted_at) VALUES ('li', 'funeral', 'admin', "
                               "'2026-01-04T00:00:00Z')",
                               &error));
  g_clear_error (&error);
  g_assert_false (civ_db_exec (db, "DELETE FROM operator_grants", &error));
  g_clear_error (&error);
  g_assert_false (civ_db_exec (db, "UPDATE operator_grants SET permission = 'funeral'", &error));
  g_clear_error (&error);
  {
    g_autoptr (sqlite3_stmt) check = civ_db_prepare (db, "PRAGMA integrity_check", &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (check), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (check, 0), ==, "ok");
  }
  g_clear_object (&db);
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  make_template ();
  g_test_add_func ("/cremation-stock/serial-normalize", test_serial_normalize);
#define ADD(path, fn) g_test_add ((path), Fixture, NULL, fixture_set_up, (fn), fixture_tear_down)
  ADD ("/cremation-stock/receive", test_receive);
  ADD ("/cremation-stock/receive-bad-ranges", test_receive_bad_ranges);
  ADD ("/cremation-stock/overlap", test_overlap);
  ADD ("/cremation-stock/issue", test_issue);
  ADD ("/cremation-stock/issue-within", test_issue_within);
  ADD ("/cremation-stock/void", test_void);
  ADD ("/cremation-stock/nothing-deletable", test_nothing_deletable);
  ADD ("/cremation-stock/reconcile", test_reconcile);
  ADD ("/cremation-stock/roles", test_roles);
  ADD ("/cremation-stock/jobs", test_jobs);
#undef ADD
  g_test_add_func ("/cremation-stock/upgrade-from-13", test_upgrade_from_13);
  rc = g_test_run ();
  civ_test_rmdir (template_dir);
  g_free (template_dir);
  return rc;
}
