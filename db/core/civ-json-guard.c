// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-json-guard.c — size, depth and NUL checks before json-glib parses */
#include "civ-json-guard.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

G_DEFINE_QUARK (civ - json - guard - error - quark, civ_json_guard_error)

/* "64 KiB", "1 MiB": the limits are whole units. */
static char *
size_text (gsize bytes)
{
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
    return g_strdup_printf ("%" G_GSIZE_FORMAT " MiB", bytes / (1024 * 1024));
  if (bytes >= 1024 && bytes % 1024 == 0)
    return g_strdup_printf ("%" G_GSIZE_FORMAT " KiB", bytes / 1024);
  return g_strdup_printf ("%" G_GSIZE_FORMAT " B", bytes);
}

static gboolean
too_large (GError **error, gsize max_bytes)
{
  g_autofree char *limit = size_text (max_bytes);

  g_set_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_TOO_LARGE,
               _ ("The JSON is larger than %s; nothing was read"), limit);
  return FALSE;
}

static int
hex_value (char c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

/* The four hex digits at @p, or -1. */
static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = hex_value (p[i]);
      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* A member name as json-glib will read it, so "a" and "\u0061" are one name.
 * Malformed escapes are kept as written: json-glib refuses them anyway. */
static char *
decode_name (const char *p, gsize n)
{
  GString *out = g_string_sized_new (n);

  for (gsize i = 0; i < n; i++)
    {
      int u;

      if (p[i] != '\\' || i + 1 >= n)
        {
          g_string_append_c (out, p[i]);
          continue;
        }
      i++;
      switch (p[i])
        {
        case 'b':
          g_string_append_c (out, '\b');
          break;
        case 'f':
          g_string_append_c (out, '\f');
          break;
        case 'n':
          g_string_append_c (out, '\n');
          break;
        case 'r':
          g_string_append_c (out, '\r');
          break;
        case 't':
          g_string_append_c (out, '\t');
          break;
        case 'u':
          u = i + 4 < n ? hex4 (p + i + 1) : -1;
          if (u < 0)
            {
              g_string_append (out, "\\u");
              break;
            }
          i += 4;
          if (u >= 0xD800 && u < 0xDC00 && i + 6 < n && p[i + 1] == '\\' && p[i + 2] == 'u')
            {
              int low = hex4 (p + i + 3);
              if (low >= 0xDC00 && low < 0xE000)
                {
                  u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                  i += 6;
                }
            }
          g_string_append_unichar (out, (gunichar) u);
          break;
        default: /* \" \\ \/ and anything json-glib will refuse */
          g_string_append_c (out, p[i]);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

gboolean
civ_json_guard_check (
  const char *data, gsize len, gsize max_bytes, CivJsonGuardFlags flags, GError **error)
{
  /* One byte per open container ('{' or '['): no allocation for the
   * depth, however deep the input tries to go. */
  char        kinds[CIV_JSON_GUARD_MAX_DEPTH];
  GHashTable *names[CIV_JSON_GUARD_MAX_DEPTH] = { NULL };
  gboolean    dup = (flags & CIV_JSON_GUARD_NO_DUPLICATES) != 0;
  gboolean    expect_name = FALSE;
  gboolean    ok = TRUE;
  guint       depth = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (len > max_bytes)
    return too_large (error, max_bytes);

  for (gsize i = 0; i < len && ok; i++)
    {
      char c = data[i];

      switch (c)
        {
        case '\0':
          g_set_error_literal (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_NUL,
                               _ ("The JSON holds a NUL byte; nothing was read"));
          ok = FALSE;
          break;
        case '{':
        case '[':
          if (depth == CIV_JSON_GUARD_MAX_DEPTH)
            {
              g_set_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_TOO_DEEP,
                           _ ("The JSON is nested deeper than %d levels; nothing was read"),
                           CIV_JSON_GUARD_MAX_DEPTH);
              ok = FALSE;
              break;
            }
          kinds[depth] = c;
          if (dup && c == '{')
            names[depth] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          depth++;
          expect_name = c == '{';
          break;
        case '}':
        case ']':
          /* A mismatched bracket is json-glib's to refuse. */
          if (depth > 0)
            {
              depth--;
              g_clear_pointer (&names[depth], g_hash_table_unref);
            }
          expect_name = FALSE;
          break;
        case ',':
          expect_name = depth > 0 && kinds[depth - 1] == '{';
          break;
        case '"':
          {
            gsize start = i + 1;

            for (i = start; i < len; i++)
              {
                if (data[i] == '"')
                  break;
                if (data[i] == '\0')
                  break;
                if (data[i] == '\\' && i + 1 < len)
                  {
                    i++;
                    if (data[i] == 'u' && i + 4 < len && hex4 (data + i + 1) == 0)
                      {
                        g_set_error_literal (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_NUL,
                                             _ ("A text in the JSON holds a NUL character "
                                                "(\\u0000); nothing "
                                                "was read"));
                        ok = FALSE;
                        break;
                      }
                  }
              }
            if (!ok)
              break;
            if (i < len && data[i] == '\0')
              {
                i--; /* the NUL case above reports it */
                break;
              }
            if (expect_name && dup && i < len && names[depth - 1] != NULL)
              {
                char *name = decode_name (data + start, i - start);

                if (!g_hash_table_add (names[depth - 1], name))
                  {
                    g_autofree char *shown = g_strescape (name, NULL);

                    g_set_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_DUPLICATE,
                                 _ ("The JSON names the member “%s” twice in one object; "
                                    "nothing was read"),
                                 shown);
                    ok = FALSE;
                  }
              }
            expect_name = FALSE;
          }
          break;
        default:
          break;
        }
    }
  for (guint d = 0; d < CIV_JSON_GUARD_MAX_DEPTH; d++)
    g_clear_pointer (&names[d], g_hash_table_unref);
  return ok;
}

JsonParser *
civ_json_guard_parse (
  const char *data, gsize len, gsize max_bytes, CivJsonGuardFlags flags, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local = NULL;

  if (!civ_json_guard_check (data, len, max_bytes, flags, error))
    return NULL;
  if (len == 0)
    {
      g_set_error_literal (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_SYNTAX,
                           _ ("The JSON is empty"));
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local))
    {
      g_set_error_literal (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_SYNTAX,
                           local->message);
      return NULL;
    }
  return g_steal_pointer (&parser);
}

gboolean
civ_json_guard_read_file (
  const char *path, gsize max_bytes, char **contents, gsize *len, GError **error)
{
  g_autofree char *buf = NULL;
  gsize            got = 0;
  int              fd;

  g_return_val_if_fail (path != NULL && contents != NULL && len != NULL, FALSE);
  g_return_val_if_fail (max_bytes < G_MAXSIZE - 1, FALSE);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _ ("Could not open %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  /* One byte more than allowed tells a file at the limit from a longer one. */
  buf = g_malloc (max_bytes + 2);
  while (got <= max_bytes)
    {
      gssize n = read (fd, buf + got, max_bytes + 1 - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_close (fd, NULL);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _ ("Could not read %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      got += (gsize) n;
    }
  g_close (fd, NULL);
  if (got > max_bytes)
    {
      g_autofree char *limit = size_text (max_bytes);

      memset (buf, 0, got);
      g_set_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_TOO_LARGE,
                   _ ("%s is larger than %s; nothing was read"), path, limit);
      return FALSE;
    }
  buf[got] = '\0';
  *len = got;
  *contents = g_steal_pointer (&buf);
  return TRUE;
}
