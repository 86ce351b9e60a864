// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-sane-deferred-cancel.c — linked into the scanner tests only
 *
 * SANE's test backend runs its picture generator on a thread that
 * sanei_thread makes cancellable at any instruction
 * (pthread_setcanceltype (PTHREAD_CANCEL_ASYNCHRONOUS)), and stops it with
 * pthread_cancel () at the end of every frame and on sane_cancel (). A
 * thread cancelled inside malloc (), free () or the dynamic loader dies with
 * their lock held, and the whole process then waits forever on it: the
 * scanner tests hung once in a few dozen runs, at the start or the end of a
 * page, or in GTK loading a module.
 *
 * The test programs export this definition (export_dynamic), so the
 * backend's call binds to it instead of glibc's: its threads stay
 * cancellable, but only at cancellation points (the write () to its pipe,
 * where it spends its time), never inside the allocator. The scanner code
 * under test is unchanged. Real scanners use their own backends; see
 * docs/devices.md ("Scanner").
 */
#include <pthread.h>

int
pthread_setcanceltype (int type, int *oldtype)
{
  (void) type;
  if (oldtype != NULL)
    *oldtype = PTHREAD_CANCEL_DEFERRED;
  return 0;
}
