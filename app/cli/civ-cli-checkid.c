/* civ-cli-checkid.c — check-id (being written) */
#include "civ-cli.h"
int civ_cli_cmd_check_id (CivCliGlobal *global, int argc, char **argv) { return CIV_EXIT_USAGE; }
