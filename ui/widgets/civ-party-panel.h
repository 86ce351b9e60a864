// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-party-panel.h — one party of a marriage at the counter: name, identity
 * document with live checks (birth date and sex read from the number),
 * nationality, ethnicity, resident category, presence and consent */
#pragma once

#include <adwaita.h>

#include "civ-card-reader.h"
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
/* The counter's card reader (civ_card_reader_dup_default ()), or NULL
 * when none is set up: the panel shows its state and reads from it. */
void        civ_party_panel_set_card_reader (CivPartyPanel *self, CivCardReader *reader);
/* Reads the card on the reader into the panel (F2 / Read Card). */
void        civ_party_panel_read_card (CivPartyPanel *self);
/* Fills the panel from a card read by @device ("ID-card reader on …"):
 * document, number, name, ethnicity, nationality; the fields are marked
 * "From card" while they hold the chip's values, and the chip read is an
 * identity check of the registration. */
void        civ_party_panel_fill_from_card (CivPartyPanel     *self,
                                            const CivCardData *card,
                                            const char        *device);
/* TRUE once a card was read into the panel (until it is cleared). */
gboolean    civ_party_panel_has_card (CivPartyPanel *self);
/* Fills @input with what the panel shows, with the identity checks made
 * (the chip read and the fields the form kept from it, the registrar's
 * look at the card photo, a plug-in's comparisons). The strings and the
 * checks are the panel's and change with the next call: copy them before
 * handing them to a job. */
void        civ_party_panel_get_input (CivPartyPanel *self, CivMarriagePartyInput *input);
/* The name field, to move the focus there. */
GtkWidget  *civ_party_panel_get_first_row (CivPartyPanel *self);

G_END_DECLS
