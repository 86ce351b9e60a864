// SPDX-License-Identifier: GPL-3.0-or-later
/* test-card-frame.c — the GA/T 467 frame codec and the card's text, pure */
#include <string.h>

#include "civ-app-error.h"
#include "civ-card-data.h"
#include "civ-card-frame.h"
#include "civ-test-utils.h"

static GBytes *
bytes_of (const guint8 *p, gsize n)
{
  return g_bytes_new (p, n);
}

static void
test_build_find (void)
{
  static const guint8 want[] = { 0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22 };
  g_autoptr (GBytes) f = civ_card_frame_build (0x20, 0x01, NULL, 0);
  g_autoptr (GBytes) w = bytes_of (want, sizeof want);

  g_assert_true (g_bytes_equal (f, w));
}

static void
test_build_with_data (void)
{
  static const guint8 data[] = { 0x01, 0x02, 0x03 };
  g_autoptr (GBytes) f = civ_card_frame_build (0x30, 0x01, data, sizeof data);
  gsize         n;
  const guint8 *p = g_bytes_get_data (f, &n);
  guint8        x = 0;

  g_assert_cmpuint (n, ==, 5 + 2 + 2 + 3 + 1);
  g_assert_cmpuint (p[5], ==, 0);
  g_assert_cmpuint (p[6], ==, 6);
  for (gsize i = 5; i < n; i++)
    x ^= p[i];
  g_assert_cmpuint (x, ==, 0);
}

static void
test_scan_answer (void)
{
  static const guint8 data[] = { 0xDE, 0xAD, 0xBE, 0xEF };
  g_autoptr (GBytes) f = civ_card_frame_build_answer (0, 0, 0x9F, data, sizeof data);
  g_auto (CivCardAnswer) a = { 0 };
  gsize         n, used = 99;
  const guint8 *p = g_bytes_get_data (f, &n);

  g_assert_cmpint (civ_card_frame_scan (p, n, &used, &a), ==, CIV_CARD_FRAME_OK);
  g_assert_cmpuint (used, ==, n);
  g_assert_cmpuint (a.sw1, ==, 0);
  g_assert_cmpuint (a.sw2, ==, 0);
  g_assert_cmpuint (a.sw3, ==, 0x9F);
  g_assert_cmpmem (g_bytes_get_data (a.data, NULL), g_bytes_get_size (a.data), data, sizeof data);
}

/* Byte by byte: NEED_MORE until the last byte. */
static void
test_scan_partial (void)
{
  g_autoptr (GBytes) f = civ_card_frame_build_answer (0, 0, 0x90, NULL, 0);
  gsize         n;
  const guint8 *p = g_bytes_get_data (f, &n);

  for (gsize k = 0; k < n; k++)
    {
      g_auto (CivCardAnswer) a = { 0 };
      gsize used = 99;

      g_assert_cmpint (civ_card_frame_scan (p, k, &used, &a), ==, CIV_CARD_FRAME_NEED_MORE);
      g_assert_cmpuint (used, ==, 0);
      g_assert_null (a.data);
    }
}

static void
test_scan_garbage (void)
{
  static const guint8 garbage[] = { 0x00, 0xAA, 0xAA, 0x13, 0xAA, 0xAA, 0xAA, 0x96, 0x00, 0x69 };
  g_autoptr (GBytes) f = civ_card_frame_build_answer (0, 0, 0x90, (const guint8 *) "xy", 2);
  g_autoptr (GByteArray) buf = g_byte_array_new ();
  g_auto (CivCardAnswer) a = { 0 };
  gsize used = 0;

  g_byte_array_append (buf, garbage, sizeof garbage);
  /* Garbage alone: dropped, a partial preamble at the end kept. */
  g_byte_array_append (buf, (const guint8 *) "\xAA\xAA", 2);
  g_assert_cmpint (civ_card_frame_scan (buf->data, buf->len, &used, &a), ==,
                   CIV_CARD_FRAME_NEED_MORE);
  g_assert_cmpuint (used, ==, sizeof garbage);
  g_byte_array_set_size (buf, sizeof garbage);

  g_byte_array_append (buf, g_bytes_get_data (f, NULL), (guint) g_bytes_get_size (f));
  g_assert_cmpint (civ_card_frame_scan (buf->data, buf->len, &used, &a), ==, CIV_CARD_FRAME_OK);
  g_assert_cmpuint (used, ==, buf->len);
  g_assert_cmpuint (g_bytes_get_size (a.data), ==, 2);
}

static void
test_scan_bad_checksum (void)
{
  g_autoptr (GBytes) f = civ_card_frame_build_answer (0, 0, 0x90, (const guint8 *) "abc", 3);
  g_autofree guint8 *p = g_memdup2 (g_bytes_get_data (f, NULL), g_bytes_get_size (f));
  gsize              n = g_bytes_get_size (f), used = 0;
  g_auto (CivCardAnswer) a = { 0 };

  p[n - 1] ^= 0x01;
  g_assert_cmpint (civ_card_frame_scan (p, n, &used, &a), ==, CIV_CARD_FRAME_BAD);
  g_assert_cmpuint (used, ==, n);
  g_assert_null (a.data);
  /* A changed data byte is caught the same way. */
  p[n - 1] ^= 0x01;
  p[n - 2] ^= 0x40;
  g_assert_cmpint (civ_card_frame_scan (p, n, &used, &a), ==, CIV_CARD_FRAME_BAD);
}

static void
test_scan_impossible_length (void)
{
  /* LEN 0xFFFF, and LEN 2 (an answer needs SW1 SW2 SW3 and the checksum). */
  static const guint8 huge[] = { 0xAA, 0xAA, 0xAA, 0x96, 0x69, 0xFF, 0xFF, 0, 0, 0x90 };
  static const guint8 tiny[] = { 0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x02, 0x90, 0x92 };
  g_auto (CivCardAnswer) a = { 0 };
  gsize used = 0;

  g_assert_cmpint (civ_card_frame_scan (huge, sizeof huge, &used, &a), ==, CIV_CARD_FRAME_BAD);
  g_assert_cmpuint (used, ==, 5);
  g_assert_cmpint (civ_card_frame_scan (tiny, sizeof tiny, &used, &a), ==, CIV_CARD_FRAME_BAD);
  g_assert_cmpuint (used, ==, 5);
  g_assert_null (a.data);
}

static void
test_scan_two_frames (void)
{
  g_autoptr (GBytes) f1 = civ_card_frame_build_answer (0, 0, 0x80, NULL, 0);
  g_autoptr (GBytes) f2 = civ_card_frame_build_answer (0, 0, 0x9F, (const guint8 *) "\0\0\0\0", 4);
  g_autoptr (GByteArray) buf = g_byte_array_new ();
  g_auto (CivCardAnswer) a = { 0 };
  gsize used = 0;

  g_byte_array_append (buf, g_bytes_get_data (f1, NULL), (guint) g_bytes_get_size (f1));
  g_byte_array_append (buf, g_bytes_get_data (f2, NULL), (guint) g_bytes_get_size (f2));
  g_assert_cmpint (civ_card_frame_scan (buf->data, buf->len, &used, &a), ==, CIV_CARD_FRAME_OK);
  g_assert_cmpuint (used, ==, g_bytes_get_size (f1));
  g_assert_cmpuint (a.sw3, ==, 0x80);
  g_assert_cmpint (civ_card_frame_scan (buf->data + used, buf->len - used, &used, &a), ==,
                   CIV_CARD_FRAME_OK);
  g_assert_cmpuint (a.sw3, ==, 0x9F);
}

static void
test_scan_command (void)
{
  g_autoptr (GBytes) f = civ_card_frame_build (0x10, 0xFF, NULL, 0);
  g_autoptr (GBytes) data = NULL;
  guint8 cmd = 0, para = 0;
  gsize  used = 0;

  g_assert_cmpint (civ_card_frame_scan_command (g_bytes_get_data (f, NULL), g_bytes_get_size (f),
                                                &used, &cmd, &para, &data),
                   ==, CIV_CARD_FRAME_OK);
  g_assert_cmpuint (cmd, ==, 0x10);
  g_assert_cmpuint (para, ==, 0xFF);
  g_assert_cmpuint (g_bytes_get_size (data), ==, 0);
}

/* ---- The card's text ---- */

typedef struct
{
  const char *name, *sex, *ethnicity, *birth, *address, *number, *issuer, *from, *until;
} Fields;

static const Fields zhang = { "张伟",
                              "1",
                              "01",
                              "19850312",
                              "北京市东城区景山前街4号院3号楼2单元501室",
                              "110101198503120156",
                              "北京市公安局东城分局",
                              "20150601",
                              "20350601" };

static void
put (GByteArray *t, const char *value, gsize size)
{
  glong                 n = 0;
  g_autofree gunichar2 *u = g_utf8_to_utf16 (value, -1, NULL, &n, NULL);

  g_assert_nonnull (u);
  g_assert_cmpuint ((gsize) n * 2, <=, size);
  g_byte_array_append (t, (const guint8 *) u, (guint) n * 2); /* little-endian host */
  for (gsize i = (gsize) n * 2; i < size; i += 2)
    g_byte_array_append (t, (const guint8 *) " \0", 2);
}

static GByteArray *
text_of (const Fields *f)
{
  GByteArray *t = g_byte_array_new ();

  put (t, f->name, 30);
  put (t, f->sex, 2);
  put (t, f->ethnicity, 4);
  put (t, f->birth, 16);
  put (t, f->address, 70);
  put (t, f->number, 36);
  put (t, f->issuer, 30);
  put (t, f->from, 16);
  put (t, f->until, 16);
  while (t->len < 256)
    g_byte_array_append (t, (const guint8 *) " \0", 2);
  return t;
}

static guint8 wlt[1024];

static CivCardData *
parse_fields (const Fields *f, GError **error)
{
  g_autoptr (GByteArray) t = text_of (f);

  return civ_card_data_parse (t->data, t->len, wlt, sizeof wlt, error);
}

static void
test_parse (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCardData) d = NULL;
  g_autoptr (CivCardData) c = NULL;
  GDate day;

  for (guint i = 0; i < sizeof wlt; i++)
    wlt[i] = (guint8) (i * 13);
  d = parse_fields (&zhang, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d->name, ==, "张伟");
  g_assert_cmpint (d->sex, ==, CIV_SEX_MALE);
  g_assert_cmpstr (d->ethnicity_code, ==, "01");
  civ_test_date (&day, 1985, 3, 12);
  g_assert_cmpint (g_date_compare (&d->birth_date, &day), ==, 0);
  g_assert_cmpstr (d->address, ==, "北京市东城区景山前街4号院3号楼2单元501室");
  g_assert_cmpstr (d->number, ==, "110101198503120156");
  g_assert_cmpstr (d->issuer, ==, "北京市公安局东城分局");
  civ_test_date (&day, 2015, 6, 1);
  g_assert_cmpint (g_date_compare (&d->valid_from, &day), ==, 0);
  civ_test_date (&day, 2035, 6, 1);
  g_assert_cmpint (g_date_compare (&d->valid_until, &day), ==, 0);
  g_assert_false (d->long_term);
  g_assert_cmpmem (g_bytes_get_data (d->wlt, NULL), g_bytes_get_size (d->wlt), wlt, sizeof wlt);
  g_assert_null (d->photo_png);

  /* The last day of validity is still valid; the next one is not. */
  g_assert_false (civ_card_data_expired_on (d, &day));
  g_date_add_days (&day, 1);
  g_assert_true (civ_card_data_expired_on (d, &day));

  /* The boxed type copies deeply. */
  g_assert_true (G_TYPE_IS_BOXED (CIV_TYPE_CARD_DATA));
  c = g_boxed_copy (CIV_TYPE_CARD_DATA, d);
  g_assert_true (c->name != d->name);
  g_assert_cmpstr (c->name, ==, d->name);
  g_assert_true (g_bytes_equal (c->wlt, d->wlt));
}

static void
test_parse_long_term (void)
{
  Fields f = zhang;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCardData) d = NULL;
  GDate far;

  f.until = "长期";
  d = parse_fields (&f, &error);
  g_assert_no_error (error);
  g_assert_true (d->long_term);
  g_assert_false (g_date_valid (&d->valid_until));
  civ_test_date (&far, 2999, 1, 1);
  g_assert_false (civ_card_data_expired_on (d, &far));
}

typedef struct
{
  const char *what;
  Fields      f;
  const char *rule; /* NULL: none */
} BadCase;

static void
test_parse_bad_fields (void)
{
  BadCase cases[] = {
    { "sex 3", zhang, "R-ID10" },
    { "ethnicity 57", zhang, "R-ID10" },
    { "ethnicity 00", zhang, "R-ID10" },
    { "ethnicity letters", zhang, "R-ID10" },
    { "birth 30 February", zhang, "R-ID5" },
    { "check digit", zhang, "R-ID2" },
    { "birth not the number's", zhang, "R-ID1" },
    { "sex not the number's", zhang, "R-ID1" },
    { "number short", zhang, "R-ID1" },
    { "empty name", zhang, NULL },
    { "empty issuer", zhang, NULL },
    { "until before from", zhang, NULL },
    { "until not a date", zhang, NULL },
    { "from not a date", zhang, NULL },
  };
  cases[0].f.sex = "3";
  cases[1].f.ethnicity = "57";
  cases[2].f.ethnicity = "00";
  cases[3].f.ethnicity = "汉";
  cases[4].f.birth = "19850230";
  cases[5].f.number = "110101198503120157";
  cases[6].f.birth = "19850313";
  cases[7].f.sex = "2";
  cases[8].f.number = "11010119850312015";
  cases[9].f.name = "";
  cases[10].f.issuer = "";
  cases[11].f.until = "20140101";
  cases[12].f.until = "长久";
  cases[13].f.from = "2015-6-1";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CivCardData) d = parse_fields (&cases[i].f, &error);

      g_test_message ("%s", cases[i].what);
      g_assert_null (d);
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
      g_assert_cmpstr (civ_app_error_get_rule (error), ==, cases[i].rule);
    }
}

static void
test_parse_bad_ucs2 (void)
{
  /* A lone surrogate, a control character and a non-character, in the
   * name and in the address. */
  static const guint16 units[] = { 0xD800, 0xDC00, 0x0007, 0x0000, 0xFFFF, 0xFFFE };
  static const gsize   offsets[] = { 0, 2, 52, 120 };

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    for (guint o = 0; o < G_N_ELEMENTS (offsets); o++)
      {
        g_autoptr (GByteArray) t = text_of (&zhang);
        g_autoptr (GError) error = NULL;
        g_autoptr (CivCardData) d = NULL;

        t->data[offsets[o]] = (guint8) (units[u] & 0xFF);
        t->data[offsets[o] + 1] = (guint8) (units[u] >> 8);
        d = civ_card_data_parse (t->data, t->len, wlt, sizeof wlt, &error);
        g_assert_null (d);
        g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
      }
}

static void
test_parse_bad_lengths (void)
{
  g_autoptr (GByteArray) t = text_of (&zhang);
  g_autoptr (GError) e1 = NULL;
  g_autoptr (GError) e2 = NULL;
  g_autoptr (GError) e3 = NULL;

  g_assert_null (civ_card_data_parse (t->data, 255, wlt, sizeof wlt, &e1));
  g_assert_error (e1, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_assert_null (civ_card_data_parse (t->data, t->len, wlt, 1023, &e2));
  g_assert_error (e2, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_assert_null (civ_card_data_parse (NULL, 0, NULL, 0, &e3));
  g_assert_error (e3, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/card-frame/build/find", test_build_find);
  g_test_add_func ("/card-frame/build/data", test_build_with_data);
  g_test_add_func ("/card-frame/scan/answer", test_scan_answer);
  g_test_add_func ("/card-frame/scan/partial", test_scan_partial);
  g_test_add_func ("/card-frame/scan/garbage", test_scan_garbage);
  g_test_add_func ("/card-frame/scan/bad-checksum", test_scan_bad_checksum);
  g_test_add_func ("/card-frame/scan/impossible-length", test_scan_impossible_length);
  g_test_add_func ("/card-frame/scan/two-frames", test_scan_two_frames);
  g_test_add_func ("/card-frame/scan/command", test_scan_command);
  g_test_add_func ("/card-data/parse", test_parse);
  g_test_add_func ("/card-data/long-term", test_parse_long_term);
  g_test_add_func ("/card-data/bad-fields", test_parse_bad_fields);
  g_test_add_func ("/card-data/bad-ucs2", test_parse_bad_ucs2);
  g_test_add_func ("/card-data/bad-lengths", test_parse_bad_lengths);
  return g_test_run ();
}
