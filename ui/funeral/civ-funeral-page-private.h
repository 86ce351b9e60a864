// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-page-private.h — what the UI tests reach of the funeral page */
#pragma once

#include "civ-funeral-case.h"
#include "civ-funeral-page.h"

G_BEGIN_DECLS

/* The widget named @name shown now ("report.name", "case.step", …), or NULL. */
GtkWidget            *_civ_funeral_page_widget (CivFuneralPage *self, const char *name);
/* The case shown, or NULL. */
const CivFuneralView *_civ_funeral_page_view (CivFuneralPage *self);
/* Whether a finding of @rule is shown beside the report form. */
gboolean              _civ_funeral_page_has_finding (CivFuneralPage *self, const char *rule);
/* The message shown on top of the page, or NULL. */
const char           *_civ_funeral_page_message (CivFuneralPage *self);
/* Jobs under way. */
guint                 _civ_funeral_page_busy (CivFuneralPage *self);
/* Prints go to PDF files in @dir instead of the print dialog. */
void                  _civ_funeral_page_set_export_dir (CivFuneralPage *self, const char *dir);
/* The name of the view shown: "board", "report" or "case". */
const char           *_civ_funeral_page_view_name (CivFuneralPage *self);
/* The waiver dialog's text while it is shown, or NULL. */
const char           *_civ_funeral_page_waiver_text (CivFuneralPage *self);
/* Attaches the file @path to the case shown, of the kind chosen, as the
 * file chooser's answer does. */
void                  _civ_funeral_page_attach_path (CivFuneralPage *self, const char *path);
/* Closes the waiver dialog as its Close button does; FALSE when none is shown. */
gboolean              _civ_funeral_page_close_waiver (CivFuneralPage *self);

G_END_DECLS
