// SPDX-License-Identifier: GPL-3.0-or-later
/* test-print-funeral.c — the funeral prints of a real office (issue 16):
 * a case walked through the services to CREMATED, billed, with a 惠民殡葬
 * waiver and a receipt; its 火化证明 printed through the page's one call
 * after the blank's check (a blank with another serial refused, R-F13),
 * exported to PDF and read back with pdftotext (poppler-utils): the
 * values inside their boxes of the blank, moved by the printer offset;
 * the receipt's lines, totals in yuan and waiver; a case not cremated
 * refused (R-F13), a receipt the case does not have refused (R-F4); the
 * prints in the audit log; the same in zh_CN with the build's catalogue.
 * With CIVREG_SCREENSHOT_DIR set, the first pages are saved as PNG there. */
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-cremation-stock.h"
#include "civ-funeral-case.h"
#include "civ-funeral-money.h"
#include "civ-print-funeral-private.h"
#include "civ-print-layout.h"
#include "civ-print-private.h"
#include "civ-test-utils.h"
#include "civ-ui-test-utils.h"

#define PT_PER_MM (72 / 25.4)
#define FUNERAL "binzang"
#define FUNERAL_PW "Funeral-password-1"

/* The test office is 110101. Collection, storage per day, cremation (650
 * yuan from 2026-07-01), an urn (not a basic service). */
static const char fees[] =
  "{\"area\": \"110100\", \"name\": \"北京市基本殡葬服务收费目录\", \"items\": ["
  "{\"code\": \"JY01\", \"name\": \"遗体接运\", \"unit\": \"body\","
  " \"prices\": [{\"price_fen\": 30000, \"from\": \"2026-01-01\"}]},"
  "{\"code\": \"ZC01\", \"name\": \"遗体冷藏\", \"unit\": \"day\","
  " \"prices\": [{\"price_fen\": 5000, \"from\": \"2026-01-01\"}]},"
  "{\"code\": \"HH01\", \"name\": \"火化\", \"unit\": \"body\","
  " \"prices\": [{\"price_fen\": 60000, \"from\": \"2026-01-01\", \"to\": \"2026-06-30\"},"
  "              {\"price_fen\": 65000, \"from\": \"2026-07-01\"}]},"
  "{\"code\": \"GG01\", \"name\": \"骨灰盒\", \"unit\": \"piece\","
  " \"prices\": [{\"price_fen\": 80000, \"from\": \"2026-01-01\"}]}]}";

static const char policy[] =
  "{\"area\": \"110100\", \"version\": \"京民〔2026〕2号\", \"effective_from\": \"2026-07-01\","
  " \"groups\": [\"dibao\", \"tekun\", \"sanwu\", \"unidentified\", \"youfu\"],"
  " \"cap_per_body_fen\": 100000, \"items\": ["
  "{\"item\": \"JY01\", \"basic\": \"collection\", \"cap_fen\": 40000},"
  "{\"item\": \"ZC01\", \"basic\": \"storage\", \"cap_fen\": 4000, \"max_units\": 3},"
  "{\"item\": \"HH01\", \"basic\": \"cremation\", \"cap_fen\": 60000}]}";

typedef struct
{
  char       *dir;
  char       *out_dir;
  CivSession *session; /* the funeral clerk's */
  GtkWidget  *window;  /* the page's stand-in: parents the dialog */
  char       *office_name;
  char       *id_number;
  char       *cremated; /* case number: cremated, billed, waived, receipted */
  char       *reported; /* case number: only reported */
  char       *receipt_no;
  gint64      total_fen, waived_fen, to_pay_fen;
} Fixture;

static GDate
day (int m, int d)
{
  GDate date;

  civ_test_date (&date, 2026, m, d);
  return date;
}

static CivFuneralReport *
report_of (const char *name, const char *id_number)
{
  CivFuneralReport *r = civ_funeral_report_new ();

  r->name = g_strdup (name);
  r->sex = CIV_SEX_MALE;
  r->ethnicity = g_strdup ("01");
  r->country = g_strdup ("CHN");
  r->id_type = CIV_DECEASED_ID_CARD;
  r->id_number = g_strdup (id_number);
  g_date_set_dmy (&r->birth_date, 15, G_DATE_MARCH, 1940);
  r->death_at = g_strdup ("2026-08-01T06:30");
  r->death_place = CIV_DEATH_PLACE_HOME;
  r->marital_status = 2;
  r->address = g_strdup ("北京市东城区景山前街4号");
  r->cause_of_death = g_strdup ("心力衰竭");
  r->agent_name = g_strdup ("张小山");
  r->agent_relationship = g_strdup ("子");
  r->agent_phone = g_strdup ("13800138000");
  return r;
}

static void
move (CivStore *store, const char *key, CivFuneralStep *step)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivFuneralStep) owned = step;
  GDate today = day (8, 3);
  g_autoptr (CivFuneralView) v = civ_funeral_case_move (store, key, step, &today, &error);

  g_assert_no_error (error);
  g_assert_cmpint (v->state, ==, step->to);
}

static void
bill (CivStore *store, const char *key, const char *item, gint64 quantity)
{
  g_autoptr (GError) error = NULL;
  GDate today = day (8, 3);
  g_autoptr (CivFuneralBillLine) line =
    civ_funeral_bill_add (store, key, item, quantity, &today, &error);

  g_assert_no_error (error);
}

/* Report, collect, store, verify, cremate (the next blank, HZ0000101),
 * bill four items, assess the waiver (低保), issue the receipt. */
static void
walk (Fixture *fx, CivStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivFuneralReport) r = report_of ("张大山", fx->id_number);
  g_autofree char *other_id = civ_test_make_id ("110101", "19450601", 13);
  g_autoptr (CivFuneralReport) other = report_of ("李老四", other_id);
  GDate today = day (8, 1);
  g_autoptr (CivFuneralView) v = civ_funeral_case_report (store, r, &today, &error);
  g_autoptr (CivFuneralView) w = NULL;
  g_autoptr (CivFuneralMoneyFile) f = NULL;
  g_autoptr (CivFuneralMoneyFile) p = NULL;
  g_autoptr (CivCremationBatch) batch = NULL;
  g_autoptr (CivFuneralWaiverResult) waiver = NULL;
  g_autoptr (CivFuneralReceiptRow) receipt = NULL;
  CivFuneralStep *step;

  g_assert_no_error (error);
  fx->cremated = g_strdup (v->case_no);
  today = day (7, 1);
  f = civ_funeral_fees_import (store, fees, strlen (fees), &today, &error);
  g_assert_no_error (error);
  p = civ_funeral_policy_import (store, policy, strlen (policy), &today, &error);
  g_assert_no_error (error);
  batch = civ_cremation_stock_receive (store, "HZ0000101", "HZ0000110", NULL, &today, &error);
  g_assert_no_error (error);

  step = civ_funeral_step_new (CIV_FUNERAL_COLLECTED, "2026-08-01T09:10");
  step->place = g_strdup ("家中");
  step->vehicle = g_strdup ("京A·12345");
  step->staff = g_strdup ("赵师傅");
  move (store, fx->cremated, step);
  step = civ_funeral_step_new (CIV_FUNERAL_STORED, "2026-08-01T10:00");
  step->unit = g_strdup ("冷藏柜 3 号");
  move (store, fx->cremated, step);
  step = civ_funeral_step_new (CIV_FUNERAL_DEATH_CERT_VERIFIED, "2026-08-02T09:00");
  step->certificate_on_file = TRUE;
  step->consent_on_file = TRUE;
  move (store, fx->cremated, step);
  step = civ_funeral_step_new (CIV_FUNERAL_CREMATED, "2026-08-03T10:20");
  step->furnace = g_strdup ("2号炉");
  step->furnace_operator = g_strdup ("王师傅");
  move (store, fx->cremated, step);

  bill (store, fx->cremated, "JY01", 1);
  bill (store, fx->cremated, "ZC01", 2);
  bill (store, fx->cremated, "HH01", 1);
  bill (store, fx->cremated, "GG01", 1);
  today = day (8, 3);
  waiver = civ_funeral_waiver_assess_case (store, fx->cremated, CIV_WAIVER_GROUP_DIBAO, TRUE,
                                           "低保证 110101-0001", &today, &error);
  g_assert_no_error (error);
  receipt = civ_funeral_receipt_issue (store, fx->cremated, &today, &error);
  g_assert_no_error (error);
  fx->receipt_no = g_strdup (receipt->receipt_no);
  fx->total_fen = receipt->total_fen;
  fx->waived_fen = receipt->waived_fen;
  fx->to_pay_fen = receipt->to_pay_fen;
  /* 300 + 2 × 50 + 650 + 800 yuan; the urn is not waived. */
  g_assert_cmpint (fx->total_fen, ==, 185000);
  g_assert_cmpint (fx->waived_fen, >, 0);
  g_assert_cmpint (fx->waived_fen, <=, 100000);

  today = day (8, 2);
  w = civ_funeral_case_report (store, other, &today, &error);
  g_assert_no_error (error);
  fx->reported = g_strdup (w->case_no);
}

static void
set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  CivStore *store;

  {
    g_autoptr (CivStore) admin = civ_test_new_office (&fx->dir, NULL);

    civ_test_add_operator (admin, FUNERAL, "刘洋", CIV_ROLE_FUNERAL_CLERK, FUNERAL_PW);
  }
  store = civ_store_open (fx->dir, FUNERAL, FUNERAL_PW, &error);
  g_assert_no_error (error);
  fx->office_name = civ_store_get_office_name (store);
  fx->id_number = civ_test_make_id ("110101", "19400315", 11);
  walk (fx, store);
  fx->session = civ_test_session_new (store);
  fx->out_dir = civ_test_mkdtemp ();
  fx->window = adw_window_new ();
  adw_window_set_content (ADW_WINDOW (fx->window), adw_toast_overlay_new ());
  gtk_window_present (GTK_WINDOW (fx->window));
}

static void
tear_down (Fixture *fx, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (fx->window));
  civ_ui_test_spin (50);
  civ_test_session_close (fx->session);
  civ_test_rmdir (fx->dir);
  civ_test_rmdir (fx->out_dir);
  g_free (fx->dir);
  g_free (fx->out_dir);
  g_free (fx->office_name);
  g_free (fx->id_number);
  g_free (fx->cremated);
  g_free (fx->reported);
  g_free (fx->receipt_no);
}

/* The open blank's dialog, or NULL. */
static CivCremationBlankDialog *
find_dialog (void)
{
  GListModel              *windows = gtk_window_get_toplevels ();
  CivCremationBlankDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (windows) && found == NULL; i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (windows, i);

      if (CIV_IS_CREMATION_BLANK_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        found = CIV_CREMATION_BLANK_DIALOG (w);
    }
  return found;
}

/* Types @serial into the open dialog and asks it to print; waits until
 * the worker answered. */
static void
type_serial (CivCremationBlankDialog *dialog, const char *serial)
{
  civ_ui_test_set_text (_civ_cremation_blank_dialog_get_entry (dialog), serial);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "blank.print", NULL));
  g_assert_true (_civ_cremation_blank_dialog_get_busy (dialog));
}

static gint64
audit_count (Fixture *fx, const char *action)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = '%s'", action);

  return civ_test_session_count (fx->session, sql);
}

/* The text of the PDF @path with every space taken out. */
static char *
pdf_words (const char *path)
{
  g_autofree char *text = civ_test_pdf_text (path, FALSE, 0);
  GString         *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *text, const char *what)
{
  g_autofree char *needle = NULL;
  GString         *s = g_string_new (NULL);

  for (const char *p = what; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (s, *p);
  needle = g_string_free (s, FALSE);
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the print: %s", what, text);
}

/* The <word …> element of @word in a pdftotext -bbox page. */
static const char *
bbox_word (const char *bbox, const char *word)
{
  g_autofree char *needle = g_strdup_printf (">%s</word>", word);
  const char      *hit = strstr (bbox, needle);

  if (hit == NULL)
    g_error ("“%s” is not on the page: %s", word, bbox);
  while (hit > bbox && strncmp (hit, "<word", 5) != 0)
    hit--;
  return hit;
}

/* @word of the page lies inside the box of field @id of @layout, moved by
 * @dx, @dy mm (a glyph's box may reach a little above its line). */
static void
assert_in_box (const char           *bbox,
               const char           *word,
               const CivPrintLayout *layout,
               const char           *id,
               double                dx,
               double                dy)
{
  const CivPrintField *box = civ_print_layout_find (layout, id);
  const char          *w = bbox_word (bbox, word);
  double               x0 = (box->x + dx) * PT_PER_MM, y0 = (box->y + dy) * PT_PER_MM;
  double               x1 = x0 + box->width * PT_PER_MM, y1 = y0 + box->height * PT_PER_MM;

  g_test_message ("%s in the box %s", word, id);
  g_assert_nonnull (box);
  g_assert_cmpfloat (civ_test_bbox_attr (w, "xMin"), >=, x0 - 0.5);
  g_assert_cmpfloat (civ_test_bbox_attr (w, "xMax"), <=, x1 + 0.5);
  g_assert_cmpfloat (civ_test_bbox_attr (w, "yMin"), >=, y0 - 1.5);
  g_assert_cmpfloat (civ_test_bbox_attr (w, "yMax"), <=, y1 + 0.5);
}

/* Prints the certificate of @case_no through the page's call to @path and
 * gives the blank's dialog back, open. */
static CivCremationBlankDialog *
start_certificate (Fixture *fx, const char *case_no, const char *path)
{
  CivCremationBlankDialog *dialog;

  civ_print_funeral_start (fx->window, fx->session, NULL, case_no,
                           CIV_FUNERAL_DOCUMENT_CREMATION_CERTIFICATE, NULL, path);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  /* Nothing is read before the operator says which blank is in. */
  g_assert_false (_civ_cremation_blank_dialog_get_busy (dialog));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "blank.print", NULL) &&
                  _civ_cremation_blank_dialog_get_busy (dialog));
  return dialog;
}

/* Every field the certificate prints has a box inside the blank; none
 * overlaps another. */
static void
test_shipped_blank (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivPrintLayout) layout = civ_print_layout_load ("cremation-certificate", &error);
  guint n = 0;

  g_assert_no_error (error);
  g_assert_cmpfloat (layout->width_mm, ==, 210);
  g_assert_cmpfloat (layout->height_mm, ==, 148);
  for (const char *id; (id = _civ_print_cremation_field_id (n)) != NULL; n++)
    {
      const CivPrintField *f = civ_print_layout_find (layout, id);

      g_test_message ("cremation field %s", id);
      g_assert_nonnull (f);
      g_assert_cmpfloat (f->x + f->width, <=, layout->width_mm);
      g_assert_cmpfloat (f->y + f->height, <=, layout->height_mm);
      for (guint k = 0; k < layout->fields->len; k++)
        {
          const CivPrintField *g = g_ptr_array_index (layout->fields, k);

          if (g != f)
            g_assert_true (g->x >= f->x + f->width || g->x + g->width <= f->x ||
                           g->y >= f->y + f->height || g->y + g->height <= f->y);
        }
    }
  /* Serial, case, 6 of the deceased, death, cremation, furnace, office,
   * day of issue. */
  g_assert_cmpuint (n, ==, 13);
  g_assert_cmpuint (layout->fields->len, ==, n);
  /* The serial is small: a check against the pre-printed one. */
  g_assert_cmpint (civ_print_layout_find (layout, "serial")->size, <=, 9);
}

/* R-F13: the blank in the printer must be the one issued; then the
 * certificate prints on it, each value in its box, and the print is in the
 * audit log. */
static void
test_certificate (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fx->out_dir, "cremation-certificate.pdf", NULL);
  g_autoptr (CivPrintLayout) layout = civ_print_layout_load ("cremation-certificate", NULL);
  CivCremationBlankDialog *dialog = start_certificate (fx, fx->cremated, path);
  g_autofree char         *text = NULL;
  g_autofree char         *bbox = NULL;
  const char              *message;

  /* Another blank of the stock: refused in the dialog, nothing printed. */
  type_serial (dialog, "HZ0000102");
  civ_ui_test_wait_for (!_civ_cremation_blank_dialog_get_busy (dialog));
  message = _civ_cremation_blank_dialog_get_message (dialog);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "R-F13"));
  g_assert_nonnull (strstr (message, "HZ0000101"));
  g_assert_true (find_dialog () == dialog);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (audit_count (fx, "funeral.certificate.print"), ==, 0);
  /* Not a serial at all. */
  type_serial (dialog, "火化证明");
  civ_ui_test_wait_for (!_civ_cremation_blank_dialog_get_busy (dialog));
  g_assert_nonnull (strstr (_civ_cremation_blank_dialog_get_message (dialog), "R-F13"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* The issued one, as read off the blank. */
  type_serial (dialog, " hz0000101 ");
  civ_ui_test_wait_for (audit_count (fx, "funeral.certificate.print") == 1);
  g_assert_null (find_dialog ());
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  civ_test_pdf_screenshot (path, "cremation-certificate", 80);
  g_assert_cmpint (civ_test_pdf_pages (path), ==, 1);
  g_assert_cmpint (civ_test_session_count (fx->session,
                                           "SELECT count(*) FROM audit_log WHERE action = "
                                           "'funeral.certificate.print' AND detail LIKE "
                                           "'%HZ0000101%'"),
                   ==, 1);

  text = pdf_words (path);
  assert_contains (text, "张大山");
  assert_contains (text, "HZ0000101");
  assert_contains (text, fx->cremated);
  assert_contains (text, fx->id_number);
  assert_contains (text, "北京市东城区景山前街4号");
  assert_contains (text, "2026-08-01");
  assert_contains (text, "2026-08-0310:20");
  assert_contains (text, "2号炉");
  assert_contains (text, fx->office_name);
  /* 1940-03-15 to 2026-08-01: 86 full years. */
  assert_contains (text, "86");
  /* The page is the blank (210 × 148 mm). */
  bbox = civ_test_pdf_text (path, TRUE, 1);
  g_assert_nonnull (strstr (bbox, "<page width=\"595.27"));
  g_assert_nonnull (strstr (bbox, "height=\"419.52"));
  assert_in_box (bbox, fx->cremated, layout, "case", 0, 0);
  assert_in_box (bbox, "HZ0000101", layout, "serial", 0, 0);
  assert_in_box (bbox, fx->id_number, layout, "document", 0, 0);
  assert_in_box (bbox, "10:20", layout, "cremated", 0, 0);
}

/* The certificate's values move with the offset calibrated for the
 * printer (here PDF export), like every blank. */
static void
test_certificate_offset (Fixture *fx, gconstpointer data)
{
  g_autoptr (GSettings) settings = civ_print_load_settings ();
  g_autoptr (CivPrintLayout) layout = civ_print_layout_load ("cremation-certificate", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivPrintSource) source =
    civ_print_source_new_funeral (fx->cremated, CIV_FUNERAL_DOCUMENT_CREMATION_CERTIFICATE, NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CivPrintable) loaded = NULL;
  g_autoptr (GtkPrintOperation) op = NULL;
  g_autofree char *path = g_build_filename (fx->out_dir, "moved.pdf", NULL);
  g_autofree char *bbox = NULL;

  if (settings == NULL)
    {
      g_test_skip ("the GSettings schema is not installed");
      return;
    }
  civ_print_set_offset (settings, "", 5, -3);
  civ_print_source_load_async (fx->session, source, NULL, NULL, civ_test_keep_result, &result);
  loaded = civ_print_source_load_finish (fx->session, civ_test_await (&result), &error);
  g_assert_no_error (error);
  op = civ_print_funeral_operation_new (g_steal_pointer (&loaded->funeral), settings);
  g_assert_true (civ_print_export_pdf (op, path, &error));
  g_assert_no_error (error);
  bbox = civ_test_pdf_text (path, TRUE, 1);
  assert_in_box (bbox, fx->cremated, layout, "case", 5, -3);
  g_assert_cmpfloat (fabs (civ_test_bbox_word_x (bbox, fx->cremated) - 45 * PT_PER_MM), <, 1.5);
  g_settings_reset (settings, "certificate-offsets");
}

/* The itemised receipt on A4: each line with unit, quantity, unit price
 * and amount in yuan, the total, the waiver with its group and policy,
 * what the family pays, the clerk. */
static void
test_receipt (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = g_build_filename (fx->out_dir, "funeral-receipt.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *total = civ_fen_format (fx->total_fen);
  g_autofree char *waived = civ_fen_format (fx->waived_fen);
  g_autofree char *to_pay = civ_fen_format (fx->to_pay_fen);

  civ_print_funeral_start (fx->window, fx->session, NULL, fx->cremated,
                           CIV_FUNERAL_DOCUMENT_RECEIPT, fx->receipt_no, path);
  /* A receipt asks for no blank. */
  g_assert_null (find_dialog ());
  civ_ui_test_wait_for (audit_count (fx, "funeral.receipt.print") == 1);
  civ_test_pdf_screenshot (path, "funeral-receipt", 80);
  g_assert_cmpint (civ_test_pdf_pages (path), ==, 1);
  text = pdf_words (path);
  assert_contains (text, fx->receipt_no);
  assert_contains (text, fx->cremated);
  assert_contains (text, fx->office_name);
  assert_contains (text, "张大山");
  assert_contains (text, "张小山");
  assert_contains (text, "遗体接运");
  assert_contains (text, "遗体冷藏");
  assert_contains (text, "火化");
  assert_contains (text, "骨灰盒");
  /* Unit prices and amounts in yuan with two decimals from fen. */
  assert_contains (text, "650.00");
  assert_contains (text, "50.00");
  assert_contains (text, "100.00");
  assert_contains (text, "800.00");
  g_assert_cmpstr (total, ==, "1850.00");
  assert_contains (text, total);
  assert_contains (text, waived);
  assert_contains (text, to_pay);
  assert_contains (text, "京民〔2026〕2号");
  assert_contains (text, "dibao");
  assert_contains (text, "刘洋");
  g_assert_null (strstr (text, "18500"));
}

/* R-F13: no certificate for a case that was not cremated, in the dialog
 * and from the load; R-F4: no receipt the case does not have. */
static void
test_refused (Fixture *fx, gconstpointer data)
{
  g_autofree char         *path = g_build_filename (fx->out_dir, "refused.pdf", NULL);
  CivCremationBlankDialog *dialog = start_certificate (fx, fx->reported, path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  type_serial (dialog, "HZ0000102");
  civ_ui_test_wait_for (!_civ_cremation_blank_dialog_get_busy (dialog));
  g_assert_nonnull (strstr (_civ_cremation_blank_dialog_get_message (dialog), "R-F13"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (dialog));

  {
    g_autoptr (CivPrintSource) source =
      civ_print_source_new_funeral (fx->reported, CIV_FUNERAL_DOCUMENT_CREMATION_CERTIFICATE, NULL);
    g_autoptr (CivPrintable) loaded = NULL;

    civ_print_source_load_async (fx->session, source, NULL, NULL, civ_test_keep_result, &result);
    loaded = civ_print_source_load_finish (fx->session, civ_test_wait_result (&result), &error);
    g_assert_null (loaded);
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
    g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-F13");
    g_clear_error (&error);
  }
  {
    g_autoptr (CivPrintSource) source =
      civ_print_source_new_funeral (fx->cremated, CIV_FUNERAL_DOCUMENT_RECEIPT,
                                    "SJ110101-2026-000099");
    g_autoptr (CivPrintable) loaded = NULL;

    civ_print_source_load_async (fx->session, source, NULL, NULL, civ_test_keep_result, &result);
    loaded = civ_print_source_load_finish (fx->session, civ_test_wait_result (&result), &error);
    g_assert_null (loaded);
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
    g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-F4");
  }
  g_assert_cmpint (audit_count (fx, "funeral.certificate.print"), ==, 0);
  g_assert_cmpint (audit_count (fx, "funeral.receipt.print"), ==, 0);
}

/* The blank's check, as typed. */
static void
test_check_blank (void)
{
  static const struct
  {
    const char *typed;
    gboolean    ok;
    int         code;
  } cases[] = {
    { "HZ0000101", TRUE, 0 },
    { "  hz0000101\t", TRUE, 0 },
    { "HZ0000102", FALSE, CIV_APP_ERROR_REFUSED },
    { "HZ000101", FALSE, CIV_APP_ERROR_REFUSED },
    { "", FALSE, CIV_APP_ERROR_INVALID },
    { "   ", FALSE, CIV_APP_ERROR_INVALID },
    { "火化证明", FALSE, CIV_APP_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean ok =
        civ_funeral_print_check_blank ("F110101-2026-000001", "HZ0000101", cases[i].typed, &error);

      g_test_message ("typed “%s”", cases[i].typed);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_no_error (error);
          continue;
        }
      g_assert_error (error, CIV_APP_ERROR, cases[i].code);
      g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-F13");
    }
}

/* As a funeral clerk reads them in zh_CN. */
static void
test_zh (Fixture *fx, gconstpointer data)
{
  const char              *localedir = g_getenv ("CIVREG_LOCALEDIR");
  g_autofree char         *certificate = g_build_filename (fx->out_dir, "certificate-zh.pdf", NULL);
  g_autofree char         *receipt = g_build_filename (fx->out_dir, "receipt-zh.pdf", NULL);
  g_autofree char         *text = NULL;
  CivCremationBlankDialog *dialog;

  if (localedir == NULL || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("no zh_CN.UTF-8 locale or catalogue");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (g_strcmp0 (_ ("Funeral Service Receipt"), "Funeral Service Receipt") == 0)
    {
      g_test_skip ("the zh_CN catalogue is not built");
      return;
    }
  dialog = start_certificate (fx, fx->cremated, certificate);
  civ_ui_test_spin (200);
  civ_ui_test_screenshot ("cremation-blank-dialog-zh_CN.png");
  type_serial (dialog, "HZ0000109");
  civ_ui_test_wait_for (!_civ_cremation_blank_dialog_get_busy (dialog));
  civ_ui_test_spin (200);
  civ_ui_test_screenshot ("cremation-blank-refused-zh_CN.png");
  g_assert_nonnull (strstr (_civ_cremation_blank_dialog_get_message (dialog), "火化证明"));
  type_serial (dialog, "HZ0000101");
  civ_ui_test_wait_for (audit_count (fx, "funeral.certificate.print") == 1);
  civ_test_pdf_screenshot (certificate, "cremation-certificate-zh_CN", 80);
  text = pdf_words (certificate);
  assert_contains (text, "2026年08月03日10:20");
  assert_contains (text, "男");
  assert_contains (text, "汉族");
  assert_contains (text, "86岁");
  g_clear_pointer (&text, g_free);

  civ_print_funeral_start (fx->window, fx->session, NULL, fx->cremated,
                           CIV_FUNERAL_DOCUMENT_RECEIPT, fx->receipt_no, receipt);
  civ_ui_test_wait_for (audit_count (fx, "funeral.receipt.print") == 1);
  civ_test_pdf_screenshot (receipt, "funeral-receipt-zh_CN", 80);
  text = pdf_words (receipt);
  assert_contains (text, "殡葬服务收费收据");
  assert_contains (text, "惠民殡葬");
  assert_contains (text, "低保");
  assert_contains (text, "元");
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
}

int
main (int argc, char **argv)
{
  civ_ui_test_init (&argc, &argv);
  g_test_add_func ("/print/funeral/shipped-blank", test_shipped_blank);
  g_test_add_func ("/print/funeral/check-blank", test_check_blank);
#define FUNERAL_TEST(path, fn) g_test_add (path, Fixture, NULL, set_up, fn, tear_down)
  FUNERAL_TEST ("/print/funeral/certificate", test_certificate);
  FUNERAL_TEST ("/print/funeral/certificate-offset", test_certificate_offset);
  FUNERAL_TEST ("/print/funeral/receipt", test_receipt);
  FUNERAL_TEST ("/print/funeral/refused", test_refused);
  FUNERAL_TEST ("/print/funeral/zh_CN", test_zh);
  return g_test_run ();
}
