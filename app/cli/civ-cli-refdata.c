/* civ-cli-refdata.c — refdata (being written) */
#include "civ-cli.h"
int civ_cli_cmd_refdata (CivCliGlobal *global, int argc, char **argv) { return CIV_EXIT_USAGE; }
