#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that every source file says its licence (GPL-3.0-or-later, as
meson.build and COPYING say).

  check-spdx.py SOURCE_ROOT

Fails, naming the files, when a .c, .h, .py or .sh file or a meson.build
under db/, app/, ui/, tests/ or tools/ lacks the line
"SPDX-License-Identifier: GPL-3.0-or-later" among its first three lines,
or when COPYING is missing.
"""
import os
import sys

DIRS = ('db', 'app', 'ui', 'tests', 'tools', '.ci')
SUFFIXES = ('.c', '.h', '.py', '.sh')
TAG = 'SPDX-License-Identifier: GPL-3.0-or-later'


def sources(root):
    yield os.path.join(root, 'meson.build')
    for top in DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(('.', '_build')))
            for name in sorted(filenames):
                if name.endswith(SUFFIXES) or name in ('meson.build', 'run'):
                    yield os.path.join(dirpath, name)


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root = sys.argv[1]
    bad = []
    checked = 0
    for path in sources(root):
        if not os.path.isfile(path):
            continue
        checked += 1
        with open(path, encoding='utf-8', errors='replace') as f:
            head = [f.readline() for _ in range(3)]
        if not any(TAG in line for line in head):
            bad.append(os.path.relpath(path, root))
    if not os.path.isfile(os.path.join(root, 'COPYING')):
        bad.append('COPYING (missing)')
    for path in bad:
        print(f'FAIL: {path}: no "{TAG}" in its first three lines')
    print(f'{checked} files checked, {len(bad)} without a licence line')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
