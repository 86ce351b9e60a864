// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-print-private.h — what the tests of civ-print.c look at */
#pragma once

#include "civ-print.h"

G_BEGIN_DECLS

/* The layout id of certificate field @field (0, 1, …), NULL past the last one. */
const char *_civ_print_field_id (guint field);
/* The layout id of adoption certificate field @field (0, 1, …), NULL past
 * the last one. */
const char *_civ_print_adoption_field_id (guint field);
/* The layout id of cremation certificate field @field (0, 1, …), NULL
 * past the last one. */
const char *_civ_print_cremation_field_id (guint field);
/* The document layout's style id of paragraph style @style (0, 1, …), NULL
 * past the last one. */
const char *_civ_print_style_id (guint style);

G_END_DECLS
