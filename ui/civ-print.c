/* civ-print.c — certificates, refusal notices and record extracts on paper or PDF */
#include "civ-print.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "civ-config.h"
#include "civ-idnumber.h"
#include "civ-marriage-rules.h"

#define OFFSETS_KEY "certificate-offsets"
#define FONT_FAMILY "DejaVu Serif, Noto Serif CJK SC, Serif"

/* The certificate blank, fed as a sheet of this size (mm). */
#define BLANK_WIDTH_MM 210.0
#define BLANK_HEIGHT_MM 148.0

typedef enum
{
  STYLE_TITLE,
  STYLE_HEADING,
  STYLE_BODY,
  STYLE_ITEM,
  STYLE_SIGNATURE,
} ParaStyle;

typedef struct
{
  ParaStyle style;
  char     *text;
  double    height; /* mm, once measured */
} Para;

typedef struct
{
  CivPrintKind       kind;
  CivMarriageRecord *record;
  GSettings         *settings;
  double             offset_x;
  double             offset_y;
  GPtrArray         *paras;       /* Para, for the notice and the extract */
  GArray            *page_starts; /* guint index into paras per page */
} PrintJob;

static void
para_free (Para *para)
{
  g_free (para->text);
  g_free (para);
}

static void
print_job_free (PrintJob *job)
{
  civ_marriage_record_free (job->record);
  g_clear_object (&job->settings);
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

/* R-N3: holder, registration date, 字号, remarks; per spouse name, sex,
 * nationality, birth date and document number; registry and registrar. */
static void
draw_certificate (PrintJob *job, cairo_t *cr, int page)
{
  const CivMarriageVersion *v = civ_marriage_record_current (job->record);
  const char               *value_font = FONT_FAMILY " 12";
  g_autofree char          *reg_date = long_date (v->registration_date);

  cairo_translate (cr, job->offset_x, job->offset_y);
  cairo_set_source_rgb (cr, 0, 0, 0);

  show_text (cr, 38, 30, 60, value_font, v->party[page % 2].name);
  show_text (cr, 38, 42, 60, value_font, reg_date);
  show_text (cr, 38, 54, 65, FONT_FAMILY " 11", v->certificate_no);
  show_text (cr, 38, 66, 62, FONT_FAMILY " 10", v->remarks);
  for (guint i = 0; i < 2; i++)
    {
      const CivRecordParty *p = &v->party[i];
      double                y = 30 + 54 * i;
      g_autofree char      *birth = long_date (p->birth_date);

      show_text (cr, 118, y, 55, value_font, p->name);
      show_text (cr, 178, y, 25, value_font, sex_name (p->sex));
      show_text (cr, 118, y + 12, 38, value_font, p->nationality);
      show_text (cr, 160, y + 12, 45, value_font, birth);
      show_text (cr, 118, y + 24, 85, value_font, p->doc_number);
    }
  show_text (cr, 38, 110, 62, value_font, v->office_name);
  show_text (cr, 38, 122, 62, value_font, v->registrar_name);
}

static const char *
state_name (const char *state)
{
  if (g_strcmp0 (state, "REGISTERED") == 0)
    return _ ("Registered");
  if (g_strcmp0 (state, "REFUSED") == 0)
    return _ ("Refused");
  if (g_strcmp0 (state, "DISSOLVED_REG") == 0)
    return _ ("Dissolved by divorce registration");
  return state;
}

static void
build_refusal_notice (PrintJob *job)
{
  const CivMarriageVersion *v = civ_marriage_record_current (job->record);
  g_autofree char          *date = long_date (v->registration_date);
  guint                     n = 0;

  add_para (job, STYLE_TITLE, "%s", _ ("Notice of Refusal of Marriage Registration"));
  /* Translators: the salutation of the refusal notice: the two parties' names. */
  add_para (job, STYLE_BODY, _ ("%1$s and %2$s:"), v->party[0].name, v->party[1].name);
  add_para (job, STYLE_BODY,
            _ ("On %1$s you applied together to %2$s to register your marriage. Having examined "
               "the application, the registry does not register the marriage, for these "
               "reasons:"),
            date, v->office_name);
  for (guint i = 0; i < v->findings->len; i++)
    {
      CivFinding *f = g_ptr_array_index (v->findings, i);
      if (f->severity == CIV_SEVERITY_REFUSE)
        add_para (job, STYLE_ITEM, "%u. %s", ++n, f->message);
    }
  add_para (job, STYLE_BODY,
            _ ("If you disagree with this decision you may apply for administrative "
               "reconsideration or bring an administrative lawsuit according to law."));
  /* Translators: %s is the record's identifier. */
  add_para (job, STYLE_BODY, _ ("Record: %s"), job->record->record_id);
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
  /* Translators: nationality (code), ethnicity and resident category in a record extract. */
  add_para (job, STYLE_BODY, _ ("Nationality %1$s · ethnicity %2$s · %3$s"), p->nationality,
            p->ethnicity && *p->ethnicity ? p->ethnicity : "—", p->resident_category);
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
  add_para (job, STYLE_BODY, _ ("State: %s"), state_name (v->state));
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
  add_party_paras (job, &v->party[0], _ ("First party"));
  add_party_paras (job, &v->party[1], _ ("Second party"));
  add_para (job, STYLE_HEADING, "%s", _ ("History"));
  for (guint i = 0; i < job->record->versions->len; i++)
    {
      const CivMarriageVersion *h = g_ptr_array_index (job->record->versions, i);

      /* Translators: one version of a record: number, state, time and operator. */
      add_para (job, STYLE_BODY, _ ("Version %1$d · %2$s · %3$s · %4$s"), h->version,
                state_name (h->state), h->created_at, h->created_by);
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

static const char *
para_font (ParaStyle style)
{
  switch (style)
    {
    case STYLE_TITLE:
      return FONT_FAMILY " Bold 18";
    case STYLE_HEADING:
      return FONT_FAMILY " Bold 12";
    case STYLE_ITEM:
    case STYLE_BODY:
    case STYLE_SIGNATURE:
    default:
      return FONT_FAMILY " 11";
    }
}

#define PARA_GAP_MM 3.0
#define ITEM_INDENT_MM 8.0

static PangoLayout *
para_layout (cairo_t *cr, const Para *para, double width)
{
  double       indent = para->style == STYLE_ITEM ? ITEM_INDENT_MM : 0;
  PangoLayout *layout = make_layout (cr, para_font (para->style), width - indent, para->text);

  if (para->style == STYLE_TITLE)
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  else if (para->style == STYLE_SIGNATURE)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
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

  if (job->kind == CIV_PRINT_CERTIFICATE)
    {
      civ_print_get_offset (job->settings, printer, &job->offset_x, &job->offset_y);
      gtk_print_operation_set_n_pages (operation, 2);
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
      para->height = (double) h / PANGO_SCALE + (para->style == STYLE_TITLE ? 8 : PARA_GAP_MM);
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

  if (job->kind == CIV_PRINT_CERTIFICATE)
    {
      draw_certificate (job, cr, page);
      return;
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

      cairo_move_to (cr, para->style == STYLE_ITEM ? ITEM_INDENT_MM : 0, y);
      pango_cairo_show_layout (cr, layout);
      y += para->height;
    }
}

GtkPrintOperation *
civ_print_operation_new (CivPrintKind kind, CivMarriageRecord *record, GSettings *settings)
{
  GtkPrintOperation *operation;
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  PrintJob *job;

  g_return_val_if_fail (record != NULL && record->versions->len > 0, NULL);

  job = g_new0 (PrintJob, 1);
  job->kind = kind;
  job->record = record;
  job->settings = settings ? g_object_ref (settings) : NULL;
  job->paras = g_ptr_array_new_with_free_func ((GDestroyNotify) para_free);
  job->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_unit (operation, GTK_UNIT_MM);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (kind == CIV_PRINT_CERTIFICATE)
    {
      g_autoptr (GtkPaperSize) paper =
        gtk_paper_size_new_custom ("civreg-marriage-certificate", _ ("Marriage certificate blank"),
                                   BLANK_WIDTH_MM, BLANK_HEIGHT_MM, GTK_UNIT_MM);

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
      g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

      gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
      gtk_page_setup_set_top_margin (setup, 25, GTK_UNIT_MM);
      gtk_page_setup_set_bottom_margin (setup, 25, GTK_UNIT_MM);
      gtk_page_setup_set_left_margin (setup, 25, GTK_UNIT_MM);
      gtk_page_setup_set_right_margin (setup, 25, GTK_UNIT_MM);
      if (kind == CIV_PRINT_REFUSAL_NOTICE)
        build_refusal_notice (job);
      else
        build_extract (job);
    }
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation,
                                    civ_marriage_record_current (record)->certificate_no
                                      ? civ_marriage_record_current (record)->certificate_no
                                      : record->record_id);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), job);
  g_object_set_data_full (G_OBJECT (operation), "civ-print-job", job,
                          (GDestroyNotify) print_job_free);
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
