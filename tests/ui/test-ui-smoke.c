// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-smoke.c — every templated widget builds from its .ui and goes away
 * again, so a template that names a missing widget or property fails here;
 * and every page of the main window's list declares what the window needs
 *
 * The templates are not listed by hand: every .ui file in the application's
 * GResource whose <template class="…"> names a type is one case. The type
 * is found the way GtkBuilder finds a type not registered yet, through the
 * get_type function its name gives (CivMainWindow: civ_main_window_get_type)
 * in this program, whose symbols meson exports for it (export_dynamic). A
 * new template whose type the program does not have, or that does not
 * build, fails its case. The template of an abstract base (a derivable
 * type such as CivRecordActionDialog) is never built on its own: its case
 * checks that a template of the list derives from it, and that one builds
 * the base's template with its own.
 */
#include "civ-ui-test-utils.h"

#include "civ-main-window-private.h"
#include "civ-page.h"

#include <string.h>

#define RESOURCE_ROOT "/org/civreg/Civreg/"

typedef struct
{
  char *path;       /* of the .ui file in the resource */
  char *class_name; /* its template's class */
} Template;

static void
template_free (gpointer data)
{
  Template *t = data;

  g_free (t->path);
  g_free (t->class_name);
  g_free (t);
}

static int
compare_templates (gconstpointer a, gconstpointer b)
{
  const Template *ta = *(const Template *const *) a;
  const Template *tb = *(const Template *const *) b;

  return strcmp (ta->class_name, tb->class_name);
}

static void
check_window (GType type)
{
  GtkWindow *window = g_object_new (type, NULL);
  gpointer   weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_present (window);
  civ_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (window)));
  gtk_window_destroy (window);
  civ_ui_test_wait_for (weak == NULL);
}

static void
check_widget (GType type)
{
  GtkWidget *widget = g_object_ref_sink (g_object_new (type, NULL));
  gpointer   weak = widget;

  g_object_add_weak_pointer (G_OBJECT (widget), &weak);
  g_object_unref (widget);
  civ_ui_test_wait_for (weak == NULL);
}

static void
on_start_element (GMarkupParseContext *context,
                  const char          *element,
                  const char         **names,
                  const char         **values,
                  gpointer             data,
                  GError             **error)
{
  char **class_name = data;

  if (strcmp (element, "template") != 0 || *class_name != NULL)
    return;
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], "class") == 0)
      *class_name = g_strdup (values[i]);
}

/* The class of the template in the .ui file at @path, or NULL without one. */
static char *
template_class (const char *path)
{
  static const GMarkupParser parser = { .start_element = on_start_element };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_autoptr (GMarkupParseContext) context = NULL;
  char       *class_name = NULL;
  gsize       size;
  const char *text;

  g_assert_no_error (error);
  text = g_bytes_get_data (bytes, &size);
  context = g_markup_parse_context_new (&parser, 0, &class_name, NULL);
  if (!g_markup_parse_context_parse (context, text, (gssize) size, &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    g_error ("%s: %s", path, error->message);
  return class_name;
}

/* Every .ui file under @dir in the registered resources, with its template. */
static void
collect_templates (const char *dir, GPtrArray *templates)
{
  g_auto (GStrv) children =
    g_resources_enumerate_children (dir, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (dir, children[i], NULL);
      Template        *t;

      if (g_str_has_suffix (path, "/"))
        {
          collect_templates (path, templates);
          continue;
        }
      if (!g_str_has_suffix (path, ".ui"))
        continue;
      t = g_new0 (Template, 1);
      t->class_name = template_class (path);
      t->path = g_steal_pointer (&path);
      if (t->class_name == NULL)
        template_free (t); /* a plain builder file: help-overlay.ui */
      else
        g_ptr_array_add (templates, t);
    }
}

typedef struct
{
  const Template *template;
  const GPtrArray *all; /* every Template found */
} Case;

/* A type of @all's templates (not @base) that derives from @base, or 0. */
static GType
find_subtype (const GPtrArray *all, GType base)
{
  for (guint i = 0; i < all->len; i++)
    {
      const Template *t = g_ptr_array_index (all, i);
      g_autoptr (GtkBuilder) builder = gtk_builder_new ();
      GType type = gtk_builder_get_type_from_name (builder, t->class_name);

      if (type != G_TYPE_INVALID && type != base && g_type_is_a (type, base))
        return type;
    }
  return 0;
}

static void
test_template (gconstpointer data)
{
  const Case     *c = data;
  const Template *t = c->template;
  g_autoptr (GtkBuilder) builder = gtk_builder_new ();
  GType type;

  /* Finds and calls the type's get_type function when nothing has yet. */
  type = gtk_builder_get_type_from_name (builder, t->class_name);
  if (type == G_TYPE_INVALID)
    {
      g_test_fail_printf ("%s: the template's class %s is no type this program has (its "
                          "get_type function is missing, or not linked in)",
                          t->path, t->class_name);
      return;
    }
  g_assert_true (g_type_from_name (t->class_name) == type);
  g_assert_true (g_type_is_a (type, GTK_TYPE_WIDGET));
  if (G_TYPE_IS_ABSTRACT (type))
    {
      GType subtype = find_subtype (c->all, type);

      if (subtype == 0)
        g_test_fail_printf ("%s: the template's class %s is abstract and no template of a "
                            "type derived from it was found",
                            t->path, t->class_name);
      else
        g_test_message ("%s is abstract: built with %s", t->class_name, g_type_name (subtype));
      return;
    }
  if (g_type_is_a (type, GTK_TYPE_WINDOW))
    check_window (type);
  else
    check_widget (type);
}

/* The templates were found at all: the main window's is among them. */
static void
test_templates_found (gconstpointer data)
{
  const GPtrArray *templates = data;
  gboolean         main_window = FALSE;

  g_assert_cmpuint (templates->len, >=, 10);
  for (guint i = 0; i < templates->len; i++)
    {
      const Template *t = g_ptr_array_index (templates, i);
      main_window |= strcmp (t->class_name, "CivMainWindow") == 0;
    }
  g_assert_true (main_window);
}

/* Every page the main window lists says what the sidebar shows and what the
 * window calls, under an id of its own, and builds and goes away again. */
static void
test_pages (void)
{
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint             n_types = 0;
  g_autofree GType *types = _civ_main_window_list_page_types (&n_types);

  g_assert_cmpuint (n_types, >, 0);
  for (guint i = 0; i < n_types; i++)
    {
      g_autoptr (GTypeClass) klass = g_type_class_ref (types[i]);
      CivPageInterface *iface = g_type_interface_peek (klass, CIV_TYPE_PAGE);
      const char       *id = civ_page_type_get_id (types[i]);

      g_test_message ("page %s: %s", g_type_name (types[i]), id);
      g_assert_true (g_type_is_a (types[i], CIV_TYPE_PAGE));
      g_assert_nonnull (iface);
      g_assert_nonnull (id);
      g_assert_true (g_hash_table_add (ids, (gpointer) id));
      g_assert_nonnull (civ_page_type_get_title (types[i]));
      g_assert_nonnull (civ_page_type_get_icon_name (types[i]));
      g_assert_true (iface->permission <= CIV_PAGE_EVERY_ROLE);
      g_assert_nonnull (iface->set_session);
      g_assert_nonnull (iface->clear);
      g_assert_nonnull (iface->reload);
      g_assert_nonnull (iface->set_today);
      check_widget (types[i]);
    }
  /* The first page is the one every role starts on. */
  for (CivRole role = 0; role < CIV_N_ROLES; role++)
    g_assert_true (civ_page_type_allows_role (types[0], role));
}

static void
test_help_overlay (void)
{
  g_autoptr (GtkBuilder) builder =
    gtk_builder_new_from_resource ("/org/civreg/Civreg/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_style_resource (void)
{
  g_autoptr (GBytes) css =
    g_resources_lookup_data ("/org/civreg/Civreg/style.css", G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_assert_nonnull (css);
  g_assert_cmpuint (g_bytes_get_size (css), >, 0);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GPtrArray) templates = g_ptr_array_new_with_free_func (template_free);
  g_autoptr (GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);

  civ_ui_test_init (&argc, &argv);

  collect_templates (RESOURCE_ROOT, templates);
  g_ptr_array_sort (templates, compare_templates);
  g_test_add_data_func ("/ui/smoke/templates-found", templates, test_templates_found);
  for (guint i = 0; i < templates->len; i++)
    {
      const Template  *t = g_ptr_array_index (templates, i);
      g_autofree char *name = g_strdup_printf ("/ui/smoke/template/%s", t->class_name);
      Case            *c = g_new0 (Case, 1);

      c->template = t;
      c->all = templates;
      g_ptr_array_add (cases, c);
      g_test_add_data_func (name, c, test_template);
    }
  g_test_add_func ("/ui/smoke/pages", test_pages);
  g_test_add_func ("/ui/smoke/help-overlay", test_help_overlay);
  g_test_add_func ("/ui/smoke/style", test_style_resource);
  return g_test_run ();
}
