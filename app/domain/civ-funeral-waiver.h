// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-waiver.h — the area's 惠民殡葬 policy as data and the waiver
 * assessment of a case's bill (domain.md §4, R-F8, R-F9)
 *
 * The policy is data, never code (docs/funeral-data.md, "Waiver policy"):
 * which groups are eligible (低保, 特困/五保, 三无, unidentified bodies, 优抚
 * families, or all residents), which basic items it covers (接运, 暂存 per
 * day, 火化, 骨灰寄存 per year), each mapped to a fee item code with a cap per
 * unit and at most so many days or years, a cap per body, its effective
 * dates and a version. Read as strictly as the fee list.
 *
 * civ_funeral_waiver_assess () says for each line of a priced bill what the
 * policy covers, which cap applied and what the family pays, with findings
 * (R-F8: not eligible, policy not in force, item not covered, cap reached;
 * R-F9: the 特困 person's funeral is part of their support).
 */
#pragma once

#include <glib.h>

#include "civ-finding.h"
#include "civ-funeral-fees.h"

G_BEGIN_DECLS

typedef enum
{
  CIV_WAIVER_GROUP_INVALID = -1,
  CIV_WAIVER_GROUP_NONE = 0,      /* a case: none of the groups (a resident, maybe) */
  CIV_WAIVER_GROUP_DIBAO,         /* 最低生活保障对象 */
  CIV_WAIVER_GROUP_TEKUN,         /* 特困供养人员 / 五保 */
  CIV_WAIVER_GROUP_SANWU,         /* 三无人员 */
  CIV_WAIVER_GROUP_UNIDENTIFIED,  /* 无名遗体 */
  CIV_WAIVER_GROUP_YOUFU,         /* 重点优抚对象 */
  CIV_WAIVER_GROUP_ALL_RESIDENTS, /* a policy: every resident of the area */
  CIV_N_WAIVER_GROUPS
} CivWaiverGroup;

/* R-F8: the four basic services. */
typedef enum
{
  CIV_BASIC_INVALID = -1,
  CIV_BASIC_COLLECTION = 0, /* 遗体接运, per body */
  CIV_BASIC_STORAGE,        /* 遗体暂存, per day */
  CIV_BASIC_CREMATION,      /* 火化, per body */
  CIV_BASIC_ASH_STORAGE,    /* 骨灰寄存, per year */
} CivBasicService;

/* What limited a line's covered amount. */
typedef enum
{
  CIV_WAIVER_CAP_NONE = 0,     /* covered in full */
  CIV_WAIVER_CAP_ITEM,         /* the item's cap per unit */
  CIV_WAIVER_CAP_UNITS,        /* the item's most days or years */
  CIV_WAIVER_CAP_BODY,         /* the cap per body */
  CIV_WAIVER_CAP_NOT_COVERED,  /* the item is not one the policy covers */
  CIV_WAIVER_CAP_NOT_IN_FORCE, /* the policy is not in force on the line's date */
  CIV_WAIVER_CAP_NOT_ELIGIBLE, /* the case is not eligible: nothing covered */
} CivWaiverCap;

typedef struct
{
  char           *item; /* the fee item code */
  CivBasicService basic;
  gint64          cap_fen;   /* per unit of the basic service (body, day, year); -1: no cap */
  gint64          max_units; /* days or years covered at most; -1: no limit */
} CivWaiverItem;

typedef struct _CivWaiverPolicy CivWaiverPolicy;

CivWaiverPolicy *civ_waiver_policy_parse (const char *data, gsize len, GError **error);
void             civ_waiver_policy_free (CivWaiverPolicy *policy);
const char      *civ_waiver_policy_get_version (const CivWaiverPolicy *policy);
const char      *civ_waiver_policy_get_area (const CivWaiverPolicy *policy);
gboolean civ_waiver_policy_covers_group (const CivWaiverPolicy *policy, CivWaiverGroup group);
gboolean civ_waiver_policy_in_force (const CivWaiverPolicy *policy, const GDate *date);
/* The first and last day in force (@to invalid: until further notice). */
void     civ_waiver_policy_get_dates (const CivWaiverPolicy *policy, GDate *from, GDate *to);
/* -1 when the policy has no cap per body. */
gint64   civ_waiver_policy_get_body_cap (const CivWaiverPolicy *policy);
guint    civ_waiver_policy_get_n_items (const CivWaiverPolicy *policy);
const CivWaiverItem *civ_waiver_policy_get_item (const CivWaiverPolicy *policy, guint i);
const CivWaiverItem *civ_waiver_policy_find_item (const CivWaiverPolicy *policy, const char *item);

/* The case's facts the waiver looks at. */
typedef struct
{
  CivWaiverGroup group;
  gboolean       resident; /* household registration in the area */
  const char    *evidence; /* the group's proof: 低保证 number, police report, … */
} CivWaiverCase;

typedef struct
{
  const char  *item; /* points into the bill */
  gint64       amount_fen;
  gint64       covered_fen;
  gint64       family_fen;
  CivWaiverCap cap;
} CivWaiverLine;

typedef struct
{
  gboolean   eligible;
  GArray    *lines; /* CivWaiverLine, one per bill line in order */
  gint64     total_fen;
  gint64     covered_fen;
  gint64     family_fen;
  char      *policy_version;
  GPtrArray *findings;
} CivWaiverAssessment;

void civ_waiver_assessment_free (CivWaiverAssessment *a);

/* @bill must have been priced by civ_fee_bill_check () without refusal. */
CivWaiverAssessment *civ_funeral_waiver_assess (const CivWaiverPolicy *policy,
                                                const CivWaiverCase   *facts,
                                                const CivFeeBill      *bill);

/* "dibao", "tekun", "sanwu", "unidentified", "youfu", "all-residents"; "none". */
const char     *civ_waiver_group_to_string (CivWaiverGroup group);
CivWaiverGroup  civ_waiver_group_from_string (const char *text);
/* A group as people read it, in the user's language (低保对象…); NULL for
 * an invalid one. */
const char     *civ_waiver_group_label (CivWaiverGroup group);
/* "collection", "storage", "cremation", "ash-storage". */
const char     *civ_basic_service_to_string (CivBasicService basic);
CivBasicService civ_basic_service_from_string (const char *text);
/* "none", "item", "units", "body", "not-covered", "not-in-force", "not-eligible". */
const char     *civ_waiver_cap_to_string (CivWaiverCap cap);

/* The case file of `civreg-cli rules funeral-waiver` (docs/cli-rules.md):
 * the group, residence, evidence and the bill. */
typedef struct _CivWaiverInput CivWaiverInput;

CivWaiverInput      *civ_waiver_input_parse (const char *data, gsize len, GError **error);
void                 civ_waiver_input_free (CivWaiverInput *input);
const CivWaiverCase *civ_waiver_input_get_case (CivWaiverInput *input);
CivFeeBill          *civ_waiver_input_get_bill (CivWaiverInput *input);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivWaiverPolicy, civ_waiver_policy_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivWaiverAssessment, civ_waiver_assessment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivWaiverInput, civ_waiver_input_free)

G_END_DECLS
