// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-document-service.c — documents attached to a marriage registration */
#include "civ-document-service.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-adoption-store.h"
#include "civ-app-error.h"
#include "civ-permissions.h"
#include "civ-registry-store.h"

static const struct
{
  const char *code;
  const char *label;
} kinds[CIV_N_DOCUMENT_KINDS] = {
  /* Translators: 声明书, the signed declaration of no spouse and no prohibited kinship (R-M10). */
  [CIV_DOCUMENT_DECLARATION] = { "declaration", N_ ("Declaration") },
  [CIV_DOCUMENT_IDENTITY_COPY] = { "identity-copy", N_ ("Identity-document copy") },
  [CIV_DOCUMENT_COUPLE_PHOTO] = { "couple-photo", N_ ("Couple photo") },
  /* Translators: a copy of the household register (户口簿). */
  [CIV_DOCUMENT_HOUSEHOLD_REGISTER] = { "household-register", N_ ("Household register copy") },
  [CIV_DOCUMENT_COURT_JUDGMENT] = { "court-judgment", N_ ("Court judgment copy") },
  [CIV_DOCUMENT_OTHER] = { "other", N_ ("Other document") },
};

const char *
civ_document_kind_to_string (CivDocumentKind kind)
{
  g_return_val_if_fail (kind < CIV_N_DOCUMENT_KINDS, NULL);
  return kinds[kind].code;
}

gboolean
civ_document_kind_from_string (const char *code, CivDocumentKind *kind)
{
  for (guint i = 0; code && i < CIV_N_DOCUMENT_KINDS; i++)
    if (strcmp (code, kinds[i].code) == 0)
      {
        if (kind)
          *kind = (CivDocumentKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
civ_document_kind_label (CivDocumentKind kind)
{
  g_return_val_if_fail (kind < CIV_N_DOCUMENT_KINDS, NULL);
  return _ (kinds[kind].label);
}

const char *
civ_document_kind_label_for_code (const char *code)
{
  CivDocumentKind kind;

  if (civ_document_kind_from_string (code, &kind))
    return civ_document_kind_label (kind);
  return code ? code : "";
}

/* Magic bytes, never the name. */
static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

const char *
civ_document_sniff (const guint8 *data, gsize len)
{
  if (data == NULL)
    return NULL;
  if (len >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return "application/pdf";
  if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  if (len >= sizeof png_signature && memcmp (data, png_signature, sizeof png_signature) == 0)
    return "image/png";
  return NULL;
}

static const char *
extension_for (const char *media_type)
{
  if (g_strcmp0 (media_type, "application/pdf") == 0)
    return ".pdf";
  if (g_strcmp0 (media_type, "image/jpeg") == 0)
    return ".jpg";
  if (g_strcmp0 (media_type, "image/png") == 0)
    return ".png";
  return "";
}

static gboolean
extension_matches (const char *lower_ext, const char *media_type)
{
  if (g_strcmp0 (media_type, "image/jpeg") == 0)
    return g_strcmp0 (lower_ext, ".jpg") == 0 || g_strcmp0 (lower_ext, ".jpeg") == 0 ||
           g_strcmp0 (lower_ext, ".jpe") == 0;
  return g_strcmp0 (lower_ext, extension_for (media_type)) == 0;
}

static gboolean
bad_name_char (gunichar c)
{
  return g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029 || c == 0x200e || c == 0x200f ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
         strchr ("<>:\"/\\|?*", (int) c) != NULL || !g_unichar_isdefined (c);
}

char *
civ_document_sanitize_name (const char *name, const char *media_type)
{
  g_autofree char *valid = NULL;
  g_autoptr (GString) clean = g_string_new (NULL);
  const char      *base;
  const char      *ext_want = extension_for (media_type);
  g_autofree char *stem = NULL;
  g_autofree char *ext = NULL;
  const char      *dot;
  glong            max_stem;
  gboolean         space = FALSE;

  valid = g_utf8_make_valid (name ? name : "", -1);
  /* The base name, whichever separator the file came with. */
  base = valid;
  for (const char *p = valid; *p; p++)
    if (*p == '/' || *p == '\\')
      base = p + 1;

  for (const char *p = base; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = clean->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (clean, ' ');
      space = FALSE;
      if (bad_name_char (c))
        g_string_append_c (clean, '_');
      else
        g_string_append_unichar (clean, c);
    }
  /* No hidden files, no trailing dots. */
  while (clean->len > 0 && (clean->str[0] == '.' || clean->str[0] == ' '))
    g_string_erase (clean, 0, 1);
  while (clean->len > 0 && (clean->str[clean->len - 1] == '.' || clean->str[clean->len - 1] == ' '))
    g_string_truncate (clean, clean->len - 1);

  dot = strrchr (clean->str, '.');
  if (dot != NULL && dot != clean->str && g_utf8_strlen (dot, -1) <= 5)
    {
      stem = g_strndup (clean->str, (gsize) (dot - clean->str));
      ext = g_ascii_strdown (dot, -1);
    }
  else
    {
      stem = g_strdup (clean->str);
      ext = g_strdup ("");
    }
  /* The extension says what the bytes are (a PNG called scan.pdf is scan.png);
   * without a media type (a name for messages) it stays as it was. */
  if (media_type != NULL && !extension_matches (ext, media_type))
    {
      g_free (ext);
      ext = g_strdup (ext_want);
    }
  if (*stem == '\0')
    {
      g_free (stem);
      stem = g_strdup ("document");
    }
  max_stem = CIV_DOCUMENT_MAX_NAME - g_utf8_strlen (ext, -1);
  if (g_utf8_strlen (stem, -1) > max_stem)
    {
      char *end = g_utf8_offset_to_pointer (stem, max_stem);
      *end = '\0';
      g_strchomp (stem);
    }
  return g_strconcat (stem, ext, NULL);
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static guint32
crc32 (const guint8 *data, gsize len)
{
  guint32 crc = 0xffffffffu;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
  return crc ^ 0xffffffffu;
}

static gboolean
dimensions_ok (guint64 w, guint64 h)
{
  return w >= 1 && h >= 1 && w <= CIV_DOCUMENT_MAX_SIDE && h <= CIV_DOCUMENT_MAX_SIDE &&
         w * h <= CIV_DOCUMENT_MAX_PIXELS;
}

/* The PNG's chunks: IHDR first with a correct CRC and sane values, at least
 * one IDAT, every chunk inside the file, IEND reached. Sets a reason. */
static gboolean
check_png (const guint8 *d, gsize len, int *width, int *height, const char **why)
{
  static const guint8 depths_for_type[7] = {
    [0] = 1 | 2 | 4 | 8 | 16, [2] = 8 | 16, [3] = 1 | 2 | 4 | 8, [4] = 8 | 16, [6] = 8 | 16,
  };
  guint32  w, h;
  guint8   depth, type;
  gsize    off = 8;
  gboolean idat = FALSE;

  if (len < 8 + 25 || be32 (d + 8) != 13 || memcmp (d + 12, "IHDR", 4) != 0)
    {
      *why = _ ("the image header (IHDR) is missing");
      return FALSE;
    }
  if (crc32 (d + 12, 17) != be32 (d + 29))
    {
      *why = _ ("the image header is damaged (checksum mismatch)");
      return FALSE;
    }
  w = be32 (d + 16);
  h = be32 (d + 20);
  depth = d[24];
  type = d[25];
  if (!dimensions_ok (w, h))
    {
      *why = _ ("its width or height is zero or too large");
      return FALSE;
    }
  if (type > 6 || depths_for_type[type] == 0 || (depth & (depth - 1)) != 0 || depth > 16 ||
      (depths_for_type[type] & depth) == 0 || d[26] != 0 || d[27] != 0 || d[28] > 1)
    {
      *why = _ ("the image header describes no valid PNG format");
      return FALSE;
    }
  while (off + 12 <= len)
    {
      guint32 n = be32 (d + off);
      gsize   end;

      if (n > len || off + 12 + (gsize) n > len)
        break;
      end = off + 12 + n;
      if (memcmp (d + off + 4, "IDAT", 4) == 0)
        idat = TRUE;
      if (memcmp (d + off + 4, "IEND", 4) == 0)
        {
          if (!idat)
            {
              *why = _ ("it holds no image data");
              return FALSE;
            }
          *width = (int) w;
          *height = (int) h;
          return TRUE;
        }
      off = end;
    }
  *why = _ ("the file is truncated (the image ends before its end marker)");
  return FALSE;
}

/* The JPEG's segments up to the frame header (SOFn): every segment inside
 * the file, a frame with 1, 3 or 4 components and sane dimensions. */
static gboolean
check_jpeg (const guint8 *d, gsize len, int *width, int *height, const char **why)
{
  gsize off = 2;

  while (off < len)
    {
      guint8 m;
      guint  seg;

      if (d[off] != 0xff)
        break;
      while (off < len && d[off] == 0xff)
        off++;
      if (off >= len)
        break;
      m = d[off++];
      if (m == 0xd8 || m == 0x01 || (m >= 0xd0 && m <= 0xd7))
        continue;
      if (m == 0xd9 || m == 0xda)
        {
          *why = _ ("it has no frame header before its image data");
          return FALSE;
        }
      if (off + 2 > len)
        break;
      seg = be16 (d + off);
      if (seg < 2 || off + seg > len)
        break;
      if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc)
        {
          guint h, w, n;

          if (seg < 8)
            break;
          h = be16 (d + off + 3);
          w = be16 (d + off + 5);
          n = d[off + 7];
          if ((n != 1 && n != 3 && n != 4) || seg != 8 + 3 * n || d[off + 2] == 0)
            {
              *why = _ ("the frame header describes no valid JPEG format");
              return FALSE;
            }
          if (!dimensions_ok (w, h))
            {
              *why = _ ("its width or height is zero or too large");
              return FALSE;
            }
          *width = (int) w;
          *height = (int) h;
          return TRUE;
        }
      off += seg;
    }
  *why = _ ("the file is damaged or truncated before its frame header");
  return FALSE;
}

/* A PDF ends with %%EOF (a copy cut short does not). */
static gboolean
check_pdf (const guint8 *d, gsize len, const char **why)
{
  gsize from = len > 1024 ? len - 1024 : 0;

  if (len < 8 || !g_ascii_isdigit (d[5]) || d[6] != '.')
    {
      *why = _ ("the PDF header has no version");
      return FALSE;
    }
  for (gsize i = len - 5 + 1; i-- > from;)
    if (memcmp (d + i, "%%EOF", 5) == 0)
      return TRUE;
  *why = _ ("the file is truncated (no end-of-file marker): was it copied completely?");
  return FALSE;
}

static const char *
type_name (const char *media_type)
{
  if (g_strcmp0 (media_type, "application/pdf") == 0)
    return "PDF";
  if (g_strcmp0 (media_type, "image/jpeg") == 0)
    return "JPEG";
  return "PNG";
}

/* Validates @content; on success *@media_type, *@width, *@height are set. */
static gboolean
check_content (const char  *display_name,
               GBytes      *content,
               const char **media_type,
               int         *width,
               int         *height,
               GError     **error)
{
  gsize            len = 0;
  const guint8    *d = content ? g_bytes_get_data (content, &len) : NULL;
  const char      *why = NULL;
  const char      *type;
  g_autofree char *max = g_format_size (CIV_DOCUMENT_MAX_BYTES);
  gboolean         ok;

  *width = *height = 0;
  if (len == 0)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("“%s” is empty: there is nothing to attach"), display_name);
      return FALSE;
    }
  if (len > CIV_DOCUMENT_MAX_BYTES)
    {
      g_autofree char *size = g_format_size (len);
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   /* Translators: “name” is %s, then its size and the largest size allowed. */
                   _ ("“%s” is %s; a document may be at most %s. Scan it at a lower resolution "
                      "or split it."),
                   display_name, size, max);
      return FALSE;
    }
  type = civ_document_sniff (d, len);
  if (type == NULL)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("“%s” is not a PDF, JPEG or PNG file (whatever its name says); only these "
                      "can be attached"),
                   display_name);
      return FALSE;
    }
  if (strcmp (type, "image/png") == 0)
    ok = check_png (d, len, width, height, &why);
  else if (strcmp (type, "image/jpeg") == 0)
    ok = check_jpeg (d, len, width, height, &why);
  else
    ok = check_pdf (d, len, &why);
  if (!ok)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   /* Translators: “name” is not a usable PDF/JPEG/PNG file: the reason. */
                   _ ("“%1$s” is not a usable %2$s file: %3$s"), display_name, type_name (type),
                   why);
      return FALSE;
    }
  *media_type = type;
  return TRUE;
}

CivDocumentInput *
civ_document_input_new (CivDocumentKind kind,
                        const char     *file_name,
                        GBytes         *content,
                        GError        **error)
{
  g_autoptr (CivDocumentInput) input = NULL;
  g_autofree char *shown = NULL;
  const char      *type = NULL;
  int              w, h;
  gsize            len = 0;
  gconstpointer    data;

  if (kind >= CIV_N_DOCUMENT_KINDS)
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("Choose what kind of document this is"));
      return NULL;
    }
  /* The name as the registrar knows it, for messages (never stored as is). */
  shown = civ_document_sanitize_name (file_name, NULL);
  if (!check_content (shown, content, &type, &w, &h, error))
    return NULL;

  input = g_new0 (CivDocumentInput, 1);
  input->kind = kind;
  input->file_name = civ_document_sanitize_name (file_name, type);
  input->media_type = type;
  input->content = g_bytes_ref (content);
  data = g_bytes_get_data (content, &len);
  input->sha256 = civ_document_sha256_hex (data, len);
  input->width = w;
  input->height = h;
  return g_steal_pointer (&input);
}

CivDocumentInput *
civ_document_input_new_from_file (CivDocumentKind kind, const char *path, GError **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *base = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *max = g_format_size (CIV_DOCUMENT_MAX_BYTES);
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  base = g_path_get_basename (path);
  shown = civ_document_sanitize_name (base, NULL);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local);
  if (info == NULL)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, _ ("Cannot read “%s”: %s"), shown,
                   local->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("“%s” is not a file that can be attached"), shown);
      return NULL;
    }
  /* Refuse an oversized file before reading it into memory. */
  if (g_file_info_get_size (info) > CIV_DOCUMENT_MAX_BYTES)
    {
      g_autofree char *size = g_format_size ((guint64) g_file_info_get_size (info));
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("“%s” is %s; a document may be at most %s. Scan it at a lower resolution "
                      "or split it."),
                   shown, size, max);
      return NULL;
    }
  bytes = g_file_load_bytes (file, NULL, NULL, &local);
  if (bytes == NULL)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, _ ("Cannot read “%s”: %s"), shown,
                   local->message);
      return NULL;
    }
  return civ_document_input_new (kind, base, bytes, error);
}

CivDocumentInput *
civ_document_input_copy (const CivDocumentInput *input)
{
  CivDocumentInput *copy;

  g_return_val_if_fail (input != NULL, NULL);

  copy = g_new0 (CivDocumentInput, 1);
  copy->kind = input->kind;
  copy->file_name = g_strdup (input->file_name);
  copy->media_type = input->media_type;
  copy->content = input->content ? g_bytes_ref (input->content) : NULL;
  copy->sha256 = g_strdup (input->sha256);
  copy->width = input->width;
  copy->height = input->height;
  return copy;
}

void
civ_document_input_free (CivDocumentInput *input)
{
  if (input == NULL)
    return;
  g_free (input->file_name);
  g_clear_pointer (&input->content, g_bytes_unref);
  g_free (input->sha256);
  g_free (input);
}

gboolean
civ_document_input_check (const CivDocumentInput *input, GError **error)
{
  g_autofree char *name = NULL;
  const char      *type = NULL;
  int              w, h;

  g_return_val_if_fail (input != NULL, FALSE);

  if (input->kind >= CIV_N_DOCUMENT_KINDS)
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("Choose what kind of document this is"));
      return FALSE;
    }
  name = civ_document_sanitize_name (input->file_name, NULL);
  if (!check_content (name, input->content, &type, &w, &h, error))
    return FALSE;
  g_free (name);
  name = civ_document_sanitize_name (input->file_name, type);
  if (g_strcmp0 (name, input->file_name) != 0 || g_strcmp0 (type, input->media_type) != 0)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The document “%s” was not prepared for storing; add it again"), name);
      return FALSE;
    }
  return TRUE;
}

static char *
attach_detail (const char *record_id, gint64 id, const CivDocumentInput *input, const char *sha256)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "record_id");
  json_builder_add_string_value (b, record_id);
  json_builder_set_member_name (b, "document_id");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, civ_document_kind_to_string (input->kind));
  json_builder_set_member_name (b, "media_type");
  json_builder_add_string_value (b, input->media_type);
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, (gint64) g_bytes_get_size (input->content));
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, sha256);
  json_builder_set_member_name (b, "file_name");
  json_builder_add_string_value (b, input->file_name);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* One document and its audit entry, in the caller's transaction. */
static gint64
store_one (CivStore *store, const char *record_id, const CivDocumentInput *input, GError **error)
{
  CivDb           *db = civ_store_get_db (store);
  g_autofree char *sha = NULL;
  g_autofree char *detail = NULL;
  gint64           id;

  if (!civ_document_input_check (input, error))
    return 0;
  id = civ_document_insert (db, record_id, civ_document_kind_to_string (input->kind),
                            input->file_name, input->media_type, input->content,
                            civ_store_get_operator (store)->login, &sha, error);
  if (id == 0)
    return 0;
  detail = attach_detail (record_id, id, input, sha);
  if (!civ_store_audit (store, "document.attach", record_id, detail, error))
    return 0;
  return id;
}

gboolean
_civ_document_store_inputs (CivStore   *store,
                            const char *record_id,
                            GPtrArray  *documents,
                            GError    **error)
{
  g_return_val_if_fail (CIV_IS_STORE (store) && record_id != NULL, FALSE);

  for (guint i = 0; documents && i < documents->len; i++)
    if (store_one (store, record_id, g_ptr_array_index (documents, i), error) == 0)
      return FALSE;
  return TRUE;
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

static CivMarriageCurrent *
find_record (CivDb *db, const char *key, GError **error)
{
  g_autoptr (GError) local = NULL;
  CivMarriageCurrent *m;

  if (blank (key))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("Give the record ID or certificate number of a marriage record"));
      return NULL;
    }
  m = civ_marriage_find_current (db, key, &local);
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (m == NULL)
    g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                 _ ("There is no marriage record “%s”"), key);
  return m;
}

char *
civ_document_resolve_record (CivStore *store, const char *record_or_certificate, GError **error)
{
  g_autoptr (CivMarriageCurrent) m = NULL;

  g_return_val_if_fail (CIV_IS_STORE (store), NULL);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return NULL;
  m = find_record (civ_store_get_db (store), record_or_certificate, error);
  return m ? g_strdup (m->record_id) : NULL;
}

gint64
civ_document_attach (CivStore               *store,
                     const char             *record_or_certificate,
                     const CivDocumentInput *input,
                     GError                **error)
{
  g_autoptr (CivMarriageCurrent) m = NULL;
  CivDb *db;
  gint64 id;

  g_return_val_if_fail (CIV_IS_STORE (store) && input != NULL, 0);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return 0;
  if (!civ_document_input_check (input, error))
    return 0;
  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return 0;
  m = find_record (db, record_or_certificate, error);
  if (m == NULL)
    goto fail;
  id = store_one (store, m->record_id, input, error);
  if (id == 0 || !civ_db_commit (db, error))
    goto fail;
  return id;

fail:
  civ_db_rollback (db);
  return 0;
}

GPtrArray *
civ_document_list_for_record (CivStore *store, const char *record_or_certificate, GError **error)
{
  g_autoptr (CivMarriageCurrent) m = NULL;
  CivDb *db;

  g_return_val_if_fail (CIV_IS_STORE (store), NULL);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return NULL;
  db = civ_store_get_db (store);
  m = find_record (db, record_or_certificate, error);
  if (m == NULL)
    return NULL;
  return civ_document_list (db, m->record_id, error);
}

static char *
access_detail (const CivDocumentRow *row, const char *path)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "document_id");
  json_builder_add_int_value (b, row->id);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, row->kind);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, row->sha256);
  if (path)
    {
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, path);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* Adoption documents are read only through the adoption service, with a
 * purpose and journalled (R-A13): here they do not exist. */
static GBytes *
read_marriage_document (CivDb *db, gint64 id, CivDocumentRow **row_out, GError **error)
{
  g_autoptr (CivDocumentRow) row = NULL;
  g_autoptr (GBytes) content = civ_document_read (db, id, &row, error);
  g_autoptr (CivAdoptionRow) adoption = NULL;
  g_autoptr (GError) local = NULL;

  if (content == NULL)
    return NULL;
  adoption = civ_adoption_row_find (db, row->record_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (adoption != NULL)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND, _ ("There is no document %lld"),
                   (long long) id);
      return NULL;
    }
  *row_out = g_steal_pointer (&row);
  return g_steal_pointer (&content);
}

GBytes *
civ_document_open (
  CivStore *store, gint64 id, CivDocumentAccess access, CivDocumentRow **row_out, GError **error)
{
  g_autoptr (CivDocumentRow) row = NULL;
  g_autoptr (GBytes) content = NULL;

  g_return_val_if_fail (CIV_IS_STORE (store), NULL);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return NULL;
  content = read_marriage_document (civ_store_get_db (store), id, &row, error);
  if (content == NULL)
    return NULL;
  if (access == CIV_DOCUMENT_ACCESS_VIEW)
    {
      g_autofree char *detail = access_detail (row, NULL);

      /* No audit entry, no content. */
      if (!civ_store_audit (store, "document.view", row->record_id, detail, error))
        return NULL;
    }
  if (row_out)
    *row_out = g_steal_pointer (&row);
  return g_steal_pointer (&content);
}

gboolean
civ_document_export (CivStore *store, gint64 id, const char *path, GError **error)
{
  g_autoptr (CivDocumentRow) row = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileOutputStream) out = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *shown = NULL;
  gsize            written = 0;

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return FALSE;
  if (blank (path))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("Give the file to write the document to"));
      return FALSE;
    }
  content = read_marriage_document (civ_store_get_db (store), id, &row, error);
  if (content == NULL)
    return FALSE;

  file = g_file_new_for_path (path);
  shown = g_file_get_parse_name (file);
  /* Owner-only, and never over an existing file. */
  out = g_file_create (file, G_FILE_CREATE_PRIVATE, NULL, &local);
  if (out == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
        g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                     _ ("“%s” already exists; nothing was overwritten. Choose a new file name."),
                     shown);
      else
        g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, _ ("Cannot create “%s”: %s"),
                     shown, local->message);
      return FALSE;
    }
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), g_bytes_get_data (content, NULL),
                                  g_bytes_get_size (content), &written, NULL, &local) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &local))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, _ ("Cannot write “%s”: %s"), shown,
                   local->message);
      g_file_delete (file, NULL, NULL);
      return FALSE;
    }
  detail = access_detail (row, shown);
  if (!civ_store_audit (store, "document.export", row->record_id, detail, error))
    {
      /* Not traceable, so not written. */
      g_file_delete (file, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}
