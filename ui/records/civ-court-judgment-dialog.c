// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-court-judgment-dialog.c — file a court's judgment (R-V4, R-D8) */
#include "civ-court-judgment-dialog.h"

#include <glib/gi18n.h>

#include "civ-calendar.h"
#include "civ-record-action-dialog-private.h"
#include "civ-record-service.h"
#include "civ-states.h"
#include "civ-ui-util.h"

struct _CivCourtJudgmentDialog
{
  CivRecordActionDialog parent_instance;

  AdwComboRow *kind_row;
  AdwEntryRow *document_row;
  AdwEntryRow *date_row;
  AdwEntryRow *archive_row;
};

G_DEFINE_FINAL_TYPE (CivCourtJudgmentDialog,
                     civ_court_judgment_dialog,
                     CIV_TYPE_RECORD_ACTION_DIALOG)

/* The order of the kind row's items, and the state each leads to (by
 * CivJudgmentKind). */
static const CivJudgmentKind  kinds[] = { CIV_JUDGMENT_DIVORCE, CIV_JUDGMENT_VOID,
                                          CIV_JUDGMENT_ANNULLED };
static const CivMarriageState states[] = { CIV_MARRIAGE_STATE_DISSOLVED_COURT,
                                           CIV_MARRIAGE_STATE_DECLARED_VOID_COURT,
                                           CIV_MARRIAGE_STATE_ANNULLED_COURT };

static CivJudgmentKind
selected_kind (CivCourtJudgmentDialog *self)
{
  return kinds[MIN (adw_combo_row_get_selected (self->kind_row), G_N_ELEMENTS (kinds) - 1)];
}

static gboolean
civ_court_judgment_dialog_check (CivRecordActionDialog *dialog, char **message)
{
  CivCourtJudgmentDialog *self = CIV_COURT_JUDGMENT_DIALOG (dialog);
  g_autofree char        *document = civ_ui_stripped_text (self->document_row);
  g_autofree char        *date_text = civ_ui_stripped_text (self->date_row);
  gboolean                ok = TRUE;
  GDate                   date;

  ok &= *document != '\0';
  ok &=
    civ_ui_check_row (self->date_row, date_text,
                      _civ_record_action_dialog_date_problem (dialog, date_text, &date), message);
  return ok;
}

static void
civ_court_judgment_dialog_fill_request (CivRecordActionDialog *dialog, CivRecordRequest *request)
{
  CivCourtJudgmentDialog *self = CIV_COURT_JUDGMENT_DIALOG (dialog);
  g_autofree char        *date = civ_ui_stripped_text (self->date_row);

  request->kind = selected_kind (self);
  request->document = civ_ui_stripped_text (self->document_row);
  request->archive_no = civ_ui_stripped_text (self->archive_row);
  civ_date_parse_iso (date, &request->date);
}

static char *
civ_court_judgment_dialog_confirmation (CivRecordActionDialog *dialog,
                                        const char           **heading,
                                        const char           **confirm_label)
{
  CivCourtJudgmentDialog *self = CIV_COURT_JUDGMENT_DIALOG (dialog);
  g_autofree char        *document = civ_ui_stripped_text (self->document_row);
  g_autofree char        *date = civ_ui_stripped_text (self->date_row);

  *heading = _ ("File the Court Judgment?");
  *confirm_label = _ ("_File Judgment");
  return _civ_record_action_dialog_describe_annotation (dialog, states[selected_kind (self)],
                                                        document, date);
}

static char *
civ_court_judgment_dialog_success_message (CivRecordActionDialog  *dialog,
                                           const CivRecordRequest *request,
                                           const char             *number)
{
  /* Translators: %1$s is the record's new state, %2$d its new version. */
  return g_strdup_printf (_ ("Court judgment filed: the record is now “%1$s” (version %2$d)"),
                          civ_marriage_state_label (states[request->kind]),
                          _civ_record_action_dialog_get_version (dialog) + 1);
}

static void
civ_court_judgment_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CIV_TYPE_COURT_JUDGMENT_DIALOG);
  G_OBJECT_CLASS (civ_court_judgment_dialog_parent_class)->dispose (object);
}

static void
civ_court_judgment_dialog_class_init (CivCourtJudgmentDialogClass *klass)
{
  GObjectClass               *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass             *widget_class = GTK_WIDGET_CLASS (klass);
  CivRecordActionDialogClass *dialog_class = CIV_RECORD_ACTION_DIALOG_CLASS (klass);

  object_class->dispose = civ_court_judgment_dialog_dispose;

  dialog_class->action = CIV_RECORD_ACTION_COURT_JUDGMENT;
  dialog_class->check = civ_court_judgment_dialog_check;
  dialog_class->fill_request = civ_court_judgment_dialog_fill_request;
  dialog_class->confirmation = civ_court_judgment_dialog_confirmation;
  dialog_class->success_message = civ_court_judgment_dialog_success_message;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/civreg/Civreg/ui/"
                                                             "civ-court-judgment-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CivCourtJudgmentDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CivCourtJudgmentDialog, document_row);
  gtk_widget_class_bind_template_child (widget_class, CivCourtJudgmentDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, CivCourtJudgmentDialog, archive_row);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_row_changed_cb",
                                                G_CALLBACK (_civ_record_action_dialog_changed));
}

static void
civ_court_judgment_dialog_init (CivCourtJudgmentDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CivCourtJudgmentDialog *
civ_court_judgment_dialog_new (GtkWindow               *parent,
                               CivSession              *session,
                               const CivMarriageRecord *record,
                               const GDate             *today)
{
  CivCourtJudgmentDialog *self;

  g_return_val_if_fail (CIV_IS_SESSION (session), NULL);
  g_return_val_if_fail (record != NULL && today != NULL && g_date_valid (today), NULL);

  self = g_object_new (CIV_TYPE_COURT_JUDGMENT_DIALOG, "transient-for", parent, NULL);
  _civ_record_action_dialog_set_up (CIV_RECORD_ACTION_DIALOG (self), parent, session, record,
                                    today);
  return self;
}
