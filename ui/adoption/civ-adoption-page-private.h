// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-adoption-page-private.h — what the UI tests of the adoption page use */
#pragma once

#include "civ-adoption-page.h"
#include "civ-adoption-service.h"

G_BEGIN_DECLS

/* A field, switch or button of the page by its name ("child.name",
 * "adopter0.married", "apply.next", "record.decide", …; see the page), or
 * NULL when the page has none shown by that name now. */
GtkWidget *_civ_adoption_page_widget (CivAdoptionPage *self, const char *name);
/* Answers the purpose dialog that is open (R-A13) with @purpose, as a
 * person typing it and pressing Continue would; FALSE when none is open. */
gboolean   _civ_adoption_page_answer_purpose (CivAdoptionPage *self, const char *purpose);
/* The adoption shown, or NULL. */
const CivAdoptionView *_civ_adoption_page_view (CivAdoptionPage *self);
/* The findings shown beside the application: how many rows, and whether
 * one of them is for @rule. */
guint                  _civ_adoption_page_n_findings (CivAdoptionPage *self);
gboolean               _civ_adoption_page_has_finding (CivAdoptionPage *self, const char *rule);
/* Prints go to PDF files in @dir (certificate.pdf, notice.pdf, refusal.pdf,
 * dissolution.pdf) instead of through the print dialog. */
void                   _civ_adoption_page_set_export_dir (CivAdoptionPage *self, const char *dir);
/* The page's last message (an error or what a step did), or NULL. */
const char            *_civ_adoption_page_message (CivAdoptionPage *self);
/* Jobs under way (0 when idle). */
guint                  _civ_adoption_page_busy (CivAdoptionPage *self);

G_END_DECLS
