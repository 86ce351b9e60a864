// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-void-print-dialog.c — void a spoiled certificate print (R-N1, R-N3) */
#include "civ-void-print-dialog.h"

#include <glib/gi18n.h>

#include "civ-record-action-dialog-private.h"
#include "civ-ui-util.h"

struct _CivVoidPrintDialog
{
  CivRecordActionDialog parent_instance;

  AdwEntryRow *reason_row;

  char *blank_serial;
  char *certificate_no; /* of the print on that blank */
};

G_DEFINE_FINAL_TYPE (CivVoidPrintDialog, civ_void_print_dialog, CIV_TYPE_RECORD_ACTION_DIALOG)

static void
civ_void_print_dialog_set_record (CivRecordActionDialog *dialog, const CivMarriageRecord *record)
{
  CivVoidPrintDialog *self = CIV_VOID_PRINT_DIALOG (dialog);
  g_autofree char    *description = NULL;

  for (guint i = 0; record->prints && i < record->prints->len; i++)
    {
      const CivCertificatePrint *p = g_ptr_array_index (record->prints, i);

      if (g_strcmp0 (p->blank_serial, self->blank_serial) == 0)
        {
          g_free (self->certificate_no);
          self->certificate_no = g_strdup (p->certificate_no);
        }
    }
  if (self->certificate_no == NULL)
    self->certificate_no = g_strdup (civ_marriage_record_current (record)->certificate_no);

  if (_civ_record_action_dialog_needs_approver (dialog))
    /* Translators: %1$s certificate number, %2$s the blank's pre-printed serial. */
    description = g_strdup_printf (_ ("R-N1, R-N3: the print of %1$s on blank No. %2$s is "
                                      "recorded as spoiled, with the reason and the "
                                      "approving supervisor. A voided print is kept, never "
                                      "deleted."),
                                   self->certificate_no, self->blank_serial);
  else
    /* Translators: %1$s certificate number, %2$s the blank's pre-printed serial. */
    description = g_strdup_printf (_ ("R-N1, R-N3: the print of %1$s on blank No. %2$s is "
                                      "recorded as spoiled, with the reason; as a "
                                      "supervisor you approve it yourself. A voided print "
                                      "is kept, never deleted."),
                                   self->certificate_no, self->blank_serial);
  _civ_record_action_dialog_set_description (dialog, description);
}

static gboolean
civ_void_print_dialog_check (CivRecordActionDialog *dialog, char **message)
{
  CivVoidPrintDialog *self = CIV_VOID_PRINT_DIALOG (dialog);
  g_autofree char    *reason = civ_ui_stripped_text (self->reason_row);

  return *reason != '\0';
}

static void
civ_void_print_dialog_fill_request (CivRecordActionDialog *dialog, CivRecordRequest *request)
{
  CivVoidPrintDialog *self = CIV_VOID_PRINT_DIALOG (dialog);

  request->reason = civ_ui_stripped_text (self->reason_row);
  request->document = g_strdup (self->blank_serial);
}

static char *
civ_void_print_dialog_confirmation (CivRecordActionDialog *dialog,
                                    const char           **heading,
                                    const char           **confirm_label)
{
  CivVoidPrintDialog *self = CIV_VOID_PRINT_DIALOG (dialog);
  g_autofree char    *reason = civ_ui_stripped_text (self->reason_row);

  *heading = _ ("Void the Print?");
  *confirm_label = _ ("_Void Print");
  /* Translators: %1$s certificate number, %2$s blank serial, %3$s the reason. */
  return g_strdup_printf (_ ("The print of %1$s on blank No. %2$s is recorded as spoiled, with "
                             "the reason “%3$s”. It is never deleted, and the blank cannot be "
                             "used again."),
                          self->certificate_no, self->blank_serial, reason);
}

static char *
civ_void_print_dialog_success_message (CivRecordActionDialog  *dialog,
                                       const CivRecordRequest *request,
                                       const char             *number)
{
  if (request->approver != NULL)
    /* Translators: %1$s is the pre-printed serial (NO.) of a certificate
     * blank, %2$s the approving supervisor's login. */
    return g_strdup_printf (_ ("The print on blank No. %1$s is voided, approved by %2$s"),
                            request->document, request->approver);
  /* Translators: %s is the pre-printed serial (NO.) of a certificate blank. */
  return g_strdup_printf (_ ("The print on blank No. %s is voided"), request->document);
}

static void
civ_void_print_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CIV_TYPE_VOID_PRINT_DIALOG);
  G_OBJECT_CLASS (civ_void_print_dialog_parent_class)->dispose (object);
}

static void
civ_void_print_dialog_finalize (GObject *object)
{
  CivVoidPrintDialog *self = CIV_VOID_PRINT_DIALOG (object);

  g_free (self->blank_serial);
  g_free (self->certificate_no);
  G_OBJECT_CLASS (civ_void_print_dialog_parent_class)->finalize (object);
}

static void
civ_void_print_dialog_class_init (CivVoidPrintDialogClass *klass)
{
  GObjectClass               *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass             *widget_class = GTK_WIDGET_CLASS (klass);
  CivRecordActionDialogClass *dialog_class = CIV_RECORD_ACTION_DIALOG_CLASS (klass);

  object_class->dispose = civ_void_print_dialog_dispose;
  object_class->finalize = civ_void_print_dialog_finalize;

  dialog_class->action = CIV_RECORD_ACTION_VOID_PRINT;
  dialog_class->set_record = civ_void_print_dialog_set_record;
  dialog_class->check = civ_void_print_dialog_check;
  dialog_class->fill_request = civ_void_print_dialog_fill_request;
  dialog_class->confirmation = civ_void_print_dialog_confirmation;
  dialog_class->success_message = civ_void_print_dialog_success_message;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-void-print-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CivVoidPrintDialog, reason_row);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_row_changed_cb",
                                                G_CALLBACK (_civ_record_action_dialog_changed));
}

static void
civ_void_print_dialog_init (CivVoidPrintDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CivVoidPrintDialog *
civ_void_print_dialog_new (GtkWindow               *parent,
                           CivSession              *session,
                           const CivMarriageRecord *record,
                           const char              *blank_serial,
                           const GDate             *today)
{
  CivVoidPrintDialog *self;

  g_return_val_if_fail (CIV_IS_SESSION (session), NULL);
  g_return_val_if_fail (record != NULL && today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (blank_serial != NULL, NULL);

  self = g_object_new (CIV_TYPE_VOID_PRINT_DIALOG, "transient-for", parent, NULL);
  self->blank_serial = g_strdup (blank_serial);
  _civ_record_action_dialog_set_up (CIV_RECORD_ACTION_DIALOG (self), parent, session, record,
                                    today);
  return self;
}

const char *
civ_void_print_dialog_get_blank_serial (CivVoidPrintDialog *self)
{
  g_return_val_if_fail (CIV_IS_VOID_PRINT_DIALOG (self), NULL);

  return self->blank_serial;
}
