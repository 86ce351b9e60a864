// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-party-panel.h — one party of a marriage at the counter: name, identity
 * document with live checks (birth date and sex read from the number),
 * nationality, ethnicity, resident category, presence and consent */
#pragma once

#include <adwaita.h>

#include "civ-marriage-service.h"

G_BEGIN_DECLS

#define CIV_TYPE_PARTY_PANEL (civ_party_panel_get_type ())
G_DECLARE_FINAL_TYPE (CivPartyPanel, civ_party_panel, CIV, PARTY_PANEL, AdwBin)

/* The panel's place in the form, 0 or 1: the title (男方 / 女方) until a
 * valid number gives the sex, and the mnemonic of the name field. */
void        civ_party_panel_set_side (CivPartyPanel *self, guint side);
/* The nationality by its GB/T 2659 code ("CHN"); an unknown code selects CHN. */
void        civ_party_panel_set_nationality (CivPartyPanel *self, const char *code);
const char *civ_party_panel_get_nationality (CivPartyPanel *self);
/* The day the number is checked against (the registration date). */
void        civ_party_panel_set_event_date (CivPartyPanel *self, const GDate *date);
/* Empties every field. */
void        civ_party_panel_clear (CivPartyPanel *self);
/* TRUE when a name and a document number are entered. */
gboolean    civ_party_panel_is_filled (CivPartyPanel *self);
/* Fills @input with what the panel shows. The strings are the panel's and
 * change with the next edit: copy them before handing them to a job. */
void        civ_party_panel_get_input (CivPartyPanel *self, CivMarriagePartyInput *input);
/* The name field, to move the focus there. */
GtkWidget  *civ_party_panel_get_first_row (CivPartyPanel *self);

G_END_DECLS
