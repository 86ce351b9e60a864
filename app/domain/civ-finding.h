// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-finding.h — what a rule found: rule id, citation, severity and a message
 *
 * Every check (identity numbers, registrations, imports) reports findings
 * that name the rule from domain.md, so a registrar and a developer can
 * find the same rule. A list of findings is a GPtrArray of CivFinding.
 *
 * People read the message and the citation (the law, civ-citations.h); the
 * rule id is for support and for code, which compares fields, never
 * messages. A message never starts with its rule id: civ_finding_new ()
 * drops a leading "R-M2: " (or "R-M2：") that a message text still carries.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CIV_SEVERITY_NONE = 0, /* only as the worst severity of an empty list */
  CIV_SEVERITY_INFO,     /* for the record; nothing to do */
  CIV_SEVERITY_WARN,     /* a person should look at it; does not refuse */
  CIV_SEVERITY_REFUSE,   /* the rule refuses the input */
} CivSeverity;

typedef struct
{
  char       *rule; /* "R-ID2" */
  CivSeverity severity;
  char       *message;  /* translated plain words, without the rule id */
  const char *citation; /* civ_citation_for_rule (rule): static, NULL for an unknown rule */
} CivFinding;

CivFinding *civ_finding_new (const char *rule, CivSeverity severity, const char *message);
CivFinding *civ_finding_copy (const CivFinding *finding);
void        civ_finding_free (CivFinding *finding);

const char *civ_severity_to_string (CivSeverity severity);

/* @message without a leading "@rule: " or "@rule：" (and the spaces after
 * it); @message itself when it does not start with its rule id. */
const char *civ_finding_strip_rule (const char *rule, const char *message);

/* A new, empty list that owns its findings. */
GPtrArray  *civ_findings_new (void);
/* Appends a finding; the message is formatted from @format. */
CivFinding *civ_findings_add (GPtrArray  *findings,
                              const char *rule,
                              CivSeverity severity,
                              const char *format,
                              ...) G_GNUC_PRINTF (4, 5);
CivSeverity civ_findings_worst (GPtrArray *findings);
/* The first finding for @rule, or NULL. */
CivFinding *civ_findings_find (GPtrArray *findings, const char *rule);
/* TRUE when a finding for @rule has at least @severity. */
gboolean    civ_findings_has (GPtrArray *findings, const char *rule, CivSeverity severity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFinding, civ_finding_free)

G_END_DECLS
