// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-item.c — one marriage record in a result list */
#include "civ-record-item.h"

struct _CivRecordItem
{
  GObject parent_instance;

  gint64   row_id;
  char    *record_id;
  char    *name_a;
  char    *name_b;
  char    *certificate_no;
  char    *registration_date;
  char    *state;
  char    *id_number_a;
  char    *id_number_b;
  guint    matched_parties;
  guint    matched_field;
  gboolean loaded;
};

G_DEFINE_FINAL_TYPE (CivRecordItem, civ_record_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ROW_ID,
  PROP_RECORD_ID,
  PROP_NAME_A,
  PROP_NAME_B,
  PROP_CERTIFICATE_NO,
  PROP_REGISTRATION_DATE,
  PROP_STATE,
  PROP_ID_NUMBER_A,
  PROP_ID_NUMBER_B,
  PROP_MATCHED_PARTIES,
  PROP_MATCHED_FIELD,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
civ_record_item_finalize (GObject *object)
{
  CivRecordItem *self = CIV_RECORD_ITEM (object);

  g_free (self->record_id);
  g_free (self->name_a);
  g_free (self->name_b);
  g_free (self->certificate_no);
  g_free (self->registration_date);
  g_free (self->state);
  g_free (self->id_number_a);
  g_free (self->id_number_b);

  G_OBJECT_CLASS (civ_record_item_parent_class)->finalize (object);
}

static void
civ_record_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CivRecordItem *self = CIV_RECORD_ITEM (object);

  switch (prop_id)
    {
    case PROP_ROW_ID:
      g_value_set_int64 (value, self->row_id);
      break;
    case PROP_RECORD_ID:
      g_value_set_string (value, self->record_id);
      break;
    case PROP_NAME_A:
      g_value_set_string (value, self->name_a);
      break;
    case PROP_NAME_B:
      g_value_set_string (value, self->name_b);
      break;
    case PROP_CERTIFICATE_NO:
      g_value_set_string (value, self->certificate_no);
      break;
    case PROP_REGISTRATION_DATE:
      g_value_set_string (value, self->registration_date);
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    case PROP_ID_NUMBER_A:
      g_value_set_string (value, self->id_number_a);
      break;
    case PROP_ID_NUMBER_B:
      g_value_set_string (value, self->id_number_b);
      break;
    case PROP_MATCHED_PARTIES:
      g_value_set_uint (value, self->matched_parties);
      break;
    case PROP_MATCHED_FIELD:
      g_value_set_uint (value, self->matched_field);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civ_record_item_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CivRecordItem *self = CIV_RECORD_ITEM (object);

  switch (prop_id)
    {
    case PROP_ROW_ID:
      self->row_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civ_record_item_class_init (CivRecordItemClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = civ_record_item_finalize;
  object_class->get_property = civ_record_item_get_property;
  object_class->set_property = civ_record_item_set_property;

  properties[PROP_ROW_ID] =
    g_param_spec_int64 ("row-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD_ID] = g_param_spec_string ("record-id", NULL, NULL, NULL, ro);
  properties[PROP_NAME_A] = g_param_spec_string ("name-a", NULL, NULL, NULL, ro);
  properties[PROP_NAME_B] = g_param_spec_string ("name-b", NULL, NULL, NULL, ro);
  properties[PROP_CERTIFICATE_NO] = g_param_spec_string ("certificate-no", NULL, NULL, NULL, ro);
  properties[PROP_REGISTRATION_DATE] =
    g_param_spec_string ("registration-date", NULL, NULL, NULL, ro);
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, ro);
  properties[PROP_ID_NUMBER_A] = g_param_spec_string ("id-number-a", NULL, NULL, NULL, ro);
  properties[PROP_ID_NUMBER_B] = g_param_spec_string ("id-number-b", NULL, NULL, NULL, ro);
  properties[PROP_MATCHED_PARTIES] =
    g_param_spec_uint ("matched-parties", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_MATCHED_FIELD] =
    g_param_spec_uint ("matched-field", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
civ_record_item_init (CivRecordItem *self)
{
}

CivRecordItem *
civ_record_item_new (gint64 row_id)
{
  return g_object_new (CIV_TYPE_RECORD_ITEM, "row-id", row_id, NULL);
}

gint64
civ_record_item_get_row_id (CivRecordItem *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_ITEM (self), 0);
  return self->row_id;
}

const char *
civ_record_item_get_record_id (CivRecordItem *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_ITEM (self), NULL);
  return self->record_id;
}

const char *
civ_record_item_get_name_a (CivRecordItem *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_ITEM (self), NULL);
  return self->name_a;
}

const char *
civ_record_item_get_name_b (CivRecordItem *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_ITEM (self), NULL);
  return self->name_b;
}

const char *
civ_record_item_get_certificate_no (CivRecordItem *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_ITEM (self), NULL);
  return self->certificate_no;
}

const char *
civ_record_item_get_registration_date (CivRecordItem *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_ITEM (self), NULL);
  return self->registration_date;
}

const char *
civ_record_item_get_state (CivRecordItem *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_ITEM (self), NULL);
  return self->state;
}

const char *
civ_record_item_get_id_number_a (CivRecordItem *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_ITEM (self), NULL);
  return self->id_number_a;
}

const char *
civ_record_item_get_id_number_b (CivRecordItem *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_ITEM (self), NULL);
  return self->id_number_b;
}

CivSearchParties
civ_record_item_get_matched_parties (CivRecordItem *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_ITEM (self), CIV_SEARCH_PARTY_NONE);
  return (CivSearchParties) self->matched_parties;
}

CivSearchField
civ_record_item_get_matched_field (CivRecordItem *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_ITEM (self), CIV_SEARCH_FIELD_NONE);
  return (CivSearchField) self->matched_field;
}

static void
set_uint (CivRecordItem *self, guint *field, guint value, guint prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

gboolean
civ_record_item_get_loaded (CivRecordItem *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_ITEM (self), FALSE);
  return self->loaded;
}

static void
set_string (CivRecordItem *self, char **field, const char *value, guint prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
civ_record_item_fill (CivRecordItem *self, const CivSearchRow *row)
{
  g_return_if_fail (CIV_IS_RECORD_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (row != NULL)
    {
      set_string (self, &self->record_id, row->record_id, PROP_RECORD_ID);
      set_string (self, &self->name_a, row->name[0], PROP_NAME_A);
      set_string (self, &self->name_b, row->name[1], PROP_NAME_B);
      set_string (self, &self->certificate_no, row->certificate_no, PROP_CERTIFICATE_NO);
      set_string (self, &self->registration_date, row->registration_date, PROP_REGISTRATION_DATE);
      set_string (self, &self->state, row->state, PROP_STATE);
      set_string (self, &self->id_number_a, row->doc_number[0], PROP_ID_NUMBER_A);
      set_string (self, &self->id_number_b, row->doc_number[1], PROP_ID_NUMBER_B);
      set_uint (self, &self->matched_parties, row->matched_parties, PROP_MATCHED_PARTIES);
      set_uint (self, &self->matched_field, row->matched_field, PROP_MATCHED_FIELD);
    }
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}
