// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-marriage-input.h — the marriage application as JSON (docs/cli-rules.md)
 *
 * The bytes come from outside (`civreg-cli rules marriage FILE`), so they are
 * read strictly: at most CIV_JSON_GUARD_INPUT_MAX bytes nested at most
 * CIV_JSON_GUARD_MAX_DEPTH deep, no member named twice, no member the
 * format does not know (a typo is an error naming it), no NUL inside a text,
 * marital status codes from GB/T 2261.2 only.
 */
#pragma once

#include "civ-marriage-rules.h"

G_BEGIN_DECLS

typedef struct _CivMarriageInput CivMarriageInput;

/* NULL with @error (CIV_APP_ERROR_FORMAT, or CIV_JSON_GUARD_ERROR) when the
 * bytes are not a valid application. */
CivMarriageInput *civ_marriage_input_parse (const char *data, gsize len, GError **error);
/* The application; its texts live as long as @input. */
const CivMarriageApplication *civ_marriage_input_get_application (CivMarriageInput *input);
void                          civ_marriage_input_free (CivMarriageInput *input);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivMarriageInput, civ_marriage_input_free)

G_END_DECLS
