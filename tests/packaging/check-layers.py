#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that SQL stays in db/ (architecture: ui → app → db).

  check-layers.py SOURCE_ROOT

Fails, naming file:line, when a .c or .h file under app/ or ui/ prepares,
runs or steps SQL itself: sqlite3_*, civ_db_prepare, civ_db_exec or
civ_db_query_int64. Statements belong in a repository file of db/ (one per
aggregate); app/ calls its typed functions and keeps the decisions.

Also fails when a record state is written as a string literal ("REGISTERED",
"COOLING" …) anywhere in app/ or ui/ but the one mapping,
app/domain/civ-states.c: code decides on the enums (civ-states.h).

Also fails when a file under ui/ defines a database job (a function taking
`CivStore *`) or queues one (civ_session_call, civ_session_call_staged):
jobs and the decisions they make belong in an app/ service with an async
pair and a unit test; a page calls the service.

Also fails when a file under ui/ includes a header of db/ (any header file
found under db/): ui/ reaches the database only through app/.
"""
import os
import re
import sys

DIRS = ('app', 'ui')
SUFFIXES = ('.c', '.h')
SQL_CALL = re.compile(r'sqlite3_|civ_db_prepare|civ_db_exec|civ_db_query_int64')
# A database job defined or queued in ui/.
UI_JOB = re.compile(r'\bCivStore\s*\*|\bciv_session_call(_staged)?\s*\(')
INCLUDE = re.compile(r'#\s*include\s*"([^"]+)"')


def db_headers(root):
    """The file names of every header under db/."""
    names = set()
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, 'db')):
        dirnames[:] = [d for d in dirnames if not d.startswith(('.', '_build'))]
        names.update(n for n in filenames if n.endswith('.h'))
    return names


def sources(root):
    for top in DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(('.', '_build')))
            for name in sorted(filenames):
                if name.endswith(SUFFIXES):
                    yield os.path.join(dirpath, name)


MAPPING = os.path.join('app', 'domain', 'civ-states.c')
STATE_ROW = re.compile(r'\{\s*"([A-Z_]+)",\s*N_')


def state_literal(root):
    """A pattern matching a quoted state name of the mapping."""
    with open(os.path.join(root, MAPPING), encoding='utf-8') as f:
        names = sorted(set(STATE_ROW.findall(f.read())))
    return re.compile('"(' + '|'.join(names) + ')"') if names else None


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root = sys.argv[1]
    bad = []
    checked = 0
    states = state_literal(root)
    db_names = db_headers(root)
    for path in sources(root):
        checked += 1
        rel = os.path.relpath(path, root)
        with open(path, encoding='utf-8', errors='replace') as f:
            for number, line in enumerate(f, 1):
                match = SQL_CALL.search(line)
                if match:
                    bad.append(f'{rel}:{number}: {match.group(0)}: {line.strip()}')
                in_ui = rel.startswith('ui' + os.sep)
                match = UI_JOB.search(line) if in_ui else None
                if match:
                    bad.append(f'{rel}:{number}: database job in ui/ ({match.group(0).strip()}): '
                               f'{line.strip()}')
                match = INCLUDE.search(line) if in_ui else None
                if match and os.path.basename(match.group(1)) in db_names:
                    bad.append(f'{rel}:{number}: ui/ includes the db/ header {match.group(1)}')
                match = states.search(line) if states and rel != MAPPING else None
                if match:
                    bad.append(f'{rel}:{number}: state literal {match.group(0)} outside '
                               f'{MAPPING}: {line.strip()}')
    if checked == 0:
        print(f'FAIL: no sources under {", ".join(DIRS)} in {root}')
        return 1
    if bad:
        for entry in bad:
            print(f'FAIL: {entry}')
        print(f'{len(bad)} place(s) in app/ or ui/ run SQL themselves, spell a state or hold a '
              'database job in ui/ or include db/ from ui/; move statements into a repository file of db/, decide on '
              'the enums of civ-states.h, move jobs into an app/ service')
        return 1
    print(f'OK: {checked} files under app/ and ui/ leave SQL to db/ and jobs to app/; ui/ includes no db/ header')
    return 0


if __name__ == '__main__':
    sys.exit(main())
