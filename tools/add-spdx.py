#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Adds the licence line to every source file that lacks it (the files
tests/packaging/check-spdx.py checks). Idempotent.

  tools/add-spdx.py [SOURCE_ROOT]
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'tests', 'packaging'))
import importlib.util

spec = importlib.util.spec_from_file_location(
    'check_spdx', os.path.join(os.path.dirname(__file__), '..', 'tests', 'packaging', 'check-spdx.py'))
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    changed = 0
    for path in check.sources(root):
        if not os.path.isfile(path):
            continue
        with open(path, encoding='utf-8') as f:
            text = f.read()
        if check.TAG in ''.join(text.splitlines(True)[:3]):
            continue
        if path.endswith(('.c', '.h')):
            text = f'// {check.TAG}\n' + text
        elif text.startswith('#!'):
            first, rest = text.split('\n', 1)
            text = f'{first}\n# {check.TAG}\n{rest}'
        else:
            text = f'# {check.TAG}\n' + text
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)
        changed += 1
    print(f'{changed} files given the licence line')


if __name__ == '__main__':
    main()
