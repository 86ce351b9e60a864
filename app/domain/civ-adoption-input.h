// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-adoption-input.h — the adoption application as JSON (docs/cli-rules.md)
 *
 * The bytes come from outside (`civreg-cli rules adoption FILE`) and the
 * adoption service stores an application in this format, so it is read
 * strictly and kept stable: at most CIV_JSON_GUARD_INPUT_MAX bytes nested at
 * most CIV_JSON_GUARD_MAX_DEPTH deep, no member named twice, no member the
 * format does not know (a typo is an error naming it), no NUL inside a text,
 * one or two placers and adopters, child counts from 0 to
 * CIV_ADOPTION_MAX_CHILDREN.
 */
#pragma once

#include "civ-adoption-rules.h"

G_BEGIN_DECLS

typedef struct _CivAdoptionInput CivAdoptionInput;

/* NULL with @error (CIV_APP_ERROR_FORMAT, or CIV_JSON_GUARD_ERROR) when the
 * bytes are not a valid application. */
CivAdoptionInput *civ_adoption_input_parse (const char *data, gsize len, GError **error);
/* The application; its texts live as long as @input. */
const CivAdoptionApplication *civ_adoption_input_get_application (CivAdoptionInput *input);
void                          civ_adoption_input_free (CivAdoptionInput *input);

/* @app in the same format, every member written (compact JSON, UTF-8): what
 * civ_adoption_input_parse () reads back to an equal application. A date
 * that is not valid is written as null, which the reader refuses for the
 * required ones (application_date, evaluation_date, the birth dates). */
char *civ_adoption_application_to_json (const CivAdoptionApplication *app);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivAdoptionInput, civ_adoption_input_free)

G_END_DECLS
