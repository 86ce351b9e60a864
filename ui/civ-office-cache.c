/* civ-office-cache.c — the office name to show before anyone logs in */
#include "civ-office-cache.h"

#include <glib/gstdio.h>

static char *
cache_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "civreg", "offices.ini", NULL);
}

static char *
group_for (const char *data_dir)
{
  return g_canonicalize_filename (data_dir, NULL);
}

gboolean
civ_office_cache_lookup (const char *data_dir, char **office_name, char **office_code)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = cache_path ();
  g_autofree char *group = group_for (data_dir);
  g_autofree char *name = NULL;

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL))
    return FALSE;
  name = g_key_file_get_string (kf, group, "name", NULL);
  if (name == NULL)
    return FALSE;
  if (office_code)
    *office_code = g_key_file_get_string (kf, group, "code", NULL);
  if (office_name)
    *office_name = g_steal_pointer (&name);
  return TRUE;
}

void
civ_office_cache_remember (const char *data_dir, const char *office_name, const char *office_code)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = cache_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *group = group_for (data_dir);

  if (office_name == NULL)
    return;
  g_key_file_load_from_file (kf, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  g_key_file_set_string (kf, group, "name", office_name);
  if (office_code)
    g_key_file_set_string (kf, group, "code", office_code);
  if (g_mkdir_with_parents (dir, 0700) == 0)
    g_key_file_save_to_file (kf, path, NULL);
}
