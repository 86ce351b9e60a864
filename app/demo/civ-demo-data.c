// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-demo-data.c — synthetic registrations for trying and measuring search */
#include "civ-demo-data.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-divorce-service.h"
#include "civ-idnumber.h"
#include "civ-marriage-rules.h"
#include "civ-pinyin.h"
#include "civ-record-store.h"
#include "civ-refdata-store.h"
#include "civ-refdata.h"
#include "civ-registry-bulk.h"
#include "civ-json.h"
#include "civ-states.h"

/* Commits at least this often (µs), so that other writers wait at most
 * about this long (civ_registry_bulk_checkpoint ()). */
#define CHECKPOINT_US (200 * 1000)
#define PROGRESS_EVERY 10000
#define DIVORCE_RATE 0.18
#define REMARRIAGE_RATE 0.10
#define REUNION_RATE 0.012

/* Weighted common surnames (share of the population, per mille). */
static const struct
{
  const char *name;
  guint       weight;
} surnames[] = {
  { "王", 72 }, { "李", 72 }, { "张", 68 },  { "刘", 54 },  { "陈", 45 },  { "杨", 31 },
  { "黄", 22 }, { "赵", 22 }, { "吴", 20 },  { "周", 20 },  { "徐", 16 },  { "孙", 15 },
  { "马", 15 }, { "朱", 14 }, { "胡", 13 },  { "郭", 13 },  { "何", 12 },  { "高", 12 },
  { "林", 12 }, { "罗", 11 }, { "郑", 11 },  { "梁", 10 },  { "谢", 8 },   { "宋", 8 },
  { "唐", 8 },  { "许", 7 },  { "韩", 7 },   { "冯", 7 },   { "邓", 7 },   { "曹", 7 },
  { "彭", 6 },  { "曾", 6 },  { "肖", 6 },   { "田", 6 },   { "董", 6 },   { "袁", 5 },
  { "潘", 5 },  { "于", 5 },  { "蒋", 5 },   { "蔡", 5 },   { "余", 5 },   { "杜", 5 },
  { "叶", 5 },  { "程", 5 },  { "苏", 4 },   { "魏", 4 },   { "吕", 4 },   { "丁", 4 },
  { "任", 4 },  { "沈", 4 },  { "姚", 4 },   { "卢", 4 },   { "姜", 4 },   { "崔", 4 },
  { "钟", 4 },  { "谭", 4 },  { "陆", 4 },   { "汪", 4 },   { "范", 4 },   { "金", 4 },
  { "石", 4 },  { "廖", 3 },  { "贾", 3 },   { "夏", 3 },   { "韦", 3 },   { "付", 3 },
  { "方", 3 },  { "白", 3 },  { "邹", 3 },   { "孟", 3 },   { "熊", 3 },   { "秦", 3 },
  { "邱", 3 },  { "江", 3 },  { "尹", 3 },   { "薛", 3 },   { "闫", 3 },   { "段", 3 },
  { "雷", 3 },  { "侯", 3 },  { "龙", 3 },   { "史", 3 },   { "陶", 2 },   { "黎", 2 },
  { "贺", 2 },  { "顾", 2 },  { "毛", 2 },   { "郝", 2 },   { "龚", 2 },   { "邵", 2 },
  { "万", 2 },  { "钱", 2 },  { "严", 2 },   { "覃", 2 },   { "武", 2 },   { "戴", 2 },
  { "莫", 2 },  { "孔", 2 },  { "欧阳", 1 }, { "司马", 1 }, { "诸葛", 1 }, { "上官", 1 },
};

/* Given-name characters, as commonly chosen for men and for women. */
static const char male_chars[] = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林"
                                 "洋峰建国文博志东海成康新德庆福国胜祥瑞天佳子晨阳睿轩泽宏";
static const char female_chars[] = "芳娜敏静丽艳娟霞秀英玲桂兰萍红琳慧莉燕梅雪婷倩颖琴云洁"
                                   "佳欣怡悦璐晶莹冰月茜雯蕾彤丹妍菲馨诗雨思梦晓涵可一美";

/* Real county-level codes (GB/T 2260), used when no table was imported. */
static const char *const builtin_codes[] = {
  "110101", "110102", "110105", "110108", "120101", "120103", "310101", "310104",
  "310105", "310115", "320102", "320106", "330102", "330106", "340102", "350102",
  "360102", "370102", "410102", "420102", "420106", "430102", "440103", "440104",
  "440106", "450102", "500103", "510104", "510107", "530102", "610103", "610113",
};

typedef struct
{
  char   *name;
  char   *pinyin;
  char   *initials;
  CivSex  sex;
  guint32 birth;    /* julian day */
  char    body[18]; /* the 17 digits of the 18-digit number, "" when none */
  char    check;
  gint64  person_id;
  int     pool_index; /* in the divorced pool of its sex, -1 when not there */
  int     refs;
} Person;

typedef struct
{
  guint32 due;      /* julian day of the divorce certificate */
  guint32 accepted; /* T0, 0 before the cooling-off period */
  gint64  marriage_row;
  char    record_id[37];
  Person *party[2];
} PendingDivorce;

typedef struct
{
  CivStore        *store;
  CivRegistryBulk *bulk;
  CivPinyin       *pinyin;
  CivCalendar     *calendar;
  GRand           *rand;
  GPtrArray       *codes;     /* char * (county codes) */
  GHashTable      *serials;   /* (code, birth day, sex) → next serial */
  GHashTable      *name_keys; /* name → char *[2] {pinyin, initials} */
  GArray          *heap;      /* PendingDivorce, min-heap on due */
  GPtrArray       *pool[2];   /* divorced persons per sex (0 male, 1 female) */
  GPtrArray       *former;    /* Person *, pairs: former spouses, both divorced */
  guint            surname_total;
  char            *office_code;
  char            *office_name;
  const char      *login;
  char            *now;
  guint32          today;
  CivDemoSummary   summary;
} Gen;

static guint32
julian (int y, int m, int d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_get_julian (&date);
}

static void
julian_to_date (guint32 j, GDate *date)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, j);
}

static void
format_day (guint32 j, char out[11])
{
  GDate d;

  julian_to_date (j, &d);
  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
              g_date_get_day (&d));
}

static int
year_of (guint32 j)
{
  GDate d;

  julian_to_date (j, &d);
  return g_date_get_year (&d);
}

static void
person_unref (Person *p)
{
  if (p == NULL || --p->refs > 0)
    return;
  g_free (p->name);
  g_free (p->pinyin);
  g_free (p->initials);
  g_free (p);
}

static Person *
person_ref (Person *p)
{
  p->refs++;
  return p;
}

/* Record ids are random whatever the seed: two runs with the same seed
 * (at once, in two processes, or one after the other) never collide. */
static void
random_uuid (char out[37])
{
  g_autofree char *uuid = g_uuid_string_random ();

  g_strlcpy (out, uuid, 37);
}

static const char *
utf8_char_at (const char *chars, guint index, char out[8])
{
  const char *p = g_utf8_offset_to_pointer (chars, index);
  const char *next = g_utf8_next_char (p);

  memcpy (out, p, (gsize) (next - p));
  out[next - p] = '\0';
  return out;
}

static char *
random_name (Gen *g, CivSex sex)
{
  const char *chars = sex == CIV_SEX_MALE ? male_chars : female_chars;
  guint       n = (guint) g_utf8_strlen (chars, -1);
  guint       pick = (guint) g_rand_int_range (g->rand, 0, (gint32) g->surname_total);
  const char *surname = surnames[0].name;
  char        a[8], b[8];

  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    {
      if (pick < surnames[i].weight)
        {
          surname = surnames[i].name;
          break;
        }
      pick -= surnames[i].weight;
    }
  utf8_char_at (chars, (guint) g_rand_int_range (g->rand, 0, (gint32) n), a);
  if (g_rand_double (g->rand) < 0.3)
    return g_strconcat (surname, a, NULL);
  utf8_char_at (chars, (guint) g_rand_int_range (g->rand, 0, (gint32) n), b);
  return g_strconcat (surname, a, b, NULL);
}

static void
name_keys (Gen *g, const char *name, char **pinyin, char **initials)
{
  char **keys = g_hash_table_lookup (g->name_keys, name);

  if (keys == NULL)
    {
      keys = g_new0 (char *, 3);
      if (!civ_pinyin_name (g->pinyin, name, &keys[0], &keys[1]))
        {
          keys[0] = g_strdup ("");
          keys[1] = g_strdup ("");
        }
      g_hash_table_insert (g->name_keys, g_strdup (name), keys);
    }
  *pinyin = g_strdup (keys[0]);
  *initials = g_strdup (keys[1]);
}

/* Sequence numbers are unique per code, birth day and sex; odd for men,
 * even for women (R-ID4). A full day takes another code. */
static guint
next_serial (Gen *g, const char **code, guint32 birth, CivSex sex)
{
  guint serial = 1000;

  while (serial > 999)
    {
      guint key, next;

      *code =
        g_ptr_array_index (g->codes, (guint) g_rand_int_range (g->rand, 0, (gint32) g->codes->len));
      key = (g_str_hash (*code) * 40009u + birth) * 2u + (sex == CIV_SEX_MALE);
      next = GPOINTER_TO_UINT (g_hash_table_lookup (g->serials, GUINT_TO_POINTER (key)));
      serial = next * 2 + (sex == CIV_SEX_MALE ? 1 : 0);
      if (serial <= 999)
        g_hash_table_insert (g->serials, GUINT_TO_POINTER (key), GUINT_TO_POINTER (next + 1));
    }
  return serial;
}

/* A new person of @sex, of marriageable age on @day. */
static Person *
new_person (Gen *g, CivSex sex, guint32 day)
{
  Person *p = g_new0 (Person, 1);
  GDate   on, birth;
  int     min_age, age;

  p->refs = 1;
  p->sex = sex;
  p->pool_index = -1;
  p->name = random_name (g, sex);
  name_keys (g, p->name, &p->pinyin, &p->initials);

  julian_to_date (day, &on);
  min_age = civ_marriage_min_age (sex, &on);
  /* Most marry within ten years of the minimum age. */
  age = min_age + (int) (g_rand_double (g->rand) * g_rand_double (g->rand) * 14.0);
  p->birth = day - (guint32) (age * 365.25) - (guint32) g_rand_int_range (g->rand, 0, 365);
  julian_to_date (p->birth, &birth);
  while (civ_age_on (&birth, &on, CIV_AGE_ON_BIRTHDAY) < min_age)
    {
      p->birth -= 30;
      julian_to_date (p->birth, &birth);
    }

  /* Identity numbers began in 1984 (R-H3): older parties have none. */
  if (year_of (day) >= 1984)
    {
      const char *code = NULL;
      guint       serial = next_serial (g, &code, p->birth, sex);
      char        date[11];

      format_day (p->birth, date);
      for (;;)
        {
          char key[19];

          g_snprintf (p->body, sizeof p->body, "%s%.4s%.2s%.2s%03u", code, date, date + 5, date + 8,
                      serial);
          p->check = civ_id_check_char (p->body);
          /* Never an identity the office already holds (another run, a real
           * registration): the next sequence number, or another code. */
          g_snprintf (key, sizeof key, "%s%c", p->body, p->check);
          if (!civ_registry_bulk_has_person (g->bulk, key))
            break;
          serial = next_serial (g, &code, p->birth, sex);
        }
    }
  return p;
}

/* Commits what was written when the chunk is old enough: other writers of
 * the office (a registration at the counter, a second run) wait for one
 * chunk at most. */
static gboolean
checkpoint_when_due (Gen *g, gint64 *chunk_start, GError **error)
{
  gint64 now = g_get_monotonic_time ();

  if (now - *chunk_start < CHECKPOINT_US)
    return TRUE;
  if (!civ_registry_bulk_checkpoint (g->bulk, error))
    return FALSE;
  *chunk_start = g_get_monotonic_time ();
  return TRUE;
}

static void
heap_push (GArray *heap, const PendingDivorce *item)
{
  guint i;

  g_array_append_vals (heap, item, 1);
  i = heap->len - 1;
  while (i > 0)
    {
      guint           parent = (i - 1) / 2;
      PendingDivorce *a = &g_array_index (heap, PendingDivorce, parent);
      PendingDivorce *b = &g_array_index (heap, PendingDivorce, i);
      PendingDivorce  t;

      if (a->due <= b->due)
        break;
      t = *a;
      *a = *b;
      *b = t;
      i = parent;
    }
}

static void
heap_pop (GArray *heap, PendingDivorce *out)
{
  guint i = 0;

  *out = g_array_index (heap, PendingDivorce, 0);
  g_array_index (heap, PendingDivorce, 0) = g_array_index (heap, PendingDivorce, heap->len - 1);
  g_array_set_size (heap, heap->len - 1);
  for (;;)
    {
      guint           l = 2 * i + 1, r = 2 * i + 2, m = i;
      PendingDivorce *items = (PendingDivorce *) (void *) heap->data;
      PendingDivorce  t;

      if (l < heap->len && items[l].due < items[m].due)
        m = l;
      if (r < heap->len && items[r].due < items[m].due)
        m = r;
      if (m == i)
        break;
      t = items[i];
      items[i] = items[m];
      items[m] = t;
      i = m;
    }
}

static void
pool_add (Gen *g, Person *p)
{
  GPtrArray *pool = g->pool[p->sex == CIV_SEX_MALE ? 0 : 1];

  p->pool_index = (int) pool->len;
  g_ptr_array_add (pool, person_ref (p));
}

static void
pool_remove (Gen *g, Person *p)
{
  GPtrArray *pool = g->pool[p->sex == CIV_SEX_MALE ? 0 : 1];
  guint      i = (guint) p->pool_index;

  g_assert (p->pool_index >= 0 && pool->pdata[i] == p);
  pool->pdata[i] = pool->pdata[pool->len - 1];
  ((Person *) pool->pdata[i])->pool_index = (int) i;
  pool->pdata[pool->len - 1] = p;
  g_ptr_array_set_size (pool, pool->len - 1);
  p->pool_index = -1;
  person_unref (p);
}

/* The party row for @p on @day: a 15-digit number as recorded before 2000. */
static void
party_row (Person      *p,
           guint32      day,
           int          position,
           int          status_before,
           int          nature,
           char         birth[11],
           char         number[19],
           char         key[19],
           CivPartyRow *row)
{
  format_day (p->birth, birth);
  *row = (CivPartyRow){
    .position = position,
    .person_id = p->person_id,
    .name = p->name,
    .name_pinyin = p->pinyin,
    .name_initials = p->initials,
    .sex = p->sex,
    .birth_date = birth,
    .nationality = "CHN",
    .ethnicity = "01",
    .doc_kind = "resident-id",
    .doc_status = "PRESENT",
    .resident_category = "mainland",
    .status_before = status_before,
    .nature = nature,
  };
  if (p->body[0] == '\0')
    {
      row->doc_status = "ABSENT_PRE_ID";
      return;
    }
  g_snprintf (key, 19, "%s%c", p->body, p->check);
  if (year_of (day) < 2000)
    {
      /* 6-digit code, 2-digit year, month, day, serial (R-ID3). */
      g_snprintf (number, 19, "%.6s%.6s%.3s", p->body, p->body + 8, p->body + 14);
      row->doc_kind = "resident-id-15";
    }
  else
    g_strlcpy (number, key, 19);
  row->doc_number = number;
  row->id_key = key;
}

static gboolean
ensure_person (Gen *g, Person *p, const CivPartyRow *party, GError **error)
{
  CivPersonRow row = { 0 };
  char         birth[11];

  if (p->body[0] == '\0' || p->person_id > 0)
    return TRUE;
  format_day (p->birth, birth);
  row.id_key = (char *) party->id_key;
  row.doc_kind = (char *) party->doc_kind;
  row.doc_number = (char *) party->doc_number;
  row.name = p->name;
  row.sex = p->sex;
  row.birth_date = birth;
  row.marital_status = CIV_MARITAL_UNMARRIED;
  p->person_id = civ_registry_bulk_add_person (g->bulk, &row, error);
  if (p->person_id == 0)
    return FALSE;
  g->summary.persons++;
  return TRUE;
}

static gboolean
process_divorce (Gen *g, PendingDivorce *d, GError **error)
{
  char             record_id[37];
  char             day[11], accepted[11], cooling[11], window[11];
  char             created[32];
  g_autofree char *certificate = NULL;
  gint64           row, divorce_id;
  CivBulkDivorce   divorce = { 0 };

  random_uuid (record_id);
  format_day (d->due, day);
  g_snprintf (created, sizeof created, "%sT10:00:00Z", day);
  certificate = civ_registry_bulk_allocate_certificate (g->bulk, "L", year_of (d->due), record_id,
                                                        created, error);
  if (certificate == NULL)
    return FALSE;

  divorce.record_id = record_id;
  divorce.marriage_record_id = d->record_id;
  divorce.state = civ_divorce_state_to_db (CIV_DIVORCE_STATE_REGISTERED);
  divorce.agreement_ref = record_id;
  divorce.closed_on = day;
  divorce.certificate_no = certificate;
  divorce.created_at = created;
  divorce.created_by = g->login;
  if (d->accepted != 0)
    {
      CivDivorceDeadlines deadlines;
      GDate               t0;

      julian_to_date (d->accepted, &t0);
      civ_divorce_deadlines_compute (g->calendar, &t0, &deadlines);
      format_day (d->accepted, accepted);
      format_day (g_date_get_julian (&deadlines.cooling_off_end), cooling);
      format_day (g_date_get_julian (&deadlines.window_end), window);
      divorce.accepted_on = accepted;
      divorce.cooling_off_end = cooling;
      divorce.window_end = window;
      divorce.provisional = deadlines.provisional;
      g_snprintf (created, sizeof created, "%sT10:00:00Z", accepted);
      divorce.created_at = created;
    }
  else
    divorce.accepted_on = day;

  divorce_id = civ_registry_bulk_add_divorce (g->bulk, &divorce, error);
  if (divorce_id == 0)
    return FALSE;
  if (d->accepted != 0 &&
      !civ_registry_bulk_add_divorce_event (g->bulk, divorce_id, accepted,
                                            civ_divorce_state_to_db (CIV_DIVORCE_STATE_COOLING),
                                            g->login, NULL, created, error))
    return FALSE;
  g_snprintf (created, sizeof created, "%sT10:00:00Z", day);
  if (!civ_registry_bulk_add_divorce_event (g->bulk, divorce_id, day,
                                            civ_divorce_state_to_db (CIV_DIVORCE_STATE_REGISTERED),
                                            g->login, certificate, created, error))
    return FALSE;

  row = civ_registry_bulk_new_version (g->bulk, d->marriage_row,
                                       civ_marriage_state_to_db (CIV_MARRIAGE_STATE_DISSOLVED_REG),
                                       record_id, g->login, created, error);
  if (row == 0)
    return FALSE;

  for (guint i = 0; i < 2; i++)
    {
      Person *p = d->party[i];

      if (p->person_id > 0)
        {
          if (!civ_registry_bulk_set_person_status (g->bulk, p->person_id, CIV_MARITAL_DIVORCED,
                                                    NULL, error))
            return FALSE;
          pool_add (g, p);
        }
    }
  if (d->party[0]->person_id > 0 && d->party[1]->person_id > 0)
    {
      g_ptr_array_add (g->former, person_ref (d->party[0]));
      g_ptr_array_add (g->former, person_ref (d->party[1]));
    }
  g->summary.divorces++;
  return TRUE;
}

/* A divorced person of @sex who may marry on @day, or NULL. */
static Person *
pick_divorced (Gen *g, CivSex sex, guint32 day)
{
  GPtrArray *pool = g->pool[sex == CIV_SEX_MALE ? 0 : 1];
  Person    *p;

  if (pool->len == 0)
    return NULL;
  p = g_ptr_array_index (pool, (guint) g_rand_int_range (g->rand, 0, (gint32) pool->len));
  /* Nobody remarries after 75 in this data. */
  if ((day - p->birth) / 365.25 > 75)
    return NULL;
  return p;
}

/* Former spouses, both still divorced, who may remarry each other. */
static gboolean
pick_former (Gen *g, guint32 day, Person **a, Person **b)
{
  guint n = g->former->len / 2;

  for (guint tries = 0; tries < 4 && n > 0; tries++)
    {
      guint   i = (guint) g_rand_int_range (g->rand, 0, (gint32) n);
      Person *x = g_ptr_array_index (g->former, 2 * i);
      Person *y = g_ptr_array_index (g->former, 2 * i + 1);

      if (x->pool_index >= 0 && y->pool_index >= 0 && (day - x->birth) / 365.25 <= 75 &&
          (day - y->birth) / 365.25 <= 75)
        {
          *a = x;
          *b = y;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
register_marriage (Gen *g, guint32 day, GError **error)
{
  Person          *party[2] = { NULL, NULL };
  int              before[2] = { CIV_MARITAL_UNMARRIED, CIV_MARITAL_UNMARRIED };
  int              nature[2] = { CIV_MARITAL_FIRST_MARRIAGE, CIV_MARITAL_FIRST_MARRIAGE };
  char             record_id[37];
  char             day_iso[11], created[32];
  char             birth[2][11], number[2][19], key[2][19];
  CivPartyRow      rows[2];
  CivMarriageRow   row = { 0 };
  g_autofree char *certificate = NULL;
  gboolean         historical;
  gint64           row_id;

  if (g_rand_double (g->rand) < REUNION_RATE && pick_former (g, day, &party[0], &party[1]))
    {
      /* 复婚: remarrying the former spouse (R-M14). */
      person_ref (party[0]);
      person_ref (party[1]);
      for (guint i = 0; i < 2; i++)
        {
          before[i] = CIV_MARITAL_DIVORCED;
          nature[i] = CIV_MARITAL_REMARRIED_FORMER;
          pool_remove (g, party[i]);
        }
      g->summary.reunions++;
    }
  else
    {
      for (guint i = 0; i < 2; i++)
        {
          CivSex  sex = i == 0 ? CIV_SEX_MALE : CIV_SEX_FEMALE;
          Person *p = NULL;

          if (g_rand_double (g->rand) < REMARRIAGE_RATE)
            p = pick_divorced (g, sex, day);
          if (p != NULL)
            {
              party[i] = person_ref (p);
              before[i] = CIV_MARITAL_DIVORCED;
              nature[i] = CIV_MARITAL_REMARRIAGE;
              pool_remove (g, p);
              g->summary.remarriages++;
            }
          else
            party[i] = new_person (g, sex, day);
        }
    }

  random_uuid (record_id);
  format_day (day, day_iso);
  historical = day < julian (2004, 7, 1);
  if (historical)
    g_strlcpy (created, g->now, sizeof created);
  else
    g_snprintf (created, sizeof created, "%sT09:30:00Z", day_iso);

  for (guint i = 0; i < 2; i++)
    {
      party_row (party[i], day, (int) i, before[i], nature[i], birth[i], number[i], key[i],
                 &rows[i]);
      if (rows[i].id_key != NULL)
        {
          if (!ensure_person (g, party[i], &rows[i], error))
            goto fail;
          rows[i].person_id = party[i]->person_id;
          if (!civ_registry_bulk_set_person_status (g->bulk, party[i]->person_id, nature[i],
                                                    record_id, error))
            goto fail;
        }
      else
        g->summary.without_id++;
    }

  certificate =
    civ_registry_bulk_allocate_certificate (g->bulk, "J", year_of (day), record_id, created, error);
  if (certificate == NULL)
    goto fail;
  row = (CivMarriageRow){
    .record_id = record_id,
    .version = 1,
    .state = civ_marriage_state_to_db (CIV_MARRIAGE_STATE_REGISTERED),
    .registration_date = day_iso,
    .effective_from = day_iso,
    .office_code = g->office_code,
    .office_name = g->office_name,
    .registrar = g->login,
    .certificate_no = certificate,
    .historical = historical,
    .status_source = day >= julian (2010, 1, 1) ? "online" : "local-only",
    .remarks = historical ? _ ("Archive backfill (demo data)") : "",
    .created_by = g->login,
  };
  row_id = civ_registry_bulk_add_marriage (g->bulk, &row, rows, created, 0, error);
  if (row_id == 0)
    goto fail;
  g->summary.marriages++;
  if (historical)
    g->summary.historical++;

  /* Some marriages end in divorce later; the L number is issued in date order. */
  if (g_rand_double (g->rand) < DIVORCE_RATE)
    {
      PendingDivorce d = { 0 };
      guint32        at = day + 365 + (guint32) g_rand_int_range (g->rand, 0, 365 * 25);

      if (at >= julian (2021, 1, 1))
        {
          CivDivorceDeadlines deadlines;
          GDate               t0;

          d.accepted = at;
          julian_to_date (at, &t0);
          civ_divorce_deadlines_compute (g->calendar, &t0, &deadlines);
          d.due = g_date_get_julian (&deadlines.window_start) +
                  (guint32) g_rand_int_range (g->rand, 0, 10);
        }
      else
        d.due = at;
      if (d.due < g->today)
        {
          d.marriage_row = row_id;
          g_strlcpy (d.record_id, record_id, sizeof d.record_id);
          d.party[0] = person_ref (party[0]);
          d.party[1] = person_ref (party[1]);
          heap_push (g->heap, &d);
        }
    }
  person_unref (party[0]);
  person_unref (party[1]);
  return TRUE;

fail:
  person_unref (party[0]);
  person_unref (party[1]);
  return FALSE;
}

static gboolean
load_codes (Gen *g, GError **error)
{
  g_autoptr (GPtrArray) rows =
    civ_refdata_store_list_divisions (civ_store_get_db (g->store), error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      CivDivisionRow *r = g_ptr_array_index (rows, i);

      /* County-level codes in force since before identity numbers began. */
      if (g_strcmp0 (r->level, "县级") == 0 && r->valid_to == 0 && r->valid_from <= 1984 &&
          !g_str_has_suffix (r->code, "00"))
        g_ptr_array_add (g->codes, g_strdup (r->code));
    }
  g->summary.divisions_imported = g->codes->len > 0;
  if (g->codes->len == 0)
    for (guint i = 0; i < G_N_ELEMENTS (builtin_codes); i++)
      g_ptr_array_add (g->codes, g_strdup (builtin_codes[i]));
  return TRUE;
}

static int
compare_days (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static void
free_keys (gpointer data)
{
  g_strfreev (data);
}

static void
gen_clear (Gen *g)
{
  g_clear_pointer (&g->bulk, civ_registry_bulk_free);
  g_clear_pointer (&g->pinyin, civ_pinyin_free);
  g_clear_pointer (&g->calendar, civ_calendar_unref);
  g_clear_pointer (&g->rand, g_rand_free);
  g_clear_pointer (&g->codes, g_ptr_array_unref);
  g_clear_pointer (&g->serials, g_hash_table_unref);
  g_clear_pointer (&g->name_keys, g_hash_table_unref);
  if (g->heap)
    {
      for (guint i = 0; i < g->heap->len; i++)
        {
          PendingDivorce *d = &g_array_index (g->heap, PendingDivorce, i);
          person_unref (d->party[0]);
          person_unref (d->party[1]);
        }
      g_clear_pointer (&g->heap, g_array_unref);
    }
  for (guint s = 0; s < 2; s++)
    if (g->pool[s])
      {
        for (guint i = 0; i < g->pool[s]->len; i++)
          {
            Person *p = g_ptr_array_index (g->pool[s], i);
            p->pool_index = -1;
            person_unref (p);
          }
        g_clear_pointer (&g->pool[s], g_ptr_array_unref);
      }
  g_clear_pointer (&g->former, g_ptr_array_unref);
  g_clear_pointer (&g->office_code, g_free);
  g_clear_pointer (&g->office_name, g_free);
  g_clear_pointer (&g->now, g_free);
}

static gboolean
require_supervisor (CivStore *store, GError **error)
{
  const CivOperator *op = civ_store_get_operator (store);

  if (op == NULL || op->role != CIV_ROLE_SUPERVISOR)
    {
      /* Audited as every other refusal of a role (civ_require ()). */
      if (op != NULL && !civ_store_is_locked (store))
        civ_store_audit (store, "denied", "demo-data", NULL, NULL);
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION,
                           _ ("Only a supervisor may fill an office with demo data"));
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_demo_data_generate (CivStore           *store,
                        guint               n_marriages,
                        guint64             seed,
                        CivDemoProgressFunc progress,
                        gpointer            user_data,
                        CivDemoSummary     *summary,
                        GError            **error)
{
  const CivOperator *op;
  Gen                g = { 0 };
  g_autoptr (GArray) days = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *detail = NULL;
  guint32          first = julian (1950, 5, 1);
  gint64           chunk_start = 0;
  CivDb           *db;
  gboolean         ok = FALSE;

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);

  if (!require_supervisor (store, error))
    return FALSE;
  op = civ_store_get_operator (store);
  if (n_marriages == 0 || n_marriages > 50000000)
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("The number of demo marriages must be between 1 and 50,000,000"));
      return FALSE;
    }

  db = civ_store_get_db (store);
  g.store = store;
  g.login = op->login;
  g.rand =
    g_rand_new_with_seed_array ((const guint32[]){ (guint32) seed, (guint32) (seed >> 32) }, 2);
  g.codes = g_ptr_array_new_with_free_func (g_free);
  g.serials = g_hash_table_new (g_direct_hash, g_direct_equal);
  g.name_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_keys);
  g.heap = g_array_new (FALSE, FALSE, sizeof (PendingDivorce));
  g.pool[0] = g_ptr_array_new ();
  g.pool[1] = g_ptr_array_new ();
  g.former = g_ptr_array_new_with_free_func ((GDestroyNotify) person_unref);
  g.office_code = civ_store_get_office_code (store);
  g.office_name = civ_store_get_office_name (store);
  g.now = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g.today = julian (g_date_time_get_year (now), g_date_time_get_month (now),
                    g_date_time_get_day_of_month (now));
  for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
    g.surname_total += surnames[i].weight;

  g.pinyin = civ_pinyin_new (error);
  if (g.pinyin == NULL)
    goto out;
  g.calendar = civ_refdata_load_calendar (store, error);
  if (g.calendar == NULL || !load_codes (&g, error))
    goto out;

  /* Registration days, more of them in recent decades, in date order. */
  days = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_marriages);
  for (guint i = 0; i < n_marriages; i++)
    {
      /* The largest of three uniform numbers: density rising towards today. */
      double t = MAX (g_rand_double (g.rand), MAX (g_rand_double (g.rand), g_rand_double (g.rand)));
      guint32 d = first + (guint32) (t * (g.today - first));

      g_array_append_val (days, d);
    }
  g_array_sort (days, compare_days);

  /* Bigger page cache while writing: the name and number indexes are
   * written in random order. */
  if (!civ_db_set_cache_kib (db, 262144, error))
    goto out;
  g.bulk = civ_registry_bulk_new (db, g.office_code, op->login, error);
  if (g.bulk == NULL)
    goto out;
  chunk_start = g_get_monotonic_time ();

  for (guint i = 0; i < n_marriages; i++)
    {
      guint32 day = g_array_index (days, guint32, i);

      while (g.heap->len > 0 && g_array_index (g.heap, PendingDivorce, 0).due <= day)
        {
          PendingDivorce d;
          gboolean       done;

          heap_pop (g.heap, &d);
          done = process_divorce (&g, &d, error);
          person_unref (d.party[0]);
          person_unref (d.party[1]);
          if (!done)
            goto out;
        }
      if (!register_marriage (&g, day, error))
        goto out;
      if (!checkpoint_when_due (&g, &chunk_start, error))
        goto out;
      if (progress != NULL && (i + 1) % PROGRESS_EVERY == 0)
        progress (i + 1, n_marriages, user_data);
    }
  /* Divorces still due before today. */
  while (g.heap->len > 0)
    {
      PendingDivorce d;
      gboolean       done;

      heap_pop (g.heap, &d);
      done = process_divorce (&g, &d, error) && checkpoint_when_due (&g, &chunk_start, error);
      person_unref (d.party[0]);
      person_unref (d.party[1]);
      if (!done)
        goto out;
    }

  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_int (json, "marriages", g.summary.marriages);
    civ_json_int (json, "divorces", g.summary.divorces);
    civ_json_int (json, "seed", (gint64) seed);
    detail = civ_json_finish (json);
  }
  if (!civ_store_audit (store, "demo-data.generate", g.office_code, detail, error) ||
      !civ_registry_bulk_finish (g.bulk, error))
    goto out;
  /* Statistics for the query planner over the new volume. */
  if (!civ_db_analyze (db, error))
    goto out;
  if (progress != NULL)
    progress (n_marriages, n_marriages, user_data);
  if (summary != NULL)
    *summary = g.summary;
  ok = TRUE;

out:
  gen_clear (&g);
  civ_db_set_cache_kib (db, 2000, NULL);
  return ok;
}

/* The acceptance day (T0, at most @max_back days ago) whose cooling-off
 * (@window FALSE) or issuance window (@window TRUE) ends on @today; FALSE
 * when rest days put no deadline on @today. */
static gboolean
accepted_for_deadline (
  CivCalendar *calendar, const GDate *today, gboolean window, guint max_back, GDate *out)
{
  for (guint back = 1; back <= max_back; back++)
    {
      CivDivorceDeadlines d;

      *out = *today;
      g_date_subtract_days (out, back);
      civ_divorce_deadlines_compute (calendar, out, &d);
      if (g_date_compare (window ? &d.window_end : &d.cooling_off_end, today) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Current REGISTERED marriages with a certificate, registered at least
 * @before_days ago, newest first, without a divorce application. */
static GPtrArray *
recent_marriages (CivDb *db, const GDate *today, guint before_days, guint limit, GError **error)
{
  GDate            last = *today;
  g_autofree char *last_iso = NULL;

  g_date_subtract_days (&last, before_days);
  last_iso = civ_date_format_iso (&last);
  return civ_record_store_undivorced (db, last_iso, limit, error);
}

guint
civ_demo_data_open_divorces (CivStore *store, guint n, const GDate *today, GError **error)
{
  /* Cooling-off 30 days, window 30 days (R-D5, R-D6), longer over rest
   * days: T0 up to 70 days back reaches both ends. */
  const guint                 max_back = 70;
  const CivDivorceApplication application = {
    .both_present = TRUE,
    .agreement_signed = TRUE,
    .agreement_ref = "离婚协议书（演示）",
    .both_capable = TRUE,
    .certificates_presented = TRUE,
  };
  g_autoptr (CivCalendar) calendar = NULL;
  g_autoptr (GPtrArray) keys = NULL;
  guint opened = 0;

  g_return_val_if_fail (CIV_IS_STORE (store), 0);
  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);

  if (!require_supervisor (store, error))
    return 0;
  if (n == 0)
    return 0;
  calendar = civ_refdata_load_calendar (store, error);
  if (calendar == NULL)
    return 0;
  keys = recent_marriages (civ_store_get_db (store), today, max_back + 1, n, error);
  if (keys == NULL)
    return 0;

  for (guint i = 0; i < keys->len; i++)
    {
      g_autoptr (CivDivorceResult) result = NULL;
      GDate accepted;

      /* 0: cooling-off ends today; 1: the window closes today; then
       * every five days back over the cooling-off period and the window. */
      if (i >= 2 || !accepted_for_deadline (calendar, today, i == 1, max_back, &accepted))
        {
          accepted = *today;
          g_date_subtract_days (&accepted, (i * 5) % 55 + 1);
        }
      result = civ_divorce_accept (store, g_ptr_array_index (keys, i), &accepted, &application,
                                   calendar, error);
      if (result == NULL)
        return 0;
      if (civ_divorce_state_from_db (result->state) == CIV_DIVORCE_STATE_COOLING)
        opened++;
    }
  return opened;
}
