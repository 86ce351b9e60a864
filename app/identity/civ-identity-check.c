// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-identity-check.c — how a party was identified at the counter */
#include "civ-identity-check.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-document-service.h"
#include "civ-finding.h"
#include "civ-identity-plugin.h"
#include "civ-json.h"
#include "civ-permissions.h"

static const char *const method_codes[CIV_N_IDENTITY_METHODS] = {
  [CIV_IDENTITY_CARD_CHIP] = "card-chip",
  [CIV_IDENTITY_FACE] = "face",
  [CIV_IDENTITY_FINGERPRINT] = "fingerprint",
  [CIV_IDENTITY_VISUAL] = "visual",
};

const char *
civ_identity_method_to_string (CivIdentityMethod method)
{
  g_return_val_if_fail (method < CIV_N_IDENTITY_METHODS, NULL);
  return method_codes[method];
}

gboolean
civ_identity_method_from_string (const char *code, CivIdentityMethod *method)
{
  for (guint i = 0; code && i < CIV_N_IDENTITY_METHODS; i++)
    if (strcmp (code, method_codes[i]) == 0)
      {
        if (method)
          *method = (CivIdentityMethod) i;
        return TRUE;
      }
  return FALSE;
}

const char *
civ_identity_method_label (CivIdentityMethod method)
{
  switch (method)
    {
    case CIV_IDENTITY_CARD_CHIP:
      return _ ("ID card chip read");
    case CIV_IDENTITY_FACE:
      return _ ("Face comparison");
    case CIV_IDENTITY_FINGERPRINT:
      return _ ("Fingerprint comparison");
    case CIV_IDENTITY_VISUAL:
      return _ ("Card photo checked by the registrar");
    case CIV_N_IDENTITY_METHODS:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

const char *
civ_identity_method_label_for_code (const char *code)
{
  CivIdentityMethod method;

  return civ_identity_method_from_string (code, &method) ? civ_identity_method_label (method)
                                                         : code;
}

const char *
civ_identity_result_label (const char *method_code, const char *result_code)
{
  gboolean passed = g_strcmp0 (result_code, "passed") == 0;

  if (g_strcmp0 (method_code, "card-chip") == 0)
    return passed ? _ ("Card read") : _ ("Card not read");
  if (g_strcmp0 (method_code, "visual") == 0)
    return passed ? C_ ("identity check", "Confirmed") : C_ ("identity check", "Not confirmed");
  return passed ? C_ ("identity check", "Match") : C_ ("identity check", "No match");
}

CivIdentityCheckInput *
civ_identity_check_input_new (CivIdentityMethod method,
                              gboolean          passed,
                              double            score,
                              const char       *device)
{
  CivIdentityCheckInput *input = g_new0 (CivIdentityCheckInput, 1);

  input->method = method;
  input->passed = passed;
  input->score = score;
  input->device = g_strdup (device);
  input->checked_at = g_date_time_new_now_utc ();
  return input;
}

CivIdentityCheckInput *
civ_identity_check_input_new_from_card (const CivCardData *card, const char *device)
{
  CivIdentityCheckInput *input;

  g_return_val_if_fail (card != NULL, NULL);

  input = civ_identity_check_input_new (CIV_IDENTITY_CARD_CHIP, TRUE, -1, device);
  input->card_name = g_strdup (card->name);
  input->card_number = g_strdup (card->number);
  if (!card->long_term && g_date_valid (&card->valid_until))
    input->card_valid_until = card->valid_until;
  else
    g_date_clear (&input->card_valid_until, 1);
  input->wlt = card->wlt ? g_bytes_ref (card->wlt) : NULL;
  input->photo_decoded = card->photo_png != NULL;
  return input;
}

CivIdentityCheckInput *
civ_identity_check_input_copy (const CivIdentityCheckInput *input)
{
  CivIdentityCheckInput *copy;

  g_return_val_if_fail (input != NULL, NULL);

  copy = g_new0 (CivIdentityCheckInput, 1);
  *copy = *input;
  copy->device = g_strdup (input->device);
  copy->checked_at = input->checked_at ? g_date_time_ref (input->checked_at) : NULL;
  copy->card_name = g_strdup (input->card_name);
  copy->card_number = g_strdup (input->card_number);
  copy->kept_fields = g_strdupv (input->kept_fields);
  copy->wlt = input->wlt ? g_bytes_ref (input->wlt) : NULL;
  return copy;
}

void
civ_identity_check_input_free (CivIdentityCheckInput *input)
{
  if (input == NULL)
    return;
  g_free (input->device);
  g_clear_pointer (&input->checked_at, g_date_time_unref);
  g_free (input->card_name);
  g_free (input->card_number);
  g_strfreev (input->kept_fields);
  g_clear_pointer (&input->wlt, g_bytes_unref);
  g_free (input);
}

GPtrArray *
civ_identity_checks_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) civ_identity_check_input_free);
}

GPtrArray *
civ_identity_checks_copy (GPtrArray *checks)
{
  GPtrArray *copy = civ_identity_checks_new ();

  for (guint i = 0; checks && i < checks->len; i++)
    g_ptr_array_add (copy, civ_identity_check_input_copy (g_ptr_array_index (checks, i)));
  return copy;
}

static gboolean
known_field (const char *field)
{
  static const char *const fields[] = { CIV_CARD_FIELD_NAME, CIV_CARD_FIELD_NUMBER,
                                        CIV_CARD_FIELD_SEX, CIV_CARD_FIELD_BIRTH,
                                        CIV_CARD_FIELD_ETHNICITY };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (field, fields[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
civ_identity_check_input_check (const CivIdentityCheckInput *input, GError **error)
{
  g_return_val_if_fail (input != NULL, FALSE);

  if (input->method >= CIV_N_IDENTITY_METHODS)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s",
                   _ ("An identity check names no known method"));
      return FALSE;
    }
  if (input->score >= 0 && (isnan (input->score) || input->score > 100))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The device gave a score of %.1f; a score lies between 0 and 100. "
                      "Make the comparison again."),
                   input->score);
      return FALSE;
    }
  if (input->device == NULL || *input->device == '\0' ||
      !g_utf8_validate (input->device, -1, NULL) ||
      g_utf8_strlen (input->device, -1) > CIV_IDENTITY_MAX_DEVICE)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s",
                   _ ("An identity check must say which device or person made it"));
      return FALSE;
    }
  if (input->checked_at == NULL)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s",
                   _ ("An identity check must say when it was made"));
      return FALSE;
    }
  if (input->method == CIV_IDENTITY_CARD_CHIP)
    {
      if (input->card_name == NULL || input->card_number == NULL ||
          !g_utf8_validate (input->card_name, -1, NULL) ||
          !g_utf8_validate (input->card_number, -1, NULL))
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s",
                       _ ("A card read must keep the name and number read from the card"));
          return FALSE;
        }
      if (input->wlt && g_bytes_get_size (input->wlt) != CIV_IDENTITY_WLT_BYTES)
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                       _ ("The photo read from the card holds %zu bytes, not %d; read the "
                          "card again"),
                       g_bytes_get_size (input->wlt), CIV_IDENTITY_WLT_BYTES);
          return FALSE;
        }
      for (guint i = 0; input->kept_fields && input->kept_fields[i]; i++)
        if (!known_field (input->kept_fields[i]))
          {
            g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s",
                         _ ("A card read names a form field that a card does not fill"));
            return FALSE;
          }
    }
  else if (input->wlt || input->card_number || input->kept_fields)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s",
                   _ ("Only a card read keeps what the card's chip holds"));
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_identity_check_input_kept (const CivIdentityCheckInput *input, const char *field)
{
  g_return_val_if_fail (input != NULL, FALSE);

  return input->kept_fields && g_strv_contains ((const char *const *) input->kept_fields, field);
}

static char *
date_text (const GDate *date)
{
  char buf[32];

  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
  return g_strdup (buf);
}

void
civ_identity_checks_findings (GPtrArray   *checks,
                              const char  *typed_number,
                              const GDate *event_date,
                              const char  *rule,
                              GPtrArray   *findings)
{
  g_return_if_fail (rule != NULL && findings != NULL);

  for (guint i = 0; checks && i < checks->len; i++)
    {
      const CivIdentityCheckInput *c = g_ptr_array_index (checks, i);

      if (c->method == CIV_IDENTITY_CARD_CHIP)
        {
          if (g_date_valid (&c->card_valid_until) && event_date && g_date_valid (event_date) &&
              g_date_compare (&c->card_valid_until, event_date) < 0)
            {
              g_autofree char *until = date_text (&c->card_valid_until);
              civ_findings_add (findings, rule, CIV_SEVERITY_WARN,
                                _ ("The identity card of %s read from its chip expired on %s, "
                                   "before the registration date: ask for a valid identity card "
                                   "or a temporary identity card"),
                                c->card_name, until);
            }
          if (typed_number && *typed_number && c->card_number &&
              g_ascii_strcasecmp (typed_number, c->card_number) != 0)
            civ_findings_add (findings, rule, CIV_SEVERITY_WARN,
                              _ ("The document number entered (%s) is not the number read from "
                                 "the card's chip (%s): check which document the person "
                                 "presents"),
                              typed_number, c->card_number);
        }
      else if (!c->passed)
        civ_findings_add (findings, rule, CIV_SEVERITY_WARN,
                          _ ("%s did not confirm the person's identity: check the identity "
                             "document another way before registering"),
                          civ_identity_method_label (c->method));
    }
}

static char *
check_detail (const CivIdentityCheckInput *c)
{
  g_autoptr (CivJson) json = NULL;

  if (c->method != CIV_IDENTITY_CARD_CHIP)
    return NULL;
  json = civ_json_new ();
  civ_json_string (json, "card_name", c->card_name);
  civ_json_string (json, "card_number", c->card_number);
  if (g_date_valid (&c->card_valid_until))
    {
      g_autofree char *until = date_text (&c->card_valid_until);
      civ_json_string (json, "valid_until", until);
    }
  else
    civ_json_bool (json, "long_term", TRUE);
  civ_json_strv (json, "kept_fields",
                 (const char *const *) (c->kept_fields ? c->kept_fields : (char *[]){ NULL }));
  civ_json_bool (json, "photo_decoded", c->photo_decoded);
  return civ_json_finish (json);
}

gboolean
_civ_identity_checks_store (CivStore   *store,
                            const char *record_kind,
                            const char *record_id,
                            guint       party,
                            const char *party_name,
                            GPtrArray  *checks,
                            GError    **error)
{
  const CivOperator *op = civ_store_get_operator (store);
  CivDb             *db = civ_store_get_db (store);

  for (guint i = 0; checks && i < checks->len; i++)
    {
      const CivIdentityCheckInput *c = g_ptr_array_index (checks, i);
      g_autofree char             *detail = NULL;
      g_autofree char             *checked_at = NULL;
      g_autofree char             *audit = NULL;
      g_autoptr (CivJson) json = civ_json_new ();
      CivIdentityCheckRow row;
      gint64              id;

      if (!civ_identity_check_input_check (c, error))
        return FALSE;
      detail = check_detail (c);
      checked_at = g_date_time_format_iso8601 (c->checked_at);
      row = (CivIdentityCheckRow){
        .record_kind = (char *) record_kind,
        .record_id = (char *) record_id,
        .party = (int) party,
        .party_name = (char *) (party_name ? party_name : ""),
        .method = (char *) civ_identity_method_to_string (c->method),
        .result = c->passed ? "passed" : "failed",
        .score = c->score,
        .device = c->device,
        .detail = detail,
        .checked_at = checked_at,
        .created_by = op->login,
      };
      id = civ_identity_check_insert (db, &row, c->wlt, error);
      if (id == 0)
        return FALSE;
      civ_json_string (json, "record_id", record_id);
      civ_json_int (json, "party", party);
      civ_json_string (json, "method", row.method);
      civ_json_string (json, "result", row.result);
      if (c->score >= 0)
        civ_json_int (json, "score", (gint64) (c->score + 0.5));
      civ_json_string (json, "device", c->device);
      audit = civ_json_finish (json);
      if (!civ_store_audit (store, "identity.check", record_id, audit, error))
        return FALSE;
    }
  return TRUE;
}

void
civ_identity_checks_to_json (JsonBuilder *b, GPtrArray *checks)
{
  json_builder_begin_array (b);
  for (guint i = 0; checks && i < checks->len; i++)
    {
      const CivIdentityCheckInput *c = g_ptr_array_index (checks, i);
      g_autofree char             *at = g_date_time_format_iso8601 (c->checked_at);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "method");
      json_builder_add_string_value (b, civ_identity_method_to_string (c->method));
      json_builder_set_member_name (b, "result");
      json_builder_add_string_value (b, c->passed ? "passed" : "failed");
      if (c->score >= 0)
        {
          json_builder_set_member_name (b, "score");
          json_builder_add_double_value (b, c->score);
        }
      json_builder_set_member_name (b, "device");
      json_builder_add_string_value (b, c->device);
      json_builder_set_member_name (b, "checked_at");
      json_builder_add_string_value (b, at);
      if (c->method == CIV_IDENTITY_CARD_CHIP)
        {
          json_builder_set_member_name (b, "read_from_card");
          json_builder_begin_array (b);
          for (guint k = 0; c->kept_fields && c->kept_fields[k]; k++)
            json_builder_add_string_value (b, c->kept_fields[k]);
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

GPtrArray *
civ_identity_checks_for_marriage (CivStore   *store,
                                  const char *record_or_certificate,
                                  GError    **error)
{
  g_autofree char *record_id = NULL;

  g_return_val_if_fail (CIV_IS_STORE (store) && record_or_certificate != NULL, NULL);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return NULL;
  record_id = civ_document_resolve_record (store, record_or_certificate, error);
  if (record_id == NULL)
    return NULL;
  return civ_identity_check_list (civ_store_get_db (store), "marriage", record_id, error);
}

static gboolean
list_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  GPtrArray *rows = civ_identity_checks_for_marriage (store, data, error);

  *result = rows;
  return rows != NULL;
}

void
civ_identity_checks_for_marriage_async (CivSession         *session,
                                        gpointer            source_object,
                                        const char         *record_or_certificate,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session) && record_or_certificate != NULL);

  civ_session_call (session, source_object, cancellable, list_func,
                    g_strdup (record_or_certificate), g_free, (GDestroyNotify) g_ptr_array_unref,
                    callback, user_data);
}

GPtrArray *
civ_identity_checks_for_marriage_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

/* The detail of a stored chip read as an object, or NULL. */
static JsonParser *
row_detail (const CivIdentityCheckRow *row, JsonObject **object)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonNode *root;

  *object = NULL;
  if (g_strcmp0 (row->method, "card-chip") != 0 || row->detail == NULL)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, row->detail, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  *object = json_node_get_object (root);
  return g_steal_pointer (&parser);
}

/* The CIV_CARD_FIELD_* codes listed under "kept_fields" of @o (a chip
 * read's detail), known codes only. */
static GStrv
kept_fields_of (JsonObject *o)
{
  g_autoptr (GStrvBuilder) fields = g_strv_builder_new ();
  JsonNode  *member = o ? json_object_get_member (o, "kept_fields") : NULL;
  JsonArray *kept = member && JSON_NODE_HOLDS_ARRAY (member) ? json_node_get_array (member) : NULL;

  for (guint i = 0; kept && i < json_array_get_length (kept); i++)
    {
      JsonNode   *node = json_array_get_element (kept, i);
      const char *field =
        JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          ? json_node_get_string (node)
          : NULL;

      if (field && known_field (field))
        g_strv_builder_add (fields, field);
    }
  return g_strv_builder_end (fields);
}

GStrv
civ_identity_check_row_kept_fields (const CivIdentityCheckRow *row)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonObject *o = NULL;

  g_return_val_if_fail (row != NULL, NULL);

  parser = row_detail (row, &o);
  return kept_fields_of (o);
}

static const char *
field_label (const char *field)
{
  if (g_strcmp0 (field, CIV_CARD_FIELD_NAME) == 0)
    return C_ ("card field", "name");
  if (g_strcmp0 (field, CIV_CARD_FIELD_NUMBER) == 0)
    return C_ ("card field", "identity number");
  if (g_strcmp0 (field, CIV_CARD_FIELD_SEX) == 0)
    return C_ ("card field", "sex");
  if (g_strcmp0 (field, CIV_CARD_FIELD_BIRTH) == 0)
    return C_ ("card field", "birth date");
  if (g_strcmp0 (field, CIV_CARD_FIELD_ETHNICITY) == 0)
    return C_ ("card field", "ethnicity");
  return field;
}

char *
civ_identity_check_row_describe (const CivIdentityCheckRow *row)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (JsonParser) parser = NULL;
  g_auto (GStrv) kept = NULL;
  JsonObject *o = NULL;

  g_return_val_if_fail (row != NULL, NULL);

  g_string_append (text, civ_identity_result_label (row->method, row->result));
  if (row->score >= 0)
    /* Translators: a face or fingerprint comparison's score, 0 to 100. */
    g_string_append_printf (text, _ (" · score %.0f"), row->score);
  g_string_append_printf (text, " · %s", row->device);
  parser = row_detail (row, &o);
  kept = kept_fields_of (o);
  if (o != NULL)
    {
      JsonNode *decoded = json_object_get_member (o, "photo_decoded");
      JsonNode *until = json_object_get_member (o, "valid_until");

      if (kept[0] == NULL)
        g_string_append_printf (text, " · %s", _ ("nothing kept from the card"));
      else
        {
          g_autoptr (GString) fields = g_string_new (NULL);

          for (guint i = 0; kept[i]; i++)
            {
              if (i > 0)
                g_string_append (fields, C_ ("list separator", ", "));
              g_string_append (fields, field_label (kept[i]));
            }
          /* Translators: %s lists form fields ("name, identity number"). */
          g_string_append_printf (text, _ (" · read from card: %s"), fields->str);
        }
      if (decoded == NULL || !JSON_NODE_HOLDS_VALUE (decoded) ||
          json_node_get_value_type (decoded) != G_TYPE_BOOLEAN || !json_node_get_boolean (decoded))
        g_string_append_printf (text, " · %s", _ ("photo not decoded"));
      if (until && JSON_NODE_HOLDS_VALUE (until) &&
          json_node_get_value_type (until) == G_TYPE_STRING)
        /* Translators: %s is a date, the last day an ID card is valid. */
        g_string_append_printf (text, _ (" · card valid until %s"), json_node_get_string (until));
    }
  utc = row->checked_at ? g_date_time_new_from_iso8601 (row->checked_at, NULL) : NULL;
  if (utc != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_local (utc);
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");

      /* Translators: who made an identity check and when. */
      g_string_append_printf (text, _ (" · by %1$s at %2$s"), row->created_by_name, when);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct
{
  CivIdentityMethod method;
  GBytes           *card_png;
  GBytes           *live_photo;
} Compare;

static void
compare_free (Compare *compare)
{
  g_clear_pointer (&compare->card_png, g_bytes_unref);
  g_clear_pointer (&compare->live_photo, g_bytes_unref);
  g_free (compare);
}

static void
compare_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Compare           *compare = data;
  CivIdentityPlugin *plugin = civ_identity_plugin_get_default ();
  CivIdentityScore   score = { 0 };
  GError            *error = NULL;
  gboolean           ok;

  if (plugin == NULL ||
      (compare->method == CIV_IDENTITY_FACE ? !civ_identity_plugin_can_compare_face (plugin)
                                            : !civ_identity_plugin_can_verify_fingerprint (plugin)))
    {
      g_task_return_new_error (task, CIV_IDENTITY_PLUGIN_ERROR,
                               CIV_IDENTITY_PLUGIN_ERROR_UNSUPPORTED, "%s",
                               compare->method == CIV_IDENTITY_FACE
                                 ? _ ("No face comparison device is installed: compare the "
                                      "card photo with the person yourself")
                                 : _ ("No fingerprint device is installed: compare the card "
                                      "photo with the person yourself"));
      return;
    }
  if (compare->method == CIV_IDENTITY_FACE)
    ok = civ_identity_plugin_compare_face (plugin, compare->card_png, compare->live_photo, &score,
                                           &error);
  else
    ok = civ_identity_plugin_verify_fingerprint (plugin, NULL, &score, &error);
  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task,
                         civ_identity_check_input_new (compare->method, score.match, score.score,
                                                       civ_identity_plugin_get_device (plugin)),
                         (GDestroyNotify) civ_identity_check_input_free);
}

void
civ_identity_compare_async (CivIdentityMethod   method,
                            GBytes             *card_png,
                            GBytes             *live_photo,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  Compare *compare;

  g_return_if_fail (method == CIV_IDENTITY_FACE || method == CIV_IDENTITY_FINGERPRINT);
  g_return_if_fail (method != CIV_IDENTITY_FACE || (card_png != NULL && live_photo != NULL));

  task = g_task_new (NULL, cancellable, callback, user_data);
  compare = g_new0 (Compare, 1);
  compare->method = method;
  compare->card_png = card_png ? g_bytes_ref (card_png) : NULL;
  compare->live_photo = live_photo ? g_bytes_ref (live_photo) : NULL;
  g_task_set_source_tag (task, civ_identity_compare_async);
  g_task_set_task_data (task, compare, (GDestroyNotify) compare_free);
  g_task_run_in_thread (task, compare_thread);
}

CivIdentityCheckInput *
civ_identity_compare_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
