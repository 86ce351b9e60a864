// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-registry-annulment-dialog.c — record a registry annulment made
 * before 2021 (R-V2) */
#include "civ-registry-annulment-dialog.h"

#include <glib/gi18n.h>

#include "civ-calendar.h"
#include "civ-record-action-dialog-private.h"
#include "civ-states.h"
#include "civ-ui-util.h"

struct _CivRegistryAnnulmentDialog
{
  CivRecordActionDialog parent_instance;

  AdwEntryRow *document_row;
  AdwEntryRow *date_row;
};

G_DEFINE_FINAL_TYPE (CivRegistryAnnulmentDialog,
                     civ_registry_annulment_dialog,
                     CIV_TYPE_RECORD_ACTION_DIALOG)

static gboolean
civ_registry_annulment_dialog_check (CivRecordActionDialog *dialog, char **message)
{
  CivRegistryAnnulmentDialog *self = CIV_REGISTRY_ANNULMENT_DIALOG (dialog);
  g_autofree char            *document = civ_ui_stripped_text (self->document_row);
  g_autofree char            *date_text = civ_ui_stripped_text (self->date_row);
  gboolean                    ok = TRUE;
  GDate                       date;

  ok &= *document != '\0';
  ok &=
    civ_ui_check_row (self->date_row, date_text,
                      _civ_record_action_dialog_date_problem (dialog, date_text, &date), message);
  return ok;
}

static void
civ_registry_annulment_dialog_fill_request (CivRecordActionDialog *dialog,
                                            CivRecordRequest      *request)
{
  CivRegistryAnnulmentDialog *self = CIV_REGISTRY_ANNULMENT_DIALOG (dialog);
  g_autofree char            *date = civ_ui_stripped_text (self->date_row);

  request->document = civ_ui_stripped_text (self->document_row);
  civ_date_parse_iso (date, &request->date);
}

static char *
civ_registry_annulment_dialog_confirmation (CivRecordActionDialog *dialog,
                                            const char           **heading,
                                            const char           **confirm_label)
{
  CivRegistryAnnulmentDialog *self = CIV_REGISTRY_ANNULMENT_DIALOG (dialog);
  g_autofree char            *document = civ_ui_stripped_text (self->document_row);
  g_autofree char            *date = civ_ui_stripped_text (self->date_row);

  *heading = _ ("Record the Registry Annulment?");
  *confirm_label = _ ("_Record Annulment");
  return _civ_record_action_dialog_describe_annotation (dialog,
                                                        CIV_MARRIAGE_STATE_ANNULLED_REGISTRY,
                                                        document, date);
}

static char *
civ_registry_annulment_dialog_success_message (CivRecordActionDialog  *dialog,
                                               const CivRecordRequest *request,
                                               const char             *number)
{
  /* Translators: %1$s is the record's new state, %2$d its new version. */
  return g_strdup_printf (_ ("Registry annulment recorded: the record is now “%1$s” "
                             "(version %2$d)"),
                          civ_marriage_state_label (CIV_MARRIAGE_STATE_ANNULLED_REGISTRY),
                          _civ_record_action_dialog_get_version (dialog) + 1);
}

static void
civ_registry_annulment_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CIV_TYPE_REGISTRY_ANNULMENT_DIALOG);
  G_OBJECT_CLASS (civ_registry_annulment_dialog_parent_class)->dispose (object);
}

static void
civ_registry_annulment_dialog_class_init (CivRegistryAnnulmentDialogClass *klass)
{
  GObjectClass               *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass             *widget_class = GTK_WIDGET_CLASS (klass);
  CivRecordActionDialogClass *dialog_class = CIV_RECORD_ACTION_DIALOG_CLASS (klass);

  object_class->dispose = civ_registry_annulment_dialog_dispose;

  dialog_class->action = CIV_RECORD_ACTION_REGISTRY_ANNULMENT;
  dialog_class->check = civ_registry_annulment_dialog_check;
  dialog_class->fill_request = civ_registry_annulment_dialog_fill_request;
  dialog_class->confirmation = civ_registry_annulment_dialog_confirmation;
  dialog_class->success_message = civ_registry_annulment_dialog_success_message;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/civreg/Civreg/ui/"
                                                             "civ-registry-annulment-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CivRegistryAnnulmentDialog, document_row);
  gtk_widget_class_bind_template_child (widget_class, CivRegistryAnnulmentDialog, date_row);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_row_changed_cb",
                                                G_CALLBACK (_civ_record_action_dialog_changed));
}

static void
civ_registry_annulment_dialog_init (CivRegistryAnnulmentDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CivRegistryAnnulmentDialog *
civ_registry_annulment_dialog_new (GtkWindow               *parent,
                                   CivSession              *session,
                                   const CivMarriageRecord *record,
                                   const GDate             *today)
{
  CivRegistryAnnulmentDialog *self;

  g_return_val_if_fail (CIV_IS_SESSION (session), NULL);
  g_return_val_if_fail (record != NULL && today != NULL && g_date_valid (today), NULL);

  self = g_object_new (CIV_TYPE_REGISTRY_ANNULMENT_DIALOG, "transient-for", parent, NULL);
  _civ_record_action_dialog_set_up (CIV_RECORD_ACTION_DIALOG (self), parent, session, record,
                                    today);
  return self;
}
