// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-fuzz.h — what every fuzz target declares (libFuzzer's entry point) */
#pragma once

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
