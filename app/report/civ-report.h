// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report.h — reporting to the provincial system over HTTPS
 * (architecture.md §6, docs/provincial-protocol.md)
 *
 * Enrollment stores the server URL, the provincial CA, optional public-key
 * pins, the client certificate and key and a new Ed25519 signing key in
 * the encrypted database. A sync delivers the outbox in signed batches
 * with libcurl in steps: the database steps run on the thread that owns the
 * connection, the POST between them on another thread, so a slow province
 * never holds the database (civ_report_sync_async()). civ_report_sync()
 * runs the same steps on the calling thread (civreg-cli, tests). Every
 * outcome is audited.
 */
#pragma once

#include "civ-marriage-rules.h"
#include "civ-refdata.h"
#include "civ-number-store.h"
#include "civ-report-store.h"
#include "civ-store.h"
#include "civ-worker.h"

G_BEGIN_DECLS

#define CIV_REPORT_ERROR (civ_report_error_quark ())

typedef enum
{
  CIV_REPORT_ERROR_NOT_ENROLLED, /* no enrollment yet */
  CIV_REPORT_ERROR_INVALID,      /* bad enrollment input; nothing was changed */
  CIV_REPORT_ERROR_CRYPTO,       /* libgcrypt / GnuTLS failure */
  CIV_REPORT_ERROR_TRANSPORT,    /* timeout, connection failure, 408/429/5xx: retried later */
  CIV_REPORT_ERROR_SECURITY,     /* certificate, pin or client-certificate failure: alarm */
  CIV_REPORT_ERROR_REFUSED,      /* another 4xx: the batch was parked */
  CIV_REPORT_ERROR_PROTOCOL,     /* a reply that does not follow the protocol */
} CivReportError;

GQuark civ_report_error_quark (void);

/* New connections closed by the province without a TLS alert and without
 * an answer, in a row and each on its own attempt, that raise the "province
 * refuses connections" alarm (protocol §6). */
#define CIV_REPORT_RESET_ALARM_AFTER 3

/* Default batch size (items per POST). */
#define CIV_REPORT_BATCH_SIZE 200

typedef struct
{
  const char        *server_url; /* https://host[:port] */
  const char        *ca_file;    /* PEM: the provincial CA */
  const char *const *pins;       /* "sha256//BASE64", NULL-terminated, may be NULL */
  const char        *cert_file;  /* PEM client certificate … */
  const char        *key_file;   /* … and its PEM private key, or: */
  const char        *p12_file;   /* PKCS #12 bundle with both */
  const char        *p12_password;
  int                timeout_ms; /* 0 = 30 s */
} CivReportEnrollInput;

/* Needs CIV_PERM_MANAGE_REPORTING. Validates everything, generates the
 * signing key (kept when @keep_signing_key and one exists) and stores the
 * enrollment; audited as "report.enroll". Returns the public key (base64)
 * to hand to the province. */
char *civ_report_enroll (CivStore                   *store,
                         const CivReportEnrollInput *input,
                         gboolean                    keep_signing_key,
                         GError                    **error);

typedef struct
{
  gboolean ignore_schedule; /* "retry now": ignore next_attempt_at */
  guint    batch_size;      /* 0 = CIV_REPORT_BATCH_SIZE */
} CivReportSyncOptions;

typedef struct
{
  gboolean posted;      /* a request was answered */
  gboolean served;      /* the province hands out number blocks */
  gboolean from_blocks; /* the office draws from blocks now */
  guint    blocks;      /* blocks received */
  guint    refused;     /* entries the province refused */
  char    *refusal;     /* the first refusal's reason */
} CivReportNumbersResult;

void civ_report_numbers_result_clear (CivReportNumbersResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CivReportNumbersResult, civ_report_numbers_result_clear)

typedef struct
{
  guint                  batches;
  guint                  accepted;   /* delivered now, new at the server */
  guint                  duplicates; /* delivered now, the server already had them */
  guint                  parked;     /* parked now */
  guint                  retrying;   /* left pending with a retry time */
  gint64                 pending;    /* pending after the sync */
  gboolean               tampering;  /* the server reported a rewritten audit history */
  char                  *tamper_detail;
  CivReportNumbersResult numbers;         /* the number blocks exchanged after the reports */
  char                  *numbers_failure; /* why that exchange failed, or NULL */
  guint divorces_changed; /* open divorce applications taken or closed at another window */
  char *divorces_failure; /* why asking about them failed, or NULL */
} CivReportSyncResult;

void civ_report_sync_result_clear (CivReportSyncResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CivReportSyncResult, civ_report_sync_result_clear)

/* Delivers due outbox rows in batches until none is due or a batch fails.
 * Needs CIV_PERM_SEND_REPORTS. Returns FALSE with CIV_REPORT_ERROR_TRANSPORT
 * (rows rescheduled), _SECURITY (alarm audited, nothing changed but the
 * rows' last error), _NOT_ENROLLED or a storage error; @result is filled
 * in either case. */
gboolean civ_report_sync (CivStore                   *store,
                          const CivReportSyncOptions *options,
                          CivReportSyncResult        *result,
                          GError                    **error);

/* The steps of one sync run. next, record and finish_run run on the thread
 * that owns @store's connection; post never touches the database. */
typedef struct _CivReportSync CivReportSync;

CivReportSync *civ_report_sync_new (const CivReportSyncOptions *options);
void           civ_report_sync_free (CivReportSync *sync);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivReportSync, civ_report_sync_free)
/* Reads the next due batch and signs it: TRUE when one is ready to post,
 * FALSE when the run is over (nothing due, or a failure kept for finish). */
gboolean civ_report_sync_next (CivReportSync *sync, CivStore *store);
/* Posts the batch; @cancellable (lock, log-out) aborts the transfer. */
void     civ_report_sync_post (CivReportSync *sync, GCancellable *cancellable);
/* Records the answer (receipts, parking, retries, alarms): TRUE to go on
 * with the next batch. */
gboolean civ_report_sync_record (CivReportSync *sync, CivStore *store);
/* Audits the run ("report.sync") and counts what is pending; fills
 * @result and returns the run's failure, as civ_report_sync(). */
gboolean civ_report_sync_finish_run (CivReportSync       *sync,
                                     CivStore            *store,
                                     CivReportSyncResult *result,
                                     GError             **error);

typedef struct
{
  gboolean            ok;
  CivReportSyncResult result;
  GError             *error;
} CivReportSyncOutcome;

void civ_report_sync_outcome_free (CivReportSyncOutcome *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivReportSyncOutcome, civ_report_sync_outcome_free)

/* A whole sync without holding @worker during the POSTs: each database step
 * is a job on @worker, each POST runs on a thread of its own. Cancelling
 * @cancellable aborts a POST in flight (its batch stays pending). */
void                  civ_report_sync_async (CivWorker                  *worker,
                                             CivStore                   *store,
                                             gpointer                    source_object,
                                             const CivReportSyncOptions *options,
                                             GCancellable               *cancellable,
                                             GAsyncReadyCallback         callback,
                                             gpointer                    user_data);
CivReportSyncOutcome *civ_report_sync_async_finish (GAsyncResult *result);

/* Parked → pending (a person looked at it). Needs CIV_PERM_MANAGE_REPORTING;
 * audited as "report.requeue". @id 0 requeues every parked row. */
gboolean civ_report_requeue (CivStore *store, gint64 id, guint *n_requeued, GError **error);

typedef struct
{
  CivStatusSource  source; /* ONLINE when the province answered */
  gboolean         known;  /* the province has a record of the person */
  CivMaritalStatus status; /* GB/T 2261.2; NOT_STATED when unknown or local-only */
  char            *current_marriage;
  /* Registrations numbered at other windows of the office and not yet
   * reported, and how many windows hold them (issue 17): what the answer
   * cannot include. */
  gint64           pending_elsewhere;
  guint            windows_pending;
} CivReportMaritalAnswer;

void civ_report_marital_answer_clear (CivReportMaritalAnswer *answer);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CivReportMaritalAnswer, civ_report_marital_answer_clear)

/* The province as the online checks need it, in three steps so that no
 * request holds the database: load (on the thread that owns the
 * connection: the enrollment, the permission), ask (any other thread: no
 * database), record (the owning thread again: one "report.status-check"
 * audit entry per online answer, and the security alarm for a refused
 * certificate, as protocol §6 says). */
typedef struct _CivReportProvince CivReportProvince;

CivReportProvince *civ_report_province_load (CivStore *store);
void               civ_report_province_free (CivReportProvince *province);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivReportProvince, civ_report_province_free)
void civ_report_province_record (CivReportProvince *province, CivStore *store);

/* The online check (联网核对, R-M7) for a normalised identity key. Never
 * fails: when the workstation is not enrolled or the province does not
 * answer within @timeout_ms (0 = 5 s), the answer's source is LOCAL_ONLY.
 * A certificate failure also raises the security alarm. */
void civ_report_check_marital_status (CivStore               *store,
                                      const char             *id_key,
                                      int                     timeout_ms,
                                      CivReportMaritalAnswer *answer);

/* Online answers remembered for the live preview of one form, so that a
 * registrar typing does not ask the province (and write a
 * "report.status-check" audit entry) on every keystroke. Only ONLINE
 * answers are kept, each for @ttl_us microseconds (monotonic clock); the
 * identity keys stay in memory only. Safe to use from worker threads. A
 * registration must not use it: it asks the province afresh. */
typedef struct _CivReportStatusCache CivReportStatusCache;

CivReportStatusCache *civ_report_status_cache_new (gint64 ttl_us);
void                  civ_report_status_cache_free (CivReportStatusCache *cache);
/* Forgets every answer (a new couple at the counter). */
void                  civ_report_status_cache_clear (CivReportStatusCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivReportStatusCache, civ_report_status_cache_free)

/* civ_report_check_marital_status() through @cache: a remembered answer
 * younger than the cache's lifetime is returned without asking. */
void civ_report_check_marital_status_cached (CivStore               *store,
                                             CivReportStatusCache   *cache,
                                             const char             *id_key,
                                             int                     timeout_ms,
                                             CivReportMaritalAnswer *answer);

/* The online check without the database: the answer is LOCAL_ONLY when the
 * workstation is not enrolled, the operator may not check, or the province
 * does not answer within @timeout_ms (0 = 5 s) or before @cancellable is
 * cancelled. With @cache (may be NULL), as the _cached variant. */
void civ_report_province_ask_status (CivReportProvince      *province,
                                     CivReportStatusCache   *cache,
                                     const char             *id_key,
                                     int                     timeout_ms,
                                     GCancellable           *cancellable,
                                     CivReportMaritalAnswer *answer);

/* Downloads the reference data the province lists (checking size and
 * SHA-256) and imports it (CIV_PERM_IMPORT_REFDATA). @reports as
 * civ_refdata_import(). */
gboolean civ_report_fetch_refdata (CivStore *store, GPtrArray **reports, GError **error);

/* Certificate numbers from the province (issue 17, R-N1, protocol §8). An
 * enrolled office whose province hands out number blocks draws its serials
 * from them; the exchange reports the office's local serials once (they
 * become its first block), what was drawn, voided and returned, and asks
 * for blocks when fewer than the reserve (settings numbers.reserve, 100 by
 * default: the registrations a workstation can make offline) are left. A
 * request is stored before it is posted and posted again byte for byte
 * until answered, so a lost answer loses no block. */
#define CIV_NUMBERS_RESERVE_DEFAULT 100

/* The whole exchange on the calling thread (civreg-cli, tests): needs
 * CIV_PERM_SEND_REPORTS; @force also asks after the province said it serves
 * no blocks today, or refused the office's claim. */
gboolean civ_report_numbers_exchange (CivStore               *store,
                                      gboolean                force,
                                      CivReportNumbersResult *result,
                                      GError                **error);

/* Its steps: prepare and record on the thread that owns the connection,
 * post on any other. */
typedef struct _CivReportNumbers CivReportNumbers;

CivReportNumbers *civ_report_numbers_prepare (CivStore *store, gboolean force);
/* TRUE when there is a request to post. */
gboolean          civ_report_numbers_ready (CivReportNumbers *numbers);
void              civ_report_numbers_post (CivReportNumbers *numbers, GCancellable *cancellable);
/* Records the answer; *@again when another exchange should follow (the
 * claim was accepted: now the blocks). */
gboolean          civ_report_numbers_record (CivReportNumbers       *numbers,
                                             CivStore               *store,
                                             CivReportNumbersResult *result,
                                             gboolean               *again,
                                             GError                **error);
void              civ_report_numbers_free (CivReportNumbers *numbers);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivReportNumbers, civ_report_numbers_free)

/* Divorce applications across the windows of one office (issue 17, R-D6,
 * protocol §10). Taking one: the province's applications of this office for
 * @key (a marriage certificate number, a spouse's identity number or the
 * application's record id), the open one taken at the province and imported
 * here with its marriage (civ_divorce_import_taken(); needs
 * CIV_PERM_REGISTER_MARRIAGE). A closed one is refused with R-D6 saying what
 * became of it. *@taken (may be NULL) receives the application's record id. */
gboolean civ_report_divorce_take (
  CivStore *store, const char *key, const GDate *today, char **taken, GError **error);
/* After a delivery: what became of this window's open applications
 * elsewhere (civ_divorce_apply_remote()); needs CIV_PERM_SEND_REPORTS. */
gboolean civ_report_divorces_refresh (CivStore *store, guint *changed, GError **error);

/* Their steps: prepare and record on the thread that owns the connection,
 * ask on any other. */
typedef struct _CivReportDivorces CivReportDivorces;

CivReportDivorces *civ_report_divorces_prepare_take (CivStore *store, const char *key);
CivReportDivorces *civ_report_divorces_prepare_refresh (CivStore *store);
/* TRUE when there is something to ask. */
gboolean           civ_report_divorces_ready (CivReportDivorces *divorces);
void               civ_report_divorces_ask (CivReportDivorces *divorces, GCancellable *cancellable);
/* @today: the counter's date (taking); @taken as above; *@changed (may be
 * NULL) the applications changed here. */
gboolean           civ_report_divorces_record (CivReportDivorces *divorces,
                                               CivStore          *store,
                                               const GDate       *today,
                                               char             **taken,
                                               guint             *changed,
                                               GError           **error);
void               civ_report_divorces_free (CivReportDivorces *divorces);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivReportDivorces, civ_report_divorces_free)

typedef struct
{
  char  *prefix;
  int    year;
  gint64 left;        /* serials left to draw */
  guint  blocks;      /* blocks not returned */
  char  *next_number; /* the number the next registration gets, or NULL */
} CivNumbersSeries;

typedef struct
{
  gboolean   enrolled;
  gboolean   from_blocks;
  gint64     reserve;
  char      *claim_refused;   /* the province refused the office's local serials */
  char      *not_served_on;   /* the day the province said it serves no blocks */
  gboolean   request_pending; /* a request waits for its answer */
  GPtrArray *series;          /* CivNumbersSeries, by prefix and year */
  GPtrArray *blocks;          /* CivNumberBlock (civ-number-store.h) */
  GPtrArray *voids;           /* CivNumberVoid */
} CivNumbersStatus;

void civ_numbers_status_free (CivNumbersStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivNumbersStatus, civ_numbers_status_free)

/* Needs CIV_PERM_SEND_REPORTS. */
CivNumbersStatus *civ_numbers_status (CivStore *store, GError **error);
/* The status as a registrar reads it: where numbers come from, and per
 * series the serials left and the next number. */
char             *civ_numbers_describe (const CivNumbersStatus *status);
/* Gives back the unused serials of every block of @year (and @prefix when
 * not NULL), for @reason (year-end, retired, reinstall); reported at the
 * next exchange. Needs CIV_PERM_MANAGE_REPORTING; audited as
 * "numbers.return". *@n_returned: serials given back. */
gboolean          civ_numbers_return (CivStore   *store,
                                      int         year,
                                      const char *prefix,
                                      const char *reason,
                                      guint      *n_blocks,
                                      gint64     *n_returned,
                                      GError    **error);
/* Sets the next serial of (@prefix, @year) aside with @reason. Needs
 * CIV_PERM_MANAGE_REPORTING; audited as "numbers.void". Returns the
 * number set aside. */
char             *civ_numbers_void_next (
              CivStore *store, const char *prefix, int year, const char *reason, GError **error);

G_END_DECLS
