// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-reissue-dialog.c — reissue a marriage (BJ) or divorce (BL)
 * certificate (R-B1…R-B3) */
#include "civ-reissue-dialog.h"

#include <glib/gi18n.h>

#include "civ-record-action-dialog-private.h"
#include "civ-record-service.h"
#include "civ-states.h"
#include "civ-ui-util.h"

struct _CivReissueDialog
{
  CivRecordActionDialog parent_instance;

  AdwComboRow *kind_row;
  AdwEntryRow *reason_row;
};

G_DEFINE_FINAL_TYPE (CivReissueDialog, civ_reissue_dialog, CIV_TYPE_RECORD_ACTION_DIALOG)

/* The order of the kind row's items. */
static const CivReissueKind kinds[] = { CIV_REISSUE_MARRIAGE, CIV_REISSUE_DIVORCE };

static void
civ_reissue_dialog_set_record (CivRecordActionDialog *dialog, const CivMarriageRecord *record)
{
  CivReissueDialog         *self = CIV_REISSUE_DIALOG (dialog);
  const CivMarriageVersion *current = civ_marriage_record_current (record);

  /* After a divorce registration only the divorce certificate is held. */
  adw_combo_row_set_selected (self->kind_row, civ_marriage_state_from_db (current->state) ==
                                                  CIV_MARRIAGE_STATE_DISSOLVED_REG
                                                ? 1
                                                : 0);
}

static gboolean
civ_reissue_dialog_check (CivRecordActionDialog *dialog, char **message)
{
  CivReissueDialog *self = CIV_REISSUE_DIALOG (dialog);
  g_autofree char  *reason = civ_ui_stripped_text (self->reason_row);

  return *reason != '\0';
}

static void
civ_reissue_dialog_fill_request (CivRecordActionDialog *dialog, CivRecordRequest *request)
{
  CivReissueDialog *self = CIV_REISSUE_DIALOG (dialog);

  request->reason = civ_ui_stripped_text (self->reason_row);
  request->kind =
    kinds[MIN (adw_combo_row_get_selected (self->kind_row), G_N_ELEMENTS (kinds) - 1)];
  request->date = *_civ_record_action_dialog_get_today (dialog);
}

static char *
civ_reissue_dialog_success_message (CivRecordActionDialog  *dialog,
                                    const CivRecordRequest *request,
                                    const char             *number)
{
  /* Translators: %s is the new certificate number (BJ… or BL…). */
  return g_strdup_printf (_ ("Certificate reissued: %s"), number);
}

static void
civ_reissue_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CIV_TYPE_REISSUE_DIALOG);
  G_OBJECT_CLASS (civ_reissue_dialog_parent_class)->dispose (object);
}

static void
civ_reissue_dialog_class_init (CivReissueDialogClass *klass)
{
  GObjectClass               *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass             *widget_class = GTK_WIDGET_CLASS (klass);
  CivRecordActionDialogClass *dialog_class = CIV_RECORD_ACTION_DIALOG_CLASS (klass);

  object_class->dispose = civ_reissue_dialog_dispose;

  dialog_class->action = CIV_RECORD_ACTION_REISSUE;
  dialog_class->set_record = civ_reissue_dialog_set_record;
  dialog_class->check = civ_reissue_dialog_check;
  dialog_class->fill_request = civ_reissue_dialog_fill_request;
  dialog_class->success_message = civ_reissue_dialog_success_message;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-reissue-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CivReissueDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CivReissueDialog, reason_row);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_row_changed_cb",
                                                G_CALLBACK (_civ_record_action_dialog_changed));
}

static void
civ_reissue_dialog_init (CivReissueDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CivReissueDialog *
civ_reissue_dialog_new (GtkWindow               *parent,
                        CivSession              *session,
                        const CivMarriageRecord *record,
                        const GDate             *today)
{
  CivReissueDialog *self;

  g_return_val_if_fail (CIV_IS_SESSION (session), NULL);
  g_return_val_if_fail (record != NULL && today != NULL && g_date_valid (today), NULL);

  self = g_object_new (CIV_TYPE_REISSUE_DIALOG, "transient-for", parent, NULL);
  _civ_record_action_dialog_set_up (CIV_RECORD_ACTION_DIALOG (self), parent, session, record,
                                    today);
  return self;
}
