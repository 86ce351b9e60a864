// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-print-layout.c — certificate and document layouts as data */
#include "civ-print-layout.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#define LAYOUT_MAX_BYTES (64 * 1024)

static void
field_free (CivPrintField *field)
{
  g_free (field->id);
  g_free (field);
}

void
civ_print_layout_free (CivPrintLayout *layout)
{
  if (layout == NULL)
    return;
  g_free (layout->name);
  g_ptr_array_unref (layout->fields);
  g_free (layout);
}

static gboolean
number_member (JsonObject *o, const char *name, double min, double max, double *out)
{
  JsonNode *n = json_object_get_member (o, name);
  GType     t;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return FALSE;
  t = json_node_get_value_type (n);
  if (t != G_TYPE_INT64 && t != G_TYPE_DOUBLE)
    return FALSE;
  *out = json_node_get_double (n);
  return *out >= min && *out <= max;
}

static gpointer
invalid (GError **error, const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("The print layout is not usable: %s"),
               what);
  return NULL;
}

/* The layout file's object and its name ("layout"), or NULL with @error. */
static JsonObject *
parse_root (JsonParser *parser, const char *data, gsize len, const char **name, GError **error)
{
  g_autoptr (GError) local = NULL;
  JsonObject *root;

  if (len > LAYOUT_MAX_BYTES)
    return invalid (error, _ ("the file is too large"));
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local))
    return invalid (error, local->message);
  if (json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return invalid (error, _ ("not a JSON object"));
  root = json_node_get_object (json_parser_get_root (parser));
  *name = json_object_get_string_member_with_default (root, "layout", NULL);
  if (*name == NULL || **name == '\0')
    return invalid (error, _ ("it has no name (\"layout\")"));
  return root;
}

CivPrintLayout *
civ_print_layout_parse (const char *data, gsize len, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (CivPrintLayout) layout = g_new0 (CivPrintLayout, 1);
  JsonObject *root;
  JsonNode   *fields;
  const char *name;

  layout->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  root = parse_root (parser, data, len, &name, error);
  if (root == NULL)
    return NULL;
  layout->name = g_strdup (name);
  if (!number_member (root, "width_mm", 10, 500, &layout->width_mm) ||
      !number_member (root, "height_mm", 10, 500, &layout->height_mm))
    return invalid (error, _ ("the blank's size is missing or out of range"));
  fields = json_object_get_member (root, "fields");
  if (fields == NULL || !JSON_NODE_HOLDS_ARRAY (fields) ||
      json_array_get_length (json_node_get_array (fields)) == 0 ||
      json_array_get_length (json_node_get_array (fields)) > 200)
    return invalid (error, _ ("it has no fields"));
  for (guint i = 0; i < json_array_get_length (json_node_get_array (fields)); i++)
    {
      JsonNode        *n = json_array_get_element (json_node_get_array (fields), i);
      JsonObject      *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      const char      *id = o ? json_object_get_string_member_with_default (o, "id", NULL) : NULL;
      CivPrintField   *f;
      double           size = 0;
      g_autofree char *what = NULL;

      if (id == NULL || *id == '\0' || civ_print_layout_find (layout, id) != NULL)
        {
          what = g_strdup_printf (_ ("field %u has no id of its own"), i + 1);
          return invalid (error, what);
        }
      f = g_new0 (CivPrintField, 1);
      f->id = g_strdup (id);
      g_ptr_array_add (layout->fields, f);
      if (!number_member (o, "x", 0, layout->width_mm, &f->x) ||
          !number_member (o, "y", 0, layout->height_mm, &f->y) ||
          !number_member (o, "width", 1, layout->width_mm - f->x, &f->width) ||
          !number_member (o, "height", 1, layout->height_mm - f->y, &f->height) ||
          !number_member (o, "size", 5, 72, &size))
        {
          /* Translators: %s is a field's id in the layout file, e.g. name-0. */
          what = g_strdup_printf (_ ("the box of “%s” is missing or outside the blank"), id);
          return invalid (error, what);
        }
      f->size = (int) size;
    }
  return g_steal_pointer (&layout);
}

typedef gpointer (*ParseFunc) (const char *data, gsize len, GError **error);

/* Resource /org/civreg/Civreg/layouts/NAME.json, read with @parse. */
static gpointer
load_layout (const char *name, ParseFunc parse, GError **error)
{
  g_autofree char *path = g_strdup_printf ("/org/civreg/Civreg/layouts/%s.json", name);
  g_autoptr (GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  gsize       len = 0;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  return parse (data, len, error);
}

CivPrintLayout *
civ_print_layout_load (const char *name, GError **error)
{
  return load_layout (name, (ParseFunc) civ_print_layout_parse, error);
}

const CivPrintField *
civ_print_layout_find (const CivPrintLayout *layout, const char *id)
{
  for (guint i = 0; i < layout->fields->len; i++)
    {
      const CivPrintField *f = g_ptr_array_index (layout->fields, i);
      if (g_strcmp0 (f->id, id) == 0)
        return f;
    }
  return NULL;
}

static void
style_free (CivPrintStyle *style)
{
  g_free (style->id);
  g_free (style);
}

void
civ_print_document_layout_free (CivPrintDocumentLayout *layout)
{
  if (layout == NULL)
    return;
  g_free (layout->name);
  g_ptr_array_unref (layout->styles);
  g_free (layout);
}

static gboolean
align_member (JsonObject *o, PangoAlignment *out)
{
  static const struct
  {
    const char    *name;
    PangoAlignment align;
  } aligns[] = {
    { "left", PANGO_ALIGN_LEFT },
    { "center", PANGO_ALIGN_CENTER },
    { "right", PANGO_ALIGN_RIGHT },
  };
  JsonNode   *n = json_object_get_member (o, "align");
  const char *name;

  if (n == NULL || json_node_get_value_type (n) != G_TYPE_STRING)
    return FALSE;
  name = json_node_get_string (n);
  for (guint i = 0; i < G_N_ELEMENTS (aligns); i++)
    if (g_strcmp0 (name, aligns[i].name) == 0)
      {
        *out = aligns[i].align;
        return TRUE;
      }
  return FALSE;
}

static gboolean
bool_member (JsonObject *o, const char *name, gboolean *out)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    return FALSE;
  *out = json_node_get_boolean (n);
  return TRUE;
}

CivPrintDocumentLayout *
civ_print_document_layout_parse (const char *data, gsize len, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (CivPrintDocumentLayout) layout = g_new0 (CivPrintDocumentLayout, 1);
  JsonObject *root;
  JsonArray  *styles;
  JsonNode   *node;
  const char *name;

  layout->styles = g_ptr_array_new_with_free_func ((GDestroyNotify) style_free);
  root = parse_root (parser, data, len, &name, error);
  if (root == NULL)
    return NULL;
  layout->name = g_strdup (name);
  if (!number_member (root, "width_mm", 100, 500, &layout->width_mm) ||
      !number_member (root, "height_mm", 100, 500, &layout->height_mm))
    return invalid (error, _ ("the page's size is missing or out of range"));
  if (!number_member (root, "margin_mm", 0, 60, &layout->margin_mm))
    return invalid (error, _ ("the page's margin is missing or out of range"));
  node = json_object_get_member (root, "styles");
  styles = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  if (styles == NULL || json_array_get_length (styles) == 0 || json_array_get_length (styles) > 20)
    return invalid (error, _ ("it has no paragraph styles"));
  for (guint i = 0; i < json_array_get_length (styles); i++)
    {
      JsonNode        *n = json_array_get_element (styles, i);
      JsonObject      *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      const char      *id = o ? json_object_get_string_member_with_default (o, "id", NULL) : NULL;
      CivPrintStyle   *style;
      double           size = 0;
      g_autofree char *what = NULL;

      if (id == NULL || *id == '\0' || civ_print_document_layout_find (layout, id) != NULL)
        {
          what = g_strdup_printf (_ ("style %u has no id of its own"), i + 1);
          return invalid (error, what);
        }
      style = g_new0 (CivPrintStyle, 1);
      style->id = g_strdup (id);
      g_ptr_array_add (layout->styles, style);
      if (!number_member (o, "size", 5, 72, &size) || !bool_member (o, "bold", &style->bold) ||
          !align_member (o, &style->align) ||
          !number_member (o, "indent_mm", 0, 50, &style->indent_mm) ||
          !number_member (o, "gap_mm", 0, 50, &style->gap_mm))
        {
          /* Translators: %s is a paragraph style's id in the layout file, e.g. title. */
          what = g_strdup_printf (_ ("the style “%s” is incomplete or out of range"), id);
          return invalid (error, what);
        }
      style->size = (int) size;
    }
  return g_steal_pointer (&layout);
}

CivPrintDocumentLayout *
civ_print_document_layout_load (const char *name, GError **error)
{
  return load_layout (name, (ParseFunc) civ_print_document_layout_parse, error);
}

const CivPrintStyle *
civ_print_document_layout_find (const CivPrintDocumentLayout *layout, const char *id)
{
  for (guint i = 0; i < layout->styles->len; i++)
    {
      const CivPrintStyle *style = g_ptr_array_index (layout->styles, i);
      if (g_strcmp0 (style->id, id) == 0)
        return style;
    }
  return NULL;
}
