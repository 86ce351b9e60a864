// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-audit-labels.c — a person's words for the audit log */
#include "civ-audit-labels.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-permissions.h"

static const struct
{
  const char *code;
  const char *label;
} action_labels[] = {
  { "office.create", N_ ("Office created") },
  { "login", N_ ("Login") },
  { "login.failed", N_ ("Failed login") },
  { "login.locked-out", N_ ("Login locked after too many failures") },
  { "login.journal-invalid", N_ ("Failed-login records that do not verify") },
  { "user.unlocked", N_ ("Locked login unlocked") },
  { "audit.rollback-suspected", N_ ("The database is older than one seen before") },
  { "logout", N_ ("Logout") },
  { "lock", N_ ("Locked") },
  { "unlock", N_ ("Unlocked") },
  { "session.unlock-failed", N_ ("Unlock failed") },
  { "denied", N_ ("Refused by role") },
  { "operator.add", N_ ("User added") },
  { "operator.disable", N_ ("User disabled") },
  { "operator.passwd", N_ ("Password changed") },
  { "operator.passwd.failed", N_ ("Password change refused") },
  { "operator.recover", N_ ("Password reset with the recovery code") },
  { "recovery.wrong-account", N_ ("Recovery code used for an account it cannot reset") },
  { "audit.verify", N_ ("Audit chain verified") },
  { "refdata.import", N_ ("Reference data imported") },
  { "archive.book.create", N_ ("Register book added") },
  { "archive.book.close", N_ ("Register book closed") },
  { "archive.image.attach", N_ ("Page image attached") },
  { "archive.slot.mark", N_ ("Archive entry slot marked") },
  { "archive.key", N_ ("Archive entry keyed") },
  { "archive.reconcile", N_ ("Archive keyings reconciled") },
  { "archive.import", N_ ("Archive spreadsheet imported") },
  { "archive.conflict.review", N_ ("History conflict reviewed") },
  { "demo-data.generate", N_ ("Demonstration data generated") },
  { "marriage.register", N_ ("Marriage registered") },
  { "marriage.refuse", N_ ("Marriage refused") },
  { "divorce.accept", N_ ("Divorce application accepted") },
  { "divorce.not-accepted", N_ ("Divorce application not accepted") },
  { "divorce.withdraw", N_ ("Divorce application withdrawn") },
  { "divorce.register", N_ ("Divorce registered") },
  { "divorce.refuse", N_ ("Divorce refused") },
  { "divorce.lapse", N_ ("Divorce application lapsed") },
  { "divorce.print", N_ ("Divorce receipt or notice printed") },
  { "divorce.take", N_ ("Divorce application taken from another window") },
  { "divorce.handed-over", N_ ("Divorce application now handled at another window") },
  { "divorce.closed-elsewhere", N_ ("Divorce application closed at another window") },
  { "certificate.print", N_ ("Certificate printed") },
  { "certificate.reissue", N_ ("Certificate reissued") },
  { "certificate.void", N_ ("Spoiled certificate print voided") },
  { "marriage.court-judgment", N_ ("Court judgment filed") },
  { "marriage.registry-annulment", N_ ("Registry annulment recorded (before 2021)") },
  { "marriage.correct", N_ ("Marriage record corrected") },
  { "document.attach", N_ ("Document attached to a record") },
  { "document.view", N_ ("Document opened for viewing") },
  { "document.export", N_ ("Document exported to a file") },
  { "identity.check", N_ ("Identity of a party checked") },
  { "adoption.apply", N_ ("Adoption application recorded") },
  { "adoption.notice", N_ ("Adoption notice published") },
  { "adoption.assessment.begin", N_ ("Adoption assessment begun") },
  { "adoption.assessment", N_ ("Adoption assessment recorded") },
  { "adoption.review", N_ ("Adoption review begun") },
  { "adoption.register", N_ ("Adoption registered") },
  { "adoption.refuse", N_ ("Adoption refused") },
  { "adoption.dissolution.apply", N_ ("Dissolution of an adoption applied for") },
  { "adoption.dissolve", N_ ("Adoption dissolved") },
  { "adoption.revoke", N_ ("Adoption revoked for fraud") },
  { "adoption.open", N_ ("Adoption record opened") },
  { "adoption.print", N_ ("Adoption record printed") },
  { "adoption.export", N_ ("Adoption record exported") },
  { "adoption.show-birth-parents", N_ ("Birth parents of an adoption shown") },
  { "adoption.document.attach", N_ ("Document attached to an adoption") },
  { "adoption.number-format", N_ ("Adoption certificate number format changed") },
  { "adoption.dissolution-format", N_ ("Dissolution proof number format changed") },
  { "funeral.stock.receive", N_ ("Cremation certificate blanks received") },
  { "funeral.stock.issue", N_ ("Cremation certificate issued to a funeral case") },
  { "funeral.stock.void", N_ ("Spoiled cremation certificate voided") },
  { "funeral.stock.reconcile", N_ ("Cremation certificate stock reconciled") },
  { "funeral.stats.cremation_rate", N_ ("Cremation rate computed") },
  { "funeral.case.report", N_ ("Death reported: funeral case opened") },
  { "funeral.case.view", N_ ("Funeral case opened for viewing") },
  { "funeral.case.search", N_ ("Funeral cases searched") },
  { "funeral.case.step", N_ ("Funeral case moved to its next step") },
  { "funeral.document.attach", N_ ("Document attached to a funeral case") },
  { "funeral.document.view", N_ ("Document of a funeral case opened") },
  { "marriage.ended_by_death", N_ ("Marriage ended by the death of a spouse") },
  { "funeral.fees.import", N_ ("Funeral fee list imported") },
  { "funeral.policy.import", N_ ("Funeral waiver policy imported") },
  { "funeral.bill.add", N_ ("Service billed to a funeral case") },
  { "funeral.bill.cancel", N_ ("Bill line of a funeral case cancelled") },
  { "funeral.bill.view", N_ ("Bill of a funeral case viewed") },
  { "funeral.waiver.assess", N_ ("Funeral fee waiver assessed") },
  { "funeral.receipt.issue", N_ ("Funeral receipt issued") },
  { "funeral.certificate.print", N_ ("Cremation certificate printed on its blank") },
  { "funeral.receipt.print", N_ ("Funeral receipt printed") },
  { "operator.grant", N_ ("Permission given to a user") },
  { "operator.ungrant", N_ ("Permission taken back from a user") },
  { "report.enroll", N_ ("Workstation enrolled with the province") },
  { "report.sync", N_ ("Reports delivered to the province") },
  { "report.park", N_ ("Reports parked for review") },
  { "report.requeue", N_ ("Parked reports queued again") },
  { "report.security-alarm", N_ ("Security alarm: the provincial connection was not trusted") },
  { "report.tampering-reported", N_ ("The province reported a rewritten audit history") },
  { "report.status-check", N_ ("Online marital-status check") },
  { "numbers.exchange", N_ ("Certificate number blocks exchanged with the province") },
  { "numbers.return", N_ ("Unused certificate numbers returned to the province") },
  { "numbers.void", N_ ("Certificate serial set aside unused") },
  { "database.damaged", N_ ("Damage found in the database") },
  { "backup.created", N_ ("Backup made") },
  { "backup.verified", N_ ("Backup verified") },
  { "backup.restored", N_ ("Backup restored into a new folder") },
  { "backup.failed", N_ ("Backup failed") },
};

/* The keys the details are written with (civ-json.h, detail_json () in
 * db/core/civ-store.c); any other key is shown as it is. */
static const struct
{
  const char *key;
  const char *label;
} key_labels[] = {
  { "copy", NC_ ("audit detail", "Copy") },
  { "adoption", NC_ ("audit detail", "Adoption") },
  { "purpose", NC_ ("audit detail", "Purpose") },
  { "published", NC_ ("audit detail", "Published") },
  { "ends", NC_ ("audit detail", "Ends") },
  { "review_due", NC_ ("audit detail", "Review due") },
  { "reasons", NC_ ("audit detail", "Reasons") },
  { "agreement", NC_ ("audit detail", "Agreement") },
  { "child_consents", NC_ ("audit detail", "Child consents") },
  { "decision", NC_ ("audit detail", "Decision") },
  { "format", NC_ ("audit detail", "Format") },
  { "example", NC_ ("audit detail", "Example") },
  { "permission", NC_ ("audit detail", "Permission") },
  { "batch", NC_ ("audit detail", "Batch") },
  { "first_serial", NC_ ("audit detail", "First serial") },
  { "last_serial", NC_ ("audit detail", "Last serial") },
  { "received_on", NC_ ("audit detail", "Received on") },
  { "reference", NC_ ("audit detail", "Reference") },
  { "serial", NC_ ("audit detail", "Serial") },
  { "case_ref", NC_ ("audit detail", "Funeral case") },
  { "state_before", NC_ ("audit detail", "State before") },
  { "voided_on", NC_ ("audit detail", "Voided on") },
  { "opening", NC_ ("audit detail", "Opening stock") },
  { "received", NC_ ("audit detail", "Received") },
  { "issued", NC_ ("audit detail", "Issued") },
  { "voided", NC_ ("audit detail", "Voided") },
  { "in_stock", NC_ ("audit detail", "In stock") },
  { "balanced", NC_ ("audit detail", "Balanced") },
  { "copies", NC_ ("audit detail", "Copies") },
  { "blank_serial", NC_ ("audit detail", "Blank") },
  { "blank", NC_ ("audit detail", "Blank") },
  { "certificate", NC_ ("audit detail", "Certificate") },
  { "certificate_no", NC_ ("audit detail", "Certificate No.") },
  { "dissolution_no", NC_ ("audit detail", "Dissolution proof No.") },
  { "record_id", NC_ ("audit detail", "Record") },
  { "marriage_record_id", NC_ ("audit detail", "Marriage record") },
  { "reason", NC_ ("audit detail", "Reason") },
  { "request_id", NC_ ("audit detail", "Request") },
  { "blocks", NC_ ("audit detail", "Number blocks") },
  { "claims", NC_ ("audit detail", "Local serials claimed") },
  { "held", NC_ ("audit detail", "Blocks in use reported") },
  { "voids", NC_ ("audit detail", "Serials set aside reported") },
  { "returns", NC_ ("audit detail", "Returns reported") },
  { "refused", NC_ ("audit detail", "Refused") },
  { "ranges", NC_ ("audit detail", "Serial ranges") },
  { "serials", NC_ ("audit detail", "Serials") },
  { "status", NC_ ("audit detail", "HTTP status") },
  { "login_match", NC_ ("audit detail", "Login typed") },
  { "login_hash", NC_ ("audit detail", "Login hash") },
  { "recorded", NC_ ("audit detail", "Recorded") },
  { "found", NC_ ("audit detail", "Found") },
  { "until", NC_ ("audit detail", "Locked until") },
  { "count", NC_ ("audit detail", "Count") },
  { "at", NC_ ("audit detail", "Time") },
  { "display_name", NC_ ("audit detail", "Name") },
  { "role", NC_ ("audit detail", "Role") },
  { "office_code", NC_ ("audit detail", "Office code") },
  { "office_name", NC_ ("audit detail", "Office") },
  { "party", NC_ ("audit detail", "Party") },
  { "kind", NC_ ("audit detail", "Kind") },
  { "file", NC_ ("audit detail", "File") },
  { "file_name", NC_ ("audit detail", "File") },
  { "document_id", NC_ ("audit detail", "Document") },
  { "media_type", NC_ ("audit detail", "Type") },
  { "size", NC_ ("audit detail", "Size") },
  { "rules", NC_ ("audit detail", "Rules") },
  { "rule", NC_ ("audit detail", "Rule") },
  { "state", NC_ ("audit detail", "State") },
  { "version", NC_ ("audit detail", "Version") },
  { "approved_by", NC_ ("audit detail", "Approved by") },
  { "effective_from", NC_ ("audit detail", "Effective from") },
  { "issued_on", NC_ ("audit detail", "Issued on") },
  { "accepted_on", NC_ ("audit detail", "Accepted on") },
  { "window_end", NC_ ("audit detail", "Window ends") },
  { "document_no", NC_ ("audit detail", "Document No.") },
  { "archive_no", NC_ ("audit detail", "Archive No.") },
  { "server_url", NC_ ("audit detail", "Server") },
  { "http_status", NC_ ("audit detail", "HTTP status") },
  { "error", NC_ ("audit detail", "Error") },
  { "cause", NC_ ("audit detail", "Cause") },
  { "source", NC_ ("audit detail", "Source") },
  { "marriages", NC_ ("audit detail", "Marriages") },
  { "divorces", NC_ ("audit detail", "Divorces") },
  { "marriage", NC_ ("audit detail", "Marriage") },
  { "divorce", NC_ ("audit detail", "Divorce") },
  { "accepted_by", NC_ ("audit detail", "Accepted at workstation") },
  { "held_by", NC_ ("audit detail", "Handled at workstation") },
  { "closed_by", NC_ ("audit detail", "Closed at workstation") },
  { "taken_back", NC_ ("audit detail", "Taken back") },
  { "seed", NC_ ("audit detail", "Seed") },
  { "tls_alert", NC_ ("audit detail", "TLS alert") },
  { "name", NC_ ("audit detail", "Name") },
  { "names", NC_ ("audit detail", "Names") },
  { "remarks", NC_ ("audit detail", "Remarks") },
  { "path", NC_ ("audit detail", "Backup") },
  { "folder", NC_ ("audit detail", "Folder") },
  { "tables", NC_ ("audit detail", "Tables") },
  { "check", NC_ ("audit detail", "Check") },
  { "first_problem", NC_ ("audit detail", "First problem") },
  { "scheduled", NC_ ("audit detail", "Scheduled") },
  { "from", NC_ ("audit detail", "From") },
  { "to", NC_ ("audit detail", "To") },
  { "backup_created_at", NC_ ("audit detail", "Backup made at") },
  { "audit_head_seq", NC_ ("audit detail", "Audit head") },
  { "documents", NC_ ("audit detail", "Documents") },
  { "scope", NC_ ("audit detail", "Scope") },
  { "case_no", NC_ ("audit detail", "Funeral case") },
  { "funeral_case", NC_ ("audit detail", "Funeral case") },
  { "unidentified", NC_ ("audit detail", "Unidentified body") },
  { "death_at", NC_ ("audit detail", "Died") },
  { "died_on", NC_ ("audit detail", "Died on") },
  { "detail", NC_ ("audit detail", "Details") },
  { "cremated", NC_ ("audit detail", "Bodies cremated") },
  { "deaths", NC_ ("audit detail", "Deaths") },
  { "rate_percent", NC_ ("audit detail", "Cremation rate, percent") },
  { "green_burials", NC_ ("audit detail", "Green burials") },
  { "burial_exempt", NC_ ("audit detail", "Burial-exempt cases") },
};

const char *
civ_audit_action_label (const char *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_labels); i++)
    if (g_strcmp0 (action, action_labels[i].code) == 0)
      return _ (action_labels[i].label);
  return action;
}

gboolean
civ_audit_action_is_known (const char *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_labels); i++)
    if (g_strcmp0 (action, action_labels[i].code) == 0)
      return TRUE;
  return FALSE;
}

const char *const *
civ_audit_known_actions (void)
{
  static const char *codes[G_N_ELEMENTS (action_labels) + 1];

  if (codes[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (action_labels); i++)
      codes[i] = action_labels[i].code;
  return codes;
}

/* The coded values of a few keys, in words. */
static const struct
{
  const char *key;
  const char *value;
  const char *label;
} value_labels[] = {
  { "reason", "wrong-password", N_ ("wrong password") },
  { "reason", "unlock-failed", N_ ("wrong password at the lock screen") },
  { "reason", "wrong-recovery-code", N_ ("wrong recovery code") },
  { "reason", "disabled", N_ ("the user is disabled") },
  { "reason", "no-such-user", N_ ("no such user") },
  { "reason", "locked", N_ ("tried while the login was locked") },
  { "reason", "locked-out", N_ ("too many failed logins") },
  { "recorded", "while-locked", N_ ("while the office was locked") },
  { "login_match", "unknown", N_ ("unknown login") },
};

static const char *
value_label (const char *key, const char *value)
{
  if (value == NULL)
    return "";
  if (strcmp (key, "role") == 0)
    {
      CivRole role = civ_role_from_string (value);

      if (role != CIV_ROLE_INVALID)
        return civ_role_display_name (role);
    }
  for (guint i = 0; i < G_N_ELEMENTS (value_labels); i++)
    if (strcmp (key, value_labels[i].key) == 0 && strcmp (value, value_labels[i].value) == 0)
      return _ (value_labels[i].label);
  return value;
}

static const char *
key_label (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (key_labels); i++)
    if (strcmp (key, key_labels[i].key) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "audit detail", key_labels[i].label);
  return key;
}

static void
append_value (GString *out, const char *key, JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      /* Translators: an empty value in an audit entry's detail. */
      g_string_append (out, _ ("none"));
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append (out, ", ");
            append_value (out, key, json_array_get_element (array, i));
          }
      }
      break;
    case JSON_NODE_OBJECT:
      {
        g_autofree char *text = json_to_string (node, FALSE);

        g_string_append (out, text);
      }
      break;
    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        g_string_append (out, json_node_get_boolean (node) ? _ ("yes") : _ ("no"));
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        g_string_append_printf (out, "%g", json_node_get_double (node));
      else if (strcmp (key, "login_match") == 0 &&
               g_strcmp0 (json_node_get_string (node), "unknown") != 0)
        /* A failed login keeps only a hash of the login typed: the log
         * says which user it matches (db/core/civ-login-guard.h). */
        g_string_append_printf (out, _ ("a login that matches user %s"),
                                json_node_get_string (node));
      else
        g_string_append (out, value_label (key, json_node_get_string (node)));
      break;
    }
}

char *
civ_audit_detail_describe (const char *detail)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GList) members = NULL;
  JsonObject *object;
  GString    *out;

  if (detail == NULL || *detail == '\0')
    return g_strdup ("");
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, detail, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup (detail);
  object = json_node_get_object (json_parser_get_root (parser));
  /* json-glib 1.6 keeps the members in the order they were read. */
  members = json_object_get_members (object);
  out = g_string_new (NULL);
  for (GList *l = members; l; l = l->next)
    {
      const char *key = l->data;

      if (out->len > 0)
        g_string_append (out, " · ");
      /* Translators: one field of an audit entry's detail, "Copy: 1". */
      g_string_append_printf (out, _ ("%s: "), key_label (key));
      append_value (out, key, json_object_get_member (object, key));
    }
  return g_string_free (out, FALSE);
}

gboolean
civ_audit_is_uuid (const char *text)
{
  static const char pattern[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

  if (text == NULL || strlen (text) != sizeof pattern - 1)
    return FALSE;
  for (guint i = 0; i < sizeof pattern - 1; i++)
    if (pattern[i] == '-' ? text[i] != '-' : !g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

char *
civ_audit_short_uuid (const char *text)
{
  if (!civ_audit_is_uuid (text))
    return g_strdup (text);
  return g_strdup_printf ("%.8s…", text);
}
