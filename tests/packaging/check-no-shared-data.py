#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that no file of the tree is a copy of the reference data in
../shared/data (division codes, holiday calendars): the application imports
that data at run time, tests use small fixtures of their own.

  check-no-shared-data.py SOURCE_ROOT SHARED_DATA

Compares the SHA-256 of every file under the tree (build folders and .git
left out) with those of every file under SHARED_DATA, and the lines of
text files: a file sharing 20 or more lines with a reference file is a
partial copy. Exits 77 (skip) when SHARED_DATA does not exist.
"""
import hashlib
import os
import sys

MIN_SHARED_LINES = 20


def files(root, skip_build):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames
                             if not (skip_build and (d.startswith('.') or d.startswith('_'))))
        for name in sorted(filenames):
            yield os.path.join(dirpath, name)


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def main():
    root, shared = sys.argv[1], sys.argv[2]
    if not os.path.isdir(shared):
        print(f'SKIP: {shared} does not exist')
        return 77
    sums = {}
    lines = set()
    for path in files(shared, False):
        data = read(path)
        sums[hashlib.sha256(data).hexdigest()] = path
        for line in data.splitlines():
            if len(line.strip()) > 8:
                lines.add(line.strip())
    bad = []
    for path in files(root, True):
        data = read(path)
        rel = os.path.relpath(path, root)
        digest = hashlib.sha256(data).hexdigest()
        if digest in sums:
            bad.append(f'{rel}: a copy of {sums[digest]}')
            continue
        if b'\0' in data[:4096]:
            continue
        shared_lines = sum(1 for line in data.splitlines() if line.strip() in lines)
        if shared_lines >= MIN_SHARED_LINES:
            bad.append(f'{rel}: {shared_lines} lines of the reference data')
    for line in bad:
        print('FAIL:', line)
    if bad:
        print('Reference data is imported at run time, never committed: use a small fixture.')
        return 1
    print(f'ok: no copy of {shared}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
