#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks a translation against the sources.

  check-po.py --source-root DIR --potfiles po/POTFILES.in --po po/zh_CN.po \
              [--xgettext PATH] -- XGETTEXT_ARGS…

Fails when msgfmt --check rejects the .po file, when it has fuzzy or
untranslated messages, or when a .pot generated now from the files in
POTFILES.in has msgids the .po file lacks. Exit 77 (skip) without gettext.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile


def list_msgids(po, selector):
    """The msgids msgattrib selects (--only-fuzzy or --untranslated)."""
    msgattrib = shutil.which('msgattrib')
    if msgattrib is None:
        return []
    res = subprocess.run([msgattrib, selector, '--no-obsolete', '--no-wrap', po],
                         capture_output=True, text=True)
    ids = [line[len('msgid '):] for line in res.stdout.splitlines()
           if line.startswith('msgid ') and line != 'msgid ""']
    return ids[:40] + ([f'… and {len(ids) - 40} more'] if len(ids) > 40 else [])


def missing_msgids(pot, msgcmp_output):
    """The msgids (with their source references) that msgcmp reports as used
    but not defined, read back from the .pot at the reported lines."""
    with open(pot, encoding='utf-8') as f:
        lines = f.read().splitlines()
    found = []
    for m in re.finditer(r'^.*?:(\d+): this message is used but not defined', msgcmp_output, re.M):
        # msgcmp names a line inside the entry; walk back to its msgid.
        k = min(int(m.group(1)), len(lines)) - 1
        while k > 0 and not lines[k].startswith('msgid '):
            k -= 1
        text = lines[k][len('msgid '):]
        n = k + 1
        while n < len(lines) and lines[n].startswith('"'):
            text += lines[n]
            n += 1
        j = k - 1
        if j >= 0 and lines[j].startswith('msgctxt '):
            text = lines[j][len('msgctxt '):] + ' | ' + text
            j -= 1
        refs = []
        while j >= 0 and lines[j].startswith('#'):
            if lines[j].startswith('#:'):
                refs.append(lines[j][2:].strip())
            j -= 1
        found.append(f'{text}  ({" ".join(reversed(refs))})' if refs else text)
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--source-root', required=True)
    parser.add_argument('--potfiles', required=True)
    parser.add_argument('--po', required=True)
    parser.add_argument('--xgettext', default='xgettext')
    parser.add_argument('xgettext_args', nargs='*')
    args = parser.parse_args()

    tools = {name: shutil.which(name) for name in ('msgfmt', 'msgcmp')}
    tools['xgettext'] = shutil.which(args.xgettext)
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        print('SKIP: not installed: ' + ', '.join(missing))
        return 77

    failures = []
    po = args.po

    # 1. Syntax, format strings and header; counts of fuzzy and untranslated.
    res = subprocess.run([tools['msgfmt'], '--check', '--statistics', '--output-file=/dev/null', po],
                         capture_output=True, text=True, env=dict(os.environ, LC_ALL='C'))
    stats = res.stderr.strip()
    print(f'{os.path.basename(po)}: {stats}')
    if res.returncode != 0:
        failures.append('msgfmt --check failed:\n' + res.stderr)
    else:
        for kind in ('fuzzy', 'untranslated'):
            m = re.search(r'(\d+) ' + kind, stats)
            if m and int(m.group(1)) > 0:
                failures.append(f'{m.group(1)} {kind} message(s) in {po}:\n  '
                                + '\n  '.join(list_msgids(po, '--only-fuzzy' if kind == 'fuzzy'
                                                           else '--untranslated')))

    # 2. Messages in the sources that the translation does not have.
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'civreg.pot')
        res = subprocess.run([tools['xgettext'], '--package-name=civreg', '--files-from', args.potfiles,
                              '--directory', args.source_root, '-k_', '--output', pot]
                             + args.xgettext_args,
                             capture_output=True, text=True, env=dict(os.environ, LC_ALL='C'))
        if res.returncode != 0:
            failures.append('xgettext failed on the files in POTFILES.in:\n' + res.stderr)
        elif os.path.exists(pot):
            res = subprocess.run([tools['msgcmp'], '--use-fuzzy', '--use-untranslated', po, pot],
                                 capture_output=True, text=True, env=dict(os.environ, LC_ALL='C'))
            if res.returncode != 0:
                lost = missing_msgids(pot, res.stderr)
                if lost:
                    failures.append(f'{len(lost)} msgid(s) from the sources are not in {po}:\n  '
                                    + '\n  '.join(lost))
                else:
                    failures.append(f'msgcmp failed:\n{res.stderr.strip()}')

    if failures:
        for failure in failures:
            print('FAIL: ' + failure)
        print('Run tools/update-po.sh, translate the new and fuzzy messages, and run this test again.')
        return 1
    print('OK: every message in the sources is translated')
    return 0


if __name__ == '__main__':
    sys.exit(main())
