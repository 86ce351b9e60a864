// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-enroll-private.h — the checks enrolment makes on what it is
 * given (the server address, the pins, the CA file), for the tests and the
 * fuzz targets
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An https:// address with a host, nothing but printable ASCII without
 * spaces or quotes, no user name or password, no query or fragment. */
gboolean _civ_report_check_url (const char *url, GError **error);
/* "sha256//BASE64" pins joined with ';' for libcurl, or NULL. */
char    *_civ_report_check_pins (const char *const *pins, GError **error);
/* At least one PEM certificate in @pem (@len bytes); @path names it. */
gboolean _civ_report_check_ca (const char *pem, gsize len, const char *path, GError **error);

G_END_DECLS
