/* civ-office-cache.h — the office name to show before anyone logs in
 *
 * The office's name and division code live inside the encrypted database,
 * which the login window cannot read. After a set-up or a login, Civreg
 * remembers them per data folder in the user's cache folder, so the next
 * login window can say which office it opens. Neither value is secret.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean civ_office_cache_lookup (const char *data_dir, char **office_name, char **office_code);
void     civ_office_cache_remember (const char *data_dir,
                                    const char *office_name,
                                    const char *office_code);

G_END_DECLS
