// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-registry-store-private.h — the marriage and party rows as both the
 * registration use case (civ-registry-store.c) and the bulk writer
 * (civ-registry-bulk.c) insert them: one SQL text, one binding each. */
#pragma once

#include "civ-registry-store.h"

G_BEGIN_DECLS

#define CIV_SQL_INSERT_MARRIAGE                                                                    \
  "INSERT INTO marriages (record_id, version, state, registration_date, effective_from, "          \
  "office_code, office_name, registrar, certificate_no, historical, status_source, remarks, "      \
  "reason, approved_by, created_at, created_by) "                                                  \
  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

#define CIV_SQL_INSERT_PARTY                                                                       \
  "INSERT INTO marriage_parties (marriage_id, position, person_id, name, name_pinyin, "            \
  "name_initials, sex, birth_date, nationality, ethnicity, occupation, doc_kind, doc_number, "     \
  "doc_status, id_key, resident_category, status_before, nature) "                                 \
  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

/* Binds every column of CIV_SQL_INSERT_MARRIAGE. */
void _civ_marriage_row_bind (sqlite3_stmt *stmt, const CivMarriageRow *row, const char *created_at);
/* Binds every column of CIV_SQL_INSERT_PARTY. */
void _civ_party_row_bind (sqlite3_stmt      *stmt,
                          gint64             marriage_id,
                          guint              position,
                          const CivPartyRow *p);

G_END_DECLS
