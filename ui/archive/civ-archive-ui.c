// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-ui.c — what the archive screens share */
#include "civ-archive-ui.h"

#include <glib/gi18n.h>

#include "civ-ui-util.h"

static const int registration_fields[] = {
  CIV_HF_KIND,        CIV_HF_DATE,        CIV_HF_RAW_NUMBER, CIV_HF_NUMBER_ERA,
  CIV_HF_OFFICE_CODE, CIV_HF_OFFICE_NAME, CIV_HF_REGISTRAR,  CIV_HF_NATURE,
};
static const int source_fields[] = {
  CIV_HF_ARCHIVE_NO, CIV_HF_VOLUME, CIV_HF_PAGE, CIV_HF_ENTRY, CIV_HF_REMARKS,
};

guint
civ_archive_ui_n_fields (void)
{
  return CIV_HF_N_FIELDS;
}

int
civ_archive_ui_field_at (guint position, CivArchiveGroup *group)
{
  guint           n_reg = G_N_ELEMENTS (registration_fields);
  CivArchiveGroup g;
  int             field;

  g_return_val_if_fail (position < CIV_HF_N_FIELDS, -1);

  if (position < n_reg)
    {
      g = CIV_ARCHIVE_GROUP_REGISTRATION;
      field = registration_fields[position];
    }
  else if (position < n_reg + 2 * CIV_HF_P_COUNT)
    {
      guint p = position - n_reg;

      g = p < CIV_HF_P_COUNT ? CIV_ARCHIVE_GROUP_PARTY1 : CIV_ARCHIVE_GROUP_PARTY2;
      field = CIV_HF_PARTY (p / CIV_HF_P_COUNT, p % CIV_HF_P_COUNT);
    }
  else
    {
      g = CIV_ARCHIVE_GROUP_SOURCE;
      field = source_fields[position - n_reg - 2 * CIV_HF_P_COUNT];
    }
  if (group != NULL)
    *group = g;
  return field;
}

const char *
civ_archive_ui_group_title (CivArchiveGroup group)
{
  switch (group)
    {
    case CIV_ARCHIVE_GROUP_REGISTRATION:
      return _ ("Registration");
    case CIV_ARCHIVE_GROUP_PARTY1:
      return _ ("First party (the man)");
    case CIV_ARCHIVE_GROUP_PARTY2:
      return _ ("Second party (the woman)");
    case CIV_ARCHIVE_GROUP_SOURCE:
    case CIV_ARCHIVE_N_GROUPS:
    default:
      return _ ("Source in the archive");
    }
}

const char *
civ_archive_ui_slot_css (CivSlotState state)
{
  static const char *const names[CIV_SLOT_N_STATES] = {
    [CIV_SLOT_UNSEEN] = "slot-unseen",       [CIV_SLOT_KEYED_ONCE] = "slot-keyed-once",
    [CIV_SLOT_DISPUTED] = "slot-disputed",   [CIV_SLOT_ENTERED] = "slot-entered",
    [CIV_SLOT_ILLEGIBLE] = "slot-illegible", [CIV_SLOT_BLANK] = "slot-blank",
    [CIV_SLOT_TORN] = "slot-torn",           [CIV_SLOT_MISSING] = "slot-missing",
  };

  return (guint) state < CIV_SLOT_N_STATES ? names[state] : "slot-unseen";
}

char *
civ_archive_ui_count (guint64 n)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

char *
civ_archive_ui_coverage_text (guint accounted, guint total)
{
  g_autofree char *a = civ_archive_ui_count (accounted);
  g_autofree char *t = civ_archive_ui_count (total);
  /* Never "100 %" before every slot is accounted for. */
  guint            percent = total == 0 ? 0 : (guint) ((guint64) accounted * 100 / total);

  /* TRANSLATORS: coverage of a register book: percent, slots accounted
   * for, all slots. */
  return g_strdup_printf (_ ("%u %% (%s of %s slots)"), percent, a, t);
}

void
civ_archive_ui_set_coverage (GtkProgressBar *bar, guint accounted, guint total)
{
  g_autofree char *text = civ_archive_ui_coverage_text (accounted, total);

  gtk_progress_bar_set_fraction (bar, total == 0 ? 0 : (double) accounted / total);
  gtk_progress_bar_set_text (bar, text);
  gtk_progress_bar_set_show_text (bar, TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (bar), "coverage-complete");
  if (total > 0 && accounted == total)
    gtk_widget_add_css_class (GTK_WIDGET (bar), "coverage-complete");
}

const char *
civ_archive_ui_keying_outcome (CivSlotState state)
{
  switch (state)
    {
    case CIV_SLOT_KEYED_ONCE:
      return _ ("Keyed once: waiting for the second keying by another archivist");
    case CIV_SLOT_DISPUTED:
      return _ ("The two keyings differ: the entry waits for reconciliation");
    case CIV_SLOT_ENTERED:
      return _ ("Entered: the record is written");
    case CIV_SLOT_UNSEEN:
    case CIV_SLOT_ILLEGIBLE:
    case CIV_SLOT_BLANK:
    case CIV_SLOT_TORN:
    case CIV_SLOT_MISSING:
    case CIV_SLOT_N_STATES:
    default:
      return civ_slot_state_display_name (state);
    }
}
