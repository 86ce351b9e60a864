// SPDX-License-Identifier: GPL-3.0-or-later
/* test-citations.c — the citation table against domain.md: every rule has a
 * citation and a title, no row names a rule domain.md lacks, every source
 * tag's act is cited with its articles in Chinese numerals. */
#include "civ-citations.h"

#include <string.h>

/* domain.md's rule ids, for a build without ../shared/docs beside the tree. */
static const char *const fixture_ids[] = {
  "R-ID1", "R-ID2", "R-ID3", "R-ID4", "R-ID5", "R-ID6", "R-ID7", "R-ID8", "R-ID9", "R-ID10",
  "R-M1",  "R-M2",  "R-M3",  "R-M4",  "R-M5",  "R-M6",  "R-M7",  "R-M8",  "R-M9",  "R-M10",
  "R-M11", "R-M12", "R-M13", "R-M14", "R-M15", "R-M16", "R-V1",  "R-V2",  "R-V4",  "R-V5",
  "R-D1",  "R-D2",  "R-D3",  "R-D4",  "R-D5",  "R-D6",  "R-D7",  "R-D8",  "R-N1",  "R-N2",
  "R-N3",  "R-B1",  "R-B2",  "R-B3",  "R-B4",  "R-AR1", "R-AR2", "R-AR3", "R-AR4", "R-C1",
  "R-H1",  "R-H2",  "R-H3",  "R-H4",  "R-A1",  "R-A2",  "R-A3",  "R-A4",  "R-A5",  "R-A6",
  "R-A7",  "R-A8",  "R-A9",  "R-A10", "R-A11", "R-A12", "R-A13", "R-A14", "R-A15", "R-F1",
  "R-F2",  "R-F3",  "R-F4",  "R-F5",  "R-F6",  "R-F7",  "R-F8",  "R-F9",  "R-F10", "R-F11",
  "R-F12", "R-F13", "R-F14", "R-X1",  "R-X2",  "R-X3",  "R-X4",  NULL,
};

/* The title each source tag of domain.md stands for (§0), spelled here
 * independently of the table; articles = FALSE where the table deliberately
 * cites no article (the 2025 条例 was read in fragments only). */
static const struct
{
  const char *tag;
  const char *title;
  gboolean    articles;
} sources[] = {
  { "CC", "《中华人民共和国民法典》", TRUE },
  { "JS1", "《最高人民法院关于适用〈中华人民共和国民法典〉婚姻家庭编的解释（一）》", TRUE },
  { "MRR03", "《婚姻登记条例》（2003年）", TRUE },
  { "MRR25", "《婚姻登记条例》（2025年修订）", FALSE },
  { "GF25", "《婚姻登记工作规范》", FALSE },
  { "MF116", "（民发〔2020〕116号）", FALSE },
  { "DAB", "《婚姻登记档案管理办法》", TRUE },
  { "ADOPT", "《中国公民收养子女登记办法》", TRUE },
  { "PG", "《收养评估办法（试行）》", FALSE },
  { "BZ", "《殡葬管理条例》", TRUE },
  { "DC14", "《居民死亡医学证明（推断）书》（2014年版）", FALSE },
  { "DC26", "《居民死亡医学证明（推断）书》（2026年版）", FALSE },
  { "GB", "《公民身份号码》（GB 11643）", FALSE },
  { "户口登记条例", "《中华人民共和国户口登记条例》", TRUE },
  { "社会救助暂行办法", "《社会救助暂行办法》", TRUE },
};

typedef struct
{
  char *id;
  char *text; /* the rule's paragraph */
} Rule;

static void
rule_free (gpointer data)
{
  Rule *rule = data;

  g_free (rule->id);
  g_free (rule->text);
  g_free (rule);
}

/* The rules of domain.md, or NULL (and the test skipped) without the file. */
static GPtrArray *
load_domain_rules (void)
{
  const char      *root = g_getenv ("CIVREG_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *rules;
  Rule      *current = NULL;

  if (root == NULL)
    {
      g_test_skip ("CIVREG_SOURCE_ROOT is not set");
      return NULL;
    }
  path = g_build_filename (root, "..", "shared", "docs", "domain.md", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no ../shared/docs/domain.md beside the source tree");
      return NULL;
    }
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  rules = g_ptr_array_new_with_free_func (rule_free);
  lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    {
      const char *line = *l;

      if (g_str_has_prefix (line, "**R-"))
        {
          const char *end = strstr (line + 2, "**");

          g_assert_nonnull (end);
          current = g_new0 (Rule, 1);
          current->id = g_strndup (line + 2, end - (line + 2));
          current->text = g_strdup (end + 2);
          g_ptr_array_add (rules, current);
        }
      else if (current != NULL && *line != '\0' && *line != '#')
        {
          char *joined = g_strconcat (current->text, " ", line, NULL);

          g_free (current->text);
          current->text = joined;
        }
      else
        current = NULL;
    }
  g_assert_cmpuint (rules->len, >, 80);
  return rules;
}

static void
test_numerals (void)
{
  static const struct
  {
    guint       n;
    const char *text;
  } cases[] = {
    { 0, "零" },
    { 1, "一" },
    { 2, "二" },
    { 10, "十" },
    { 11, "十一" },
    { 15, "十五" },
    { 20, "二十" },
    { 99, "九十九" },
    { 100, "一百" },
    { 101, "一百零一" },
    { 110, "一百一十" },
    { 111, "一百一十一" },
    { 203, "二百零三" },
    { 1000, "一千" },
    { 1001, "一千零一" },
    { 1010, "一千零一十" },
    { 1042, "一千零四十二" },
    { 1047, "一千零四十七" },
    { 1051, "一千零五十一" },
    { 1076, "一千零七十六" },
    { 1080, "一千零八十" },
    { 1100, "一千一百" },
    { 1103, "一千一百零三" },
    { 1110, "一千一百一十" },
    { 9999, "九千九百九十九" },
    { 10000, "一万" },
    { 10010, "一万零一十" },
    { 100010, "十万零一十" },
    { 110000, "十一万" },
    { 1001000, "一百万一千" }, /* a group's trailing zeros are not read */
    { 100000001, "一亿零一" },
    { 100001000, "一亿零一千" },
    { 110000000, "一亿一千万" },
    { 4294967295u, "四十二亿九千四百九十六万七千二百九十五" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = civ_citation_chinese_numeral (cases[i].n);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
assert_rule_has_texts (const char *id)
{
  const char *citation = civ_citation_for_rule (id);
  const char *summary = civ_rule_summary (id);

  if (citation == NULL || summary == NULL)
    g_error ("%s: no citation or no summary in the table", id);
  g_assert_true (g_utf8_validate (citation, -1, NULL));
  g_assert_true (g_utf8_validate (summary, -1, NULL));
  g_assert_cmpuint (strlen (summary), >, 0);
  /* An act in 《》 or a standard's code; never an English "Art". */
  g_assert_true (g_str_has_prefix (citation, "《") || g_str_has_prefix (citation, "MZ/T "));
  g_assert_null (strstr (citation, "Art"));
  g_assert_null (strstr (citation, "["));
  /* Short enough for one line of a screen. */
  g_assert_cmpint (g_utf8_strlen (summary, -1), <=, 40);
}

static void
test_every_rule_cited (void)
{
  g_autoptr (GPtrArray) rules = NULL;

  /* The compiled-in list holds without the document. */
  for (const char *const *id = fixture_ids; *id != NULL; id++)
    assert_rule_has_texts (*id);

  rules = load_domain_rules ();
  if (rules == NULL)
    return;
  for (guint i = 0; i < rules->len; i++)
    assert_rule_has_texts (((Rule *) rules->pdata[i])->id);
}

static gboolean
id_in (const char *id, GPtrArray *rules)
{
  if (rules == NULL)
    return g_strv_contains ((const char *const *) fixture_ids, id);
  for (guint i = 0; i < rules->len; i++)
    if (g_strcmp0 (((Rule *) rules->pdata[i])->id, id) == 0)
      return TRUE;
  return FALSE;
}

static void
test_no_invented_rules (void)
{
  g_autoptr (GPtrArray) rules = NULL;
  const char *const *ids = civ_citation_rules ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (const char *const *id = ids; *id != NULL; id++)
    {
      g_assert_true (id_in (*id, NULL));
      g_assert_true (g_hash_table_add (seen, (gpointer) *id)); /* each once */
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, g_strv_length ((char **) fixture_ids));

  rules = load_domain_rules ();
  if (rules == NULL)
    return;
  for (const char *const *id = ids; *id != NULL; id++)
    if (!id_in (*id, rules))
      g_error ("%s is in the table but not in domain.md", *id);
}

/* Checks one "CODE numbers" part of a [tag] against @citation. */
static void
check_source (const char *id, const char *citation, const char *part)
{
  g_autofree char *code = NULL;
  const char      *rest = part;
  gsize            j;

  while (*rest != '\0' && *rest != ' ')
    rest++;
  code = g_strndup (part, rest - part);
  for (j = 0; j < G_N_ELEMENTS (sources); j++)
    if (strcmp (sources[j].tag, code) == 0)
      break;
  if (j == G_N_ELEMENTS (sources))
    {
      g_test_message ("%s: [%s] is not a source tag", id, part);
      return;
    }
  if (strstr (citation, sources[j].title) == NULL)
    g_error ("%s: [%s] but the citation does not name %s: %s", id, part, sources[j].title,
             citation);
  if (!sources[j].articles)
    return;
  /* Every article number (a range's two ends) in Chinese numerals. */
  for (const char *p = rest; *p != '\0';)
    {
      if (g_ascii_isdigit (*p))
        {
          guint64          n = g_ascii_strtoull (p, (char **) &p, 10);
          g_autofree char *numeral = civ_citation_chinese_numeral ((guint) n);
          g_autofree char *article = g_strconcat ("第", numeral, "条", NULL);

          if (strstr (citation, article) == NULL)
            g_error ("%s: [%s] but the citation lacks %s: %s", id, part, article, citation);
        }
      else
        p++;
    }
}

static void
test_tags_cited (void)
{
  g_autoptr (GPtrArray) rules = load_domain_rules ();
  guint checked_cc = 0;

  if (rules == NULL)
    return;
  for (guint i = 0; i < rules->len; i++)
    {
      Rule       *rule = rules->pdata[i];
      const char *citation = civ_citation_for_rule (rule->id);
      const char *p = rule->text;

      g_assert_nonnull (citation);
      while ((p = strchr (p, '[')) != NULL)
        {
          const char      *end = strchr (p, ']');
          g_autofree char *inner = NULL;
          g_auto (GStrv) parts = NULL;

          g_assert_nonnull (end);
          inner = g_strndup (p + 1, end - p - 1);
          parts = g_strsplit (inner, ";", -1);
          for (char **part = parts; *part != NULL; part++)
            {
              g_strstrip (*part);
              if (g_str_has_prefix (*part, "CC "))
                checked_cc++;
              check_source (rule->id, citation, *part);
            }
          p = end + 1;
        }
    }
  /* The Civil Code is the source of most rules. */
  g_assert_cmpuint (checked_cc, >=, 25);
}

static void
test_examples (void)
{
  g_assert_cmpstr (civ_citation_for_rule ("R-M2"), ==, "《中华人民共和国民法典》第一千零四十七条");
  g_assert_cmpstr (civ_rule_summary ("R-M2"), ==, "法定婚龄：男不早于二十二周岁，女不早于二十周岁");
  g_assert_cmpstr (civ_citation_for_rule ("R-M3"), ==,
                   "《中华人民共和国民法典》第一千零四十二条、第一千零五十一条");
  g_assert_cmpstr (civ_citation_for_rule ("R-M15"), ==,
                   "《最高人民法院关于适用〈中华人民共和国民法典〉婚姻家庭编的解释（一）》第七条");
  g_assert_cmpstr (civ_citation_for_rule ("R-M14"), ==, "《婚姻登记条例》（2003年）第十四条");
  g_assert_cmpstr (civ_citation_for_rule ("R-D2"), ==, "《婚姻登记条例》（2025年修订）");
  /* The cooling-off article beside the period rule of the tag. */
  g_assert_cmpstr (civ_citation_for_rule ("R-D5"), ==,
                   "《中华人民共和国民法典》第一千零七十七条、第二百零三条");
  g_assert_cmpstr (civ_citation_for_rule ("R-A2"), ==,
                   "《中华人民共和国民法典》第一千零九十四条至第一千零九十七条");
  g_assert_cmpstr (civ_citation_for_rule ("R-A8"), ==, "《中国公民收养子女登记办法》第四条");
  g_assert_cmpstr (civ_citation_for_rule ("R-F2"), ==, "《殡葬管理条例》第十三条");
  g_assert_cmpstr (civ_citation_for_rule ("R-ID1"), ==, "《公民身份号码》（GB 11643）");
  g_assert_cmpstr (civ_citation_for_rule ("R-M1"), ==,
                   "《中华人民共和国民法典》第一千零四十九条、《婚姻登记条例》（2025年修订）");
}

static void
test_unknown (void)
{
  g_assert_null (civ_citation_for_rule ("R-V3")); /* domain.md skips it */
  g_assert_null (civ_citation_for_rule ("R-M99"));
  g_assert_null (civ_citation_for_rule ("r-m2"));
  g_assert_null (civ_citation_for_rule (""));
  g_assert_null (civ_citation_for_rule (NULL));
  g_assert_null (civ_rule_summary ("R-Z1"));
  g_assert_null (civ_rule_summary (NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/domain/citations/numerals", test_numerals);
  g_test_add_func ("/domain/citations/every-rule", test_every_rule_cited);
  g_test_add_func ("/domain/citations/no-invented-rules", test_no_invented_rules);
  g_test_add_func ("/domain/citations/tags", test_tags_cited);
  g_test_add_func ("/domain/citations/examples", test_examples);
  g_test_add_func ("/domain/citations/unknown", test_unknown);
  return g_test_run ();
}
