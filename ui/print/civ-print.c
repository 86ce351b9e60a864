// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-print.c — certificates, notices, receipts, proofs, record extracts and
 * the calibration page, on paper or PDF */
#include "civ-print-private.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-citations.h"
#include "civ-config.h"
#include "civ-countries.h"
#include "civ-document-render.h"
#include "civ-ethnicity.h"
#include "civ-funeral-fees.h"
#include "civ-funeral-waiver.h"
#include "civ-identity-check.h"
#include "civ-idnumber.h"
#include "civ-marriage-rules.h"
#include "civ-print-layout.h"
#include "civ-states.h"

#define OFFSETS_KEY "certificate-offsets"
/* The couple's photo is decoded at most this many pixels on a side (a
 * 2-inch photo at 300 dpi is 413 × 579). */
#define PHOTO_MAX_SIDE 1200
#define FONT_FAMILY "DejaVu Serif, Noto Serif CJK SC, Serif"

/* The paragraph styles of the document layout (resources/layouts/document-a4.json). */
typedef enum
{
  STYLE_TITLE,
  STYLE_HEADING,
  STYLE_BODY,
  STYLE_ITEM,
  STYLE_SIGNATURE,
  N_STYLES
} ParaStyle;

static const char *const style_ids[N_STYLES] = {
  [STYLE_TITLE] = "title", [STYLE_HEADING] = "heading",     [STYLE_BODY] = "body",
  [STYLE_ITEM] = "item",   [STYLE_SIGNATURE] = "signature",
};
/* civ_print_document_add () takes a CivPrintPara for a ParaStyle. */
G_STATIC_ASSERT ((int) CIV_PRINT_PARA_TITLE == (int) STYLE_TITLE &&
                 (int) CIV_PRINT_PARA_HEADING == (int) STYLE_HEADING &&
                 (int) CIV_PRINT_PARA_BODY == (int) STYLE_BODY &&
                 (int) CIV_PRINT_PARA_ITEM == (int) STYLE_ITEM &&
                 (int) CIV_PRINT_PARA_SIGNATURE == (int) STYLE_SIGNATURE);

typedef struct
{
  ParaStyle style;
  char     *text;
  gboolean  table;  /* a row of a table: tab-separated cells on the receipt's columns */
  double    height; /* mm, once measured */
} Para;

/* The columns of the funeral receipt's table, in mm from the left margin:
 * the item (left-aligned), the unit (left), then quantity, unit price,
 * amount and waived amount, each right-aligned at its position. */
static const struct
{
  double        at;
  PangoTabAlign align;
} receipt_tabs[] = {
  { 64, PANGO_TAB_LEFT },   { 92, PANGO_TAB_RIGHT },  { 118, PANGO_TAB_RIGHT },
  { 140, PANGO_TAB_RIGHT }, { 160, PANGO_TAB_RIGHT },
};

/* What a job prints. The certificates and the calibration page go on the
 * certificate blank; the rest are A4 documents made of paragraphs. */
typedef enum
{
  JOB_MARRIAGE_CERTIFICATE,
  JOB_REFUSAL_NOTICE,
  JOB_EXTRACT,
  JOB_DIVORCE_RECEIPT,
  JOB_DIVORCE_NOTICE,
  JOB_DIVORCE_CERTIFICATE,
  JOB_CALIBRATION,
  JOB_ADOPTION_CERTIFICATE,
  JOB_ADOPTION_NOTICE,
  JOB_ADOPTION_REFUSAL,
  JOB_ADOPTION_DISSOLUTION,
  JOB_CREMATION_CERTIFICATE,
  JOB_FUNERAL_RECEIPT,
  JOB_DOCUMENT, /* paragraphs given by the caller (civ_print_document_add ()) */
} JobKind;

typedef struct
{
  JobKind              kind;
  CivMarriageRecord   *record;   /* marriage documents */
  CivDivorcePrintData *divorce;  /* divorce documents */
  CivAdoptionView     *adoption; /* adoption documents */
  CivFuneralPrintData *funeral;  /* the cremation certificate, a funeral receipt */
  GSettings           *settings;
  gboolean             fixed_offset; /* the calibration page: offsets given, not looked up */
  double               offset_x;
  double               offset_y;
  char                *certificate_no; /* printed instead of the record's (BJ, BL reissues) */
  char                *printer_name;   /* the calibration page */
  int                  only_holder;    /* a certificate: -1 both copies, else that spouse's */
  cairo_surface_t     *photo;          /* the couple's photo on a marriage certificate, or NULL */
  GPtrArray           *paras;          /* Para, for the A4 documents */
  GArray              *page_starts;    /* guint index into paras per page */
} PrintJob;

/* The fields of the certificate blank (R-N3), in mm from its top-left
 * corner: where each value starts and how much room it has. Marriage and
 * divorce certificates use the same blank layout. */
typedef enum
{
  FIELD_HOLDER,
  FIELD_DATE,
  FIELD_NUMBER,
  FIELD_REMARKS,
  FIELD_NAME_0,
  FIELD_SEX_0,
  FIELD_NATIONALITY_0,
  FIELD_BIRTH_0,
  FIELD_DOCUMENT_0,
  FIELD_NAME_1,
  FIELD_SEX_1,
  FIELD_NATIONALITY_1,
  FIELD_BIRTH_1,
  FIELD_DOCUMENT_1,
  FIELD_OFFICE,
  FIELD_REGISTRAR,
  FIELD_PHOTO, /* a picture, not a text: the couple's photo (R-N3) */
  N_FIELDS
} Field;

/* The field ids of the blank's layout (resources/layouts/certificate-blank.json)
 * and the words the calibration page writes in each box. */
static const struct
{
  const char *id;
  const char *label;
} field_names[N_FIELDS] = {
  [FIELD_HOLDER] = { "holder", N_ ("Holder") },
  [FIELD_DATE] = { "date", N_ ("Registration date") },
  [FIELD_NUMBER] = { "number", N_ ("Certificate number") },
  [FIELD_REMARKS] = { "remarks", N_ ("Remarks") },
  [FIELD_NAME_0] = { "name-0", N_ ("Name") },
  [FIELD_SEX_0] = { "sex-0", N_ ("Sex") },
  [FIELD_NATIONALITY_0] = { "nationality-0", N_ ("Nationality") },
  [FIELD_BIRTH_0] = { "birth-0", N_ ("Birth date") },
  [FIELD_DOCUMENT_0] = { "document-0", N_ ("Identity document number") },
  [FIELD_NAME_1] = { "name-1", N_ ("Name") },
  [FIELD_SEX_1] = { "sex-1", N_ ("Sex") },
  [FIELD_NATIONALITY_1] = { "nationality-1", N_ ("Nationality") },
  [FIELD_BIRTH_1] = { "birth-1", N_ ("Birth date") },
  [FIELD_DOCUMENT_1] = { "document-1", N_ ("Identity document number") },
  [FIELD_OFFICE] = { "office", N_ ("Registry") },
  [FIELD_REGISTRAR] = { "registrar", N_ ("Registrar") },
  [FIELD_PHOTO] = { "photo", N_ ("Photo") },
};

/* The fields of the adoption certificate blank (收养登记证, its own layout:
 * resources/layouts/adoption-certificate.json): the certificate, then the
 * adopters and the adopted child. */
typedef enum
{
  ADOPTION_NUMBER,
  ADOPTION_DATE,
  ADOPTION_REMARKS,
  ADOPTION_OFFICE,
  ADOPTION_REGISTRAR,
  ADOPTION_ADOPTER_NAME_0,
  ADOPTION_ADOPTER_SEX_0,
  ADOPTION_ADOPTER_BIRTH_0,
  ADOPTION_ADOPTER_DOCUMENT_0,
  ADOPTION_ADOPTER_NAME_1,
  ADOPTION_ADOPTER_SEX_1,
  ADOPTION_ADOPTER_BIRTH_1,
  ADOPTION_ADOPTER_DOCUMENT_1,
  ADOPTION_CHILD_NAME,
  ADOPTION_CHILD_SEX,
  ADOPTION_CHILD_BIRTH,
  ADOPTION_CHILD_DOCUMENT,
  N_ADOPTION_FIELDS
} AdoptionField;

static const char *const adoption_field_ids[N_ADOPTION_FIELDS] = {
  [ADOPTION_NUMBER] = "number",
  [ADOPTION_DATE] = "date",
  [ADOPTION_REMARKS] = "remarks",
  [ADOPTION_OFFICE] = "office",
  [ADOPTION_REGISTRAR] = "registrar",
  [ADOPTION_ADOPTER_NAME_0] = "adopter-name-0",
  [ADOPTION_ADOPTER_SEX_0] = "adopter-sex-0",
  [ADOPTION_ADOPTER_BIRTH_0] = "adopter-birth-0",
  [ADOPTION_ADOPTER_DOCUMENT_0] = "adopter-document-0",
  [ADOPTION_ADOPTER_NAME_1] = "adopter-name-1",
  [ADOPTION_ADOPTER_SEX_1] = "adopter-sex-1",
  [ADOPTION_ADOPTER_BIRTH_1] = "adopter-birth-1",
  [ADOPTION_ADOPTER_DOCUMENT_1] = "adopter-document-1",
  [ADOPTION_CHILD_NAME] = "child-name",
  [ADOPTION_CHILD_SEX] = "child-sex",
  [ADOPTION_CHILD_BIRTH] = "child-birth",
  [ADOPTION_CHILD_DOCUMENT] = "child-document",
};

/* The fields of the cremation certificate blank (火化证明, R-F13; its own
 * layout: resources/layouts/cremation-certificate.json). */
typedef enum
{
  CREMATION_SERIAL,
  CREMATION_CASE,
  CREMATION_NAME,
  CREMATION_SEX,
  CREMATION_AGE,
  CREMATION_ETHNICITY,
  CREMATION_DOCUMENT,
  CREMATION_ADDRESS,
  CREMATION_DEATH,
  CREMATION_CREMATED,
  CREMATION_FURNACE,
  CREMATION_OFFICE,
  CREMATION_ISSUED,
  N_CREMATION_FIELDS
} CremationField;

static const char *const cremation_field_ids[N_CREMATION_FIELDS] = {
  [CREMATION_SERIAL] = "serial",     [CREMATION_CASE] = "case",
  [CREMATION_NAME] = "name",         [CREMATION_SEX] = "sex",
  [CREMATION_AGE] = "age",           [CREMATION_ETHNICITY] = "ethnicity",
  [CREMATION_DOCUMENT] = "document", [CREMATION_ADDRESS] = "address",
  [CREMATION_DEATH] = "death",       [CREMATION_CREMATED] = "cremated",
  [CREMATION_FURNACE] = "furnace",   [CREMATION_OFFICE] = "office",
  [CREMATION_ISSUED] = "issued",
};

/* The layout @name of the resources, read once into @slot (a test checks
 * the shipped ones). */
static const CivPrintLayout *
layout_once (CivPrintLayout **slot, const char *name)
{
  if (g_once_init_enter (slot))
    {
      g_autoptr (GError) error = NULL;
      CivPrintLayout *loaded = civ_print_layout_load (name, &error);

      if (loaded == NULL)
        g_error ("The layout “%s”: %s", name, error->message);
      g_once_init_leave (slot, loaded);
    }
  return *slot;
}

/* The marriage and divorce blank's layout. */
static const CivPrintLayout *
blank_layout (void)
{
  static CivPrintLayout *layout;

  return layout_once (&layout, "certificate-blank");
}

/* The adoption certificate blank's layout. */
static const CivPrintLayout *
adoption_layout (void)
{
  static CivPrintLayout *layout;

  return layout_once (&layout, "adoption-certificate");
}

/* The cremation certificate blank's layout. */
static const CivPrintLayout *
cremation_layout (void)
{
  static CivPrintLayout *layout;

  return layout_once (&layout, "cremation-certificate");
}

/* The blank @kind prints on. */
static const CivPrintLayout *
job_blank (JobKind kind)
{
  if (kind == JOB_ADOPTION_CERTIFICATE)
    return adoption_layout ();
  if (kind == JOB_CREMATION_CERTIFICATE)
    return cremation_layout ();
  return blank_layout ();
}

/* The layout of notices, receipts and extracts, read once; it must have
 * every style of style_ids (a test checks it). */
static const CivPrintDocumentLayout *
document_layout (void)
{
  static CivPrintDocumentLayout *layout;

  if (g_once_init_enter (&layout))
    {
      g_autoptr (GError) error = NULL;
      CivPrintDocumentLayout *loaded = civ_print_document_layout_load ("document-a4", &error);

      if (loaded == NULL)
        g_error ("The documents' layout: %s", error->message);
      for (guint i = 0; i < N_STYLES; i++)
        if (civ_print_document_layout_find (loaded, style_ids[i]) == NULL)
          g_error ("The documents' layout has no style “%s”", style_ids[i]);
      g_once_init_leave (&layout, loaded);
    }
  return layout;
}

static const CivPrintStyle *
para_style (ParaStyle style)
{
  return civ_print_document_layout_find (document_layout (), style_ids[style]);
}

const char *
_civ_print_style_id (guint style)
{
  return style < N_STYLES ? style_ids[style] : NULL;
}

static const CivPrintField *
field_box (Field field)
{
  return civ_print_layout_find (blank_layout (), field_names[field].id);
}

const char *
_civ_print_field_id (guint field)
{
  return field < N_FIELDS ? field_names[field].id : NULL;
}

const char *
_civ_print_adoption_field_id (guint field)
{
  return field < N_ADOPTION_FIELDS ? adoption_field_ids[field] : NULL;
}

const char *
_civ_print_cremation_field_id (guint field)
{
  return field < N_CREMATION_FIELDS ? cremation_field_ids[field] : NULL;
}

static void
para_free (Para *para)
{
  g_free (para->text);
  g_free (para);
}

static void
print_job_free (PrintJob *job)
{
  g_clear_pointer (&job->record, civ_marriage_record_free);
  g_clear_pointer (&job->divorce, civ_divorce_print_data_free);
  g_clear_pointer (&job->adoption, civ_adoption_view_free);
  g_clear_pointer (&job->funeral, civ_funeral_print_data_free);
  g_clear_pointer (&job->photo, cairo_surface_destroy);
  g_clear_object (&job->settings);
  g_free (job->certificate_no);
  g_free (job->printer_name);
  g_ptr_array_unref (job->paras);
  g_array_unref (job->page_starts);
  g_free (job);
}

static void add_para (PrintJob *job, ParaStyle style, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
add_para (PrintJob *job, ParaStyle style, const char *format, ...)
{
  Para   *para = g_new0 (Para, 1);
  va_list args;

  va_start (args, format);
  para->style = style;
  para->text = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (job->paras, para);
}

/* A row of the receipt's table: @n cells, one per column of receipt_tabs
 * and the first; NULL cells stay empty. */
static void
add_table_row (PrintJob *job, ParaStyle style, const char *const *cells, guint n)
{
  Para *para = g_new0 (Para, 1);

  g_return_if_fail (n <= G_N_ELEMENTS (receipt_tabs) + 1);
  para->style = style;
  para->table = TRUE;
  para->text = g_strjoinv ("\t", (char **) cells);
  g_ptr_array_add (job->paras, para);
}

GSettings *
civ_print_load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source)
    schema = g_settings_schema_source_lookup (source, CIV_APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, OFFSETS_KEY))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

void
civ_print_get_offset (GSettings *settings, const char *printer_name, double *x_mm, double *y_mm)
{
  g_autoptr (GVariant) offsets = NULL;

  *x_mm = 0;
  *y_mm = 0;
  if (settings == NULL)
    return;
  offsets = g_settings_get_value (settings, OFFSETS_KEY);
  g_variant_lookup (offsets, printer_name ? printer_name : "", "(dd)", x_mm, y_mm);
}

void
civ_print_set_offset (GSettings *settings, const char *printer_name, double x_mm, double y_mm)
{
  g_autoptr (GVariant) old = NULL;
  GVariantBuilder builder;
  GVariantIter    iter;
  const char     *name;
  double          x, y;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (fabs (x_mm) <= CIV_PRINT_OFFSET_MAX_MM &&
                    fabs (y_mm) <= CIV_PRINT_OFFSET_MAX_MM);
  if (printer_name == NULL)
    printer_name = "";
  old = g_settings_get_value (settings, OFFSETS_KEY);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{s(dd)}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s(dd)}", &name, &x, &y))
    if (g_strcmp0 (name, printer_name) != 0)
      g_variant_builder_add (&builder, "{s(dd)}", name, x, y);
  g_variant_builder_add (&builder, "{s(dd)}", printer_name, x_mm, y_mm);
  g_settings_set_value (settings, OFFSETS_KEY, g_variant_builder_end (&builder));
}

static int
compare_names (const void *a, const void *b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

char **
civ_print_list_offsets (GSettings *settings)
{
  g_autoptr (GVariant) offsets = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  GVariantIter iter;
  const char  *name;
  char       **names;

  if (settings != NULL)
    {
      offsets = g_settings_get_value (settings, OFFSETS_KEY);
      g_variant_iter_init (&iter, offsets);
      while (g_variant_iter_next (&iter, "{&s(dd)}", &name, NULL, NULL))
        g_strv_builder_add (builder, name);
    }
  names = g_strv_builder_end (builder);
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  return names;
}

/* A layout in millimetres: 1 pt = 25.4 / 72 mm. */
static PangoLayout *
make_layout (cairo_t *cr, const char *font, double width_mm, const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr (PangoFontDescription) desc = pango_font_description_from_string (font);

  PangoContext         *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics in whole units would be whole millimetres: keep them exact. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_cairo_context_set_resolution (context, 25.4);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, desc);
  if (width_mm > 0)
    {
      pango_layout_set_width (layout, (int) (width_mm * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static void
show_text (cairo_t *cr, double x, double y, double width, const char *font, const char *text)
{
  g_autoptr (PangoLayout) layout = make_layout (cr, font, width, text);

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static char *
long_date (const char *iso)
{
  GDate date;

  if (iso == NULL || !civ_date_parse_iso (iso, &date))
    return g_strdup (iso ? iso : "");
  /* Translators: a date on a certificate: %1$d year, %2$d month, %3$d day. */
  return g_strdup_printf (_ ("%1$d-%2$02d-%3$02d"), g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date));
}

static const char *
sex_name (int sex)
{
  switch (sex)
    {
    case CIV_SEX_MALE:
      return _ ("Male");
    case CIV_SEX_FEMALE:
      return _ ("Female");
    default:
      return _ ("Not stated");
    }
}

/* The values of a certificate on the blank @layout: @values[i] in the box
 * of the field @ids[i], in its font size, shifted by the printer's offset;
 * NULL or "" leaves a field blank. Every blank draws through here. */
static void
draw_values (PrintJob             *job,
             cairo_t              *cr,
             const CivPrintLayout *layout,
             const char *const    *ids,
             const char *const    *values,
             guint                 n)
{
  cairo_save (cr);
  cairo_translate (cr, job->offset_x, job->offset_y);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < n; i++)
    {
      const CivPrintField *box = civ_print_layout_find (layout, ids[i]);
      g_autofree char     *font = NULL;

      if (box == NULL || values[i] == NULL || *values[i] == '\0')
        continue;
      font = g_strdup_printf (FONT_FAMILY " %d", box->size);
      show_text (cr, box->x, box->y, box->width, font, values[i]);
    }
  cairo_restore (cr);
}

/* The values of one copy of a marriage or divorce certificate, in field
 * order. */
static void
draw_fields (PrintJob *job, cairo_t *cr, const char *values[N_FIELDS])
{
  const char *ids[N_FIELDS];

  for (guint i = 0; i < N_FIELDS; i++)
    ids[i] = field_names[i].id;
  draw_values (job, cr, blank_layout (), ids, values, N_FIELDS);
}

/* A nationality as people read it: the country's name (GB/T 2659, "中国"),
 * the stored code only for a code the table does not know. */
static const char *
country_name (const char *code)
{
  const char *name = code ? civ_country_name (code) : NULL;

  return name ? name : code;
}

/* The couple's photo scaled into its box (kept whole, centred), shifted by
 * the printer's offset like the values. */
static void
draw_photo (PrintJob *job, cairo_t *cr)
{
  const CivPrintField *box = field_box (FIELD_PHOTO);
  double               w, h, scale;

  if (job->photo == NULL || box == NULL)
    return;
  w = cairo_image_surface_get_width (job->photo);
  h = cairo_image_surface_get_height (job->photo);
  scale = MIN (box->width / w, box->height / h);
  cairo_save (cr);
  cairo_translate (cr, job->offset_x + box->x + (box->width - w * scale) / 2,
                   job->offset_y + box->y + (box->height - h * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, job->photo, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_rectangle (cr, 0, 0, w, h);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* R-N3: holder, registration date, 字号, remarks, photo; per spouse name,
 * sex, nationality, birth date and document number; registry and
 * registrar. */
static void
draw_certificate (PrintJob *job, cairo_t *cr, int page)
{
  const CivMarriageVersion *v = civ_marriage_record_current (job->record);
  g_autofree char          *reg_date = long_date (v->registration_date);
  g_autofree char          *birth_0 = long_date (v->party[0].birth_date);
  g_autofree char          *birth_1 = long_date (v->party[1].birth_date);
  const char               *values[N_FIELDS] = { NULL };

  values[FIELD_HOLDER] = v->party[page % 2].name;
  values[FIELD_DATE] = reg_date;
  values[FIELD_NUMBER] = job->certificate_no ? job->certificate_no : v->certificate_no;
  values[FIELD_REMARKS] = v->remarks;
  values[FIELD_NAME_0] = v->party[0].name;
  values[FIELD_SEX_0] = sex_name (v->party[0].sex);
  values[FIELD_NATIONALITY_0] = country_name (v->party[0].nationality);
  values[FIELD_BIRTH_0] = birth_0;
  values[FIELD_DOCUMENT_0] = v->party[0].doc_number;
  values[FIELD_NAME_1] = v->party[1].name;
  values[FIELD_SEX_1] = sex_name (v->party[1].sex);
  values[FIELD_NATIONALITY_1] = country_name (v->party[1].nationality);
  values[FIELD_BIRTH_1] = birth_1;
  values[FIELD_DOCUMENT_1] = v->party[1].doc_number;
  values[FIELD_OFFICE] = v->office_name;
  values[FIELD_REGISTRAR] = v->registrar_name;
  draw_photo (job, cr);
  draw_fields (job, cr, values);
}

/* The divorce certificate (离婚证, R-D7) on the same blank: the holder, the
 * day it was issued, the L number, both former spouses as registered at
 * their marriage, this registry and the registrar who issued it. */
static void
draw_divorce_certificate (PrintJob *job, cairo_t *cr, int page)
{
  const CivDivorcePrintData *d = job->divorce;
  const CivMarriageVersion  *m = civ_marriage_record_current (d->marriage);
  const CivDivorceStep      *issued =
    civ_divorce_steps_find (d->steps, civ_divorce_state_to_db (CIV_DIVORCE_STATE_REGISTERED));
  g_autofree char *date = long_date (issued ? issued->on_date : d->view->closed_on);
  g_autofree char *birth_0 = long_date (m->party[0].birth_date);
  g_autofree char *birth_1 = long_date (m->party[1].birth_date);
  const char      *values[N_FIELDS] = { NULL };

  values[FIELD_HOLDER] = m->party[page % 2].name;
  values[FIELD_DATE] = date;
  values[FIELD_NUMBER] =
    job->certificate_no ? job->certificate_no : d->view->divorce->certificate_no;
  values[FIELD_NAME_0] = m->party[0].name;
  values[FIELD_SEX_0] = sex_name (m->party[0].sex);
  values[FIELD_NATIONALITY_0] = country_name (m->party[0].nationality);
  values[FIELD_BIRTH_0] = birth_0;
  values[FIELD_DOCUMENT_0] = m->party[0].doc_number;
  values[FIELD_NAME_1] = m->party[1].name;
  values[FIELD_SEX_1] = sex_name (m->party[1].sex);
  values[FIELD_NATIONALITY_1] = country_name (m->party[1].nationality);
  values[FIELD_BIRTH_1] = birth_1;
  values[FIELD_DOCUMENT_1] = m->party[1].doc_number;
  values[FIELD_OFFICE] = d->office_name;
  values[FIELD_REGISTRAR] = issued ? issued->actor_name : NULL;
  draw_fields (job, cr, values);
}

static void
draw_cross (cairo_t *cr, double x, double y, double arm)
{
  cairo_move_to (cr, x - arm, y);
  cairo_line_to (cr, x + arm, y);
  cairo_move_to (cr, x, y - arm);
  cairo_line_to (cr, x, y + arm);
  cairo_stroke (cr);
}

/* The calibration page: a cross at the origin of the fields (the blank's
 * corner when the offsets are right), a cross where each value starts and
 * the box it goes in, all shifted by the offsets being tried. */
static void
draw_calibration (PrintJob *job, cairo_t *cr)
{
  const char *printer =
    job->printer_name && *job->printer_name ? job->printer_name : _ ("PDF export");
  g_autofree char *caption = NULL;

  cairo_translate (cr, job->offset_x, job->offset_y);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.3);
  draw_cross (cr, 0, 0, 10);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      const CivPrintField *box = field_box (i);
      double               dash[] = { 1.0, 1.0 };

      if (box == NULL)
        continue;
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_set_line_width (cr, 0.2);
      draw_cross (cr, box->x, box->y, 2);
      cairo_save (cr);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
      cairo_rectangle (cr, box->x, box->y, box->width, box->height);
      cairo_stroke (cr);
      cairo_restore (cr);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      show_text (cr, box->x + 1, box->y + 1, box->width - 2, FONT_FAMILY " 7",
                 _ (field_names[i].label));
    }
  /* Translators: the caption of the printer calibration page: the printer
   * and the horizontal and vertical offsets tried, in millimetres. */
  caption = g_strdup_printf (_ ("Calibration page · %1$s · X %2$+.1f mm · Y %3$+.1f mm"), printer,
                             job->offset_x, job->offset_y);
  cairo_set_source_rgb (cr, 0, 0, 0);
  show_text (cr, 38, 136, 160, FONT_FAMILY " 9", caption);
}

/* Each refusing finding of @findings, numbered, in plain words with the law
 * it applies; never a rule id (the couple reads this; the rule stays in the
 * stored finding). */
static void
add_reasons (PrintJob *job, GPtrArray *findings)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    {
      CivFinding *f = g_ptr_array_index (findings, i);

      if (f->severity != CIV_SEVERITY_REFUSE)
        continue;
      if (f->citation != NULL)
        /* Translators: a reason in the refusal notice: its number, the
         * reason in plain words and the law it applies (《中华人民共和国
         * 民法典》第一千零四十七条). */
        add_para (job, STYLE_ITEM, _ ("%1$u. %2$s (under %3$s)"), ++n, f->message, f->citation);
      else
        add_para (job, STYLE_ITEM, "%u. %s", ++n, f->message);
    }
}

/* The law a section of a document follows, as people read it (R-D5 →
 * 《中华人民共和国民法典》第一千零七十七条…); the rule id stays in the code. */
static void
add_law (PrintJob *job, const char *rule)
{
  const char *citation = civ_citation_for_rule (rule);

  if (citation != NULL)
    /* Translators: %s is a law and its article, e.g. 《中华人民共和国民法典》第一千零七十七条. */
    add_para (job, STYLE_BODY, _ ("Under %s."), citation);
}

/* The heading of a party in an extract: 男方 or 女方, as registry practice
 * names them; by position only when the sex was not recorded. */
static const char *
party_heading (const CivRecordParty *p, guint index)
{
  if (p->sex == CIV_SEX_MALE)
    return C_ ("party", "The man");
  if (p->sex == CIV_SEX_FEMALE)
    return C_ ("party", "The woman");
  return index == 0 ? _ ("First party") : _ ("Second party");
}

static void
build_refusal_notice (PrintJob *job)
{
  const CivMarriageVersion *v = civ_marriage_record_current (job->record);
  g_autofree char          *date = long_date (v->registration_date);

  add_para (job, STYLE_TITLE, "%s", _ ("Notice of Refusal of Marriage Registration"));
  /* Translators: the salutation of the refusal notice: the two parties' names. */
  add_para (job, STYLE_BODY, _ ("%1$s and %2$s:"), v->party[0].name, v->party[1].name);
  add_para (job, STYLE_BODY,
            _ ("On %1$s you applied together to %2$s to register your marriage. Having examined "
               "the application, the registry does not register the marriage, for these "
               "reasons:"),
            date, v->office_name);
  add_reasons (job, v->findings);
  add_para (job, STYLE_BODY,
            _ ("If you disagree with this decision you may apply for administrative "
               "reconsideration or bring an administrative lawsuit according to law."));
  add_para (job, STYLE_SIGNATURE, "%s", v->office_name);
  /* Translators: %s is the registrar's name. */
  add_para (job, STYLE_SIGNATURE, _ ("Registrar: %s"), v->registrar_name);
  add_para (job, STYLE_SIGNATURE, "%s", date);
}

static void
add_party_paras (PrintJob *job, const CivRecordParty *p, const char *heading)
{
  g_autofree char *birth = long_date (p->birth_date);
  CivDocKind       kind = CIV_DOC_UNKNOWN;

  civ_doc_kind_from_string (p->doc_kind, &kind);
  add_para (job, STYLE_HEADING, "%s", heading);
  /* Translators: name, sex and birth date of a party in a record extract. */
  add_para (job, STYLE_BODY, _ ("%1$s · %2$s · born %3$s"), p->name, sex_name (p->sex), birth);
  /* Translators: the document type and number of a party in a record extract. */
  add_para (job, STYLE_BODY, _ ("%1$s %2$s"),
            kind != CIV_DOC_UNKNOWN ? civ_doc_kind_display_name (kind) : p->doc_kind,
            p->doc_number ? p->doc_number : "");
  /* Translators: nationality (the country's name), ethnicity and resident
   * category in a record extract. */
  add_para (job, STYLE_BODY, _ ("Nationality %1$s · ethnicity %2$s · %3$s"),
            country_name (p->nationality), p->ethnicity && *p->ethnicity ? p->ethnicity : "—",
            p->resident_category);
}

static void
build_extract (PrintJob *job)
{
  const CivMarriageVersion *v = civ_marriage_record_current (job->record);
  g_autofree char          *date = long_date (v->registration_date);
  g_autofree char          *effective = long_date (v->effective_from);

  add_para (job, STYLE_TITLE, "%s", _ ("Marriage Record Extract"));
  /* Translators: %s is the record's identifier. */
  add_para (job, STYLE_BODY, _ ("Record: %s"), job->record->record_id);
  /* Translators: %s is the state of a record, such as "Registered". */
  add_para (job, STYLE_BODY, _ ("State: %s"), civ_marriage_state_label_db (v->state));
  /* Translators: %s is a certificate number such as J110101-2026-000001. */
  add_para (job, STYLE_BODY, _ ("Certificate number: %s"),
            v->certificate_no ? v->certificate_no : "—");
  /* Translators: %1$s registration date, %2$s the date it takes effect from. */
  add_para (job, STYLE_BODY, _ ("Registered on %1$s, effective from %2$s"), date, effective);
  /* Translators: %1$s office name, %2$s its division code, %3$s the registrar. */
  add_para (job, STYLE_BODY, _ ("Registry: %1$s (%2$s) · registrar %3$s"), v->office_name,
            v->office_code, v->registrar_name);
  if (v->remarks && *v->remarks)
    /* Translators: %s is the remarks (备注) of a record. */
    add_para (job, STYLE_BODY, _ ("Remarks: %s"), v->remarks);
  add_party_paras (job, &v->party[0], party_heading (&v->party[0], 0));
  add_party_paras (job, &v->party[1], party_heading (&v->party[1], 1));
  /* How each party was identified at the counter (civ-identity-check.h). */
  if (job->record->identity_checks && job->record->identity_checks->len > 0)
    {
      add_para (job, STYLE_HEADING, "%s", _ ("Identity Checks"));
      for (guint i = 0; i < job->record->identity_checks->len; i++)
        {
          const CivIdentityCheckRow *c = g_ptr_array_index (job->record->identity_checks, i);
          g_autofree char           *line = civ_identity_check_row_describe (c);

          /* Translators: a party's name, how the party was identified, and the details. */
          add_para (job, STYLE_ITEM, _ ("%1$s — %2$s: %3$s"), c->party_name,
                    civ_identity_method_label_for_code (c->method), line);
        }
    }
  add_para (job, STYLE_HEADING, "%s", _ ("History"));
  for (guint i = 0; i < job->record->versions->len; i++)
    {
      const CivMarriageVersion *h = g_ptr_array_index (job->record->versions, i);

      /* Translators: one version of a record: number, state, time and operator. */
      add_para (job, STYLE_BODY, _ ("Version %1$d · %2$s · %3$s · %4$s"), h->version,
                civ_marriage_state_label_db (h->state), h->created_at, h->created_by);
      if (h->reason && *h->reason)
        /* Translators: why a version of a record was written. */
        add_para (job, STYLE_ITEM, _ ("Reason: %s"), h->reason);
      for (guint f = 0; f < h->findings->len; f++)
        {
          CivFinding *finding = g_ptr_array_index (h->findings, f);
          add_para (job, STYLE_ITEM, "[%s] %s", civ_severity_to_string (finding->severity),
                    finding->message);
        }
    }
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *printed = g_date_time_format (now, "%Y-%m-%d %H:%M");
    /* Translators: %s is the date and time the extract was printed. */
    add_para (job, STYLE_SIGNATURE, _ ("Printed %s"), printed);
  }
}

/* A date of a divorce document; @provisional marks a deadline that the
 * holiday table does not cover yet. */
static char *
deadline_text (const GDate *date, gboolean provisional)
{
  g_autofree char *iso = NULL;

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("—");
  iso = civ_date_format_iso (date);
  if (!provisional)
    return long_date (iso);
  {
    g_autofree char *text = long_date (iso);
    /* Translators: a deadline the holiday table does not cover yet (R-D5, R-D6). */
    return g_strdup_printf (_ ("%s (provisional)"), text);
  }
}

static const char *
document_name (const CivRecordParty *p)
{
  CivDocKind kind = CIV_DOC_UNKNOWN;

  civ_doc_kind_from_string (p->doc_kind, &kind);
  return kind != CIV_DOC_UNKNOWN ? civ_doc_kind_display_name (kind) : p->doc_kind;
}

/* The applicants with their identity documents (R-D2). */
static void
add_applicants (PrintJob *job)
{
  const CivMarriageVersion *m = civ_marriage_record_current (job->divorce->marriage);

  add_para (job, STYLE_HEADING, "%s", _ ("Applicants"));
  for (guint i = 0; i < 2; i++)
    {
      const CivRecordParty *p = &m->party[i];

      /* Translators: an applicant: name, sex, identity document and its number. */
      add_para (job, STYLE_ITEM, _ ("%1$s · %2$s · %3$s %4$s"), p->name, sex_name (p->sex),
                document_name (p) ? document_name (p) : "", p->doc_number ? p->doc_number : "—");
    }
  /* Translators: %s is a marriage certificate number such as J110101-2024-000001. */
  add_para (job, STYLE_BODY, _ ("Marriage certificate: %s"),
            job->divorce->view->marriage_certificate_no
              ? job->divorce->view->marriage_certificate_no
              : "—");
}

static void
add_signature (PrintJob *job, const CivDivorceStep *step, const char *date)
{
  add_para (job, STYLE_SIGNATURE, "%s", job->divorce->office_name);
  if (step != NULL)
    /* Translators: %s is the registrar's name. */
    add_para (job, STYLE_SIGNATURE, _ ("Registrar: %s"), step->actor_name);
  add_para (job, STYLE_SIGNATURE, "%s", date);
}

/* 受理回执单: the application was accepted on T0; the cooling-off period
 * (R-D5) and the issuance window (R-D6) follow from it. */
static void
build_divorce_receipt (PrintJob *job)
{
  const CivDivorcePrintData *d = job->divorce;
  const CivDivorceDeadlines *dl = &d->view->divorce->deadlines;
  const CivDivorceStep      *step =
    civ_divorce_steps_find (d->steps, civ_divorce_state_to_db (CIV_DIVORCE_STATE_COOLING));
  GDate            cooling_start = dl->accepted;
  g_autofree char *t0 = deadline_text (&dl->accepted, FALSE);
  g_autofree char *start = NULL;
  g_autofree char *cooling_end = deadline_text (&dl->cooling_off_end, dl->provisional);
  g_autofree char *window_start = deadline_text (&dl->window_start, dl->provisional);
  g_autofree char *window_end = deadline_text (&dl->window_end, dl->provisional);
  g_autofree char *lapsed = deadline_text (&dl->lapsed_from, dl->provisional);

  g_date_add_days (&cooling_start, 1);
  start = deadline_text (&cooling_start, FALSE);

  add_para (job, STYLE_TITLE, "%s", _ ("Receipt of Acceptance"));
  /* Translators: the salutation of a divorce document: the two spouses' names. */
  add_para (job, STYLE_BODY, _ ("%1$s and %2$s:"), d->view->names[0], d->view->names[1]);
  add_para (job, STYLE_BODY,
            /* Translators: %1$s is the day of acceptance (T0), %2$s the registry. */
            _ ("On %1$s (T0) %2$s accepted your joint application to register your divorce. "
               "Keep this receipt: you need it to withdraw the application or to receive the "
               "divorce certificates."),
            t0, d->office_name);
  add_applicants (job);
  if (d->view->agreement_ref && *d->view->agreement_ref)
    /* Translators: %s is the reference of the written divorce agreement. */
    add_para (job, STYLE_BODY, _ ("Divorce agreement: %s"), d->view->agreement_ref);
  add_para (job, STYLE_HEADING, "%s", _ ("Cooling-off period"));
  add_law (job, "R-D5");
  add_para (job, STYLE_BODY,
            /* Translators: %1$s is the first and %2$s the last day of the cooling-off period. */
            _ ("The cooling-off period runs from %1$s to %2$s. Until its last day either of you "
               "may withdraw the application alone, in person, at this registry. A withdrawal is "
               "recorded and cannot be undone; to divorce you would have to apply again."),
            start, cooling_end);
  add_para (job, STYLE_HEADING, "%s", _ ("Issuance window"));
  add_law (job, "R-D6");
  add_para (job, STYLE_BODY,
            /* Translators: %1$s is the first and %2$s the last day of the issuance window. */
            _ ("From %1$s to %2$s both of you come together, in person, to this registry to ask "
               "for the divorce certificates. The registry checks again that you both still "
               "agree to divorce and to the agreement."),
            window_start, window_end);
  add_para (job, STYLE_BODY,
            /* Translators: %s is the first day after the issuance window. */
            _ ("If you have not both come by then, the application is deemed withdrawn from %s."),
            lapsed);
  if (dl->provisional)
    add_para (job, STYLE_BODY, "%s",
              _ ("Dates marked provisional fall in a year whose public holidays have not been "
                 "published yet: only weekends were counted as rest days. A deadline that falls "
                 "on a holiday moves to the next working day; the registry will confirm it."));
  add_para (job, STYLE_HEADING, "%s", _ ("What to bring at issuance"));
  add_para (job, STYLE_ITEM, "• %s", _ ("Your identity documents"));
  add_para (job, STYLE_ITEM, "• %s",
            _ ("Both marriage certificates; for a lost certificate, a written statement with the "
               "other certificate or the archive copy"));
  add_para (job, STYLE_ITEM, "• %s", _ ("The signed divorce agreement"));
  add_para (job, STYLE_ITEM, "• %s", _ ("This receipt"));
  add_signature (job, step, t0);
}

/* 不予受理告知书: every reason the application was not accepted for, with
 * its rule id (R-D1…R-D3). */
static void
build_divorce_notice (PrintJob *job)
{
  const CivDivorcePrintData *d = job->divorce;
  const CivDivorceStep      *step =
    civ_divorce_steps_find (d->steps, civ_divorce_state_to_db (CIV_DIVORCE_STATE_NOT_ACCEPTED));
  g_autofree char *date = long_date (step ? step->on_date : NULL);

  add_para (job, STYLE_TITLE, "%s", _ ("Notice of Non-acceptance"));
  add_para (job, STYLE_BODY, _ ("%1$s and %2$s:"), d->view->names[0], d->view->names[1]);
  add_para (job, STYLE_BODY,
            /* Translators: %1$s is the date, %2$s the registry. */
            _ ("On %1$s you applied to %2$s to register your divorce. Having examined the "
               "application, the registry does not accept it, for these reasons:"),
            date, d->office_name);
  add_reasons (job, d->view->findings);
  add_applicants (job);
  add_para (job, STYLE_BODY, "%s",
            _ ("You may apply again, together and in person, once these reasons no longer "
               "apply. If you disagree with this decision you may apply for administrative "
               "reconsideration or bring an administrative lawsuit according to law."));
  add_signature (job, step, date);
}

/* ---- adoptions ---- */

/* The party of @role ("child", "adopter") at @position, or NULL. Placers
 * are never looked up: the birth parents appear on no print (R-A13). */
static const CivAdoptionPartyRow *
adoption_party (const CivAdoptionView *view, const char *role, int position)
{
  for (guint i = 0; i < view->parties->len; i++)
    {
      const CivAdoptionPartyRow *p = g_ptr_array_index (view->parties, i);

      if (g_str_equal (p->role, role) && p->position == position)
        return p;
    }
  return NULL;
}

/* The newest event that moved the adoption to @state, or NULL. */
static const CivAdoptionEventRow *
adoption_event (const CivAdoptionView *view, CivAdoptionState state)
{
  const char *db = civ_adoption_state_to_db (state);

  for (guint i = view->events->len; i > 0; i--)
    {
      const CivAdoptionEventRow *e = g_ptr_array_index (view->events, i - 1);

      if (g_strcmp0 (e->state, db) == 0 && g_strcmp0 (e->from_state, db) != 0)
        return e;
    }
  return NULL;
}

/* The string member @key of an event's detail (JSON), or NULL. */
static char *
event_detail (const CivAdoptionEventRow *event, const char *key)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (event == NULL || event->detail == NULL || *event->detail == '\0' ||
      !json_parser_load_from_data (parser, event->detail, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (
    json_object_get_string_member_with_default (json_node_get_object (root), key, NULL));
}

/* An identity document's kind as people read it. */
static const char *
doc_kind_name (const char *doc_kind)
{
  CivDocKind kind = CIV_DOC_UNKNOWN;

  if (doc_kind == NULL || *doc_kind == '\0')
    return "";
  civ_doc_kind_from_string (doc_kind, &kind);
  return kind != CIV_DOC_UNKNOWN ? civ_doc_kind_display_name (kind) : doc_kind;
}

static const char *
party_name (const CivAdoptionPartyRow *p)
{
  return p != NULL && p->name != NULL ? p->name : "";
}

/* 收养登记证 (R-A10) on its own blank: the number, the day registered, the
 * adopters and the child with sex, birth date and identity document, the
 * registry and the registrar who registered it. */
static void
draw_adoption_certificate (PrintJob *job, cairo_t *cr)
{
  const CivAdoptionView     *v = job->adoption;
  const CivAdoptionEventRow *registered = adoption_event (v, CIV_ADOPTION_STATE_REGISTERED);
  const CivAdoptionPartyRow *adopter[2] = { adoption_party (v, "adopter", 0),
                                            adoption_party (v, "adopter", 1) };
  const CivAdoptionPartyRow *child = adoption_party (v, "child", 0);
  g_autofree char           *date = long_date (v->row->registered_on);
  g_autofree char           *birth0 = NULL;
  g_autofree char           *birth1 = NULL;
  g_autofree char           *child_birth = NULL;
  const char                *values[N_ADOPTION_FIELDS] = { NULL };

  values[ADOPTION_NUMBER] = v->row->certificate_no;
  values[ADOPTION_DATE] = date;
  values[ADOPTION_OFFICE] = v->row->office_name;
  values[ADOPTION_REGISTRAR] = registered ? registered->actor_name : NULL;
  for (guint i = 0; i < 2; i++)
    {
      const CivAdoptionPartyRow *a = adopter[i];

      if (a == NULL)
        continue;
      char **birth = i == 0 ? &birth0 : &birth1;

      *birth = a->birth_date ? long_date (a->birth_date) : NULL;
      values[ADOPTION_ADOPTER_NAME_0 + 4 * i] = a->name;
      values[ADOPTION_ADOPTER_SEX_0 + 4 * i] = sex_name (a->sex);
      values[ADOPTION_ADOPTER_BIRTH_0 + 4 * i] = *birth;
      values[ADOPTION_ADOPTER_DOCUMENT_0 + 4 * i] = a->doc_number;
    }
  if (child != NULL)
    {
      child_birth = child->birth_date ? long_date (child->birth_date) : NULL;
      values[ADOPTION_CHILD_NAME] = child->name;
      values[ADOPTION_CHILD_SEX] = sex_name (child->sex);
      values[ADOPTION_CHILD_BIRTH] = child_birth;
      values[ADOPTION_CHILD_DOCUMENT] = child->doc_number;
    }
  draw_values (job, cr, adoption_layout (), adoption_field_ids, values, N_ADOPTION_FIELDS);
}

/* The adopters' names as a salutation: "王强 and 刘芳:", "王强:". */
static void
add_adopters_salutation (PrintJob *job)
{
  const CivAdoptionPartyRow *a0 = adoption_party (job->adoption, "adopter", 0);
  const CivAdoptionPartyRow *a1 = adoption_party (job->adoption, "adopter", 1);

  if (a1 != NULL)
    add_para (job, STYLE_BODY, _ ("%1$s and %2$s:"), party_name (a0), party_name (a1));
  else
    /* Translators: the salutation of a document to one person: the name. */
    add_para (job, STYLE_BODY, _ ("%s:"), party_name (a0));
}

/* The office, the registrar who took the step of @event and its day. */
static void
add_adoption_signature (PrintJob *job, const CivAdoptionEventRow *event, const char *date)
{
  add_para (job, STYLE_SIGNATURE, "%s", job->adoption->row->office_name);
  if (event != NULL && event->actor_name != NULL)
    /* Translators: %s is the registrar's name. */
    add_para (job, STYLE_SIGNATURE, _ ("Registrar: %s"), event->actor_name);
  add_para (job, STYLE_SIGNATURE, "%s", date);
}

/* 公告 (R-A7): the notice's text as recorded, paragraph by paragraph, the
 * day it was published and the day its 60 days end. */
static void
build_adoption_notice (PrintJob *job)
{
  const CivAdoptionNoticeRow *n = job->adoption->notice;
  g_autofree char            *published = long_date (n->published_on);
  g_autofree char            *ends = long_date (n->ends_on);
  g_auto (GStrv) lines = g_strsplit (n->text, "\n", -1);

  add_para (job, STYLE_TITLE, "%s", _ ("Adoption Public Notice"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));

      if (*line != '\0')
        add_para (job, STYLE_BODY, "%s", line);
    }
  add_para (job, STYLE_BODY,
            /* Translators: %1$s is the day the adoption notice was published, %2$s the
             * last day of its 60 days (R-A7). */
            _ ("Published on %1$s. The notice period ends on %2$s."), published, ends);
  add_law (job, "R-A7");
  add_para (job, STYLE_SIGNATURE, "%s", job->adoption->row->office_name);
  add_para (job, STYLE_SIGNATURE, "%s", published);
}

/* 不予登记告知书 of an adoption: every reason with its rule id and the law
 * it applies. */
static void
build_adoption_refusal (PrintJob *job)
{
  const CivAdoptionView     *v = job->adoption;
  const CivAdoptionEventRow *refused = adoption_event (v, CIV_ADOPTION_STATE_REFUSED);
  g_autofree char           *applied = long_date (v->row->applied_on);
  g_autofree char           *date = long_date (v->row->closed_on);
  guint                      n = 0;

  add_para (job, STYLE_TITLE, "%s", _ ("Notice of Refusal of Adoption Registration"));
  add_adopters_salutation (job);
  add_para (job, STYLE_BODY,
            /* Translators: %1$s is the day of the application, %2$s the registry, %3$s the
             * child's name. */
            _ ("On %1$s you applied to %2$s to register the adoption of %3$s. Having examined "
               "the application, the registry does not register the adoption, for these "
               "reasons:"),
            applied, v->row->office_name, party_name (adoption_party (v, "child", 0)));
  for (guint i = 0; i < v->findings->len; i++)
    {
      const CivFinding *f = g_ptr_array_index (v->findings, i);

      if (f->citation != NULL)
        /* Translators: a reason of an adoption refusal: its number, the reason, the
         * rule's id (R-A3) and the law it applies. */
        add_para (job, STYLE_ITEM, _ ("%1$u. %2$s (%3$s; under %4$s)"), ++n, f->message, f->rule,
                  f->citation);
      else
        /* Translators: a reason of an adoption refusal: its number, the reason and the
         * rule's id. */
        add_para (job, STYLE_ITEM, _ ("%1$u. %2$s (%3$s)"), ++n, f->message, f->rule);
    }
  add_para (job, STYLE_BODY, "%s",
            _ ("If you disagree with this decision you may apply for administrative "
               "reconsideration or bring an administrative lawsuit according to law."));
  add_adoption_signature (job, refused, date);
}

/* One party of a dissolution proof: name, sex, birth date, document. */
static void
add_adoption_party (PrintJob *job, const CivAdoptionPartyRow *p)
{
  g_autofree char *birth = NULL;

  if (p == NULL)
    return;
  birth = p->birth_date ? long_date (p->birth_date) : g_strdup ("—");
  /* Translators: a party of an adoption: name, sex, birth date, identity document
   * and its number. */
  add_para (job, STYLE_ITEM, _ ("%1$s · %2$s · born %3$s · %4$s %5$s"), party_name (p),
            sex_name (p->sex), birth, doc_kind_name (p->doc_kind),
            p->doc_number ? p->doc_number : "—");
}

/* 解除收养关系证明 (R-A14): its number, the parties, the adoption and its
 * certificate taken back, the day the dissolution was registered. */
static void
build_adoption_dissolution (PrintJob *job)
{
  const CivAdoptionView     *v = job->adoption;
  const CivAdoptionEventRow *dissolved = adoption_event (v, CIV_ADOPTION_STATE_DISSOLVED);
  g_autofree char           *registered = long_date (v->row->registered_on);
  g_autofree char           *date = long_date (v->row->closed_on);
  g_autofree char           *agreement = event_detail (dissolved, "agreement");

  add_para (job, STYLE_TITLE, "%s", _ ("Certificate of Dissolution of Adoption"));
  /* Translators: %s is the number of the dissolution proof (JCSY110101-2027-000001). */
  add_para (job, STYLE_SIGNATURE, _ ("No. %s"), v->dissolution_no);
  add_para (job, STYLE_HEADING, "%s", _ ("Adoptive parents"));
  add_adoption_party (job, adoption_party (v, "adopter", 0));
  add_adoption_party (job, adoption_party (v, "adopter", 1));
  add_para (job, STYLE_HEADING, "%s", _ ("Adopted child"));
  add_adoption_party (job, adoption_party (v, "child", 0));
  add_para (job, STYLE_BODY,
            /* Translators: %1$s is the day the adoption was registered, %2$s its certificate
             * number, %3$s the day of the dissolution, %4$s the registry, %5$s the reference of
             * the dissolution agreement. */
            _ ("The adoption registered on %1$s under adoption certificate %2$s was dissolved: "
               "on %3$s %4$s registered the dissolution of the adoptive relationship by the "
               "agreement %5$s, and took the adoption certificate back."),
            registered, v->row->certificate_no ? v->row->certificate_no : "—", date,
            v->row->office_name, agreement ? agreement : "—");
  add_para (job, STYLE_BODY, "%s",
            _ ("From that day the rights and duties between the adoptive parents and the "
               "adopted child end. This is to certify the above."));
  add_law (job, "R-A14");
  add_adoption_signature (job, dissolved, date);
}

gboolean
civ_print_adoption_check (CivAdoptionPrintKind kind, const CivAdoptionView *view, GError **error)
{
  CivAdoptionState state;

  g_return_val_if_fail (view != NULL && view->row != NULL, FALSE);

  state = civ_adoption_state_from_db (view->row->state);
  switch (kind)
    {
    case CIV_PRINT_ADOPTION_CERTIFICATE:
      if (state == CIV_ADOPTION_STATE_REGISTERED && view->row->certificate_no != NULL)
        return TRUE;
      civ_app_set_refusal (error, "R-A10",
                           _ ("R-A10: only a registered adoption has a certificate to print; "
                              "this adoption is “%s”"),
                           civ_adoption_state_label (state));
      return FALSE;
    case CIV_PRINT_ADOPTION_NOTICE:
      if (view->notice != NULL)
        return TRUE;
      civ_app_set_refusal (error, "R-A7", "%s",
                           _ ("R-A7: this adoption has no public notice to print; a notice is "
                              "published only when the child's birth parents cannot be found"));
      return FALSE;
    case CIV_PRINT_ADOPTION_REFUSAL:
      if (state == CIV_ADOPTION_STATE_REFUSED && view->findings != NULL)
        return TRUE;
      civ_app_set_refusal (error, "R-A10",
                           _ ("R-A10: only a refused adoption has a refusal notice to print; "
                              "this adoption is “%s”"),
                           civ_adoption_state_label (state));
      return FALSE;
    case CIV_PRINT_ADOPTION_DISSOLUTION:
    default:
      if (state == CIV_ADOPTION_STATE_DISSOLVED && view->dissolution_no != NULL)
        return TRUE;
      civ_app_set_refusal (error, "R-A14",
                           _ ("R-A14: only a dissolved adoption has a proof of dissolution to "
                              "print; this adoption is “%s”"),
                           civ_adoption_state_label (state));
      return FALSE;
    }
}

/* ---- funeral prints ---- */

/* "2026-08-03T10:20" as a date and a time ("2026-08-03 10:20"). */
static char *
moment_text (const char *at)
{
  g_autofree char *date = NULL;

  if (at == NULL || strlen (at) < 10)
    return g_strdup (at ? at : "");
  date = g_strndup (at, 10);
  {
    g_autofree char *day = long_date (date);

    if (strlen (at) >= 16 && at[10] == 'T')
      /* Translators: a date and a time of day on a certificate: %1$s the date, %2$s HH:MM. */
      return g_strdup_printf (_ ("%1$s %2$s"), day, at + 11);
    return g_steal_pointer (&day);
  }
}

/* The age at death in full years, "" when the birth date is unknown. */
static char *
age_at_death (const CivFuneralReport *r)
{
  GDate death;
  int   age;

  if (!g_date_valid (&r->birth_date) || r->death_at == NULL ||
      !civ_funeral_parse_moment (r->death_at, &death, NULL))
    return g_strdup ("");
  age = civ_age_on (&r->birth_date, &death, CIV_AGE_ON_BIRTHDAY);
  if (age < 0)
    return g_strdup ("");
  /* Translators: the age of the deceased in full years on a cremation certificate. */
  return g_strdup_printf (g_dngettext (NULL, "%d year", "%d years", (gulong) age), age);
}

/* The deceased's name, or what stands for it on an unidentified body. */
static const char *
deceased_name (const CivFuneralReport *r)
{
  if (r->unidentified || r->name == NULL || *r->name == '\0')
    return _ ("Unidentified body");
  return r->name;
}

/* 火化证明 (R-F13) on its own blank: the blank's serial and the case; the
 * deceased; the death, the cremation and its furnace; the funeral home and
 * the day the certificate was issued. */
static void
draw_cremation_certificate (PrintJob *job, cairo_t *cr)
{
  const CivFuneralPrintData *d = job->funeral;
  const CivFuneralReport    *r = d->view->report;
  g_autofree char           *age = age_at_death (r);
  g_autofree char           *death_day = r->death_at ? g_strndup (r->death_at, 10) : NULL;
  g_autofree char           *death = long_date (death_day);
  g_autofree char           *cremated = moment_text (d->cremated_at);
  g_autofree char           *issued = long_date (d->issued_on);
  g_autofree char           *serial = NULL;
  const char                *ethnicity = NULL;
  const char                *values[N_CREMATION_FIELDS] = { NULL };

  if (r->ethnicity != NULL && *r->ethnicity != '\0')
    {
      ethnicity = civ_ethnicity_name (r->ethnicity);
      if (ethnicity == NULL)
        ethnicity = r->ethnicity;
    }
  /* Translators: the blank's serial printed small beside the pre-printed one (R-F13). */
  serial = g_strdup_printf (_ ("No. %s"), d->view->cremation_serial);
  values[CREMATION_SERIAL] = serial;
  values[CREMATION_CASE] = d->view->case_no;
  values[CREMATION_NAME] = deceased_name (r);
  values[CREMATION_SEX] = sex_name (r->sex);
  values[CREMATION_AGE] = age;
  values[CREMATION_ETHNICITY] = ethnicity;
  values[CREMATION_DOCUMENT] = r->id_number;
  values[CREMATION_ADDRESS] = r->address;
  values[CREMATION_DEATH] = death;
  values[CREMATION_CREMATED] = cremated;
  values[CREMATION_FURNACE] = d->furnace;
  values[CREMATION_OFFICE] = d->office_name;
  values[CREMATION_ISSUED] = issued;
  draw_values (job, cr, cremation_layout (), cremation_field_ids, values, N_CREMATION_FIELDS);
}

/* A unit as the receipt names it (the stored code when it is unknown). */
static const char *
unit_label (const char *unit)
{
  const char *label = civ_fee_unit_label (civ_fee_unit_from_string (unit));

  return label ? label : unit;
}

/* Yuan with two decimals from integer fen. */
static char *
yuan (gint64 fen)
{
  return civ_fen_format (fen);
}

/* 殡葬服务收费收据: the office and the number; the case, the deceased and
 * the agent; each line with its item, unit, quantity, unit price, amount
 * and what the waiver covers of it; the total, the 惠民殡葬 waiver with
 * its group and policy, what the family pays; the clerk who issued it. */
static void
build_funeral_receipt (PrintJob *job)
{
  const CivFuneralPrintData  *d = job->funeral;
  const CivFuneralReceiptRow *rc = d->receipt;
  const CivFuneralReport     *r = d->view->report;
  g_autofree char            *issued = long_date (rc->issued_on);
  g_autofree char            *total = yuan (rc->total_fen);
  g_autofree char            *waived = yuan (rc->waived_fen);
  g_autofree char            *to_pay = yuan (rc->to_pay_fen);
  const char                 *header[] = { _ ("Item"),
                                           C_ ("receipt column", "Unit"),
                                           _ ("Quantity"),
                                           _ ("Unit price"),
                                           _ ("Amount"),
                                           _ ("Waived"),
                                           NULL };

  add_para (job, STYLE_TITLE, "%s", _ ("Funeral Service Receipt"));
  /* Translators: %s is a receipt number such as SJ110101-2026-000001. */
  add_para (job, STYLE_SIGNATURE, _ ("No. %s"), rc->receipt_no);
  /* Translators: %s is the funeral home or civil-affairs office. */
  add_para (job, STYLE_BODY, _ ("Issued by: %s"), d->office_name);
  /* Translators: %1$s a funeral case number, %2$s the deceased's name. */
  add_para (job, STYLE_BODY, _ ("Case: %1$s · deceased: %2$s"), d->view->case_no,
            deceased_name (r));
  if (r->agent_name != NULL && *r->agent_name != '\0')
    {
      if (r->agent_relationship != NULL && *r->agent_relationship != '\0')
        /* Translators: the agent who arranges the funeral, and how they are related to the
         * deceased. */
        add_para (job, STYLE_BODY, _ ("Agent: %1$s (%2$s)"), r->agent_name, r->agent_relationship);
      else
        /* Translators: the agent who arranges the funeral. */
        add_para (job, STYLE_BODY, _ ("Agent: %s"), r->agent_name);
    }
  /* Translators: %s is the day a receipt was issued. */
  add_para (job, STYLE_BODY, _ ("Date: %s"), issued);
  /* Translators: the heading of a receipt's table; amounts are in yuan (元). */
  add_para (job, STYLE_HEADING, "%s", _ ("Charges (yuan)"));
  add_table_row (job, STYLE_BODY, header, 6);
  for (guint i = 0; i < rc->lines->len; i++)
    {
      const CivFuneralReceiptLine *l = g_ptr_array_index (rc->lines, i);
      g_autofree char             *qty = g_strdup_printf ("%" G_GINT64_FORMAT, l->quantity);
      g_autofree char             *price = yuan (l->unit_price_fen);
      g_autofree char             *amount = yuan (l->amount_fen);
      g_autofree char             *line_waived = yuan (l->waived_fen);
      const char                  *cells[] = { l->item_name, unit_label (l->unit),
                                               qty,          price,
                                               amount,       l->waived_fen > 0 ? line_waived : "—",
                                               NULL };

      add_table_row (job, STYLE_BODY, cells, 6);
    }
  {
    const char *total_row[] = { _ ("Total"), "", "", "", total, waived, NULL };

    add_table_row (job, STYLE_HEADING, total_row, 6);
  }
  if (rc->waived_fen > 0 && d->assessment != NULL)
    {
      CivWaiverGroup group = civ_waiver_group_from_string (d->assessment->waiver_group);
      const char    *label = civ_waiver_group_label (group);

      /* Translators: 惠民殡葬: %1$s the amount in yuan, %2$s the group the deceased belongs to
       * (低保对象…), %3$s the version of the area's waiver policy (东民〔2026〕1号). */
      add_para (job, STYLE_BODY,
                _ ("Waived under the basic funeral services policy: %1$s yuan (group: %2$s; "
                   "policy %3$s)"),
                waived, label ? label : d->assessment->waiver_group, d->assessment->policy_version);
    }
  /* Translators: %s is what the family pays, in yuan with two decimals. */
  add_para (job, STYLE_HEADING, _ ("To pay: %s yuan"), to_pay);
  add_para (job, STYLE_SIGNATURE, "%s", d->office_name);
  /* Translators: %s is the name of the clerk who issued the receipt. */
  add_para (job, STYLE_SIGNATURE, _ ("Clerk: %s"), d->clerk);
  add_para (job, STYLE_SIGNATURE, "%s", issued);
}

static gboolean
job_on_blank (JobKind kind)
{
  return kind == JOB_MARRIAGE_CERTIFICATE || kind == JOB_DIVORCE_CERTIFICATE ||
         kind == JOB_CALIBRATION || kind == JOB_ADOPTION_CERTIFICATE ||
         kind == JOB_CREMATION_CERTIFICATE;
}

static PangoLayout *
para_layout (cairo_t *cr, const Para *para, double width)
{
  const CivPrintStyle *style = para_style (para->style);
  g_autofree char     *font =
    g_strdup_printf ("%s%s %d", FONT_FAMILY, style->bold ? " Bold" : "", style->size);
  PangoLayout *layout = make_layout (cr, font, width - style->indent_mm, para->text);

  pango_layout_set_alignment (layout, style->align);
  if (para->table)
    {
      PangoTabArray *tabs = pango_tab_array_new (G_N_ELEMENTS (receipt_tabs), FALSE);

      for (guint i = 0; i < G_N_ELEMENTS (receipt_tabs); i++)
        pango_tab_array_set_tab (tabs, (int) i, receipt_tabs[i].align,
                                 (int) ((receipt_tabs[i].at - style->indent_mm) * PANGO_SCALE));
      pango_layout_set_tabs (layout, tabs);
      pango_tab_array_free (tabs);
      /* A row's cells never wrap onto the next column. */
      pango_layout_set_width (layout, -1);
    }
  return layout;
}

static void
on_begin_print_cb (GtkPrintOperation *operation, GtkPrintContext *context, PrintJob *job)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  const char       *printer = settings ? gtk_print_settings_get_printer (settings) : NULL;
  cairo_t          *cr = gtk_print_context_get_cairo_context (context);
  double            width = gtk_print_context_get_width (context);
  double            height = gtk_print_context_get_height (context);
  double            y = 0;
  guint             start = 0;

  if (job_on_blank (job->kind))
    {
      if (!job->fixed_offset)
        civ_print_get_offset (job->settings, printer, &job->offset_x, &job->offset_y);
      /* Marriage and divorce: one copy per spouse; an adoption: one. */
      gtk_print_operation_set_n_pages (operation, job->kind == JOB_CALIBRATION ||
                                                      job->kind == JOB_ADOPTION_CERTIFICATE ||
                                                      job->kind == JOB_CREMATION_CERTIFICATE ||
                                                      job->only_holder >= 0
                                                    ? 1
                                                    : 2);
      return;
    }

  g_array_set_size (job->page_starts, 0);
  g_array_append_val (job->page_starts, start);
  for (guint i = 0; i < job->paras->len; i++)
    {
      Para *para = g_ptr_array_index (job->paras, i);
      g_autoptr (PangoLayout) layout = para_layout (cr, para, width);
      int h;

      pango_layout_get_size (layout, NULL, &h);
      para->height = (double) h / PANGO_SCALE + para_style (para->style)->gap_mm;
      if (y > 0 && y + para->height > height)
        {
          g_array_append_val (job->page_starts, i);
          y = 0;
        }
      y += para->height;
    }
  gtk_print_operation_set_n_pages (operation, (int) job->page_starts->len);
}

static void
on_draw_page_cb (GtkPrintOperation *operation, GtkPrintContext *context, int page, PrintJob *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double   width = gtk_print_context_get_width (context);
  guint    first, last;
  double   y = 0;

  switch (job->kind)
    {
    case JOB_MARRIAGE_CERTIFICATE:
      draw_certificate (job, cr, job->only_holder >= 0 ? job->only_holder : page);
      return;
    case JOB_DIVORCE_CERTIFICATE:
      draw_divorce_certificate (job, cr, job->only_holder >= 0 ? job->only_holder : page);
      return;
    case JOB_CALIBRATION:
      draw_calibration (job, cr);
      return;
    case JOB_ADOPTION_CERTIFICATE:
      draw_adoption_certificate (job, cr);
      return;
    case JOB_CREMATION_CERTIFICATE:
      draw_cremation_certificate (job, cr);
      return;
    case JOB_FUNERAL_RECEIPT:
    case JOB_ADOPTION_NOTICE:
    case JOB_ADOPTION_REFUSAL:
    case JOB_ADOPTION_DISSOLUTION:
    case JOB_REFUSAL_NOTICE:
    case JOB_EXTRACT:
    case JOB_DIVORCE_RECEIPT:
    case JOB_DIVORCE_NOTICE:
    case JOB_DOCUMENT:
    default:
      break;
    }
  if ((guint) page >= job->page_starts->len)
    return;
  first = g_array_index (job->page_starts, guint, page);
  last = (guint) page + 1 < job->page_starts->len
           ? g_array_index (job->page_starts, guint, page + 1)
           : job->paras->len;
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = first; i < last; i++)
    {
      Para *para = g_ptr_array_index (job->paras, i);
      g_autoptr (PangoLayout) layout = para_layout (cr, para, width);

      cairo_move_to (cr, para_style (para->style)->indent_mm, y);
      pango_cairo_show_layout (cr, layout);
      y += para->height;
    }
}

static PrintJob *
print_job_new (JobKind kind, GSettings *settings)
{
  PrintJob *job = g_new0 (PrintJob, 1);

  job->kind = kind;
  job->only_holder = -1;
  job->settings = settings ? g_object_ref (settings) : NULL;
  job->paras = g_ptr_array_new_with_free_func ((GDestroyNotify) para_free);
  job->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  return job;
}

/* The operation for @job, which is taken: the certificate blank or A4. */
static GtkPrintOperation *
operation_new (PrintJob *job, const char *job_name)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();

  gtk_print_operation_set_unit (operation, GTK_UNIT_MM);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (job_on_blank (job->kind))
    {
      const CivPrintLayout *blank = job_blank (job->kind);
      g_autoptr (GtkPaperSize) paper = NULL;

      if (job->kind == JOB_DIVORCE_CERTIFICATE)
        paper =
          gtk_paper_size_new_custom ("civreg-divorce-certificate", _ ("Divorce certificate blank"),
                                     blank->width_mm, blank->height_mm, GTK_UNIT_MM);
      else if (job->kind == JOB_ADOPTION_CERTIFICATE)
        paper = gtk_paper_size_new_custom ("civreg-adoption-certificate",
                                           _ ("Adoption certificate blank"), blank->width_mm,
                                           blank->height_mm, GTK_UNIT_MM);
      else if (job->kind == JOB_CREMATION_CERTIFICATE)
        paper = gtk_paper_size_new_custom ("civreg-cremation-certificate",
                                           _ ("Cremation certificate blank"), blank->width_mm,
                                           blank->height_mm, GTK_UNIT_MM);
      else
        paper = gtk_paper_size_new_custom ("civreg-marriage-certificate",
                                           _ ("Marriage certificate blank"), blank->width_mm,
                                           blank->height_mm, GTK_UNIT_MM);
      gtk_page_setup_set_paper_size (setup, paper);
      gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
      gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_MM);
      gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_MM);
      gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_MM);
      gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_MM);
      /* Positions are measured from the corner of the blank. */
      gtk_print_operation_set_use_full_page (operation, TRUE);
    }
  else
    {
      const CivPrintDocumentLayout *page = document_layout ();
      g_autoptr (GtkPaperSize) paper = NULL;

      if (page->width_mm == 210 && page->height_mm == 297)
        paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
      else
        paper = gtk_paper_size_new_custom (page->name, page->name, page->width_mm, page->height_mm,
                                           GTK_UNIT_MM);
      gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
      gtk_page_setup_set_top_margin (setup, page->margin_mm, GTK_UNIT_MM);
      gtk_page_setup_set_bottom_margin (setup, page->margin_mm, GTK_UNIT_MM);
      gtk_page_setup_set_left_margin (setup, page->margin_mm, GTK_UNIT_MM);
      gtk_page_setup_set_right_margin (setup, page->margin_mm, GTK_UNIT_MM);
    }
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, job_name);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), job);
  g_object_set_data_full (G_OBJECT (operation), "civ-print-job", job,
                          (GDestroyNotify) print_job_free);
  return operation;
}

GtkPrintOperation *
civ_print_operation_new (CivPrintKind kind, CivMarriageRecord *record, GSettings *settings)
{
  const CivMarriageVersion *v;
  PrintJob                 *job;

  g_return_val_if_fail (record != NULL && record->versions->len > 0, NULL);

  v = civ_marriage_record_current (record);
  switch (kind)
    {
    case CIV_PRINT_CERTIFICATE:
      job = print_job_new (JOB_MARRIAGE_CERTIFICATE, settings);
      break;
    case CIV_PRINT_REFUSAL_NOTICE:
      job = print_job_new (JOB_REFUSAL_NOTICE, settings);
      break;
    case CIV_PRINT_EXTRACT:
    default:
      job = print_job_new (JOB_EXTRACT, settings);
      break;
    }
  job->record = record;
  if (job->kind == JOB_REFUSAL_NOTICE)
    build_refusal_notice (job);
  else if (job->kind == JOB_EXTRACT)
    build_extract (job);
  return operation_new (job, v->certificate_no ? v->certificate_no : record->record_id);
}

GtkPrintOperation *
civ_print_divorce_operation_new (CivDivorcePrintKind  kind,
                                 CivDivorcePrintData *data,
                                 GSettings           *settings)
{
  PrintJob *job;

  g_return_val_if_fail (data != NULL && data->view != NULL && data->marriage != NULL &&
                          data->marriage->versions->len > 0 && data->steps != NULL,
                        NULL);
  g_return_val_if_fail (civ_divorce_print_check (kind, data, NULL), NULL);

  switch (kind)
    {
    case CIV_PRINT_DIVORCE_RECEIPT:
      job = print_job_new (JOB_DIVORCE_RECEIPT, settings);
      job->divorce = data;
      build_divorce_receipt (job);
      break;
    case CIV_PRINT_DIVORCE_NOTICE:
      job = print_job_new (JOB_DIVORCE_NOTICE, settings);
      job->divorce = data;
      build_divorce_notice (job);
      break;
    case CIV_PRINT_DIVORCE_CERTIFICATE:
    default:
      job = print_job_new (JOB_DIVORCE_CERTIFICATE, settings);
      job->divorce = data;
      break;
    }
  return operation_new (job, data->view->divorce->certificate_no
                               ? data->view->divorce->certificate_no
                               : data->view->divorce->record_id);
}

GtkPrintOperation *
civ_print_adoption_operation_new (CivAdoptionPrintKind kind,
                                  CivAdoptionView     *view,
                                  GSettings           *settings)
{
  PrintJob   *job;
  const char *name;

  g_return_val_if_fail (view != NULL && view->row != NULL && view->parties != NULL &&
                          view->events != NULL,
                        NULL);
  g_return_val_if_fail (civ_print_adoption_check (kind, view, NULL), NULL);

  switch (kind)
    {
    case CIV_PRINT_ADOPTION_CERTIFICATE:
      job = print_job_new (JOB_ADOPTION_CERTIFICATE, settings);
      job->adoption = view;
      name = view->row->certificate_no;
      break;
    case CIV_PRINT_ADOPTION_NOTICE:
      job = print_job_new (JOB_ADOPTION_NOTICE, settings);
      job->adoption = view;
      build_adoption_notice (job);
      name = view->row->record_id;
      break;
    case CIV_PRINT_ADOPTION_REFUSAL:
      job = print_job_new (JOB_ADOPTION_REFUSAL, settings);
      job->adoption = view;
      build_adoption_refusal (job);
      name = view->row->record_id;
      break;
    case CIV_PRINT_ADOPTION_DISSOLUTION:
    default:
      job = print_job_new (JOB_ADOPTION_DISSOLUTION, settings);
      job->adoption = view;
      build_adoption_dissolution (job);
      name = view->dissolution_no;
      break;
    }
  return operation_new (job, name);
}

GtkPrintOperation *
civ_print_funeral_operation_new (CivFuneralPrintData *data, GSettings *settings)
{
  PrintJob *job;

  g_return_val_if_fail (data != NULL && data->view != NULL && data->view->report != NULL, NULL);
  g_return_val_if_fail (civ_funeral_print_check (data->view, data->document, NULL), NULL);

  if (data->document == CIV_FUNERAL_DOCUMENT_CREMATION_CERTIFICATE)
    {
      job = print_job_new (JOB_CREMATION_CERTIFICATE, settings);
      job->funeral = data;
      return operation_new (job, data->view->cremation_serial);
    }
  g_return_val_if_fail (data->receipt != NULL && data->receipt->lines != NULL, NULL);
  job = print_job_new (JOB_FUNERAL_RECEIPT, settings);
  job->funeral = data;
  build_funeral_receipt (job);
  return operation_new (job, data->receipt->receipt_no);
}

GtkPrintOperation *
civ_print_document_operation_new (const char *job_name)
{
  g_return_val_if_fail (job_name != NULL, NULL);
  return operation_new (print_job_new (JOB_DOCUMENT, NULL), job_name);
}

void
civ_print_document_add (GtkPrintOperation *operation, CivPrintPara style, const char *text)
{
  PrintJob *job;

  g_return_if_fail (GTK_IS_PRINT_OPERATION (operation) && text != NULL);
  g_return_if_fail ((int) style >= 0 && (int) style < N_STYLES);
  job = g_object_get_data (G_OBJECT (operation), "civ-print-job");
  g_return_if_fail (job != NULL && job->kind == JOB_DOCUMENT);
  add_para (job, (ParaStyle) style, "%s", text);
}

void
civ_print_set_certificate_no (GtkPrintOperation *operation, const char *certificate_no)
{
  PrintJob *job;

  g_return_if_fail (GTK_IS_PRINT_OPERATION (operation) && certificate_no != NULL);
  job = g_object_get_data (G_OBJECT (operation), "civ-print-job");
  g_return_if_fail (
    job != NULL && (job->kind == JOB_MARRIAGE_CERTIFICATE || job->kind == JOB_DIVORCE_CERTIFICATE));

  g_free (job->certificate_no);
  job->certificate_no = g_strdup (certificate_no);
  gtk_print_operation_set_job_name (operation, certificate_no);
}

void
civ_print_set_only_holder (GtkPrintOperation *operation, int holder)
{
  PrintJob *job;

  g_return_if_fail (GTK_IS_PRINT_OPERATION (operation) && holder >= -1 && holder <= 1);
  job = g_object_get_data (G_OBJECT (operation), "civ-print-job");
  g_return_if_fail (
    job != NULL && (job->kind == JOB_MARRIAGE_CERTIFICATE || job->kind == JOB_DIVORCE_CERTIFICATE));
  job->only_holder = holder;
}

gboolean
civ_print_set_photo (GtkPrintOperation *operation, GBytes *photo, GError **error)
{
  PrintJob *job;
  g_autoptr (GdkTexture) texture = NULL;
  cairo_surface_t *surface;

  g_return_val_if_fail (GTK_IS_PRINT_OPERATION (operation), FALSE);
  job = g_object_get_data (G_OBJECT (operation), "civ-print-job");
  g_return_val_if_fail (job != NULL && job->kind == JOB_MARRIAGE_CERTIFICATE, FALSE);

  g_clear_pointer (&job->photo, cairo_surface_destroy);
  if (photo == NULL)
    return TRUE;
  texture = civ_document_render_image (photo, PHOTO_MAX_SIDE, error);
  if (texture == NULL)
    return FALSE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gdk_texture_get_width (texture),
                                        gdk_texture_get_height (texture));
  cairo_surface_flush (surface);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  job->photo = surface;
  return TRUE;
}

GtkPrintOperation *
civ_print_calibration_operation_new (const char *printer_name, double x_mm, double y_mm)
{
  GtkPrintOperation *operation;
  PrintJob          *job;

  g_return_val_if_fail (fabs (x_mm) <= CIV_PRINT_OFFSET_MAX_MM &&
                          fabs (y_mm) <= CIV_PRINT_OFFSET_MAX_MM,
                        NULL);

  job = print_job_new (JOB_CALIBRATION, NULL);
  job->fixed_offset = TRUE;
  job->offset_x = x_mm;
  job->offset_y = y_mm;
  job->printer_name = g_strdup (printer_name ? printer_name : "");
  operation = operation_new (job, _ ("Certificate calibration page"));
  if (printer_name != NULL && *printer_name != '\0')
    {
      g_autoptr (GtkPrintSettings) print_settings = gtk_print_settings_new ();

      gtk_print_settings_set_printer (print_settings, printer_name);
      gtk_print_operation_set_print_settings (operation, print_settings);
    }
  return operation;
}

gboolean
civ_print_export_pdf (GtkPrintOperation *operation, const char *path, GError **error)
{
  GtkPrintOperationResult result;

  g_return_val_if_fail (GTK_IS_PRINT_OPERATION (operation) && path != NULL, FALSE);

  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);
  return result == GTK_PRINT_OPERATION_RESULT_APPLY;
}

GtkPrintSettings *
civ_print_settings_for (GSettings *settings, const char *job_name)
{
  GtkPrintSettings *print_settings = gtk_print_settings_new ();
  const char       *dir = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autofree char  *name = NULL;
  g_autofree char  *path = NULL;
  g_autofree char  *uri = NULL;

  if (settings != NULL)
    {
      g_autofree char *printer = g_settings_get_string (settings, "last-printer");

      if (*printer != '\0')
        gtk_print_settings_set_printer (print_settings, printer);
    }
  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    dir = g_get_home_dir ();
  /* A job name is a certificate number or a record id: no separators. */
  name = g_strdelimit (g_strdup (job_name && *job_name ? job_name : "civreg"), "/\\", '-');
  path = g_strconcat (dir, G_DIR_SEPARATOR_S, name, ".pdf", NULL);
  uri = g_filename_to_uri (path, NULL, NULL);
  if (uri != NULL)
    gtk_print_settings_set (print_settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (print_settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  return print_settings;
}

void
civ_print_remember_printer (GSettings *settings, GtkPrintSettings *print_settings)
{
  const char *printer;

  if (settings == NULL || print_settings == NULL)
    return;
  printer = gtk_print_settings_get_printer (print_settings);
  if (printer != NULL && *printer != '\0')
    g_settings_set_string (settings, "last-printer", printer);
}
