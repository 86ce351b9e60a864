// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-view-private.h — what the UI tests reach in the record view */
#pragma once

#include "civ-record-view.h"

G_BEGIN_DECLS

/* For tests: TRUE once the record is shown; the number of versions shown;
 * the extract is written to @path instead of the print dialog. */
gboolean _civ_record_view_is_loaded (CivRecordView *self);
guint    _civ_record_view_get_n_versions (CivRecordView *self);
void     _civ_record_view_set_export_filename (CivRecordView *self, const char *path);
/* The text of every label in the view, one per line (what a person reads). */
char    *_civ_record_view_get_text (CivRecordView *self);
/* For tests: whether the Actions menu offers
 * @action ("print-certificate", "reissue", "court-judgment",
 * "registry-annulment", "correct"). */
gboolean _civ_record_view_offers (CivRecordView *self, const char *action);

G_END_DECLS
