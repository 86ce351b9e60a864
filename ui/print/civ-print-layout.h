// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-print-layout.h — certificate layouts as data (resources/layouts/):
 * where each value goes on a pre-printed blank, in millimetres, with its
 * font size. A new certificate (adoption, cremation) is a layout file, the
 * field names it uses, and a test; calibration (civ-print.h) shifts every
 * layout alike. Notices, receipts and extracts are A4 documents whose
 * page, margins and paragraph styles are a document layout. */
#pragma once

#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct
{
  char  *id;
  double x, y, width, height; /* mm from the blank's top-left corner */
  int    size;                /* pt */
} CivPrintField;

typedef struct
{
  char      *name;
  double     width_mm, height_mm;
  GPtrArray *fields; /* CivPrintField, in the file's order */
} CivPrintLayout;

/* Parses and checks a layout: a JSON object with "layout", "width_mm",
 * "height_mm" (10–500) and "fields" (1–200), each with a unique "id" and a
 * box inside the blank, "size" 5–72 pt. Any other content is refused with a
 * message that names the field. */
CivPrintLayout *civ_print_layout_parse (const char *data, gsize len, GError **error);
/* The layout shipped as resource /org/civreg/Civreg/layouts/NAME.json. */
CivPrintLayout *civ_print_layout_load (const char *name, GError **error);
void            civ_print_layout_free (CivPrintLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivPrintLayout, civ_print_layout_free)

const CivPrintField *civ_print_layout_find (const CivPrintLayout *layout, const char *id);

/* How one kind of paragraph of an A4 document looks. */
typedef struct
{
  char          *id;   /* title, heading, body, item, signature */
  int            size; /* pt */
  gboolean       bold;
  PangoAlignment align;
  double         indent_mm; /* from the left margin */
  double         gap_mm;    /* space after the paragraph */
} CivPrintStyle;

/* Notices, receipts and extracts: flowing paragraphs on a page. */
typedef struct
{
  char      *name;
  double     width_mm, height_mm;
  double     margin_mm;
  GPtrArray *styles; /* CivPrintStyle */
} CivPrintDocumentLayout;

/* Parses and checks a document layout: "layout", "width_mm" and
 * "height_mm" (100–500), "margin_mm" (0–60), and "styles" (1–20), each with
 * a unique "id", "size" 5–72 pt, "bold", "align" (left, center, right),
 * "indent_mm" and "gap_mm" (0–50). Refused like civ_print_layout_parse(). */
CivPrintDocumentLayout *civ_print_document_layout_parse (const char *data,
                                                         gsize       len,
                                                         GError    **error);
/* The layout shipped as resource /org/civreg/Civreg/layouts/NAME.json. */
CivPrintDocumentLayout *civ_print_document_layout_load (const char *name, GError **error);
void                    civ_print_document_layout_free (CivPrintDocumentLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivPrintDocumentLayout, civ_print_document_layout_free)

const CivPrintStyle *civ_print_document_layout_find (const CivPrintDocumentLayout *layout,
                                                     const char                   *id);

G_END_DECLS
