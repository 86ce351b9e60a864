// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-party-panel.c — one party of a marriage at the counter */
#include "civ-party-panel.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civ-calendar.h"
#include "civ-card-default.h"
#include "civ-camera-dialog.h"
#include "civ-countries.h"
#include "civ-ethnicity.h"
#include "civ-identity-check.h"
#include "civ-identity-plugin.h"
#include "civ-ui-util.h"

struct _CivPartyPanel
{
  AdwBin parent_instance;

  AdwPreferencesGroup *group;
  AdwEntryRow         *name_row;
  AdwComboRow         *doc_kind_row;
  AdwEntryRow         *number_row;
  AdwActionRow        *birth_row;
  GtkLabel            *birth_label;
  AdwActionRow        *sex_row;
  GtkLabel            *sex_label;
  AdwActionRow        *nationality_row;
  GtkDropDown         *nationality_dropdown;
  AdwEntryRow         *ethnicity_row;
  AdwComboRow         *category_row;
  GtkSwitch           *present_switch;
  GtkSwitch           *consent_switch;
  GtkSwitch           *declaration_switch;
  GtkSwitch           *documents_switch;
  GtkWidget           *message_row;
  GtkLabel            *message_label;
  AdwActionRow        *card_row;
  GtkImage            *card_icon;
  GtkPicture          *card_picture;
  GtkWidget           *name_mark;
  GtkWidget           *number_mark;
  GtkWidget           *ethnicity_mark;
  GtkSwitch           *photo_check_switch;
  AdwActionRow        *fingerprint_row;
  AdwActionRow        *face_row;

  /* The counter's card reader (NULL: none set up), the card read into this
   * panel and its chip-read check, the comparisons made by a plug-in. */
  CivCardReader         *reader;
  CivCardData           *card;
  CivIdentityCheckInput *card_check;
  GPtrArray             *device_checks;
  GPtrArray             *checks; /* what get_input hands out */
  GCancellable          *cancellable;
  gboolean               reading;
  gboolean               comparing;

  GDate      event_date;
  guint      side;              /* 0 or 1: the panel's place in the form */
  CivSex     shown_sex;         /* what the title says, from a valid number */
  GPtrArray *nationality_codes; /* position i in the drop-down is code i */
  /* What get_input hands out, kept until the next call. */
  char      *name;
  char      *number;
  char      *ethnicity;
};

G_DEFINE_FINAL_TYPE (CivPartyPanel, civ_party_panel, ADW_TYPE_BIN)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Position i in the document list is doc_kinds[i]. */
static const CivDocKind doc_kinds[] = {
  CIV_DOC_RESIDENT_ID,         CIV_DOC_RESIDENT_ID_15,
  CIV_DOC_RESIDENCE_PERMIT_HK, CIV_DOC_RESIDENCE_PERMIT_MO,
  CIV_DOC_RESIDENCE_PERMIT_TW, CIV_DOC_HK_MO_PERMIT,
  CIV_DOC_TW_PERMIT,           CIV_DOC_FOREIGN_PR,
  CIV_DOC_FOREIGN_PR_OLD,      CIV_DOC_PASSPORT,
};

/* Position i in the category list is CivResidentCategory i. */
static const char *const categories[] = {
  N_ ("Mainland resident"), N_ ("Hong Kong resident"),      N_ ("Macau resident"),
  N_ ("Taiwan resident"),   N_ ("Overseas Chinese (华侨)"), N_ ("Foreign national"),
};

static int
compare_country_names (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (civ_country_name (*(const char *const *) a),
                         civ_country_name (*(const char *const *) b));
}

static CivDocKind
selected_doc_kind (CivPartyPanel *self)
{
  guint i = adw_combo_row_get_selected (self->doc_kind_row);

  return i < G_N_ELEMENTS (doc_kinds) ? doc_kinds[i] : CIV_DOC_UNKNOWN;
}

static const char *
sex_display_name (CivSex sex)
{
  switch (sex)
    {
    case CIV_SEX_MALE:
      return _ ("Male");
    case CIV_SEX_FEMALE:
      return _ ("Female");
    case CIV_SEX_UNKNOWN:
    case CIV_SEX_NOT_STATED:
    default:
      return "";
    }
}

/* The message under the number field (its own row, right below it). */
static void
show_problem (CivPartyPanel *self, const char *problem)
{
  civ_ui_show_message (self->message_label, problem);
  gtk_widget_set_visible (self->message_row, problem != NULL);
}

/* Registry practice names the parties 男方 and 女方: the title follows the
 * sex a valid number gives, and the panel's place in the form (the man
 * first) until then. */
static void
update_title (CivPartyPanel *self, CivSex sex)
{
  if (sex != CIV_SEX_MALE && sex != CIV_SEX_FEMALE)
    sex = self->side == 0 ? CIV_SEX_MALE : CIV_SEX_FEMALE;
  if (sex == self->shown_sex)
    return;
  self->shown_sex = sex;
  adw_preferences_group_set_title (self->group,
                                   sex == CIV_SEX_MALE ? _ ("Male Party") : _ ("Female Party"));
}

/* Live check of the number (a pure function, no I/O): birth date and sex
 * from the number, the first refusing finding under the panel. */
static void
check_number (CivPartyPanel *self)
{
  g_autofree char *number = civ_ui_stripped_text (self->number_row);
  g_autoptr (CivIdCheck) check = NULL;
  const char *problem = NULL;

  if (*number == '\0')
    {
      gtk_label_set_label (self->birth_label, "");
      gtk_label_set_label (self->sex_label, "");
      civ_ui_set_error_style (GTK_WIDGET (self->number_row), FALSE);
      show_problem (self, NULL);
      update_title (self, CIV_SEX_UNKNOWN);
      return;
    }
  check = civ_id_check (number, selected_doc_kind (self),
                        g_date_valid (&self->event_date) ? &self->event_date : NULL, NULL);
  /* Only a number that passed the checks says when the person was born
   * and which sex: an invalid one fills nothing. */
  if (check->valid && g_date_valid (&check->birth_date))
    {
      g_autofree char *birth = civ_date_format_iso (&check->birth_date);
      gtk_label_set_label (self->birth_label, birth);
    }
  else
    gtk_label_set_label (self->birth_label, "");
  gtk_label_set_label (self->sex_label, check->valid ? sex_display_name (check->sex) : "");
  update_title (self, check->valid ? check->sex : CIV_SEX_UNKNOWN);
  for (guint i = 0; i < check->findings->len && problem == NULL; i++)
    {
      CivFinding *f = g_ptr_array_index (check->findings, i);
      if (f->severity == CIV_SEVERITY_REFUSE)
        problem = f->message;
    }
  civ_ui_set_error_style (GTK_WIDGET (self->number_row), !check->valid);
  show_problem (self, problem);
}

/* The fields that still hold what the chip said (CIV_CARD_FIELD_*). */
static GStrv
kept_fields (CivPartyPanel *self)
{
  g_autoptr (GStrvBuilder) fields = g_strv_builder_new ();
  g_autofree char *name = NULL;
  g_autofree char *number = NULL;
  g_autofree char *ethnicity = NULL;

  if (self->card == NULL)
    return g_strv_builder_end (fields);
  name = civ_ui_stripped_text (self->name_row);
  number = civ_ui_stripped_text (self->number_row);
  ethnicity = civ_ui_stripped_text (self->ethnicity_row);
  if (g_strcmp0 (name, self->card->name) == 0)
    g_strv_builder_add (fields, CIV_CARD_FIELD_NAME);
  if (self->card->number && g_ascii_strcasecmp (number, self->card->number) == 0 &&
      selected_doc_kind (self) == CIV_DOC_RESIDENT_ID)
    {
      /* Birth date and sex are read from the number, the chip's own. */
      g_strv_builder_add (fields, CIV_CARD_FIELD_NUMBER);
      g_strv_builder_add (fields, CIV_CARD_FIELD_SEX);
      g_strv_builder_add (fields, CIV_CARD_FIELD_BIRTH);
    }
  if (self->card->ethnicity_code &&
      (g_strcmp0 (ethnicity, civ_ethnicity_name (self->card->ethnicity_code)) == 0 ||
       g_strcmp0 (ethnicity, self->card->ethnicity_code) == 0))
    g_strv_builder_add (fields, CIV_CARD_FIELD_ETHNICITY);
  return g_strv_builder_end (fields);
}

static void
update_card_marks (CivPartyPanel *self)
{
  g_auto (GStrv) kept = kept_fields (self);
  gboolean    number = g_strv_contains ((const char *const *) kept, CIV_CARD_FIELD_NUMBER);
  const char *from =
    number ? _ ("Read from the identity card's chip") : _ ("Read from the identity number");

  gtk_widget_set_visible (self->name_mark,
                          g_strv_contains ((const char *const *) kept, CIV_CARD_FIELD_NAME));
  gtk_widget_set_visible (self->number_mark, number);
  gtk_widget_set_visible (self->ethnicity_mark,
                          g_strv_contains ((const char *const *) kept, CIV_CARD_FIELD_ETHNICITY));
  adw_action_row_set_subtitle (self->birth_row, from);
  adw_action_row_set_subtitle (self->sex_row, from);
}

/* The card row: what was read, or the reader's state. */
static void
update_card_row (CivPartyPanel *self)
{
  g_autofree char *text = NULL;

  if (self->card != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_local (self->card_check->checked_at);
      g_autofree char *when = g_date_time_format (local, "%H:%M");
      g_autofree char *until = NULL;

      if (self->card->long_term || !g_date_valid (&self->card->valid_until))
        until = g_strdup (_ ("long-term"));
      else
        until = civ_date_format_iso (&self->card->valid_until);
      /* Translators: the identity card read into a party panel: the time it
       * was read, its issuer, the last day it is valid, and whether the
       * chip's photo could be shown. */
      text = g_strdup_printf (_ ("Read at %1$s · %2$s · valid until %3$s · %4$s"), when,
                              self->card->issuer ? self->card->issuer : "", until,
                              self->card->photo_png ? _ ("photo from the chip")
                                                    : _ ("photo not decoded: compare the "
                                                         "printed card photo"));
      /* R-M10: a card that expired before the registration date. */
      if (g_date_valid (&self->event_date) &&
          civ_card_data_expired_on (self->card, &self->event_date))
        {
          char *expired = g_strdup_printf (
            /* Translators: before the line on a card read (%s). */
            _ ("Expired before the registration date — %s"), text);

          g_free (text);
          text = expired;
        }
    }
  else if (self->reading)
    text = g_strdup (_ ("Reading the card…"));
  else if (self->reader != NULL)
    text = g_strdup (civ_card_reader_get_message (self->reader));
  else
    text = g_strdup (_ ("No card reader is set up: type the document, then compare the card "
                        "photo with the person"));
  adw_action_row_set_subtitle (self->card_row, text ? text : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "party.read-card",
                                 self->reader != NULL && !self->reading &&
                                   civ_card_reader_get_state (self->reader) !=
                                     CIV_CARD_READER_NO_READER);
}

static void
update_devices (CivPartyPanel *self)
{
  CivIdentityPlugin *plugin = civ_identity_plugin_get_default ();
  gboolean fingerprint = plugin != NULL && civ_identity_plugin_can_verify_fingerprint (plugin);
  gboolean face = plugin != NULL && civ_identity_plugin_can_compare_face (plugin);

  gtk_widget_set_visible (GTK_WIDGET (self->fingerprint_row), fingerprint);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "party.verify-fingerprint",
                                 fingerprint && !self->comparing);
  gtk_widget_set_visible (GTK_WIDGET (self->face_row), face);
  /* The chip's photo, decoded, is what the live face is compared with. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "party.compare-face",
                                 face && !self->comparing && self->card != NULL &&
                                   self->card->photo_png != NULL);
}

static void
on_row_changed_cb (CivPartyPanel *self)
{
  check_number (self);
  update_card_marks (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Enter moves on to the next field. */
static void
on_row_entry_activated_cb (CivPartyPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL)
    gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_FORWARD);
}

void
civ_party_panel_set_side (CivPartyPanel *self, guint side)
{
  g_return_if_fail (CIV_IS_PARTY_PANEL (self));
  g_return_if_fail (side <= 1);

  self->side = side;
  /* One mnemonic per panel, on its first field, a different key in each. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row),
                                 side == 0 ? _ ("_Name") : _ ("Na_me"));
  self->shown_sex = CIV_SEX_UNKNOWN;
  check_number (self);
}

/* Position of @code in the drop-down, or G_MAXUINT. */
static guint
nationality_position (CivPartyPanel *self, const char *code)
{
  for (guint i = 0; i < self->nationality_codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->nationality_codes, i), code) == 0)
      return i;
  return G_MAXUINT;
}

void
civ_party_panel_set_nationality (CivPartyPanel *self, const char *code)
{
  guint i;

  g_return_if_fail (CIV_IS_PARTY_PANEL (self));
  i = nationality_position (self, code);
  gtk_drop_down_set_selected (self->nationality_dropdown,
                              i != G_MAXUINT ? i : nationality_position (self, "CHN"));
}

const char *
civ_party_panel_get_nationality (CivPartyPanel *self)
{
  guint i;

  g_return_val_if_fail (CIV_IS_PARTY_PANEL (self), NULL);
  i = gtk_drop_down_get_selected (self->nationality_dropdown);
  return i < self->nationality_codes->len ? g_ptr_array_index (self->nationality_codes, i) : "CHN";
}

void
civ_party_panel_set_event_date (CivPartyPanel *self, const GDate *date)
{
  g_return_if_fail (CIV_IS_PARTY_PANEL (self));

  if (date != NULL && g_date_valid (date))
    self->event_date = *date;
  else
    g_date_clear (&self->event_date, 1);
  check_number (self);
  update_card_row (self);
}

void
civ_party_panel_clear (CivPartyPanel *self)
{
  g_return_if_fail (CIV_IS_PARTY_PANEL (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->number_row), "");
  civ_party_panel_set_nationality (self, "CHN");
  gtk_editable_set_text (GTK_EDITABLE (self->ethnicity_row), "");
  adw_combo_row_set_selected (self->doc_kind_row, 0);
  adw_combo_row_set_selected (self->category_row, CIV_RESIDENT_MAINLAND);
  gtk_switch_set_active (self->present_switch, FALSE);
  gtk_switch_set_active (self->consent_switch, FALSE);
  gtk_switch_set_active (self->declaration_switch, FALSE);
  gtk_switch_set_active (self->documents_switch, FALSE);
  gtk_switch_set_active (self->photo_check_switch, FALSE);
  civ_ui_renew_cancellable (&self->cancellable);
  self->reading = FALSE;
  self->comparing = FALSE;
  g_clear_pointer (&self->card, civ_card_data_free);
  g_clear_pointer (&self->card_check, civ_identity_check_input_free);
  g_ptr_array_set_size (self->device_checks, 0);
  gtk_picture_set_paintable (self->card_picture, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->card_picture), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->card_icon), TRUE);
  adw_action_row_set_subtitle (self->fingerprint_row, _ ("Not compared"));
  adw_action_row_set_subtitle (self->face_row, _ ("Not compared"));
  update_card_row (self);
  update_devices (self);
  update_card_marks (self);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->ethnicity, g_free);
  check_number (self);
}

gboolean
civ_party_panel_is_filled (CivPartyPanel *self)
{
  g_autofree char *name = NULL;
  g_autofree char *number = NULL;

  g_return_val_if_fail (CIV_IS_PARTY_PANEL (self), FALSE);
  name = civ_ui_stripped_text (self->name_row);
  number = civ_ui_stripped_text (self->number_row);
  return *name != '\0' && *number != '\0';
}

void
civ_party_panel_get_input (CivPartyPanel *self, CivMarriagePartyInput *input)
{
  g_return_if_fail (CIV_IS_PARTY_PANEL (self));

  g_free (self->name);
  g_free (self->number);
  g_free (self->ethnicity);
  self->name = civ_ui_stripped_text (self->name_row);
  self->number = civ_ui_stripped_text (self->number_row);
  self->ethnicity = civ_ui_stripped_text (self->ethnicity_row);

  memset (input, 0, sizeof *input);
  g_date_clear (&input->birth_date, 1);
  input->name = self->name;
  input->doc_kind = civ_doc_kind_to_string (selected_doc_kind (self));
  input->doc_number = self->number;
  input->sex = CIV_SEX_UNKNOWN;
  input->nationality = civ_party_panel_get_nationality (self);
  input->ethnicity = *self->ethnicity ? self->ethnicity : NULL;
  input->category = (CivResidentCategory) adw_combo_row_get_selected (self->category_row);
  input->appears_in_person = gtk_switch_get_active (self->present_switch);
  input->consents = gtk_switch_get_active (self->consent_switch);
  input->declaration_signed = gtk_switch_get_active (self->declaration_switch);
  input->documents_complete = gtk_switch_get_active (self->documents_switch);

  /* How the person was identified: the chip read with the fields the form
   * still holds from it, the registrar's own look at the card photo, the
   * plug-in's comparisons. */
  g_ptr_array_set_size (self->checks, 0);
  if (self->card_check != NULL)
    {
      CivIdentityCheckInput *card = civ_identity_check_input_copy (self->card_check);

      g_strfreev (card->kept_fields);
      card->kept_fields = kept_fields (self);
      g_ptr_array_add (self->checks, card);
    }
  if (gtk_switch_get_active (self->photo_check_switch))
    g_ptr_array_add (self->checks, civ_identity_check_input_new (CIV_IDENTITY_VISUAL, TRUE, -1,
                                                                 _ ("The registrar, by sight")));
  for (guint i = 0; i < self->device_checks->len; i++)
    g_ptr_array_add (self->checks,
                     civ_identity_check_input_copy (g_ptr_array_index (self->device_checks, i)));
  input->identity_checks = self->checks;
}

void
civ_party_panel_fill_from_card (CivPartyPanel *self, const CivCardData *card, const char *device)
{
  g_return_if_fail (CIV_IS_PARTY_PANEL (self));
  g_return_if_fail (card != NULL && device != NULL);

  g_clear_pointer (&self->card, civ_card_data_free);
  g_clear_pointer (&self->card_check, civ_identity_check_input_free);
  self->card = civ_card_data_copy (card);
  self->card_check = civ_identity_check_input_new_from_card (card, device);
  /* Another person's card: the earlier comparisons were of someone else. */
  g_ptr_array_set_size (self->device_checks, 0);
  gtk_switch_set_active (self->photo_check_switch, FALSE);
  adw_action_row_set_subtitle (self->fingerprint_row, _ ("Not compared"));
  adw_action_row_set_subtitle (self->face_row, _ ("Not compared"));

  adw_combo_row_set_selected (self->doc_kind_row, 0); /* resident identity card */
  civ_party_panel_set_nationality (self, "CHN");
  adw_combo_row_set_selected (self->category_row, CIV_RESIDENT_MAINLAND);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), card->name ? card->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->number_row), card->number ? card->number : "");
  /* The chip gives the GB/T 3304 code; the form and the record keep the name. */
  {
    const char *ethnicity = civ_ethnicity_name (card->ethnicity_code);

    gtk_editable_set_text (GTK_EDITABLE (self->ethnicity_row),
                           ethnicity ? ethnicity
                                     : (card->ethnicity_code ? card->ethnicity_code : ""));
  }

  if (card->photo_png != NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GdkTexture) texture = gdk_texture_new_from_bytes (card->photo_png, &error);

      if (texture != NULL)
        gtk_picture_set_paintable (self->card_picture, GDK_PAINTABLE (texture));
      gtk_widget_set_visible (GTK_WIDGET (self->card_picture), texture != NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->card_icon), texture == NULL);
    }
  else
    {
      gtk_picture_set_paintable (self->card_picture, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->card_picture), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->card_icon), TRUE);
    }
  update_card_row (self);
  update_card_marks (self);
  update_devices (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
civ_party_panel_has_card (CivPartyPanel *self)
{
  g_return_val_if_fail (CIV_IS_PARTY_PANEL (self), FALSE);
  return self->card != NULL;
}

static void
on_reader_changed_cb (CivPartyPanel *self)
{
  update_card_row (self);
}

void
civ_party_panel_set_card_reader (CivPartyPanel *self, CivCardReader *reader)
{
  g_return_if_fail (CIV_IS_PARTY_PANEL (self));
  g_return_if_fail (reader == NULL || CIV_IS_CARD_READER (reader));

  if (self->reader == reader)
    return;
  if (self->reader)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  g_set_object (&self->reader, reader);
  if (reader)
    {
      g_signal_connect_object (reader, "notify::state", G_CALLBACK (on_reader_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (reader, "notify::message", G_CALLBACK (on_reader_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  update_card_row (self);
}

static void
on_card_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivCardReader *reader = CIV_CARD_READER (source);
  g_autoptr (CivPartyPanel) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCardData) card = civ_card_reader_read_finish (reader, result, &error);
  g_autofree char *device = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->reading = FALSE;
  if (card == NULL)
    {
      g_autofree char *message = civ_ui_describe_error (error);

      update_card_row (self);
      civ_ui_toast (GTK_WIDGET (self), message);
      return;
    }
  device = civ_card_reader_describe (reader);
  civ_party_panel_fill_from_card (self, card, device);
}

void
civ_party_panel_read_card (CivPartyPanel *self)
{
  g_return_if_fail (CIV_IS_PARTY_PANEL (self));

  if (self->reader == NULL || self->reading)
    return;
  self->reading = TRUE;
  update_card_row (self);
  civ_card_reader_read_async (self->reader, self->cancellable, on_card_read_cb,
                              g_object_ref (self));
}

static void
on_read_card_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  civ_party_panel_read_card (CIV_PARTY_PANEL (widget));
}

/* A comparison's result on its row, and the check kept for the registration. */
static void
compared (CivPartyPanel *self, AdwActionRow *row, const char *method, GAsyncResult *result)
{
  g_autoptr (GError) error = NULL;
  CivIdentityCheckInput *check = civ_identity_compare_finish (result, &error);
  g_autofree char       *subtitle = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->comparing = FALSE;
  update_devices (self);
  if (check == NULL)
    {
      g_autofree char *message = civ_ui_describe_error (error);

      adw_action_row_set_subtitle (row, message);
      civ_ui_toast (GTK_WIDGET (self), message);
      return;
    }
  /* Translators: a face or fingerprint comparison's result, its score (0–100) and device. */
  subtitle =
    g_strdup_printf (_ ("%1$s · score %2$.0f · %3$s"),
                     civ_identity_result_label (method, check->passed ? "passed" : "failed"),
                     check->score, check->device);
  adw_action_row_set_subtitle (row, subtitle);
  g_ptr_array_add (self->device_checks, check);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_fingerprint_compared_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CivPartyPanel) self = user_data;

  compared (self, self->fingerprint_row, "fingerprint", result);
}

static void
on_face_compared_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CivPartyPanel) self = user_data;

  compared (self, self->face_row, "face", result);
}

/* The still from the camera, compared with the chip's photo off the main thread. */
static void
on_face_photo_taken_cb (CivCameraDialog *dialog, const CivDocumentInput *input, CivPartyPanel *self)
{
  if (self->card == NULL || self->card->photo_png == NULL || self->comparing)
    return;
  self->comparing = TRUE;
  update_devices (self);
  adw_action_row_set_subtitle (self->face_row, _ ("Comparing…"));
  civ_identity_compare_async (CIV_IDENTITY_FACE, self->card->photo_png, input->content,
                              self->cancellable, on_face_compared_cb, g_object_ref (self));
}

static void
on_compare_face_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivPartyPanel   *self = CIV_PARTY_PANEL (widget);
  GtkRoot         *root = gtk_widget_get_root (widget);
  CivCameraDialog *dialog;

  if (self->comparing || self->card == NULL || self->card->photo_png == NULL)
    return;
  /* A single person's 2-inch frame (R-B4) around the face. */
  dialog = civ_camera_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  CIV_PHOTO_DIVORCE_SINGLE);
  g_signal_connect_object (dialog, "photo-taken", G_CALLBACK (on_face_photo_taken_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_verify_fingerprint_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivPartyPanel *self = CIV_PARTY_PANEL (widget);

  if (self->comparing)
    return;
  self->comparing = TRUE;
  update_devices (self);
  adw_action_row_set_subtitle (self->fingerprint_row, _ ("Place the finger on the device…"));
  civ_identity_compare_async (CIV_IDENTITY_FINGERPRINT, NULL, NULL, self->cancellable,
                              on_fingerprint_compared_cb, g_object_ref (self));
}

GtkWidget *
civ_party_panel_get_first_row (CivPartyPanel *self)
{
  g_return_val_if_fail (CIV_IS_PARTY_PANEL (self), NULL);
  return GTK_WIDGET (self->name_row);
}

static void
civ_party_panel_dispose (GObject *object)
{
  CivPartyPanel *self = CIV_PARTY_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  if (self->reader)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  g_clear_object (&self->reader);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_PARTY_PANEL);
  G_OBJECT_CLASS (civ_party_panel_parent_class)->dispose (object);
}

static void
civ_party_panel_finalize (GObject *object)
{
  CivPartyPanel *self = CIV_PARTY_PANEL (object);

  g_free (self->name);
  g_free (self->number);
  g_free (self->ethnicity);
  g_ptr_array_unref (self->nationality_codes);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->card, civ_card_data_free);
  g_clear_pointer (&self->card_check, civ_identity_check_input_free);
  g_ptr_array_unref (self->device_checks);
  g_ptr_array_unref (self->checks);
  G_OBJECT_CLASS (civ_party_panel_parent_class)->finalize (object);
}

static void
civ_party_panel_class_init (CivPartyPanelClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_party_panel_dispose;
  object_class->finalize = civ_party_panel_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-party-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, group);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, name_row);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, doc_kind_row);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, number_row);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, birth_row);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, birth_label);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, sex_row);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, sex_label);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, nationality_row);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, nationality_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, ethnicity_row);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, category_row);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, present_switch);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, consent_switch);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, declaration_switch);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, documents_switch);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, message_row);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, message_label);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, card_row);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, card_icon);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, card_picture);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, name_mark);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, number_mark);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, ethnicity_mark);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, photo_check_switch);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, fingerprint_row);
  gtk_widget_class_bind_template_child (widget_class, CivPartyPanel, face_row);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "party.read-card", NULL, on_read_card_activated);
  gtk_widget_class_install_action (widget_class, "party.verify-fingerprint", NULL,
                                   on_verify_fingerprint_activated);
  gtk_widget_class_install_action (widget_class, "party.compare-face", NULL,
                                   on_compare_face_activated);
}

static void
civ_party_panel_init (CivPartyPanel *self)
{
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) cats = gtk_string_list_new (NULL);

  g_autoptr (GtkStringList) countries = gtk_string_list_new (NULL);
  g_autoptr (GtkExpression) expression = NULL;

  g_date_clear (&self->event_date, 1);
  self->cancellable = g_cancellable_new ();
  self->device_checks = civ_identity_checks_new ();
  self->checks = civ_identity_checks_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* 中国 and its regions first, then every country by its name's collation
   * (pinyin order in a Chinese locale); each shown with its code. */
  self->nationality_codes = g_ptr_array_new ();
  {
    static const char *const first[] = { "CHN", "HKG", "MAC", "TWN" };
    const char *const       *codes = civ_country_codes ();
    g_autoptr (GPtrArray) rest = g_ptr_array_new ();

    for (guint i = 0; i < G_N_ELEMENTS (first); i++)
      if (civ_country_code_is_valid (first[i]))
        g_ptr_array_add (self->nationality_codes, (gpointer) first[i]);
    for (guint i = 0; codes[i] != NULL; i++)
      if (!g_strv_contains ((const char *const *) first, codes[i]))
        g_ptr_array_add (rest, (gpointer) codes[i]);
    g_ptr_array_sort (rest, compare_country_names);
    g_ptr_array_extend (self->nationality_codes, rest, NULL, NULL);
  }
  for (guint i = 0; i < self->nationality_codes->len; i++)
    {
      const char      *code = g_ptr_array_index (self->nationality_codes, i);
      /* Translators: a country in the nationality list: its name and its
       * GB/T 2659 code, "中国（CHN）". */
      g_autofree char *item = g_strdup_printf (_ ("%1$s (%2$s)"), civ_country_name (code), code);
      gtk_string_list_append (countries, item);
    }
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->nationality_dropdown, expression);
  gtk_drop_down_set_model (self->nationality_dropdown, G_LIST_MODEL (countries));
  civ_party_panel_set_nationality (self, "CHN");
  civ_party_panel_set_side (self, 0);

  for (guint i = 0; i < G_N_ELEMENTS (doc_kinds); i++)
    gtk_string_list_append (kinds, civ_doc_kind_display_name (doc_kinds[i]));
  adw_combo_row_set_model (self->doc_kind_row, G_LIST_MODEL (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    gtk_string_list_append (cats, _ (categories[i]));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (cats));
  update_card_row (self);
  update_devices (self);
}
