#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks po/POTFILES.in against the sources.

  check-potfiles.py SOURCE_ROOT            check
  check-potfiles.py --write SOURCE_ROOT    rewrite the list (tools/update-po.sh)

Every source file under db/, app/, ui/ and resources/ with translatable text
must be listed, and every listed file must exist. Translatable text is
_("…"), N_("…"), C_("…"), NC_("…") or Q_("…") (with or without a space
before the parenthesis), translatable="yes" in XML, a .desktop.in or
.metainfo.xml.in file, or a GSettings schema with a summary or description.
"""
import os
import re
import subprocess
import sys

DIRS = ('db', 'app', 'ui', 'resources')
SUFFIXES = ('.c', '.h', '.ui', '.in', '.xml')
C_MARK = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext|g_dngettext)\s*\(\s*"')
XML_MARK = re.compile(r'translatable\s*=\s*"yes"')
SCHEMA_MARK = re.compile(r'<(?:summary|description)>')


def candidates(root):
    files = set()
    try:
        out = subprocess.run(['git', '-C', root, 'ls-files', '--'] + list(DIRS),
                             capture_output=True, text=True, check=True).stdout
        files.update(line for line in out.splitlines() if line)
    except (OSError, subprocess.CalledProcessError):
        pass
    for top in DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = [d for d in dirnames if not d.startswith(('.', '_build'))]
            for name in filenames:
                files.add(os.path.relpath(os.path.join(dirpath, name), root))
    return sorted(f for f in files
                  if f.endswith(SUFFIXES) and os.path.isfile(os.path.join(root, f)))


def translatable(root, rel):
    name = os.path.basename(rel)
    if name.endswith(('.desktop.in', '.metainfo.xml.in', '.appdata.xml.in')):
        return True
    with open(os.path.join(root, rel), encoding='utf-8', errors='replace') as f:
        text = f.read()
    if name.endswith('.gschema.xml'):
        return bool(SCHEMA_MARK.search(text))
    if name.endswith(('.c', '.h')):
        return bool(C_MARK.search(text))
    return bool(XML_MARK.search(text))


def write(root, potfiles):
    """Rewrites the file list, keeping the leading comment block."""
    header = []
    with open(potfiles, encoding='utf-8') as f:
        for line in f:
            if not line.startswith('#'):
                break
            header.append(line)
    wanted = [rel for rel in candidates(root) if translatable(root, rel)]
    with open(potfiles, 'w', encoding='utf-8') as f:
        f.writelines(header)
        f.writelines(rel + '\n' for rel in wanted)
    print(f'{potfiles}: {len(wanted)} files')
    return 0


def main():
    argv = sys.argv[1:]
    if argv and argv[0] == '--write':
        root = argv[1]
        return write(root, os.path.join(root, 'po', 'POTFILES.in'))
    root = argv[0]
    potfiles = os.path.join(root, 'po', 'POTFILES.in')
    listed = []
    with open(potfiles, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                listed.append(line)

    failures = 0
    for rel in listed:
        if not os.path.isfile(os.path.join(root, rel)):
            print(f'FAIL: po/POTFILES.in lists {rel}, which does not exist')
            failures += 1
    dupes = sorted({rel for rel in listed if listed.count(rel) > 1})
    for rel in dupes:
        print(f'FAIL: po/POTFILES.in lists {rel} more than once')
        failures += 1

    checked = 0
    for rel in candidates(root):
        checked += 1
        if translatable(root, rel) and rel not in listed:
            print(f'FAIL: {rel} has translatable strings but is not in po/POTFILES.in')
            failures += 1

    if failures:
        print(f'{failures} problem(s) with po/POTFILES.in')
        return 1
    print(f'OK: {len(listed)} files listed, {checked} source files checked')
    return 0


if __name__ == '__main__':
    sys.exit(main())
