// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-finding.c — what a rule found: rule id, citation, severity and a message */
#include "civ-finding.h"

#include <string.h>

#include "civ-citations.h"

const char *
civ_finding_strip_rule (const char *rule, const char *message)
{
  size_t      len;
  const char *p;

  g_return_val_if_fail (rule != NULL, message);
  g_return_val_if_fail (message != NULL, NULL);

  len = strlen (rule);
  if (len == 0 || strncmp (message, rule, len) != 0)
    return message;
  p = message + len;
  if (*p == ':')
    p++;
  else if (g_str_has_prefix (p, "\xef\xbc\x9a")) /* "：" */
    p += 3;
  else
    return message;
  while (*p == ' ')
    p++;
  return *p != '\0' ? p : message;
}

CivFinding *
civ_finding_new (const char *rule, CivSeverity severity, const char *message)
{
  CivFinding *finding;

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);
  g_return_val_if_fail (severity >= CIV_SEVERITY_INFO && severity <= CIV_SEVERITY_REFUSE, NULL);

  finding = g_new0 (CivFinding, 1);
  finding->rule = g_strdup (rule);
  finding->severity = severity;
  finding->message = g_strdup (civ_finding_strip_rule (rule, message));
  finding->citation = civ_citation_for_rule (rule);
  return finding;
}

CivFinding *
civ_finding_copy (const CivFinding *finding)
{
  g_return_val_if_fail (finding != NULL, NULL);

  return civ_finding_new (finding->rule, finding->severity, finding->message);
}

void
civ_finding_free (CivFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->rule);
  g_free (finding->message);
  g_free (finding);
}

const char *
civ_severity_to_string (CivSeverity severity)
{
  switch (severity)
    {
    case CIV_SEVERITY_NONE:
      return "none";
    case CIV_SEVERITY_INFO:
      return "info";
    case CIV_SEVERITY_WARN:
      return "warn";
    case CIV_SEVERITY_REFUSE:
      return "refuse";
    default:
      return NULL;
    }
}

GPtrArray *
civ_findings_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) civ_finding_free);
}

CivFinding *
civ_findings_add (
  GPtrArray *findings, const char *rule, CivSeverity severity, const char *format, ...)
{
  g_autofree char *message = NULL;
  CivFinding      *finding;
  va_list          ap;

  g_return_val_if_fail (findings != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  finding = civ_finding_new (rule, severity, message);
  if (finding != NULL)
    g_ptr_array_add (findings, finding);
  return finding;
}

CivSeverity
civ_findings_worst (GPtrArray *findings)
{
  CivSeverity worst = CIV_SEVERITY_NONE;

  g_return_val_if_fail (findings != NULL, CIV_SEVERITY_NONE);

  for (guint i = 0; i < findings->len; i++)
    {
      const CivFinding *f = g_ptr_array_index (findings, i);
      if (f->severity > worst)
        worst = f->severity;
    }
  return worst;
}

CivFinding *
civ_findings_find (GPtrArray *findings, const char *rule)
{
  g_return_val_if_fail (findings != NULL, NULL);
  g_return_val_if_fail (rule != NULL, NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      CivFinding *f = g_ptr_array_index (findings, i);
      if (strcmp (f->rule, rule) == 0)
        return f;
    }
  return NULL;
}

gboolean
civ_findings_has (GPtrArray *findings, const char *rule, CivSeverity severity)
{
  g_return_val_if_fail (findings != NULL, FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);

  for (guint i = 0; i < findings->len; i++)
    {
      const CivFinding *f = g_ptr_array_index (findings, i);
      if (strcmp (f->rule, rule) == 0 && f->severity >= severity)
        return TRUE;
    }
  return FALSE;
}
