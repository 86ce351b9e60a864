// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-pinyin.h — search keys for Chinese names (ICU Han-Latin transliteration)
 *
 * 张三 → full "zhangsan", spaced "zhang san", initials "zs". Uses ICU's
 * "Han-Latin/Names" transform, which reads surnames as surnames (单 shan,
 * 曾 zeng, 解 xie). Not a home-made table.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CivPinyin CivPinyin;

/* NULL with @error when ICU's transform data is missing. */
CivPinyin *civ_pinyin_new (GError **error);
void       civ_pinyin_free (CivPinyin *self);

/* Both outputs are lower-case ASCII; either may be NULL. Thread-safe. */
gboolean civ_pinyin_name (CivPinyin *self, const char *name, char **full, char **initials);

/* Lower-cases and removes spaces and apostrophes from a pinyin query. */
char *civ_pinyin_normalize_query (const char *query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivPinyin, civ_pinyin_free)

G_END_DECLS
