// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-refdata.c — importing and loading division codes and holiday calendars */
#include "civ-refdata.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-idnumber.h"
#include "civ-json.h"
#include "civ-permissions.h"

#define N_DIVISION_COLUMNS 9
#define MIN_YEAR 1949
#define MAX_YEAR 2199
/* The earliest December day a year's file may list for its new year's
 * holiday (the shared tables go back to the 29th at most). */
#define NEW_YEAR_BRIDGE_FROM 25
/* Far above the national table (under 0.5 MB) and a year's holidays. */
#define CIV_REFDATA_DIVISIONS_MAX_BYTES ((gsize) 16 * 1024 * 1024)
#define CIV_REFDATA_HOLIDAYS_MAX_BYTES CIV_JSON_GUARD_INPUT_MAX
/* Longer than any division's name (the longest is about 20 characters). */
#define DIVISION_NAME_MAX_CHARS 100

static const char *const division_header[N_DIVISION_COLUMNS] = {
  "代码", "一级行政区", "二级行政区", "名称", "级别", "状态", "启用时间", "变更/弃用时间", "新代码",
};
static const char *const division_levels[] = { "省级", "地级", "县级" };
/* 在用 in use; 变更 changed (renamed or renumbered); 弃用 no longer used */
#define STATUS_IN_USE "在用"
static const char *const division_statuses[] = { STATUS_IN_USE, "变更", "弃用" };

void
civ_refdata_report_free (CivRefdataReport *report)
{
  if (report == NULL)
    return;
  g_free (report->file);
  g_free (report->sha256);
  g_free (report);
}

const char *
civ_refdata_kind_to_string (CivRefdataKind kind)
{
  switch (kind)
    {
    case CIV_REFDATA_DIVISIONS:
      return "divisions";
    case CIV_REFDATA_HOLIDAYS:
      return "holidays";
    default:
      return NULL;
    }
}

gboolean
civ_refdata_kind_from_string (const char *text, CivRefdataKind *kind)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  if (strcmp (text, "divisions") == 0)
    *kind = CIV_REFDATA_DIVISIONS;
  else if (strcmp (text, "holidays") == 0)
    *kind = CIV_REFDATA_HOLIDAYS;
  else
    return FALSE;
  return TRUE;
}

static gboolean
in_list (const char *text, const char *const *list, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (text, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_digits (const char *s, gsize n)
{
  return strlen (s) == n && civ_ascii_all_digits (s, n);
}

/* A year as the table writes it: 4 digits within MIN_YEAR…MAX_YEAR. */
static gboolean
parse_year (const char *s, int *year)
{
  if (!is_digits (s, 4))
    return FALSE;
  *year = atoi (s);
  return *year >= MIN_YEAR && *year <= MAX_YEAR;
}

/* "110101", "130102;130104", "130108[2001]": codes, each with an optional year. */
static gboolean
successors_valid (const char *s)
{
  g_auto (GStrv) parts = NULL;

  if (*s == '\0')
    return TRUE;
  parts = g_strsplit (s, ";", -1);
  for (guint i = 0; parts[i]; i++)
    {
      const char *p = parts[i];
      gsize       len = strlen (p);
      int         year;

      if (len == 6 && is_digits (p, 6))
        continue;
      if (len == 12 && p[6] == '[' && p[11] == ']')
        {
          g_autofree char *code = g_strndup (p, 6);
          g_autofree char *y = g_strndup (p + 7, 4);
          if (is_digits (code, 6) && parse_year (y, &year))
            continue;
        }
      return FALSE;
    }
  return TRUE;
}

/* Any C0 control (tab included) or DEL, or a C1 control. */
static gboolean
has_control (const char *s)
{
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 0x20 || (c >= 0x7F && c < 0xA0))
        return TRUE;
    }
  return FALSE;
}

/* "130102;130108[2001]" names @code among its successors. */
static gboolean
successor_is_self (const char *s, const char *code)
{
  g_auto (GStrv) parts = g_strsplit (s, ";", -1);

  for (guint i = 0; parts[i]; i++)
    if (strncmp (parts[i], code, 6) == 0 && (parts[i][6] == '\0' || parts[i][6] == '['))
      return TRUE;
  return FALSE;
}

/* Splits one CSV line (RFC 4180 quoting, no line breaks inside fields). */
static GPtrArray *
split_csv_line (const char *line, gboolean *ok)
{
  GPtrArray  *fields = g_ptr_array_new_with_free_func (g_free);
  GString    *field = g_string_new (NULL);
  const char *p = line;

  *ok = TRUE;
  for (;;)
    {
      g_string_truncate (field, 0);
      if (*p == '"')
        {
          p++;
          for (;;)
            {
              if (*p == '\0')
                {
                  *ok = FALSE;
                  break;
                }
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p++);
            }
          if (*ok && *p != ',' && *p != '\0')
            *ok = FALSE;
        }
      else
        while (*p != ',' && *p != '\0')
          {
            if (*p == '"')
              *ok = FALSE;
            g_string_append_c (field, *p++);
          }
      g_ptr_array_add (fields, g_strdup (field->str));
      if (!*ok || *p == '\0')
        break;
      p++; /* the comma */
    }
  g_string_free (field, TRUE);
  return fields;
}

static gboolean row_error (GError **error, const char *file, guint line, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

static gboolean
row_error (GError **error, const char *file, guint line, const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list          ap;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  /* TRANSLATORS: file name, line number, problem */
  g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, _ ("%s, line %u: %s"), file, line, msg);
  return FALSE;
}

static CivDivisionRow *
parse_division_row (GPtrArray *f, const char *file, guint line, GError **error)
{
  g_autoptr (CivDivisionRow) row = NULL;
  const char *code = g_ptr_array_index (f, 0);
  const char *province = g_ptr_array_index (f, 1);
  const char *prefecture = g_ptr_array_index (f, 2);
  const char *name = g_ptr_array_index (f, 3);
  const char *level = g_ptr_array_index (f, 4);
  const char *status = g_ptr_array_index (f, 5);
  const char *from = g_ptr_array_index (f, 6);
  const char *to = g_ptr_array_index (f, 7);
  const char *successors = g_ptr_array_index (f, 8);
  int         valid_from = 0, valid_to = 0;

  for (guint c = 0; c < f->len; c++)
    if (has_control (g_ptr_array_index (f, c)))
      return row_error (error, file, line,
                        _ ("R-ID6: column %u holds a control character (a tab, an escape…); "
                           "remove it"),
                        c + 1),
             NULL;
  if (!is_digits (code, 6))
    return row_error (error, file, line, _ ("R-ID6: the code “%s” is not 6 digits"), code), NULL;
  if (g_utf8_strlen (name, -1) > DIVISION_NAME_MAX_CHARS ||
      g_utf8_strlen (province, -1) > DIVISION_NAME_MAX_CHARS ||
      g_utf8_strlen (prefecture, -1) > DIVISION_NAME_MAX_CHARS)
    return row_error (error, file, line,
                      _ ("R-ID6: a name of the code %s is longer than %d characters"), code,
                      DIVISION_NAME_MAX_CHARS),
           NULL;
  if (*province == '\0')
    return row_error (error, file, line, _ ("R-ID6: the code %s has no province"), code), NULL;
  if (*name == '\0')
    return row_error (error, file, line, _ ("R-ID6: the code %s has no name"), code), NULL;
  if (!in_list (level, division_levels, G_N_ELEMENTS (division_levels)))
    return row_error (error, file, line, _ ("R-ID6: the level “%s” is not 省级, 地级 or 县级"),
                      level),
           NULL;
  if (!in_list (status, division_statuses, G_N_ELEMENTS (division_statuses)))
    return row_error (error, file, line, _ ("R-ID6: the status “%s” is not 在用, 变更 or 弃用"),
                      status),
           NULL;
  if (!parse_year (from, &valid_from))
    return row_error (error, file, line,
                      _ ("R-ID6: the start year “%s” is not a year from %d to %d"), from, MIN_YEAR,
                      MAX_YEAR),
           NULL;
  if (strcmp (status, STATUS_IN_USE) == 0)
    {
      if (*to != '\0')
        return row_error (error, file, line,
                          _ ("R-ID6: the code %s is in use but has an end year “%s”"), code, to),
               NULL;
    }
  else
    {
      if (!parse_year (to, &valid_to))
        return row_error (error, file, line,
                          _ ("R-ID6: the end year “%s” is not a year from %d to %d"), to, MIN_YEAR,
                          MAX_YEAR),
               NULL;
      if (valid_to < valid_from)
        return row_error (error, file, line,
                          _ ("R-ID6: the end year %d is before the start year %d"), valid_to,
                          valid_from),
               NULL;
    }
  if (!successors_valid (successors))
    return row_error (error, file, line,
                      _ ("R-ID6: the successor codes “%s” are not 6-digit codes separated by “;”, "
                         "each with an optional [year]"),
                      successors),
           NULL;

  row = g_new0 (CivDivisionRow, 1);
  row->code = g_strdup (code);
  row->name = g_strdup (name);
  row->province = g_strdup (province);
  row->prefecture = g_strdup (prefecture);
  row->level = g_strdup (level);
  row->valid_from = valid_from;
  row->valid_to = valid_to;
  row->successors = g_strdup (successors);
  return g_steal_pointer (&row);
}

GPtrArray *
civ_refdata_parse_divisions (const char *data, gsize length, const char *file_name, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GHashTable) seen = NULL;
  g_autoptr (GPtrArray) line_of = NULL;    /* the line of each row */
  g_autoptr (GHashTable) last_from = NULL; /* code → its latest start year */
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  const char *start = data;
  gboolean    header_seen = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      start += 3;
      length -= 3;
    }
  if (memchr (start, '\0', length) != NULL || !g_utf8_validate_len (start, length, NULL))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, _ ("%s: not a UTF-8 text file"),
                   file_name);
      return NULL;
    }
  text = g_strndup (start, length);
  lines = g_strsplit (text, "\n", -1);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_division_row_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  line_of = g_ptr_array_new ();

  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr (GPtrArray) fields = NULL;
      char            *line = lines[i];
      guint            line_no = i + 1;
      gsize            len = strlen (line);
      gboolean         ok;
      CivDivisionRow  *row;
      g_autofree char *key = NULL;
      gpointer         first_line;

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      if (len == 0)
        continue;
      fields = split_csv_line (line, &ok);
      if (!ok)
        return row_error (error, file_name, line_no, _ ("a quoted field is not closed properly")),
               NULL;
      if (fields->len != N_DIVISION_COLUMNS)
        return row_error (error, file_name, line_no, _ ("%u fields instead of %d"), fields->len,
                          N_DIVISION_COLUMNS),
               NULL;
      if (!header_seen)
        {
          for (guint c = 0; c < N_DIVISION_COLUMNS; c++)
            if (strcmp (g_strstrip ((char *) g_ptr_array_index (fields, c)), division_header[c]) !=
                0)
              return row_error (error, file_name, line_no,
                                _ ("the header is not "
                                   "“代码,一级行政区,二级行政区,名称,级别,状态,启用时间,变更/"
                                   "弃用时间,新代码”")),
                     NULL;
          header_seen = TRUE;
          continue;
        }
      row = parse_division_row (fields, file_name, line_no, error);
      if (row == NULL)
        return NULL;
      g_ptr_array_add (rows, row);
      g_ptr_array_add (line_of, GUINT_TO_POINTER (line_no));
      key = g_strdup_printf ("%s/%d", row->code, row->valid_from);
      if (g_hash_table_lookup_extended (seen, key, NULL, &first_line))
        return row_error (error, file_name, line_no,
                          _ ("R-ID6: the code %s from %d is listed twice (also on line %u)"),
                          row->code, row->valid_from, GPOINTER_TO_UINT (first_line)),
               NULL;
      g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (line_no));
    }
  /* A renamed code may name itself as its successor (a later row of the
   * same code carries the new name); anything else is a loop. */
  last_from = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < rows->len; i++)
    {
      const CivDivisionRow *row = g_ptr_array_index (rows, i);
      int                   last = GPOINTER_TO_INT (g_hash_table_lookup (last_from, row->code));

      if (row->valid_from > last)
        g_hash_table_insert (last_from, row->code, GINT_TO_POINTER (row->valid_from));
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const CivDivisionRow *row = g_ptr_array_index (rows, i);

      if (successor_is_self (row->successors, row->code) &&
          GPOINTER_TO_INT (g_hash_table_lookup (last_from, row->code)) <= row->valid_from)
        return row_error (error, file_name, GPOINTER_TO_UINT (g_ptr_array_index (line_of, i)),
                          _ ("R-ID6: the code %s names itself as its successor, but no later row "
                             "of %s follows"),
                          row->code, row->code),
               NULL;
    }
  if (!header_seen)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("%s: the file is empty: it has no header and no division codes"), file_name);
      return NULL;
    }
  if (rows->len == 0)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("%s: the file has a header but no division codes"), file_name);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static gboolean json_error (GError **error, const char *file, const char *format, ...)
  G_GNUC_PRINTF (3, 4);

static gboolean
json_error (GError **error, const char *file, const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list          ap;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  /* TRANSLATORS: file name, problem */
  g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, _ ("%s: %s"), file, msg);
  return FALSE;
}

static gboolean
member_is (JsonObject *object, const char *name, GType type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (type == G_TYPE_INT64)
    return json_node_get_value_type (node) == G_TYPE_INT64 ||
           json_node_get_value_type (node) == G_TYPE_DOUBLE;
  return json_node_get_value_type (node) == type;
}

gboolean
civ_refdata_parse_holidays (const char *data,
                            gsize       length,
                            const char *file_name,
                            int        *year,
                            GPtrArray **days,
                            GError    **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GHashTable) seen = NULL;
  JsonObject *root;
  JsonArray  *papers;
  JsonArray  *list;
  JsonNode   *node;
  double      year_value;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (file_name != NULL, FALSE);
  g_return_val_if_fail (year != NULL && days != NULL, FALSE);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (length == 0)
    return json_error (error, file_name, _ ("not a JSON file (%s)"), _ ("it is empty"));
  parser = civ_json_parse_outside (data, length, CIV_REFDATA_HOLIDAYS_MAX_BYTES,
                                   CIV_JSON_GUARD_NO_DUPLICATES, &local);
  if (parser == NULL)
    {
      if (local->domain == CIV_JSON_GUARD_ERROR && local->code != CIV_JSON_GUARD_ERROR_SYNTAX)
        {
          /* Too large, too deep, a NUL, a member twice: the guard's own code. */
          g_prefix_error (&local, "%s: ", file_name);
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      return json_error (error, file_name, _ ("not a JSON file (%s)"), local->message);
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return json_error (error, file_name, _ ("the top level is not a JSON object"));
  root = json_node_get_object (node);

  if (!member_is (root, "year", G_TYPE_INT64))
    return json_error (error, file_name, _ ("“year” is missing or not a number"));
  year_value = json_object_get_double_member (root, "year");
  /* The range first: casting 1e40 to int is undefined (found by fuzz-holidays). */
  if (!(year_value >= MIN_YEAR && year_value <= MAX_YEAR) ||
      year_value != (double) (int) year_value)
    return json_error (error, file_name, _ ("“year” is not a whole year from %d to %d"), MIN_YEAR,
                       MAX_YEAR);

  node = json_object_get_member (root, "papers");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return json_error (error, file_name, _ ("“papers” is missing or not a list"));
  papers = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (papers); i++)
    {
      JsonNode *paper = json_array_get_element (papers, i);
      if (!JSON_NODE_HOLDS_VALUE (paper) || json_node_get_value_type (paper) != G_TYPE_STRING)
        return json_error (error, file_name, _ ("papers[%u] is not a text"), i);
    }

  node = json_object_get_member (root, "days");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return json_error (error, file_name, _ ("“days” is missing or not a list"));
  list = json_node_get_array (node);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_holiday_row_free);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode      *item = json_array_get_element (list, i);
      CivHolidayRow *row;
      JsonObject    *day;
      const char    *date_text;
      GDate          date;
      int            date_year;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return json_error (error, file_name, _ ("days[%u] is not an object"), i);
      day = json_node_get_object (item);
      if (!member_is (day, "name", G_TYPE_STRING))
        return json_error (error, file_name, _ ("days[%u]: “name” is missing or not a text"), i);
      if (!member_is (day, "date", G_TYPE_STRING))
        return json_error (error, file_name, _ ("days[%u]: “date” is missing or not a text"), i);
      if (!member_is (day, "isOffDay", G_TYPE_BOOLEAN))
        return json_error (error, file_name,
                           _ ("days[%u]: “isOffDay” is missing or not true/false"), i);
      date_text = json_object_get_string_member (day, "date");
      if (!civ_date_parse_iso (date_text, &date))
        return json_error (error, file_name,
                           _ ("days[%u]: the date “%s” is not a real YYYY-MM-DD date"), i,
                           date_text);
      date_year = g_date_get_year (&date);
      /* A year's own days, and the last days of the year before when the
       * new year's holiday begins there (2019.json lists 2018-12-29…31). */
      if (date_year != (int) year_value &&
          !(date_year == (int) year_value - 1 && g_date_get_month (&date) == G_DATE_DECEMBER &&
            g_date_get_day (&date) >= NEW_YEAR_BRIDGE_FROM))
        return json_error (error, file_name,
                           _ ("days[%u]: the date %s is not in %d (only the last days of "
                              "December %d may begin its new year's holiday)"),
                           i, date_text, (int) year_value, (int) year_value - 1);
      if (*json_object_get_string_member (day, "name") == '\0')
        return json_error (error, file_name, _ ("days[%u]: the name is empty"), i);

      row = g_new0 (CivHolidayRow, 1);
      row->day = g_strdup (date_text);
      row->name = g_strdup (json_object_get_string_member (day, "name"));
      row->is_off_day = json_object_get_boolean_member (day, "isOffDay");
      row->year = (int) year_value;
      g_ptr_array_add (rows, row);
      if (!g_hash_table_add (seen, row->day))
        return json_error (error, file_name, _ ("days[%u]: the date %s is listed twice"), i,
                           date_text);
    }

  *year = (int) year_value;
  *days = g_steal_pointer (&rows);
  return TRUE;
}

typedef struct
{
  char      *path;
  char      *sha256;
  GPtrArray *rows; /* CivDivisionRow or CivHolidayRow */
  int        year;
} Parsed;

static void
parsed_free (Parsed *parsed)
{
  g_free (parsed->path);
  g_free (parsed->sha256);
  g_clear_pointer (&parsed->rows, g_ptr_array_unref);
  g_free (parsed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Parsed, parsed_free)

static Parsed *
read_and_parse (CivRefdataKind kind, const char *path, GError **error)
{
  g_autoptr (Parsed) parsed = g_new0 (Parsed, 1);
  g_autofree char *contents = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr (GError) local = NULL;
  gsize length = 0;

  if (!civ_json_guard_read_file (path,
                                 kind == CIV_REFDATA_DIVISIONS ? CIV_REFDATA_DIVISIONS_MAX_BYTES
                                                               : CIV_REFDATA_HOLIDAYS_MAX_BYTES,
                                 &contents, &length, &local))
    {
      if (local->domain == CIV_JSON_GUARD_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, _ ("Could not read %s: %s"), path,
                   local->message);
      return NULL;
    }
  parsed->path = g_strdup (path);
  parsed->sha256 =
    g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  if (kind == CIV_REFDATA_DIVISIONS)
    parsed->rows = civ_refdata_parse_divisions (contents, length, base, error);
  else if (!civ_refdata_parse_holidays (contents, length, base, &parsed->year, &parsed->rows,
                                        error))
    return NULL;
  if (parsed->rows == NULL)
    return NULL;
  return g_steal_pointer (&parsed);
}

/* The same key in two files of one import is ambiguous: refuse it. */
static gboolean
check_across_files (CivRefdataKind kind, GPtrArray *all, GError **error)
{
  g_autoptr (GHashTable) owner = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint f = 0; f < all->len; f++)
    {
      Parsed          *parsed = g_ptr_array_index (all, f);
      g_autofree char *base = g_path_get_basename (parsed->path);

      if (kind == CIV_REFDATA_HOLIDAYS)
        {
          g_autofree char *key = g_strdup_printf ("%d", parsed->year);
          Parsed          *other = g_hash_table_lookup (owner, key);
          if (other != NULL)
            {
              g_autofree char *other_base = g_path_get_basename (other->path);
              return json_error (error, base, _ ("the year %d is also in %s"), parsed->year,
                                 other_base);
            }
          g_hash_table_insert (owner, g_steal_pointer (&key), parsed);
          continue;
        }
      for (guint i = 0; i < parsed->rows->len; i++)
        {
          const CivDivisionRow *row = g_ptr_array_index (parsed->rows, i);
          g_autofree char      *key = g_strdup_printf ("%s/%d", row->code, row->valid_from);
          Parsed               *other = g_hash_table_lookup (owner, key);
          if (other != NULL && other != parsed)
            {
              g_autofree char *other_base = g_path_get_basename (other->path);
              return json_error (error, base, _ ("R-ID6: the code %s from %d is also in %s"),
                                 row->code, row->valid_from, other_base);
            }
          g_hash_table_insert (owner, g_steal_pointer (&key), parsed);
        }
    }
  return TRUE;
}

static char *
audit_detail (CivRefdataKind kind,
              const char    *file,
              const char    *sha256,
              guint          rows,
              int            year,
              gboolean       announced)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, civ_refdata_kind_to_string (kind));
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, file);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, sha256);
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, rows);
  if (kind == CIV_REFDATA_HOLIDAYS)
    {
      json_builder_set_member_name (b, "year");
      json_builder_add_int_value (b, year);
      json_builder_set_member_name (b, "announced");
      json_builder_add_boolean_value (b, announced);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static gboolean
import_parsed (
  CivStore *store, CivRefdataKind kind, GPtrArray *all, GPtrArray *reports, GError **error)
{
  CivDb             *db = civ_store_get_db (store);
  const CivOperator *op = civ_store_get_operator (store);

  for (guint f = 0; f < all->len; f++)
    {
      Parsed *parsed = g_ptr_array_index (all, f);
      g_autoptr (CivRefdataReport) report = g_new0 (CivRefdataReport, 1);
      g_autofree char *detail = NULL;

      report->kind = kind;
      report->file = g_path_get_basename (parsed->path);
      report->sha256 = g_strdup (parsed->sha256);
      report->rows = parsed->rows->len;
      report->year = parsed->year;
      report->announced = kind == CIV_REFDATA_DIVISIONS || parsed->rows->len > 0;

      if (kind == CIV_REFDATA_DIVISIONS)
        {
          if (!civ_refdata_store_put_divisions (db, parsed->rows, &report->added, &report->changed,
                                                error))
            return FALSE;
        }
      else if (report->announced &&
               !civ_refdata_store_put_holiday_year (db, parsed->year, parsed->rows, report->file,
                                                    &report->changed, error))
        return FALSE;

      if (!civ_refdata_store_record_import (db, civ_refdata_kind_to_string (kind), report->file,
                                            report->sha256, report->rows, op->login, error))
        return FALSE;
      detail = audit_detail (kind, report->file, report->sha256, report->rows, report->year,
                             report->announced);
      if (!civ_store_audit (store, "refdata.import", report->file, detail, error))
        return FALSE;
      g_ptr_array_add (reports, g_steal_pointer (&report));
    }
  return TRUE;
}

gboolean
civ_refdata_import (CivStore          *store,
                    CivRefdataKind     kind,
                    const char *const *files,
                    GPtrArray        **reports,
                    GError           **error)
{
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) done = NULL;
  CivDb *db;

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind == CIV_REFDATA_DIVISIONS || kind == CIV_REFDATA_HOLIDAYS, FALSE);
  g_return_val_if_fail (files != NULL && files[0] != NULL, FALSE);

  if (!civ_require (store, CIV_PERM_IMPORT_REFDATA, error))
    return FALSE;
  db = civ_store_get_db (store);
  if (db == NULL)
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION,
                           _ ("The workstation is locked"));
      return FALSE;
    }

  /* Validate everything before writing anything. */
  all = g_ptr_array_new_with_free_func ((GDestroyNotify) parsed_free);
  for (guint i = 0; files[i]; i++)
    {
      Parsed *parsed = read_and_parse (kind, files[i], error);
      if (parsed == NULL)
        return FALSE;
      g_ptr_array_add (all, parsed);
    }
  if (!check_across_files (kind, all, error))
    return FALSE;

  done = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_refdata_report_free);
  if (!civ_db_begin (db, error))
    return FALSE;
  if (!import_parsed (store, kind, all, done, error) || !civ_db_commit (db, error))
    {
      civ_db_rollback (db);
      return FALSE;
    }
  if (reports)
    *reports = g_steal_pointer (&done);
  return TRUE;
}

gboolean
civ_refdata_load_divisions (CivStore *store, CivDivisionTable **table, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (CivDivisionTable) result = NULL;
  CivDb *db;

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  *table = NULL;
  db = civ_store_get_db (store);
  if (db == NULL)
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION,
                           _ ("The workstation is locked"));
      return FALSE;
    }
  rows = civ_refdata_store_list_divisions (db, error);
  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    return TRUE;
  result = civ_division_table_new ();
  for (guint i = 0; i < rows->len; i++)
    {
      const CivDivisionRow *row = g_ptr_array_index (rows, i);
      civ_division_table_add (result, row->code, row->name, row->province, row->prefecture,
                              row->level, row->valid_from, row->valid_to, row->successors);
    }
  *table = g_steal_pointer (&result);
  return TRUE;
}

CivCalendar *
civ_refdata_load_calendar (CivStore *store, GError **error)
{
  g_autoptr (GPtrArray) days = NULL;
  g_autoptr (GArray) years = NULL;
  g_autoptr (CivCalendar) calendar = NULL;
  CivDb *db;

  g_return_val_if_fail (CIV_IS_STORE (store), NULL);

  db = civ_store_get_db (store);
  if (db == NULL)
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION,
                           _ ("The workstation is locked"));
      return NULL;
    }
  days = civ_refdata_store_list_holidays (db, error);
  if (days == NULL)
    return NULL;
  years = civ_refdata_store_covered_years (db, error);
  if (years == NULL)
    return NULL;

  calendar = civ_calendar_new ();
  for (guint i = 0; i < days->len; i++)
    {
      const CivHolidayRow *row = g_ptr_array_index (days, i);
      GDate                date;

      if (!civ_date_parse_iso (row->day, &date))
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                       _ ("The holiday table holds a bad date “%s”"), row->day);
          return NULL;
        }
      civ_calendar_add_day (calendar, &date, row->name, row->is_off_day);
    }
  for (guint i = 0; i < years->len; i++)
    civ_calendar_add_year (calendar, g_array_index (years, int, i));
  return g_steal_pointer (&calendar);
}
