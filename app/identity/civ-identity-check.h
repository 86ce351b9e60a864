// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-identity-check.h — how a party was identified at the counter
 * (architecture.md §5, issue 13)
 *
 * One check per method a registrar used for a party: the ID card's chip
 * read (GA/T 467, civ-card-reader.h), a face comparison or a fingerprint
 * comparison (a vendor plug-in, civ-identity-plugin.h), or the registrar's
 * own visual check of the card photo against the person — what is recorded
 * when no comparison device is installed. Each check has a result, the
 * score a device gives (0…100), the device, the operator and the time.
 *
 * A chip read also keeps what the chip said (name, number, validity), the
 * form fields that still hold the chip's values when the registration is
 * made ("read from card"), whether a plug-in decoded the photo, and the
 * 1024-byte WLT photo exactly as read.
 *
 * The checks are stored with the registration in its transaction, audited
 * ("identity.check"), shown in the record view and carried in the report to
 * the province.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "civ-card-data.h"
#include "civ-identity-check-store.h"
#include "civ-session.h"
#include "civ-store.h"

G_BEGIN_DECLS

/* The stored codes (civ_identity_method_to_string) are stable. */
typedef enum
{
  CIV_IDENTITY_CARD_CHIP = 0, /* the ID card's chip read by a reader */
  CIV_IDENTITY_FACE,          /* face comparison (vendor plug-in) */
  CIV_IDENTITY_FINGERPRINT,   /* fingerprint comparison (vendor plug-in) */
  CIV_IDENTITY_VISUAL,        /* the registrar compared the card photo with the person */
  CIV_N_IDENTITY_METHODS
} CivIdentityMethod;

const char *civ_identity_method_to_string (CivIdentityMethod method);
gboolean    civ_identity_method_from_string (const char *code, CivIdentityMethod *method);
/* A person's words for a method, and for a stored method code. */
const char *civ_identity_method_label (CivIdentityMethod method);
const char *civ_identity_method_label_for_code (const char *code);
/* A person's words for a stored result ("passed" / "failed") of @method. */
const char *civ_identity_result_label (const char *method_code, const char *result_code);

/* Fields of a party's form that a chip read can fill; the codes name them
 * in the record ("read from card"). */
#define CIV_CARD_FIELD_NAME "name"
#define CIV_CARD_FIELD_NUMBER "number"
#define CIV_CARD_FIELD_SEX "sex"
#define CIV_CARD_FIELD_BIRTH "birth_date"
#define CIV_CARD_FIELD_ETHNICITY "ethnicity"

/* Longest device description kept, in characters. */
#define CIV_IDENTITY_MAX_DEVICE 200
/* Size of the WLT photo on a second-generation ID card. */
#define CIV_IDENTITY_WLT_BYTES 1024

typedef struct
{
  CivIdentityMethod method;
  gboolean          passed;
  double            score;      /* 0…100, negative when the device gives none */
  char             *device;     /* "ID-card reader on /dev/ttyUSB0", a plug-in's vendor … */
  GDateTime        *checked_at; /* when it was made at the counter */
  /* A chip read only: */
  char             *card_name;
  char             *card_number;
  GDate             card_valid_until; /* not valid: long-term (长期) */
  char            **kept_fields;      /* CIV_CARD_FIELD_*: the form still holds the chip's value */
  gboolean          photo_decoded;    /* a plug-in turned the WLT into a picture */
  GBytes           *wlt;              /* CIV_IDENTITY_WLT_BYTES, as read */
} CivIdentityCheckInput;

/* A check made now by @method; @score negative for none. */
CivIdentityCheckInput *civ_identity_check_input_new (CivIdentityMethod method,
                                                     gboolean          passed,
                                                     double            score,
                                                     const char       *device);
/* A chip read of @card made now by @device: what the chip said, the raw
 * WLT photo, whether a plug-in decoded it. The kept fields are set by the
 * form when the registration is made. */
CivIdentityCheckInput *civ_identity_check_input_new_from_card (const CivCardData *card,
                                                               const char        *device);
CivIdentityCheckInput *civ_identity_check_input_copy (const CivIdentityCheckInput *input);
void                   civ_identity_check_input_free (CivIdentityCheckInput *input);
/* A new array that owns CivIdentityCheckInput. */
GPtrArray             *civ_identity_checks_new (void);
/* A deep copy of @checks (or an empty array for NULL). */
GPtrArray             *civ_identity_checks_copy (GPtrArray *checks);

/* TRUE when @input is whole and sane (a method, a score within 0…100, a
 * device description, a time; a chip read with a name, a number and a WLT
 * of CIV_IDENTITY_WLT_BYTES or none); otherwise CIV_APP_ERROR_INVALID
 * with a message for the counter. */
gboolean civ_identity_check_input_check (const CivIdentityCheckInput *input, GError **error);

/* TRUE when @field is among the chip read's kept fields. */
gboolean civ_identity_check_input_kept (const CivIdentityCheckInput *input, const char *field);

/* Findings on a party's checks for a registration on @event_date under the
 * kind's documents rule @rule (R-M10 for marriage, R-D2 for divorce …):
 * a card that expired before the event date, a number typed that is not
 * the chip's, a comparison that failed — each a warning for the registrar. */
void civ_identity_checks_findings (GPtrArray   *checks,
                                   const char  *typed_number,
                                   const GDate *event_date,
                                   const char  *rule,
                                   GPtrArray   *findings);

/* For use cases that already hold a transaction: stores every check of
 * @checks (CivIdentityCheckInput) of party @party (@party_name) of the
 * registration @record_kind / @record_id, with one "identity.check" audit
 * entry each. No permission check here. */
gboolean _civ_identity_checks_store (CivStore   *store,
                                     const char *record_kind,
                                     const char *record_id,
                                     guint       party,
                                     const char *party_name,
                                     GPtrArray  *checks,
                                     GError    **error);

/* Adds the checks of @checks (CivIdentityCheckInput) as a JSON array to
 * @builder (after a member name): method, result, score, device, time, and
 * for a chip read the fields read from the card. */
void civ_identity_checks_to_json (JsonBuilder *builder, GPtrArray *checks);

/* The identity checks of the marriage record with this record id or
 * certificate number (CivIdentityCheckRow), by party. Needs
 * CIV_PERM_REGISTER_MARRIAGE. */
GPtrArray *civ_identity_checks_for_marriage (CivStore   *store,
                                             const char *record_or_certificate,
                                             GError    **error);
void       civ_identity_checks_for_marriage_async (CivSession         *session,
                                                   gpointer            source_object,
                                                   const char         *record_or_certificate,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
GPtrArray *civ_identity_checks_for_marriage_finish (CivSession   *session,
                                                    GAsyncResult *result,
                                                    GError      **error);

/* The fields of a stored chip read that the form kept (its detail), as a
 * NULL-terminated list of CIV_CARD_FIELD_* codes; empty for other checks. */
GStrv civ_identity_check_row_kept_fields (const CivIdentityCheckRow *row);

/* What a person reads of a stored check, in one line: the result, the
 * score, the device, for a chip read the fields read from the card and
 * whether its photo was decoded ("photo not decoded" without a plug-in),
 * the operator and the local time. */
char *civ_identity_check_row_describe (const CivIdentityCheckRow *row);

/* A face comparison (@method CIV_IDENTITY_FACE: the card's decoded photo
 * @card_png against @live_photo, a JPEG or PNG taken at the counter) or a
 * fingerprint comparison (CIV_IDENTITY_FINGERPRINT: the plug-in drives its
 * own device; the photos are NULL) by the installed vendor plug-in
 * (civ-identity-plugin.h), on a thread of its own: the device may take
 * seconds. The result is the check to record, passed or failed, with the
 * plug-in's score and device. CIV_IDENTITY_PLUGIN_ERROR_UNSUPPORTED when
 * no plug-in offers it. */
void                   civ_identity_compare_async (CivIdentityMethod   method,
                                                   GBytes             *card_png,
                                                   GBytes             *live_photo,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
CivIdentityCheckInput *civ_identity_compare_finish (GAsyncResult *result, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivIdentityCheckInput, civ_identity_check_input_free)

G_END_DECLS
