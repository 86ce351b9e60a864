// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-list-model.h — a lazy GListModel of marriage records over a
 * search (style.md "Large lists")
 *
 * Holds the ordered id list of the current query (one query, a GArray of
 * gint64: about 8 MB per million rows) and a cache of pages of
 * CIV_RECORD_LIST_PAGE_SIZE rows, least recently used pages dropped first.
 * get_item() on a row whose page is not cached returns a placeholder
 * CivRecordItem (loaded FALSE) and asks the worker for the page; the
 * placeholder is filled in place (property notifies, no items-changed).
 * Setting a query cancels the previous query's requests and bumps a
 * generation counter (late answers of older generations are dropped).
 *
 * Loading is staged, so that the first rows do not wait for the id list (at
 * a million records reading every id takes a few hundred milliseconds; the
 * first page by keyset a few): first the first page of the new query is
 * read with civ_search_page() and replaces every row in ONE items-changed,
 * its items already loaded; when that page is full, the whole id list is
 * read next on the same worker and announced with one append-only
 * items-changed (position = rows shown, removed 0). If the list does not
 * begin with the rows shown (a registration came in between), it replaces
 * them instead. A result of fewer than CIV_RECORD_LIST_PAGE_SIZE rows is
 * complete after the first step: one items-changed in all. "loading" is
 * TRUE until the id list is in (or the short first page is).
 *
 * Work runs on the CivWorker that owns the connection (app/runtime), the
 * same one the GUI's store jobs run on, so one thread uses the connection.
 * Results are delivered in the thread-default main context of the thread
 * that created the model. Sorting and filtering are SQL (civ-search.h); do
 * not wrap this model in GtkSortListModel or GtkFilterListModel.
 */
#pragma once

#include <gio/gio.h>

#include "civ-db.h"
#include "civ-record-item.h"
#include "civ-search.h"
#include "civ-worker.h"

G_BEGIN_DECLS

#define CIV_RECORD_LIST_PAGE_SIZE 128
#define CIV_RECORD_LIST_MAX_PAGES 64 /* the default cache size */

#define CIV_TYPE_RECORD_LIST_MODEL (civ_record_list_model_get_type ())
G_DECLARE_FINAL_TYPE (CivRecordListModel, civ_record_list_model, CIV, RECORD_LIST_MODEL, GObject)

/* @worker owns @db's connection. */
CivRecordListModel *civ_record_list_model_new (CivDb *db, CivWorker *worker);

/* The database the model reads (owned by the worker's thread: compare it,
 * never call into it here). */
CivDb *civ_record_list_model_get_db (CivRecordListModel *self);

/* Starts loading the ids of @query (NULL: no query, an empty list). */
void            civ_record_list_model_set_query (CivRecordListModel *self, CivSearchQuery *query);
CivSearchQuery *civ_record_list_model_get_query (CivRecordListModel *self);
/* TRUE while the id list of the current query is being fetched. */
gboolean        civ_record_list_model_get_loading (CivRecordListModel *self);
/* The message of the last failed fetch, or NULL. */
const char     *civ_record_list_model_get_error_message (CivRecordListModel *self);
/* Incremented by every civ_record_list_model_set_query(). */
guint           civ_record_list_model_get_generation (CivRecordListModel *self);
/* Number of pages currently cached. */
guint           civ_record_list_model_get_cached_pages (CivRecordListModel *self);
/* Pages kept in memory (at least 1; CIV_RECORD_LIST_MAX_PAGES by default). */
void            civ_record_list_model_set_max_pages (CivRecordListModel *self, guint max_pages);

G_END_DECLS
