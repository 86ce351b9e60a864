// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-province-refuse.h — a TLS front end that refuses every client
 * certificate in one chosen way (docs/provincial-protocol.md §7) */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _CivProvinceRefuse CivProvinceRefuse;

/* Listens on 127.0.0.1:*port (0 = any; the chosen port is written back)
 * and refuses every client as @mode says (see the .c file). Runs in its
 * own threads until the process exits. */
CivProvinceRefuse *civ_province_refuse_start (const char *mode,
                                              const char *cert_file,
                                              const char *key_file,
                                              gboolean    tls12_only,
                                              int        *port,
                                              GError    **error);

G_END_DECLS
