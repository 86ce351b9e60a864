#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validates the merged .desktop file and checks the zh_CN translation was merged.

  check-desktop.py DESKTOP_FILE
"""
import shutil
import subprocess
import sys

ZH_NAME = '民政登记'


def main():
    path = sys.argv[1]
    validate = shutil.which('desktop-file-validate')
    if validate is None:
        print('SKIP: desktop-file-validate is not installed')
        return 77
    res = subprocess.run([validate, path], capture_output=True, text=True)
    output = (res.stdout + res.stderr).strip()
    if output:
        print(output)
    problems = []
    if res.returncode != 0 or 'error:' in output:
        problems.append('desktop-file-validate failed')
    with open(path, encoding='utf-8') as f:
        lines = f.read().splitlines()
    expected = {
        'Name': 'Civreg',
        'Name[zh_CN]': ZH_NAME,
        'Exec': 'civreg',
        'Icon': 'org.civreg.Civreg',
        'Categories': 'Office;GTK;GNOME;',
    }
    entries = dict(line.split('=', 1) for line in lines if '=' in line and not line.startswith('#'))
    for key, value in expected.items():
        if entries.get(key) != value:
            problems.append(f'{key} is {entries.get(key)!r}, expected {value!r}')
    if 'Keywords[zh_CN]' not in entries:
        problems.append('Keywords[zh_CN] was not merged from po/zh_CN.po')
    for problem in problems:
        print('FAIL: ' + problem)
    if problems:
        return 1
    print(f'OK: {path}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
