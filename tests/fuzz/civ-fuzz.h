// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-fuzz.h — what every fuzz target declares (libFuzzer's entry point) */
#pragma once

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
/* Makes a GLib critical or warning abort (civ-fuzz.c); libFuzzer calls
 * it once, the replay driver too. */
int LLVMFuzzerInitialize (int *argc, char ***argv);
