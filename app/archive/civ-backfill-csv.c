// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-backfill-csv.c — the streaming CSV reader of historical entries, the
 * error report, the file's SHA-256 (docs/backfill-csv.md)
 *
 * The records are cut on the file's own bytes and each cell is decoded on
 * its own: in UTF-8 and in GB18030 the bytes of a comma, a double quote, CR
 * and LF never occur inside a multibyte character (GB18030's trailing bytes
 * are 0x30–0x39 and 0x40–0xFE), so a byte sequence invalid in the encoding
 * spoils one cell of one row, never the rows after it.
 */
#include "civ-backfill-csv.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-app-error.h"

/* Bytes looked at to tell UTF-8 from GB18030. */
#define DETECT_BYTES (64 * 1024)
/* Bytes asked of the stream at a time. */
#define READ_CHUNK (64 * 1024)
/* The buffer holds one record of the maximum size and a read. */
#define BUFFER_SIZE (CIV_BACKFILL_CSV_MAX_ROW_BYTES + 2 * READ_CHUNK)
/* How much of an unclosed cell the error shows. */
#define SHOWN_VALUE_CHARS 100

G_DEFINE_QUARK (civ - backfill - csv - error - quark, civ_backfill_csv_error)

/* ---- Encodings ---------------------------------------------------------- */

const char *
civ_csv_encoding_to_string (CivCsvEncoding encoding)
{
  switch (encoding)
    {
    case CIV_CSV_ENCODING_AUTO:
      return "auto";
    case CIV_CSV_ENCODING_UTF8:
      return "utf-8";
    case CIV_CSV_ENCODING_GB18030:
      return "gb18030";
    default:
      return NULL;
    }
}

gboolean
civ_csv_encoding_from_string (const char *text, CivCsvEncoding *encoding)
{
  static const struct
  {
    const char    *name;
    CivCsvEncoding encoding;
  } names[] = {
    { "auto", CIV_CSV_ENCODING_AUTO },        { "utf-8", CIV_CSV_ENCODING_UTF8 },
    { "utf8", CIV_CSV_ENCODING_UTF8 },        { "gb18030", CIV_CSV_ENCODING_GB18030 },
    { "gbk", CIV_CSV_ENCODING_GB18030 },      { "gb2312", CIV_CSV_ENCODING_GB18030 },
    { "gb-18030", CIV_CSV_ENCODING_GB18030 },
  };

  if (text == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i].name) == 0)
      {
        if (encoding != NULL)
          *encoding = names[i].encoding;
        return TRUE;
      }
  return FALSE;
}

static const char *
encoding_display_name (CivCsvEncoding encoding)
{
  return encoding == CIV_CSV_ENCODING_GB18030 ? "GB18030" : "UTF-8";
}

/* TRUE when @p[0..@n) is valid UTF-8 except for the start of a multibyte
 * character cut off at its end. */
static gboolean
utf8_valid_but_cut (const guint8 *p, gsize n)
{
  const char *end = NULL;
  gsize       rest, need;
  guint8      lead;

  if (g_utf8_validate ((const char *) p, n, &end))
    return TRUE;
  rest = n - (gsize) ((const guint8 *) end - p);
  lead = *(const guint8 *) end;
  if (lead >= 0xC2 && lead <= 0xDF)
    need = 2;
  else if (lead >= 0xE0 && lead <= 0xEF)
    need = 3;
  else if (lead >= 0xF0 && lead <= 0xF4)
    need = 4;
  else
    return FALSE;
  if (rest >= need)
    return FALSE;
  for (gsize i = 1; i < rest; i++)
    if ((((const guint8 *) end)[i] & 0xC0) != 0x80)
      return FALSE;
  return TRUE;
}

/* ---- Rows --------------------------------------------------------------- */

void
civ_backfill_row_error_free (CivBackfillRowError *error)
{
  if (error == NULL)
    return;
  g_free (error->header);
  g_free (error->value);
  g_free (error->message);
  g_free (error->rule);
  g_free (error);
}

void
civ_backfill_row_free (CivBackfillRow *row)
{
  if (row == NULL)
    return;
  g_clear_pointer (&row->input, civ_historical_input_free);
  g_clear_pointer (&row->errors, g_ptr_array_unref);
  g_clear_pointer (&row->findings, g_ptr_array_unref);
  g_free (row);
}

gboolean
civ_backfill_row_is_valid (const CivBackfillRow *row)
{
  g_return_val_if_fail (row != NULL, FALSE);
  return row->errors->len == 0;
}

/* ---- The reader --------------------------------------------------------- */

typedef enum
{
  RECORD_END,          /* no more bytes */
  RECORD_OK,           /* a record, its cells in the scratch arrays */
  RECORD_UNTERMINATED, /* a quote never closed; the record's first line was skipped */
  RECORD_TOO_LONG,     /* longer than the limit; its first line was skipped */
} RecordStatus;

typedef struct
{
  gsize    offset; /* in CivBackfillCsv.cell_bytes */
  gsize    length;
  gboolean quote_error;
} Cell;

struct _CivBackfillCsv
{
  GInputStream  *in;
  CivCsvEncoding encoding;
  GIConv         iconv; /* GB18030 → UTF-8, (GIConv) -1 for UTF-8 */

  guint8  *buf;
  gsize    buf_size; /* allocated, up to BUFFER_SIZE */
  gsize    buf_len;  /* bytes in buf */
  gsize    buf_pos;  /* where the next record starts */
  gboolean eof;
  guint64  buf_offset; /* the stream's bytes before buf[0] */
  guint64  total;

  guint64 row;  /* the spreadsheet row of the last record read */
  guint64 line; /* the file's line at buf_pos */

  /* The last record: its cells' bytes, unquoted, and where they are. */
  GByteArray *cell_bytes;
  GArray     *cells; /* of Cell */
  /* For a record cut short: the column its open quote starts in. */
  int         open_quote_column;
  GString    *open_quote_text;
  GString    *scratch; /* a cell being decoded */

  guint  n_columns;
  char **headers;      /* as written, trimmed */
  int   *column_field; /* per column: CivHistField, or -1 for a column without a name */
  int    field_column[CIV_HF_N_FIELDS];
  GDate  today;
};

/* Reads more bytes into the buffer, keeping those from @keep on (moved to
 * the start): a quarter of a read at least, so a stream that hands out a
 * few bytes at a time does not make a long record be scanned again for
 * each of them. FALSE on a read error; at the end of the stream sets eof. */
static gboolean
fill (CivBackfillCsv *self, gsize keep, GCancellable *cancellable, GError **error)
{
  gsize got = 0;

  g_assert (keep <= self->buf_len);
  if (keep > 0)
    {
      memmove (self->buf, self->buf + keep, self->buf_len - keep);
      self->buf_len -= keep;
      self->buf_pos -= MIN (self->buf_pos, keep);
      self->buf_offset += keep;
    }
  g_assert (self->buf_len < BUFFER_SIZE);
  while (got < READ_CHUNK / 4 && !self->eof && self->buf_len < BUFFER_SIZE)
    {
      gssize n;

      /* A small file never needs the whole buffer. */
      if (self->buf_len == self->buf_size)
        {
          self->buf_size = MIN (self->buf_size * 2, BUFFER_SIZE);
          self->buf = g_realloc (self->buf, self->buf_size);
        }
      n =
        g_input_stream_read (self->in, self->buf + self->buf_len,
                             MIN (READ_CHUNK, self->buf_size - self->buf_len), cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        self->eof = TRUE;
      self->buf_len += (gsize) n;
      got += (gsize) n;
    }
  return TRUE;
}

typedef enum
{
  SCAN_DONE,
  SCAN_MORE,        /* the buffer ends before the record does */
  SCAN_LIMIT,       /* the record is longer than the limit */
  SCAN_UNTERMINATED /* the file ends inside a quote, or a quote closes lines later
                       with text after it */
} ScanResult;

static void
cell_begin (CivBackfillCsv *self)
{
  Cell cell = { self->cell_bytes->len, 0, FALSE };

  g_array_append_val (self->cells, cell);
}

static void
cell_end (CivBackfillCsv *self)
{
  Cell *cell = &g_array_index (self->cells, Cell, self->cells->len - 1);

  cell->length = self->cell_bytes->len - cell->offset;
}

/* Cuts one record from @p[0..@n) (@at_eof: no bytes follow). On SCAN_DONE
 * *@used is its length with its line end and *@lines the line ends in it.
 * On SCAN_LIMIT and SCAN_UNTERMINATED, *@first_line is the length of its
 * first line with its line end when that is among the bytes looked at
 * (*@first_line_known), else the bytes looked at, none of them a line end;
 * *@in_quote says whether the cut fell inside a quote. */
static ScanResult
scan_record (CivBackfillCsv *self,
             const guint8   *p,
             gsize           n,
             gboolean        at_eof,
             gsize          *used,
             guint64        *lines,
             gsize          *first_line,
             gboolean       *first_line_known,
             gboolean       *in_quote)
{
  gsize   i = 0;
  gsize   limit = MIN (n, (gsize) CIV_BACKFILL_CSV_MAX_ROW_BYTES);
  guint64 ends = 0;
  gsize   first_end = 0;

  g_byte_array_set_size (self->cell_bytes, 0);
  g_array_set_size (self->cells, 0);
  self->open_quote_column = -1;
  *in_quote = FALSE;

#define NOTE_LINE_END(after)                                                                       \
  G_STMT_START                                                                                     \
  {                                                                                                \
    ends++;                                                                                        \
    if (first_end == 0)                                                                            \
      first_end = (after);                                                                         \
  }                                                                                                \
  G_STMT_END
#define CUT(result)                                                                                \
  G_STMT_START                                                                                     \
  {                                                                                                \
    *first_line = first_end > 0 ? first_end : i;                                                   \
    *first_line_known = first_end > 0;                                                             \
    return (result);                                                                               \
  }                                                                                                \
  G_STMT_END

  for (;;)
    {
      gboolean quoted = FALSE;
      guint64  ends_before = ends;

      /* The start of a cell; spaces before an opening quote do not count. */
      cell_begin (self);
      {
        gsize j = i;

        while (j < limit && (p[j] == ' ' || p[j] == '\t'))
          j++;
        if (j < limit && p[j] == '"')
          i = j;
      }
      if (i < limit && p[i] == '"')
        {
          gboolean closed = FALSE;

          quoted = TRUE;

          self->open_quote_column = (int) self->cells->len - 1;
          i++;
          while (!closed)
            {
              if (i >= limit)
                {
                  *in_quote = TRUE;
                  if (limit < n || n >= CIV_BACKFILL_CSV_MAX_ROW_BYTES)
                    CUT (SCAN_LIMIT);
                  if (!at_eof)
                    return SCAN_MORE;
                  CUT (SCAN_UNTERMINATED);
                }
              if (p[i] == '"')
                {
                  if (i + 1 >= n && !at_eof)
                    return SCAN_MORE;
                  if (i + 1 < n && p[i + 1] == '"')
                    {
                      g_byte_array_append (self->cell_bytes, (const guint8 *) "\"", 1);
                      i += 2;
                    }
                  else
                    {
                      closed = TRUE;
                      i++;
                    }
                }
              else if (p[i] == '\r' || p[i] == '\n')
                {
                  /* A line break inside a value, kept as LF. */
                  if (p[i] == '\r')
                    {
                      if (i + 1 >= n && !at_eof)
                        return SCAN_MORE;
                      if (i + 1 < n && p[i + 1] == '\n')
                        i++;
                    }
                  i++;
                  NOTE_LINE_END (i);
                  g_byte_array_append (self->cell_bytes, (const guint8 *) "\n", 1);
                }
              else
                {
                  gsize from = i;

                  while (i < limit && p[i] != '"' && p[i] != '\r' && p[i] != '\n')
                    i++;
                  g_byte_array_append (self->cell_bytes, p + from, (guint) (i - from));
                }
            }
          self->open_quote_column = -1;
        }
      /* Unquoted text, or what follows a closing quote (an error then). */
      {
        gsize from = i;
        Cell *cell;

        while (i < limit && p[i] != ',' && p[i] != '\r' && p[i] != '\n')
          i++;
        cell = &g_array_index (self->cells, Cell, self->cells->len - 1);
        if (quoted)
          for (gsize j = from; j < i; j++)
            if (p[j] != ' ' && p[j] != '\t')
              cell->quote_error = TRUE;
        /* Text after a quote that closed lines later: most likely the
         * quote was never closed and this one opens a cell further on. */
        if (cell->quote_error && ends > ends_before)
          {
            self->open_quote_column = (int) self->cells->len - 1;
            *in_quote = TRUE;
            CUT (SCAN_UNTERMINATED);
          }
        g_byte_array_append (self->cell_bytes, p + from, (guint) (i - from));
      }
      cell_end (self);
      if (i >= limit)
        {
          if (limit < n || n >= CIV_BACKFILL_CSV_MAX_ROW_BYTES)
            CUT (SCAN_LIMIT);
          if (!at_eof)
            return SCAN_MORE;
          *used = i;
          *lines = ends;
          return SCAN_DONE;
        }
      if (p[i] == ',')
        {
          i++;
          continue;
        }
      /* The end of the record. */
      if (p[i] == '\r')
        {
          if (i + 1 >= n && !at_eof)
            return SCAN_MORE;
          if (i + 1 < n && p[i + 1] == '\n')
            i++;
        }
      i++;
      *used = i;
      *lines = ends + 1;
      return SCAN_DONE;
    }
#undef NOTE_LINE_END
#undef CUT
}

/* Moves past the first line of a record that could not be read (a quote
 * never closed, a record over the limit): @first_line bytes when its line
 * end is known (@known), else up to the next line end however far. */
static gboolean
skip_first_line (
  CivBackfillCsv *self, gsize first_line, gboolean known, GCancellable *cancellable, GError **error)
{
  if (known)
    {
      self->buf_pos += first_line;
      self->line++;
      return TRUE;
    }
  self->buf_pos += first_line;
  for (;;)
    {
      gsize k = self->buf_pos;

      while (k < self->buf_len && self->buf[k] != '\r' && self->buf[k] != '\n')
        k++;
      if (k < self->buf_len)
        {
          if (self->buf[k] == '\r' && k + 1 >= self->buf_len && !self->eof)
            {
              self->buf_pos = k;
              if (!fill (self, self->buf_pos, cancellable, error))
                return FALSE;
              continue;
            }
          if (self->buf[k] == '\r' && k + 1 < self->buf_len && self->buf[k + 1] == '\n')
            k++;
          self->buf_pos = k + 1;
          self->line++;
          return TRUE;
        }
      self->buf_pos = self->buf_len;
      if (self->eof)
        return TRUE;
      if (!fill (self, self->buf_pos, cancellable, error))
        return FALSE;
    }
}

/* The next record, its cells in cell_bytes and cells. FALSE on a read
 * error or cancellation. */
static gboolean
read_record (CivBackfillCsv *self, RecordStatus *status, GCancellable *cancellable, GError **error)
{
  for (;;)
    {
      gsize      avail = self->buf_len - self->buf_pos;
      gsize      used = 0, first_line = 0;
      guint64    lines = 0;
      gboolean   in_quote = FALSE, known = FALSE;
      ScanResult result;

      if (avail == 0)
        {
          if (self->eof)
            {
              *status = RECORD_END;
              return TRUE;
            }
          if (!fill (self, self->buf_pos, cancellable, error))
            return FALSE;
          continue;
        }
      result = scan_record (self, self->buf + self->buf_pos, avail, self->eof, &used, &lines,
                            &first_line, &known, &in_quote);
      switch (result)
        {
        case SCAN_DONE:
          self->buf_pos += used;
          self->line += lines;
          *status = RECORD_OK;
          return TRUE;

        case SCAN_MORE:
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (!fill (self, self->buf_pos, cancellable, error))
            return FALSE;
          continue;

        case SCAN_LIMIT:
        case SCAN_UNTERMINATED:
          *status = in_quote ? RECORD_UNTERMINATED : RECORD_TOO_LONG;
          g_string_truncate (self->open_quote_text, 0);
          if (in_quote && self->open_quote_column >= 0)
            {
              const Cell *cell = &g_array_index (self->cells, Cell, self->open_quote_column);
              const char *text = (const char *) self->cell_bytes->data + cell->offset;
              gsize       length = self->cell_bytes->len - cell->offset;
              const char *nl = memchr (text, '\n', length);

              /* Raw bytes: decoded (or escaped) by the caller. */
              g_string_append_len (self->open_quote_text, text,
                                   (gssize) (nl != NULL ? (gsize) (nl - text) : length));
            }
          if (!skip_first_line (self, first_line, known, cancellable, error))
            return FALSE;
          return TRUE;

        default:
          g_assert_not_reached ();
        }
    }
}

/* Appends @p[0..@n) converted from GB18030; an invalid byte stops it
 * (FALSE) or, with @escape, is written as \xNN. */
static gboolean
gb18030_append (CivBackfillCsv *self, GString *out, const guint8 *p, gsize n, gboolean escape)
{
  char    *in = (char *) p;
  gsize    inleft = n;
  gboolean ok = TRUE;

  g_iconv (self->iconv, NULL, NULL, NULL, NULL);
  while (inleft > 0)
    {
      char  tmp[4096];
      char *outp = tmp;
      gsize outleft = sizeof tmp;
      gsize r = g_iconv (self->iconv, &in, &inleft, &outp, &outleft);
      int   saved = errno;

      g_string_append_len (out, tmp, outp - tmp);
      if (r != (gsize) -1)
        continue;
      if (saved == E2BIG)
        continue;
      ok = FALSE;
      if (!escape)
        return FALSE;
      g_string_append_printf (out, "\\x%02X", *(guint8 *) in);
      in++;
      inleft--;
      g_iconv (self->iconv, NULL, NULL, NULL, NULL);
    }
  return ok;
}

/* The text of a cell's bytes in UTF-8; *@valid FALSE (and each invalid byte
 * shown as \xNN) when they are not valid in the file's encoding or hold a
 * NUL byte. */
static char *
decode_bytes (CivBackfillCsv *self, const guint8 *p, gsize n, gboolean *valid)
{
  GString *out = self->scratch;
  gsize    pos = 0;
  gboolean ascii = TRUE;

  *valid = TRUE;
  /* g_utf8_validate () refuses a NUL byte too. */
  if (self->encoding == CIV_CSV_ENCODING_UTF8 &&
      g_utf8_validate ((const char *) p, (gssize) n, NULL))
    return g_strndup ((const char *) p, n);
  if (self->encoding == CIV_CSV_ENCODING_GB18030 && memchr (p, 0, n) == NULL)
    {
      for (gsize i = 0; i < n && ascii; i++)
        ascii = p[i] < 0x80;
      if (ascii)
        return g_strndup ((const char *) p, n);
      g_string_truncate (out, 0);
      if (gb18030_append (self, out, p, n, FALSE))
        return g_strndup (out->str, out->len);
    }
  *valid = FALSE;
  g_string_truncate (out, 0);
  while (pos < n)
    {
      const guint8 *nul = memchr (p + pos, 0, n - pos);
      gsize         end = nul != NULL ? (gsize) (nul - p) : n;

      if (self->encoding == CIV_CSV_ENCODING_UTF8)
        {
          while (pos < end)
            {
              const char *stop = NULL;

              g_utf8_validate ((const char *) p + pos, (gssize) (end - pos), &stop);
              g_string_append_len (out, (const char *) p + pos, stop - ((const char *) p + pos));
              pos = (gsize) ((const guint8 *) stop - p);
              if (pos < end)
                {
                  g_string_append_printf (out, "\\x%02X", p[pos]);
                  pos++;
                }
            }
        }
      else
        {
          gb18030_append (self, out, p + pos, end - pos, TRUE);
          pos = end;
        }
      if (nul != NULL)
        {
          g_string_append (out, "\\x00");
          pos++;
        }
    }
  return g_strndup (out->str, out->len);
}

#define IDEOGRAPHIC_SPACE "\xe3\x80\x80"

/* Trims ASCII white space and U+3000 from both ends of @s, in place. */
static char *
trim_cell (char *s)
{
  char *start = s;
  char *end = s + strlen (s);

  for (;;)
    {
      if (start < end && g_ascii_isspace (*start))
        start++;
      else if (end - start >= 3 && memcmp (start, IDEOGRAPHIC_SPACE, 3) == 0)
        start += 3;
      else
        break;
    }
  for (;;)
    {
      if (end > start && g_ascii_isspace (end[-1]))
        end--;
      else if (end - start >= 3 && memcmp (end - 3, IDEOGRAPHIC_SPACE, 3) == 0)
        end -= 3;
      else
        break;
    }
  memmove (s, start, (gsize) (end - start));
  s[end - start] = '\0';
  return s;
}

/* ---- The header --------------------------------------------------------- */

typedef struct
{
  const char *alias;
  int         field;
} Alias;

/* The first Chinese name of a field is the one messages name it by. */
static const Alias entry_aliases[] = {
  { "类别", CIV_HF_KIND },
  { "登记类别", CIV_HF_KIND },
  { "登记日期", CIV_HF_DATE },
  { "证书编号", CIV_HF_RAW_NUMBER },
  { "结婚证字号", CIV_HF_RAW_NUMBER },
  { "证书字号", CIV_HF_RAW_NUMBER },
  { "字号", CIV_HF_RAW_NUMBER },
  { "字号年代", CIV_HF_NUMBER_ERA },
  { "登记机关代码", CIV_HF_OFFICE_CODE },
  { "登记机关", CIV_HF_OFFICE_NAME },
  { "登记员", CIV_HF_REGISTRAR },
  { "婚姻性质", CIV_HF_NATURE },
  { "档号", CIV_HF_ARCHIVE_NO },
  { "卷号", CIV_HF_VOLUME },
  { "页", CIV_HF_PAGE },
  { "页号", CIV_HF_PAGE },
  { "条目", CIV_HF_ENTRY },
  { "序号", CIV_HF_ENTRY },
  { "备注", CIV_HF_REMARKS },
  { "异常说明", CIV_HF_REMARKS },
  /* English, compared in lower case with "_", "-", ":" read as spaces */
  { "kind", CIV_HF_KIND },
  { "category", CIV_HF_KIND },
  { "registration date", CIV_HF_DATE },
  { "date", CIV_HF_DATE },
  { "certificate number", CIV_HF_RAW_NUMBER },
  { "certificate no", CIV_HF_RAW_NUMBER },
  { "number era", CIV_HF_NUMBER_ERA },
  { "number format era", CIV_HF_NUMBER_ERA },
  { "office code", CIV_HF_OFFICE_CODE },
  { "registry office code", CIV_HF_OFFICE_CODE },
  { "office", CIV_HF_OFFICE_NAME },
  { "office name", CIV_HF_OFFICE_NAME },
  { "registry office", CIV_HF_OFFICE_NAME },
  { "registrar", CIV_HF_REGISTRAR },
  { "nature", CIV_HF_NATURE },
  { "marriage nature", CIV_HF_NATURE },
  { "nature of the marriage", CIV_HF_NATURE },
  { "archive number", CIV_HF_ARCHIVE_NO },
  { "archive no", CIV_HF_ARCHIVE_NO },
  { "volume", CIV_HF_VOLUME },
  { "page", CIV_HF_PAGE },
  { "entry", CIV_HF_ENTRY },
  { "remarks", CIV_HF_REMARKS },
  { "anomaly remarks", CIV_HF_REMARKS },
};

static const struct
{
  const char *prefix;
  int         party;
} party_prefixes[] = {
  { "男方", 0 }, { "女方", 1 },   { "一方", 0 },     { "另一方", 1 },
  { "man ", 0 }, { "woman ", 1 }, { "party 1 ", 0 }, { "party 2 ", 1 },
};

static const Alias party_suffixes[] = {
  { "姓名", CIV_HF_P_NAME },
  { "性别", CIV_HF_P_SEX },
  { "出生日期", CIV_HF_P_BIRTH_DATE },
  { "国籍", CIV_HF_P_NATIONALITY },
  { "民族", CIV_HF_P_ETHNICITY },
  { "职业", CIV_HF_P_OCCUPATION },
  { "证件类型", CIV_HF_P_DOC_KIND },
  { "身份证号", CIV_HF_P_DOC_NUMBER },
  { "证件号码", CIV_HF_P_DOC_NUMBER },
  { "证件状态", CIV_HF_P_DOC_STATUS },
  { "婚前状况", CIV_HF_P_STATUS_BEFORE },
  { "name", CIV_HF_P_NAME },
  { "sex", CIV_HF_P_SEX },
  { "birth date", CIV_HF_P_BIRTH_DATE },
  { "date of birth", CIV_HF_P_BIRTH_DATE },
  { "nationality", CIV_HF_P_NATIONALITY },
  { "ethnicity", CIV_HF_P_ETHNICITY },
  { "ethnic group", CIV_HF_P_ETHNICITY },
  { "occupation", CIV_HF_P_OCCUPATION },
  { "document type", CIV_HF_P_DOC_KIND },
  { "document kind", CIV_HF_P_DOC_KIND },
  { "identity document", CIV_HF_P_DOC_KIND },
  { "id number", CIV_HF_P_DOC_NUMBER },
  { "document number", CIV_HF_P_DOC_NUMBER },
  { "document status", CIV_HF_P_DOC_STATUS },
  { "document number status", CIV_HF_P_DOC_STATUS },
  { "status before", CIV_HF_P_STATUS_BEFORE },
  { "marital status before", CIV_HF_P_STATUS_BEFORE },
};

/* The fields a file must have a column for (the kind defaults to a marriage). */
static const int required_fields[] = {
  CIV_HF_DATE,
  CIV_HF_OFFICE_CODE,
  CIV_HF_PARTY (0, CIV_HF_P_NAME),
  CIV_HF_PARTY (1, CIV_HF_P_NAME),
};

/* A header as compared: ASCII in lower case, "_", "-", ":", "：", tabs and
 * U+3000 read as one space, no space at either end. */
static char *
header_key (const char *header)
{
  GString    *key = g_string_new (NULL);
  gboolean    space = FALSE;
  const char *p;

  for (p = header; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == '_' || c == '-' || c == ':' || c == '\t' || c == 0xFF1A || c == 0x3000)
        {
          space = TRUE;
          continue;
        }
      if (space && key->len > 0)
        g_string_append_c (key, ' ');
      space = FALSE;
      if (c < 0x80)
        g_string_append_c (key, g_ascii_tolower ((char) c));
      else
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

static GHashTable *
header_table (void)
{
  static GHashTable *table = NULL;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (int f = 0; f < CIV_HF_N_FIELDS; f++)
        g_hash_table_insert (t, header_key (civ_hist_field_name (f)), GINT_TO_POINTER (f + 1));
      for (gsize i = 0; i < G_N_ELEMENTS (entry_aliases); i++)
        g_hash_table_insert (t, header_key (entry_aliases[i].alias),
                             GINT_TO_POINTER (entry_aliases[i].field + 1));
      for (gsize i = 0; i < G_N_ELEMENTS (party_prefixes); i++)
        for (gsize j = 0; j < G_N_ELEMENTS (party_suffixes); j++)
          {
            g_autofree char *alias =
              g_strconcat (party_prefixes[i].prefix, party_suffixes[j].alias, NULL);
            int field = CIV_HF_PARTY (party_prefixes[i].party, party_suffixes[j].field);

            /* Chinese prefixes go with Chinese suffixes, English with English. */
            if ((party_prefixes[i].prefix[0] & 0x80) != (party_suffixes[j].alias[0] & 0x80))
              continue;
            g_hash_table_insert (t, header_key (alias), GINT_TO_POINTER (field + 1));
          }
      g_once_init_leave (&table, t);
    }
  return table;
}

/* The field a header names, or -1. */
static int
field_for_header (const char *header)
{
  g_autofree char *key = header_key (header);
  gpointer         value = g_hash_table_lookup (header_table (), key);

  return value != NULL ? GPOINTER_TO_INT (value) - 1 : -1;
}

/* "登记日期 (date)": how a message names a field the file lacks. */
static char *
field_display (int field)
{
  const char *chinese = NULL;

  if (field >= CIV_HF_P_FIRST)
    {
      int party = (field - CIV_HF_P_FIRST) / CIV_HF_P_COUNT;
      int pf = (field - CIV_HF_P_FIRST) % CIV_HF_P_COUNT;

      for (gsize j = 0; j < G_N_ELEMENTS (party_suffixes); j++)
        if (party_suffixes[j].field == pf)
          return g_strdup_printf ("%s%s (%s)", party_prefixes[party].prefix,
                                  party_suffixes[j].alias, civ_hist_field_name (field));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (entry_aliases) && chinese == NULL; i++)
    if (entry_aliases[i].field == field)
      chinese = entry_aliases[i].alias;
  return g_strdup_printf ("%s (%s)", chinese, civ_hist_field_name (field));
}

static void
join_quoted (GString *list, const char *item)
{
  if (list->len > 0)
    g_string_append (list, C_ ("list separator", ", "));
  g_string_append_printf (list, "“%s”", item);
}

/* Maps the header's cells to fields; FALSE with the file-level error. */
static gboolean
map_header (CivBackfillCsv *self, GPtrArray *values, GError **error)
{
  g_autoptr (GString) unknown = g_string_new (NULL);
  g_autoptr (GString) duplicate = g_string_new (NULL);
  g_autoptr (GString) missing = g_string_new (NULL);

  self->n_columns = values->len;
  self->headers = g_new0 (char *, values->len + 1);
  self->column_field = g_new0 (int, values->len);
  for (int f = 0; f < CIV_HF_N_FIELDS; f++)
    self->field_column[f] = -1;
  for (guint c = 0; c < values->len; c++)
    {
      const char *header = g_ptr_array_index (values, c);
      int         field;

      self->headers[c] = g_strdup (header);
      self->column_field[c] = -1;
      if (*header == '\0')
        continue; /* a column without a name must stay empty (an error of a row) */
      field = field_for_header (header);
      if (field < 0)
        {
          join_quoted (unknown, header);
          continue;
        }
      if (self->field_column[field] >= 0)
        {
          g_autofree char *pair =
            g_strdup_printf (_ ("“%s” and “%s”"), self->headers[self->field_column[field]], header);

          if (duplicate->len > 0)
            g_string_append (duplicate, C_ ("list separator", ", "));
          g_string_append (duplicate, pair);
          continue;
        }
      self->field_column[field] = (int) c;
      self->column_field[c] = field;
    }
  if (unknown->len > 0)
    {
      g_set_error (error, CIV_BACKFILL_CSV_ERROR, CIV_BACKFILL_CSV_ERROR_UNKNOWN_COLUMN,
                   _ ("The file has columns no field is called by: %s. Rename them to the column "
                      "names of docs/backfill-csv.md (such as 登记日期 or date) or remove them; "
                      "nothing was imported."),
                   unknown->str);
      return FALSE;
    }
  if (duplicate->len > 0)
    {
      g_set_error (error, CIV_BACKFILL_CSV_ERROR, CIV_BACKFILL_CSV_ERROR_DUPLICATE_COLUMN,
                   _ ("The file has two columns for the same field: %s. Keep one of each and "
                      "import again; nothing was imported."),
                   duplicate->str);
      return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (required_fields); i++)
    if (self->field_column[required_fields[i]] < 0)
      {
        g_autofree char *name = field_display (required_fields[i]);

        if (missing->len > 0)
          g_string_append (missing, C_ ("list separator", ", "));
        g_string_append (missing, name);
      }
  if (missing->len > 0)
    {
      g_set_error (error, CIV_BACKFILL_CSV_ERROR, CIV_BACKFILL_CSV_ERROR_MISSING_COLUMN,
                   _ ("The file has no column for %s, which every entry needs. Add the column "
                      "and import again; nothing was imported."),
                   missing->str);
      return FALSE;
    }
  return TRUE;
}

/* ---- Opening, reading --------------------------------------------------- */

static void
measure_total (CivBackfillCsv *self, GCancellable *cancellable)
{
  goffset start, size = -1;

  if (!G_IS_SEEKABLE (self->in) || !g_seekable_can_seek (G_SEEKABLE (self->in)))
    return;
  start = g_seekable_tell (G_SEEKABLE (self->in));
  if (G_IS_FILE_INPUT_STREAM (self->in))
    {
      g_autoptr (GFileInfo) info =
        g_file_input_stream_query_info (G_FILE_INPUT_STREAM (self->in),
                                        G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);

      if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
        size = g_file_info_get_size (info);
    }
  else if (g_seekable_seek (G_SEEKABLE (self->in), 0, G_SEEK_END, cancellable, NULL))
    {
      size = g_seekable_tell (G_SEEKABLE (self->in));
      if (!g_seekable_seek (G_SEEKABLE (self->in), start, G_SEEK_SET, cancellable, NULL))
        size = -1;
    }
  if (size > start)
    self->total = (guint64) (size - start);
}

void
civ_backfill_csv_free (CivBackfillCsv *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->in);
  if (self->iconv != (GIConv) -1)
    g_iconv_close (self->iconv);
  g_free (self->buf);
  g_byte_array_unref (self->cell_bytes);
  g_array_unref (self->cells);
  g_string_free (self->open_quote_text, TRUE);
  g_string_free (self->scratch, TRUE);
  g_strfreev (self->headers);
  g_free (self->column_field);
  g_free (self);
}

/* The decoded, trimmed cells of the last record, and whether each was
 * valid in the encoding. */
static GPtrArray *
decode_cells (CivBackfillCsv *self, gboolean **valid)
{
  GPtrArray *values = g_ptr_array_new_full (self->cells->len, g_free);

  *valid = g_new (gboolean, MAX (self->cells->len, 1));
  for (guint c = 0; c < self->cells->len; c++)
    {
      const Cell *cell = &g_array_index (self->cells, Cell, c);

      g_ptr_array_add (values, trim_cell (decode_bytes (self, self->cell_bytes->data + cell->offset,
                                                        cell->length, &(*valid)[c])));
    }
  return values;
}

static gboolean
all_empty (GPtrArray *values)
{
  for (guint c = 0; c < values->len; c++)
    if (*(const char *) g_ptr_array_index (values, c) != '\0')
      return FALSE;
  return TRUE;
}

CivBackfillCsv *
civ_backfill_csv_new (GInputStream  *in,
                      CivCsvEncoding forced,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr (CivBackfillCsv) self = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GPtrArray) values = NULL;
  g_autofree gboolean *valid = NULL;
  const guint8        *b;
  gboolean             bom;

  g_return_val_if_fail (G_IS_INPUT_STREAM (in), NULL);
  g_return_val_if_fail (forced == CIV_CSV_ENCODING_AUTO || forced == CIV_CSV_ENCODING_UTF8 ||
                          forced == CIV_CSV_ENCODING_GB18030,
                        NULL);

  self = g_new0 (CivBackfillCsv, 1);
  self->in = g_object_ref (in);
  self->iconv = (GIConv) -1;
  self->buf_size = 4096;
  self->buf = g_malloc (self->buf_size);
  /* Reserved, so its data is never NULL, even for a record of empty cells. */
  self->cell_bytes = g_byte_array_sized_new (4096);
  self->cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  self->open_quote_text = g_string_new (NULL);
  self->scratch = g_string_sized_new (1024);
  self->line = 1;
  now = g_date_time_new_now_local ();
  g_date_clear (&self->today, 1);
  g_date_set_dmy (&self->today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  measure_total (self, cancellable);

  while (!self->eof && self->buf_len < DETECT_BYTES)
    if (!fill (self, 0, cancellable, error))
      return NULL;

  b = self->buf;
  if (self->buf_len >= 2 &&
      ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) ||
       (self->buf_len >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF)))
    {
      g_set_error (error, CIV_BACKFILL_CSV_ERROR, CIV_BACKFILL_CSV_ERROR_ENCODING,
                   _ ("The file is in UTF-16 or UTF-32 (“Unicode text”). Save it as “CSV UTF-8” "
                      "or as CSV in GB18030 and import it again; nothing was imported."));
      return NULL;
    }
  bom = self->buf_len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF;
  if (forced != CIV_CSV_ENCODING_AUTO)
    self->encoding = forced;
  else if (bom)
    self->encoding = CIV_CSV_ENCODING_UTF8;
  else if (self->eof
             ? g_utf8_validate ((const char *) b, (gssize) self->buf_len, NULL) &&
                 memchr (b, 0, self->buf_len) == NULL
             : utf8_valid_but_cut (b, self->buf_len) && memchr (b, 0, self->buf_len) == NULL)
    self->encoding = CIV_CSV_ENCODING_UTF8;
  else
    self->encoding = CIV_CSV_ENCODING_GB18030;
  if (self->encoding == CIV_CSV_ENCODING_UTF8 && bom)
    self->buf_pos = 3;
  if (self->encoding == CIV_CSV_ENCODING_GB18030)
    {
      self->iconv = g_iconv_open ("UTF-8", "GB18030");
      if (self->iconv == (GIConv) -1)
        {
          g_set_error (error, CIV_BACKFILL_CSV_ERROR, CIV_BACKFILL_CSV_ERROR_ENCODING,
                       _ ("This system cannot read GB18030. Save the file as “CSV UTF-8” and "
                          "import it again; nothing was imported."));
          return NULL;
        }
    }

  /* The header: the first row that is not blank. */
  for (;;)
    {
      RecordStatus status;

      if (!read_record (self, &status, cancellable, error))
        return NULL;
      if (status == RECORD_END)
        {
          g_set_error (error, CIV_BACKFILL_CSV_ERROR, CIV_BACKFILL_CSV_ERROR_EMPTY,
                       _ ("The file is empty. Its first row must name the columns (see "
                          "docs/backfill-csv.md); nothing was imported."));
          return NULL;
        }
      self->row++;
      if (status != RECORD_OK)
        {
          g_set_error (error, CIV_BACKFILL_CSV_ERROR, CIV_BACKFILL_CSV_ERROR_HEADER,
                       status == RECORD_UNTERMINATED
                         ? _ ("A double quote in the header row is never closed. Close it and "
                              "import again; nothing was imported.")
                         : _ ("The header row is too long to be a header. Check that the file "
                              "is a CSV file of entries; nothing was imported."));
          return NULL;
        }
      g_clear_pointer (&values, g_ptr_array_unref);
      g_clear_pointer (&valid, g_free);
      values = decode_cells (self, &valid);
      if (!all_empty (values))
        break;
    }
  for (guint c = 0; c < values->len; c++)
    {
      if (!valid[c])
        {
          g_set_error (error, CIV_BACKFILL_CSV_ERROR, CIV_BACKFILL_CSV_ERROR_ENCODING,
                       _ ("The header row is not valid %s. Choose the file’s encoding (UTF-8 or "
                          "GB18030) and import again; nothing was imported."),
                       encoding_display_name (self->encoding));
          return NULL;
        }
      if (g_array_index (self->cells, Cell, c).quote_error)
        {
          g_set_error (error, CIV_BACKFILL_CSV_ERROR, CIV_BACKFILL_CSV_ERROR_HEADER,
                       _ ("The header cell “%s” has text after its closing quote. Fix the header "
                          "and import again; nothing was imported."),
                       (const char *) g_ptr_array_index (values, c));
          return NULL;
        }
    }
  /* A byte order mark in any encoding (U+FEFF) is not part of the name. */
  if (g_str_has_prefix (g_ptr_array_index (values, 0), "\xef\xbb\xbf"))
    {
      char *first = g_ptr_array_index (values, 0);

      memmove (first, first + 3, strlen (first + 3) + 1);
      trim_cell (first);
    }
  if (!map_header (self, values, error))
    return NULL;
  return g_steal_pointer (&self);
}

CivCsvEncoding
civ_backfill_csv_get_encoding (CivBackfillCsv *self)
{
  g_return_val_if_fail (self != NULL, CIV_CSV_ENCODING_AUTO);
  return self->encoding;
}

guint
civ_backfill_csv_get_n_columns (CivBackfillCsv *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_columns;
}

int
civ_backfill_csv_get_column_field (CivBackfillCsv *self, guint column)
{
  g_return_val_if_fail (self != NULL && column < self->n_columns, -1);
  return self->column_field[column];
}

const char *
civ_backfill_csv_get_field_header (CivBackfillCsv *self, int field)
{
  g_return_val_if_fail (self != NULL && field >= 0 && field < CIV_HF_N_FIELDS, NULL);
  return self->field_column[field] >= 0 ? self->headers[self->field_column[field]] : NULL;
}

void
civ_backfill_csv_set_today (CivBackfillCsv *self, const GDate *today)
{
  g_return_if_fail (self != NULL && today != NULL && g_date_valid (today));
  self->today = *today;
}

void
civ_backfill_csv_get_progress (CivBackfillCsv *self, guint64 *done, guint64 *total)
{
  g_return_if_fail (self != NULL);
  if (done != NULL)
    *done = self->buf_offset + self->buf_pos;
  if (total != NULL)
    *total = self->total;
}

static void
add_error (CivBackfillRow         *row,
           CivBackfillRowErrorKind kind,
           int                     field,
           int                     column,
           const char             *header,
           const char             *value,
           char                   *message /* owned */)
{
  CivBackfillRowError *e = g_new0 (CivBackfillRowError, 1);

  e->kind = kind;
  e->field = field;
  e->column = column;
  e->header = g_strdup (header != NULL ? header : "");
  e->value = g_strdup (value != NULL ? value : "");
  e->message = message;
  g_ptr_array_add (row->errors, e);
}

static CivBackfillRow *
row_new (guint64 number, guint64 line)
{
  CivBackfillRow *row = g_new0 (CivBackfillRow, 1);

  row->row = number;
  row->line = line;
  row->input = civ_historical_input_new ();
  row->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_backfill_row_error_free);
  row->findings = civ_findings_new ();
  return row;
}

static gboolean
row_has_field_error (const CivBackfillRow *row, int field)
{
  for (guint i = 0; i < row->errors->len; i++)
    if (((const CivBackfillRowError *) g_ptr_array_index (row->errors, i))->field == field)
      return TRUE;
  return FALSE;
}

/* The cells of the last record into @row. */
static void
fill_row (CivBackfillCsv *self, CivBackfillRow *row, GPtrArray *values, const gboolean *valid)
{
  g_autoptr (GPtrArray) entry_errors = NULL;
  g_autofree gboolean *bad = g_new (gboolean, MAX (values->len, 1));

  for (guint c = 0; c < values->len; c++)
    {
      const char *value = g_ptr_array_index (values, c);
      int         field = self->column_field[c];

      bad[c] = TRUE;
      if (!valid[c])
        add_error (row, CIV_BACKFILL_ROW_ENCODING, field, (int) c, self->headers[c], value,
                   g_strdup_printf (_ ("This value is not valid %s (the bytes shown as \\x…). "
                                       "Correct it, or choose the file’s encoding (UTF-8 or "
                                       "GB18030) when importing."),
                                    encoding_display_name (self->encoding)));
      else if (g_array_index (self->cells, Cell, c).quote_error)
        add_error (row, CIV_BACKFILL_ROW_QUOTE, field, (int) c, self->headers[c], value,
                   g_strdup (_ ("Text follows the closing quote of this value. Put the whole "
                                "value in double quotes and write a double quote inside it as "
                                "two (\"\").")));
      else if (field < 0 && *value != '\0')
        add_error (row, CIV_BACKFILL_ROW_UNNAMED_COLUMN, -1, (int) c, "", value,
                   g_strdup (_ ("This column has no name in the header row, but the row has a "
                                "value in it. Name the column or move the value.")));
      else
        bad[c] = FALSE;
    }

  /* In the order of the fields, so a column's place never changes the entry. */
  for (int f = 0; f < CIV_HF_N_FIELDS; f++)
    {
      int         c = self->field_column[f];
      const char *value;
      g_autoptr (GError) local = NULL;

      if (c < 0 || bad[c])
        continue;
      value = g_ptr_array_index (values, c);
      if (*value == '\0')
        continue;
      if (!civ_historical_set_field (row->input, f, value, &local))
        {
          CivBackfillRowError *e;

          add_error (row, CIV_BACKFILL_ROW_FIELD, f, c, self->headers[c], value,
                     g_strdup (local != NULL ? local->message : ""));
          e = g_ptr_array_index (row->errors, row->errors->len - 1);
          e->rule = g_strdup (local != NULL ? civ_app_error_get_rule (local) : NULL);
        }
    }

  entry_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_field_error_free);
  civ_historical_validate (row->input, &self->today, entry_errors, row->findings);
  for (guint i = 0; i < entry_errors->len; i++)
    {
      const CivFieldError *fe = g_ptr_array_index (entry_errors, i);
      int                  c = fe->field >= 0 ? self->field_column[fe->field] : -1;

      /* A value already refused is not reported twice. */
      if (fe->field >= 0 && row_has_field_error (row, fe->field))
        continue;
      add_error (row, CIV_BACKFILL_ROW_ENTRY, fe->field, c,
                 c >= 0           ? self->headers[c]
                 : fe->field >= 0 ? civ_hist_field_label (fe->field)
                                  : "",
                 c >= 0 ? g_ptr_array_index (values, c) : "", g_strdup (fe->message));
    }
}

gboolean
civ_backfill_csv_next (CivBackfillCsv  *self,
                       CivBackfillRow **row,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  *row = NULL;
  for (;;)
    {
      g_autoptr (CivBackfillRow) r = NULL;
      g_autoptr (GPtrArray) values = NULL;
      g_autofree gboolean *valid = NULL;
      RecordStatus         status;
      guint64              line = self->line;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!read_record (self, &status, cancellable, error))
        return FALSE;
      if (status == RECORD_END)
        return FALSE;
      self->row++;
      r = row_new (self->row, line);
      if (status == RECORD_UNTERMINATED)
        {
          int              c = self->open_quote_column;
          gboolean         ok;
          g_autofree char *text = decode_bytes (self, (const guint8 *) self->open_quote_text->str,
                                                self->open_quote_text->len, &ok);

          if (g_utf8_strlen (text, -1) > SHOWN_VALUE_CHARS)
            {
              char *cut = g_utf8_offset_to_pointer (text, SHOWN_VALUE_CHARS);

              strcpy (cut, "…");
            }
          if (c >= (int) self->n_columns)
            c = -1;
          add_error (r, CIV_BACKFILL_ROW_UNTERMINATED_QUOTE, c >= 0 ? self->column_field[c] : -1, c,
                     c >= 0 ? self->headers[c] : "", trim_cell (text),
                     g_strdup (_ ("A double quote opened in this value is never closed. Close it, "
                                  "or write a double quote inside a value as two (\"\"); the "
                                  "row was read up to the end of its first line.")));
          *row = g_steal_pointer (&r);
          return TRUE;
        }
      if (status == RECORD_TOO_LONG)
        {
          add_error (r, CIV_BACKFILL_ROW_TOO_LONG, -1, -1, "", "",
                     g_strdup_printf (_ ("The row is longer than %u KiB. A line break or a quote "
                                         "may be missing, or a value is far too long; the row "
                                         "was skipped up to the end of its line."),
                                      (guint) (CIV_BACKFILL_CSV_MAX_ROW_BYTES / 1024)));
          *row = g_steal_pointer (&r);
          return TRUE;
        }
      values = decode_cells (self, &valid);
      if (all_empty (values))
        continue; /* a blank line, or a row of empty cells */
      if (values->len != self->n_columns)
        {
          add_error (r, CIV_BACKFILL_ROW_CELL_COUNT, -1, -1, "", "",
                     g_strdup_printf (_ ("The row has %u values but the header row has %u "
                                         "columns. Check for a missing or extra comma, and put "
                                         "a value that has a comma in double quotes."),
                                      values->len, self->n_columns));
          *row = g_steal_pointer (&r);
          return TRUE;
        }
      fill_row (self, r, values, valid);
      *row = g_steal_pointer (&r);
      return TRUE;
    }
}

/* ---- The file's SHA-256 ------------------------------------------------- */

char *
civ_backfill_file_sha256 (GFile *file, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileInputStream) in = NULL;
  g_autoptr (GChecksum) sum = NULL;
  g_autofree guint8 *chunk = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return NULL;
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  chunk = g_malloc (READ_CHUNK);
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), chunk, READ_CHUNK, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_checksum_update (sum, chunk, n);
    }
  if (!g_input_stream_close (G_INPUT_STREAM (in), cancellable, error))
    return NULL;
  return g_strdup (g_checksum_get_string (sum));
}

/* ---- The error report --------------------------------------------------- */

struct _CivBackfillErrorReport
{
  GOutputStream *out;
  GString       *line;
  guint64        n_lines;
};

/* One cell of the report: in double quotes when it holds a comma, a quote,
 * a line break or spaces at an end; a value a spreadsheet program would
 * take for a formula (=, +, -, @ first) starts with an apostrophe. */
static void
append_cell (GString *line, const char *text)
{
  gboolean    quote = FALSE;
  gsize       n = strlen (text);
  const char *p;

  if (line->len > 0)
    g_string_append_c (line, ',');
  if (n > 0 && (text[0] == ' ' || text[n - 1] == ' '))
    quote = TRUE;
  for (p = text; *p != '\0' && !quote; p++)
    if (*p == ',' || *p == '"' || *p == '\r' || *p == '\n')
      quote = TRUE;
  if (quote)
    g_string_append_c (line, '"');
  if (text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    g_string_append_c (line, '\'');
  for (p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  if (quote)
    g_string_append_c (line, '"');
}

static gboolean
write_line (CivBackfillErrorReport *report, GCancellable *cancellable, GError **error)
{
  g_string_append (report->line, "\r\n");
  return g_output_stream_write_all (report->out, report->line->str, report->line->len, NULL,
                                    cancellable, error);
}

CivBackfillErrorReport *
civ_backfill_error_report_new (GOutputStream *out, GCancellable *cancellable, GError **error)
{
  g_autoptr (CivBackfillErrorReport) report = NULL;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), NULL);

  report = g_new0 (CivBackfillErrorReport, 1);
  report->out = g_object_ref (out);
  report->line = g_string_new ("\xef\xbb\xbf");
  /* The report's header, in the user's language like its messages. */
  g_string_append (report->line, C_ ("backfill error report", "Row"));
  append_cell (report->line, C_ ("backfill error report", "Column"));
  append_cell (report->line, C_ ("backfill error report", "Value"));
  append_cell (report->line, C_ ("backfill error report", "Problem"));
  if (!write_line (report, cancellable, error))
    return NULL;
  return g_steal_pointer (&report);
}

gboolean
civ_backfill_error_report_add (CivBackfillErrorReport *report,
                               guint64                 row,
                               const char             *column,
                               const char             *value,
                               const char             *message,
                               GCancellable           *cancellable,
                               GError                **error)
{
  g_return_val_if_fail (report != NULL && message != NULL, FALSE);

  g_string_printf (report->line, "%" G_GUINT64_FORMAT, row);
  append_cell (report->line, column != NULL ? column : "");
  append_cell (report->line, value != NULL ? value : "");
  append_cell (report->line, message);
  if (!write_line (report, cancellable, error))
    return FALSE;
  report->n_lines++;
  return TRUE;
}

gboolean
civ_backfill_error_report_add_row (CivBackfillErrorReport *report,
                                   const CivBackfillRow   *row,
                                   GCancellable           *cancellable,
                                   GError                **error)
{
  g_return_val_if_fail (report != NULL && row != NULL, FALSE);

  for (guint i = 0; i < row->errors->len; i++)
    {
      const CivBackfillRowError *e = g_ptr_array_index (row->errors, i);

      if (!civ_backfill_error_report_add (report, row->row, e->header, e->value, e->message,
                                          cancellable, error))
        return FALSE;
    }
  return TRUE;
}

guint64
civ_backfill_error_report_get_n_lines (CivBackfillErrorReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->n_lines;
}

gboolean
civ_backfill_error_report_close (CivBackfillErrorReport *report,
                                 GCancellable           *cancellable,
                                 GError                **error)
{
  g_return_val_if_fail (report != NULL, FALSE);
  return g_output_stream_close (report->out, cancellable, error);
}

void
civ_backfill_error_report_free (CivBackfillErrorReport *report)
{
  if (report == NULL)
    return;
  g_clear_object (&report->out);
  g_string_free (report->line, TRUE);
  g_free (report);
}
