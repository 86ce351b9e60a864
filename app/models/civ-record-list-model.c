// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-list-model.c — a lazy GListModel of marriage records over a search */
#include "civ-record-list-model.h"

#include <glib/gi18n-lib.h>
#include <string.h>

typedef enum
{
  JOB_FIRST, /* the first page by keyset, before the id list */
  JOB_IDS,
  JOB_PAGE,
} JobKind;

typedef struct
{
  JobKind         kind;
  CivDb          *db;
  guint           generation;
  CivSearchQuery *query; /* JOB_FIRST, JOB_IDS; JOB_PAGE: to mark what matched */
  guint           page;  /* JOB_PAGE */
  GArray         *ids;   /* JOB_PAGE: the page's ids */
} Job;

typedef struct
{
  guint      index;
  GPtrArray *items; /* CivRecordItem */
  gboolean   pending;
  GList     *lru_link; /* in self->lru, most recent first */
} Page;

struct _CivRecordListModel
{
  GObject parent_instance;

  CivDb          *db;
  CivSearchQuery *query;
  GArray         *ids;   /* gint64, result order */
  GHashTable     *pages; /* page index → Page */
  GQueue          lru;   /* guint page index, most recent at the head */
  GCancellable   *cancellable;
  guint           generation;
  guint           max_pages;
  gboolean        loading;
  char           *error_message;
  CivWorker      *worker;
};

static void civ_record_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CivRecordListModel,
                               civ_record_list_model,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      civ_record_list_model_list_model_init))

enum
{
  PROP_0,
  PROP_LOADING,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
job_free (Job *job)
{
  g_clear_object (&job->db);
  g_clear_pointer (&job->query, civ_search_query_unref);
  g_clear_pointer (&job->ids, g_array_unref);
  g_free (job);
}

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->items);
  g_free (page);
}

/* On the worker that owns the connection, one job at a time. */
static void
run_job (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  Job    *job = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!civ_db_is_open (job->db))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "%s",
                               _ ("The database is locked"));
      return;
    }
  if (job->kind == JOB_FIRST)
    {
      GPtrArray *rows =
        civ_search_page (job->db, job->query, NULL, CIV_RECORD_LIST_PAGE_SIZE, NULL, &error);

      if (rows == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
    }
  else if (job->kind == JOB_IDS)
    {
      GArray *ids = civ_search_ids (job->db, job->query, &error);

      if (ids == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
    }
  else
    {
      GPtrArray *rows =
        civ_search_rows (job->db, job->query, (const gint64 *) (void *) job->ids->data,
                         job->ids->len, &error);

      if (rows == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
    }
}

static void
dispatch (CivRecordListModel *self, GTask *task)
{
  civ_worker_run (self->worker, task, run_job);
  g_object_unref (task);
}

static void
set_error_message (CivRecordListModel *self, const char *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
set_loading (CivRecordListModel *self, gboolean loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_page_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivRecordListModel *self = CIV_RECORD_LIST_MODEL (source);
  Job                *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr (GHashTable) by_id = NULL;
  Page *page;

  if (job->generation != self->generation)
    return;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (job->page));
  if (page == NULL)
    return;
  page->pending = FALSE;
  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error_message (self, error->message);
      /* Asked again the next time a row of the page is wanted. */
      g_queue_delete_link (&self->lru, page->lru_link);
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (job->page));
      return;
    }
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < rows->len; i++)
    {
      CivSearchRow *row = g_ptr_array_index (rows, i);
      g_hash_table_insert (by_id, &row->id, row);
    }
  for (guint i = 0; i < page->items->len; i++)
    {
      CivRecordItem *item = g_ptr_array_index (page->items, i);
      gint64         id = civ_record_item_get_row_id (item);

      civ_record_item_fill (item, g_hash_table_lookup (by_id, &id));
    }
}

/* Drops the least recently used loaded pages beyond the cache size. A page
 * still loading stays: its placeholders may be on screen. */
static void
trim_cache (CivRecordListModel *self)
{
  GList *link = self->lru.tail;

  while (link != NULL && g_hash_table_size (self->pages) > self->max_pages)
    {
      GList *prev = link->prev;
      guint  index = GPOINTER_TO_UINT (link->data);
      Page  *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

      if (!page->pending)
        {
          g_queue_delete_link (&self->lru, link);
          g_hash_table_remove (self->pages, GUINT_TO_POINTER (index));
        }
      link = prev;
    }
}

static Page *
request_page (CivRecordListModel *self, guint index)
{
  Page  *page = g_new0 (Page, 1);
  guint  first = index * CIV_RECORD_LIST_PAGE_SIZE;
  guint  n = MIN (CIV_RECORD_LIST_PAGE_SIZE, self->ids->len - first);
  Job   *job = g_new0 (Job, 1);
  GTask *task;

  page->index = index;
  page->pending = TRUE;
  page->items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (page->items,
                     civ_record_item_new (g_array_index (self->ids, gint64, first + i)));
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (index));
  page->lru_link = self->lru.head;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);

  job->kind = JOB_PAGE;
  job->db = g_object_ref (self->db);
  job->generation = self->generation;
  job->page = index;
  job->query = self->query ? civ_search_query_ref (self->query) : NULL;
  job->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  g_array_append_vals (job->ids, &g_array_index (self->ids, gint64, first), n);
  task = g_task_new (self, self->cancellable, on_page_loaded_cb, NULL);
  g_task_set_source_tag (task, request_page);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  dispatch (self, task);

  trim_cache (self);
  return page;
}

static GType
civ_record_list_model_get_item_type (GListModel *list)
{
  return CIV_TYPE_RECORD_ITEM;
}

static guint
civ_record_list_model_get_n_items (GListModel *list)
{
  CivRecordListModel *self = CIV_RECORD_LIST_MODEL (list);

  return self->ids->len;
}

static gpointer
civ_record_list_model_get_item (GListModel *list, guint position)
{
  CivRecordListModel *self = CIV_RECORD_LIST_MODEL (list);
  guint               index = position / CIV_RECORD_LIST_PAGE_SIZE;
  Page               *page;

  if (position >= self->ids->len)
    return NULL;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page == NULL)
    page = request_page (self, index);
  else if (page->lru_link != self->lru.head)
    {
      g_queue_unlink (&self->lru, page->lru_link);
      g_queue_push_head_link (&self->lru, page->lru_link);
    }
  return g_object_ref (g_ptr_array_index (page->items, position % CIV_RECORD_LIST_PAGE_SIZE));
}

static void
civ_record_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = civ_record_list_model_get_item_type;
  iface->get_n_items = civ_record_list_model_get_n_items;
  iface->get_item = civ_record_list_model_get_item;
}

static void
dispatch_query_job (CivRecordListModel *self, JobKind kind, GAsyncReadyCallback callback)
{
  Job   *job = g_new0 (Job, 1);
  GTask *task;

  job->kind = kind;
  job->db = g_object_ref (self->db);
  job->generation = self->generation;
  job->query = civ_search_query_ref (self->query);
  task = g_task_new (self, self->cancellable, callback, NULL);
  g_task_set_source_tag (task, civ_record_list_model_set_query);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  dispatch (self, task);
}

/* Replaces every row with @ids (one items-changed); the cache is emptied. */
static void
replace_ids (CivRecordListModel *self, GArray *ids)
{
  guint removed = self->ids->len;

  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
  g_array_unref (self->ids);
  self->ids = ids;
  if (removed > 0 || ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, ids->len);
}

static void
on_ids_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivRecordListModel *self = CIV_RECORD_LIST_MODEL (source);
  Job                *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  GArray *ids = g_task_propagate_pointer (G_TASK (result), &error);
  guint   shown;

  if (job->generation != self->generation)
    {
      g_clear_pointer (&ids, g_array_unref);
      return;
    }
  set_loading (self, FALSE);
  if (ids == NULL)
    {
      /* The first page stays: it is a true beginning of the result. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error_message (self, error->message);
      return;
    }
  set_error_message (self, NULL);

  /* The first page was read by the same serial worker just before: the id
   * list begins with it unless a write came in between. */
  shown = self->ids->len;
  if (ids->len >= shown &&
      memcmp (ids->data, self->ids->data, (gsize) shown * sizeof (gint64)) == 0)
    {
      g_array_unref (self->ids);
      self->ids = ids;
      if (ids->len > shown)
        g_list_model_items_changed (G_LIST_MODEL (self), shown, 0, ids->len - shown);
    }
  else
    replace_ids (self, ids);
}

static void
on_first_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivRecordListModel *self = CIV_RECORD_LIST_MODEL (source);
  Job                *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = g_task_propagate_pointer (G_TASK (result), &error);
  GArray *ids;
  Page   *page;
  guint   removed;

  if (job->generation != self->generation)
    return;
  if (rows == NULL)
    {
      set_loading (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error_message (self, error->message);
      replace_ids (self, g_array_new (FALSE, FALSE, sizeof (gint64)));
      return;
    }
  set_error_message (self, NULL);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), rows->len);
  page = g_new0 (Page, 1);
  page->index = 0;
  page->items = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      CivSearchRow  *row = g_ptr_array_index (rows, i);
      CivRecordItem *item = civ_record_item_new (row->id);

      civ_record_item_fill (item, row);
      g_ptr_array_add (page->items, item);
      g_array_append_val (ids, row->id);
    }

  /* A short first page is the whole result: no id list to wait for. */
  if (rows->len < CIV_RECORD_LIST_PAGE_SIZE)
    set_loading (self, FALSE);
  /* The loaded page is in the cache before items-changed: a view asks for
   * the new rows while handling it. */
  removed = self->ids->len;
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
  g_array_unref (self->ids);
  self->ids = ids;
  if (rows->len > 0)
    {
      g_queue_push_head (&self->lru, GUINT_TO_POINTER (0));
      page->lru_link = self->lru.head;
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (0), page);
    }
  else
    page_free (page);
  if (removed > 0 || ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, ids->len);
  if (rows->len == CIV_RECORD_LIST_PAGE_SIZE)
    dispatch_query_job (self, JOB_IDS, on_ids_loaded_cb);
}

void
civ_record_list_model_set_query (CivRecordListModel *self, CivSearchQuery *query)
{
  g_return_if_fail (CIV_IS_RECORD_LIST_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  g_clear_pointer (&self->query, civ_search_query_unref);

  if (query == NULL)
    {
      set_loading (self, FALSE);
      replace_ids (self, g_array_new (FALSE, FALSE, sizeof (gint64)));
      return;
    }

  self->query = civ_search_query_ref (query);
  set_loading (self, TRUE);
  dispatch_query_job (self, JOB_FIRST, on_first_loaded_cb);
}

CivSearchQuery *
civ_record_list_model_get_query (CivRecordListModel *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_LIST_MODEL (self), NULL);
  return self->query;
}

gboolean
civ_record_list_model_get_loading (CivRecordListModel *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_LIST_MODEL (self), FALSE);
  return self->loading;
}

const char *
civ_record_list_model_get_error_message (CivRecordListModel *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_LIST_MODEL (self), NULL);
  return self->error_message;
}

guint
civ_record_list_model_get_generation (CivRecordListModel *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_LIST_MODEL (self), 0);
  return self->generation;
}

guint
civ_record_list_model_get_cached_pages (CivRecordListModel *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_LIST_MODEL (self), 0);
  return g_hash_table_size (self->pages);
}

static void
civ_record_list_model_dispose (GObject *object)
{
  CivRecordListModel *self = CIV_RECORD_LIST_MODEL (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);

  G_OBJECT_CLASS (civ_record_list_model_parent_class)->dispose (object);
}

static void
civ_record_list_model_finalize (GObject *object)
{
  CivRecordListModel *self = CIV_RECORD_LIST_MODEL (object);

  g_clear_pointer (&self->query, civ_search_query_unref);
  g_array_unref (self->ids);
  g_hash_table_unref (self->pages);
  g_free (self->error_message);
  g_clear_object (&self->db);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (civ_record_list_model_parent_class)->finalize (object);
}

static void
civ_record_list_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CivRecordListModel *self = CIV_RECORD_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civ_record_list_model_class_init (CivRecordListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = civ_record_list_model_dispose;
  object_class->finalize = civ_record_list_model_finalize;
  object_class->get_property = civ_record_list_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
civ_record_list_model_init (CivRecordListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages =
    g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) page_free);
  g_queue_init (&self->lru);
  self->cancellable = g_cancellable_new ();
  self->max_pages = CIV_RECORD_LIST_MAX_PAGES;
}

CivRecordListModel *
civ_record_list_model_new (CivDb *db, CivWorker *worker)
{
  CivRecordListModel *self;

  g_return_val_if_fail (CIV_IS_DB (db), NULL);
  g_return_val_if_fail (CIV_IS_WORKER (worker), NULL);

  self = g_object_new (CIV_TYPE_RECORD_LIST_MODEL, NULL);
  self->db = g_object_ref (db);
  self->worker = g_object_ref (worker);
  return self;
}

CivDb *
civ_record_list_model_get_db (CivRecordListModel *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_LIST_MODEL (self), NULL);
  return self->db;
}

void
civ_record_list_model_set_max_pages (CivRecordListModel *self, guint max_pages)
{
  g_return_if_fail (CIV_IS_RECORD_LIST_MODEL (self));

  self->max_pages = MAX (max_pages, 1);
  trim_cache (self);
}
