// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-citations.h — the legal citation and a short title of every rule of
 * domain.md, as a person reads them (domain.md §0 "Sources")
 *
 * A citation is the act's full title in 《》 and, where the rule's source tag
 * in domain.md names an article, the article in Chinese numerals:
 * R-M2 [CC 1047] → 《中华人民共和国民法典》第一千零四十七条. A rule with
 * several sources gives them joined by "、".
 *
 * The table is a static array in civ-citations.c, not a resource: it is the
 * law, reviewed in code review line by line beside domain.md, and a test
 * (tests/app/domain/test-citations.c) holds it against domain.md's rule ids
 * and source tags. Its texts are Chinese legal names and are not translated:
 * the law is cited in Chinese whatever the language of the screen.
 *
 * Where domain.md names no article, or names one that nobody has verified
 * (the 2025 婚姻登记条例 was read in fragments only, §0), the act is cited
 * without an article rather than a guessed one. Where a rule names no source
 * at all, the act or standard of its section is cited; civ-citations.c marks
 * those rows.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The citation of @rule_id ("R-M2"), or NULL for an id domain.md does not
 * define. Static, never translated. */
const char *civ_citation_for_rule (const char *rule_id);

/* A short plain-words title of @rule_id in Simplified Chinese for screens
 * ("法定婚龄：男不早于二十二周岁，女不早于二十周岁"), or NULL for an unknown
 * id. Static, never translated. */
const char *civ_rule_summary (const char *rule_id);

/* Every rule id of the table, in domain.md's order, NULL-terminated. */
const char *const *civ_citation_rules (void);

/* @n in Chinese numerals as an article number is read: 10 → 十,
 * 110 → 一百一十, 1001 → 一千零一, 1047 → 一千零四十七, 0 → 零. Free with
 * g_free (). */
char *civ_citation_chinese_numeral (guint n);

G_END_DECLS
