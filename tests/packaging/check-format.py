#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs clang-format --dry-run --Werror over the git-tracked *.c and *.h files.

  check-format.py SOURCE_ROOT

Fails listing the files that `make format` would change. Exit 77 (skip)
without clang-format, without git or outside a git checkout.
"""
import shutil
import subprocess
import sys


def main():
    root = sys.argv[1]
    clang_format = shutil.which('clang-format')
    if clang_format is None or shutil.which('git') is None:
        print('SKIP: clang-format or git is not installed')
        return 77
    res = subprocess.run(['git', '-C', root, 'ls-files', '*.c', '*.h'], capture_output=True, text=True)
    if res.returncode != 0:
        print('SKIP: not a git checkout')
        return 77
    files = [f for f in res.stdout.splitlines() if f]
    if not files:
        print('SKIP: no tracked C files')
        return 77

    # One clang-format per batch of files (a process per file takes minutes
    # on a busy machine); a batch that differs is looked at file by file.
    bad = []
    for start in range(0, len(files), 40):
        batch = files[start:start + 40]
        res = subprocess.run([clang_format, '--style=file', '--dry-run', '--Werror'] + batch,
                             cwd=root, capture_output=True, text=True)
        if res.returncode == 0:
            continue
        for rel in batch:
            res = subprocess.run([clang_format, '--style=file', '--dry-run', '--Werror', rel],
                                 cwd=root, capture_output=True, text=True)
            if res.returncode != 0:
                warnings = res.stderr.count('warning:') + res.stderr.count('error:')
                bad.append((rel, warnings, res.stderr))

    if bad:
        for rel, warnings, _ in bad:
            print(f'FAIL: {rel}: {warnings} place(s) differ from .clang-format')
        print('First differences:')
        print('\n'.join(bad[0][2].splitlines()[:30]))
        print(f'{len(bad)} of {len(files)} files need formatting: run `make format`')
        return 1
    print(f'OK: {len(files)} files match .clang-format')
    return 0


if __name__ == '__main__':
    sys.exit(main())
