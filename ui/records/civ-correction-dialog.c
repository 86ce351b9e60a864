// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-correction-dialog.c — a supervisor-approved correction of a
 * registered record */
#include "civ-correction-dialog.h"

#include <glib/gi18n.h>

#include "civ-record-action-dialog-private.h"
#include "civ-record-service.h"
#include "civ-ui-util.h"

struct _CivCorrectionDialog
{
  CivRecordActionDialog parent_instance;

  AdwComboRow *field_row;
  AdwEntryRow *value_row;
  AdwEntryRow *reason_row;

  /* The record's values, copied at set-up. */
  char *effective_from;
  char *remarks;
};

G_DEFINE_FINAL_TYPE (CivCorrectionDialog, civ_correction_dialog, CIV_TYPE_RECORD_ACTION_DIALOG)

/* The field row's items: 0 the remarks, 1 the effective date. */
static gboolean
effective_date_selected (CivCorrectionDialog *self)
{
  return adw_combo_row_get_selected (self->field_row) == 1;
}

/* The new value, as the service gets it. */
static char *
new_value (CivCorrectionDialog *self)
{
  if (effective_date_selected (self))
    return civ_ui_stripped_text (self->value_row);
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->value_row)));
}

static const char *
current_value (CivCorrectionDialog *self)
{
  return effective_date_selected (self) ? self->effective_from : self->remarks;
}

static void
on_field_row_selected_cb (CivCorrectionDialog *self)
{
  const char *current = current_value (self);

  /* Start from the record's value: the operator edits it. */
  gtk_editable_set_text (GTK_EDITABLE (self->value_row), current ? current : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->value_row),
                                 effective_date_selected (self)
                                   ? _ ("_New effective date (YYYY-MM-DD)")
                                   : _ ("_New remarks"));
  _civ_record_action_dialog_changed (CIV_RECORD_ACTION_DIALOG (self));
}

static void
civ_correction_dialog_set_record (CivRecordActionDialog *dialog, const CivMarriageRecord *record)
{
  CivCorrectionDialog      *self = CIV_CORRECTION_DIALOG (dialog);
  const CivMarriageVersion *current = civ_marriage_record_current (record);

  self->effective_from = g_strdup (current->effective_from);
  self->remarks = g_strdup (current->remarks ? current->remarks : "");
  on_field_row_selected_cb (self);
}

static gboolean
civ_correction_dialog_check (CivRecordActionDialog *dialog, char **message)
{
  CivCorrectionDialog *self = CIV_CORRECTION_DIALOG (dialog);
  g_autofree char     *value = new_value (self);
  g_autofree char     *reason = civ_ui_stripped_text (self->reason_row);
  gboolean             ok = TRUE;
  GDate                date;

  if (effective_date_selected (self))
    ok &= civ_ui_check_row (self->value_row, value,
                            _civ_record_action_dialog_date_problem (dialog, value, &date), message);
  else
    civ_ui_set_error_style (GTK_WIDGET (self->value_row), FALSE);
  /* The row starts with the record's value: unchanged is nothing to correct. */
  if (g_strcmp0 (value, current_value (self)) == 0)
    ok = FALSE;
  ok &= *reason != '\0';
  return ok;
}

static void
civ_correction_dialog_fill_request (CivRecordActionDialog *dialog, CivRecordRequest *request)
{
  CivCorrectionDialog *self = CIV_CORRECTION_DIALOG (dialog);

  request->kind = effective_date_selected (self) ? CIV_CORRECT_EFFECTIVE_FROM : CIV_CORRECT_REMARKS;
  request->text = new_value (self);
  request->reason = civ_ui_stripped_text (self->reason_row);
}

static char *
civ_correction_dialog_success_message (CivRecordActionDialog  *dialog,
                                       const CivRecordRequest *request,
                                       const char             *number)
{
  /* Translators: %1$d is the new version, %2$s the approving supervisor's login. */
  return g_strdup_printf (_ ("Correction written as version %1$d, approved by %2$s"),
                          _civ_record_action_dialog_get_version (dialog) + 1, request->approver);
}

static void
civ_correction_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CIV_TYPE_CORRECTION_DIALOG);
  G_OBJECT_CLASS (civ_correction_dialog_parent_class)->dispose (object);
}

static void
civ_correction_dialog_finalize (GObject *object)
{
  CivCorrectionDialog *self = CIV_CORRECTION_DIALOG (object);

  g_free (self->effective_from);
  g_free (self->remarks);
  G_OBJECT_CLASS (civ_correction_dialog_parent_class)->finalize (object);
}

static void
civ_correction_dialog_class_init (CivCorrectionDialogClass *klass)
{
  GObjectClass               *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass             *widget_class = GTK_WIDGET_CLASS (klass);
  CivRecordActionDialogClass *dialog_class = CIV_RECORD_ACTION_DIALOG_CLASS (klass);

  object_class->dispose = civ_correction_dialog_dispose;
  object_class->finalize = civ_correction_dialog_finalize;

  dialog_class->action = CIV_RECORD_ACTION_CORRECTION;
  dialog_class->set_record = civ_correction_dialog_set_record;
  dialog_class->check = civ_correction_dialog_check;
  dialog_class->fill_request = civ_correction_dialog_fill_request;
  dialog_class->success_message = civ_correction_dialog_success_message;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-correction-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CivCorrectionDialog, field_row);
  gtk_widget_class_bind_template_child (widget_class, CivCorrectionDialog, value_row);
  gtk_widget_class_bind_template_child (widget_class, CivCorrectionDialog, reason_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_row_selected_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_row_changed_cb",
                                                G_CALLBACK (_civ_record_action_dialog_changed));
}

static void
civ_correction_dialog_init (CivCorrectionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CivCorrectionDialog *
civ_correction_dialog_new (GtkWindow               *parent,
                           CivSession              *session,
                           const CivMarriageRecord *record,
                           const GDate             *today)
{
  CivCorrectionDialog *self;

  g_return_val_if_fail (CIV_IS_SESSION (session), NULL);
  g_return_val_if_fail (record != NULL && today != NULL && g_date_valid (today), NULL);

  self = g_object_new (CIV_TYPE_CORRECTION_DIALOG, "transient-for", parent, NULL);
  _civ_record_action_dialog_set_up (CIV_RECORD_ACTION_DIALOG (self), parent, session, record,
                                    today);
  return self;
}
