#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""One office file, two SQLCipher generations (issue 12).

An office written by the Debian 12 build (SQLCipher 3.4.1) opens in the
Debian 13 build (SQLCipher 4.6.1, `make test-modern`), and the reverse: the
reader checks the audit chain, finds every registration the writer made (all,
by certificate number, by name), registers more; then the writer opens the
file again and finds those too, chain intact. Speaks TAP.

The Debian 12 side is this build's civreg-cli ($CIVREG_CLI, set by
tests/meson.build). The Debian 13 side runs in the chroot of
tools/modern-chroot.sh, which binds the tree and /tmp at the same paths:
  CIVREG_MODERN_ROOT   the chroot (mounted: `tools/modern-chroot.sh mounted`)
  CIVREG_MODERN_CLI    civreg-cli of the chroot's build (a path inside it)
Without them the test is skipped (exit 77): `make test-modern` runs it.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

PASSWORD = 'Cross-Version-42pw'
SUPERVISOR = 'admin'

results = []


def tap(ok, name, detail=''):
    results.append(ok)
    print(f'{"ok" if ok else "not ok"} {len(results)} {name}')
    if detail and not ok:
        for line in str(detail).splitlines()[:40]:
            print(f'# {line}')
    sys.stdout.flush()
    return ok


class Side:
    def __init__(self, label, prefix, cli, env):
        self.label = label
        self.prefix = prefix
        self.cli = cli
        self.env = env

    def run(self, *args, data_dir=None, password_file=None):
        argv = list(self.prefix) + [self.cli]
        if data_dir:
            argv += ['--data-dir', data_dir, '--user', SUPERVISOR, '--password-file', password_file]
        argv += list(args)
        return subprocess.run(argv, env=self.env, capture_output=True, text=True, timeout=600)

    def sqlcipher_version(self):
        """The version of the package that provides the libsqlcipher civreg-cli loads."""
        ldd = subprocess.run(list(self.prefix) + ['ldd', self.cli], env=self.env,
                             capture_output=True, text=True)
        lib = next((l.split('=>')[1].split()[0] for l in ldd.stdout.splitlines()
                    if 'libsqlcipher' in l and '=>' in l), None)
        if lib is None:
            return None, ldd.stdout + ldd.stderr
        real = subprocess.run(list(self.prefix) + ['readlink', '-f', lib], env=self.env,
                              capture_output=True, text=True).stdout.strip()
        owner = subprocess.run(list(self.prefix) + ['dpkg', '-S', real], env=self.env,
                               capture_output=True, text=True).stdout.split(':')[0]
        version = subprocess.run(list(self.prefix) + ['dpkg-query', '-W', '-f=${Version}', owner],
                                 env=self.env, capture_output=True, text=True).stdout.strip()
        return version, f'{lib} -> {real} ({owner} {version})'


def parse(res):
    try:
        return json.loads(res.stdout)
    except ValueError:
        return None


def records(side, office, pw, query=''):
    res = side.run('--json', 'search', query, '--limit', '100000', data_dir=office, password_file=pw)
    out = parse(res)
    if res.returncode != 0 or out is None:
        return None, res
    return {r['record_id']: (r['certificate_no'], tuple(r['names']), r['registration_date'], r['state'])
            for r in out['records']}, res


def audit(side, office, pw):
    res = side.run('--json', 'audit', 'verify', data_dir=office, password_file=pw)
    return parse(res), res


def cross(writer, reader, workdir, seed):
    tag = f'{writer.label} -> {reader.label}'
    office = os.path.join(workdir, f'{writer.label}-office')
    pw = os.path.join(workdir, 'pw')

    res = writer.run('init', '--data-dir', office, '--office-code', '110101', '--office-name',
                     '北京市东城区婚姻登记处', '--supervisor', SUPERVISOR, '--supervisor-name', '王主任',
                     '--password-file', pw)
    if not tap(res.returncode == 0, f'{tag}: {writer.label} creates an office', res.stderr):
        return
    res = writer.run('--json', 'demo-data', '--marriages', '40', '--seed', str(seed),
                     data_dir=office, password_file=pw)
    demo = parse(res)
    tap(res.returncode == 0 and demo is not None and demo['marriages'] == 40,
        f'{tag}: {writer.label} registers 40 marriages', res.stdout + res.stderr)
    written, res = records(writer, office, pw)
    tap(written is not None and len(written) >= 40, f'{tag}: {writer.label} lists them', res.stderr)
    chain, res = audit(writer, office, pw)
    tap(chain is not None and chain['ok'], f'{tag}: {writer.label} audit chain intact', res.stdout + res.stderr)

    with open(os.path.join(office, 'civreg.db'), 'rb') as f:
        head = f.read(16)
    tap(head != b'SQLite format 3\0', f'{tag}: the file is encrypted (no plain SQLite header)', repr(head))

    # The other SQLCipher generation reads it.
    chain2, res = audit(reader, office, pw)
    tap(chain2 is not None and chain2['ok'] and chain is not None and chain2['checked'] > chain['checked'],
        f'{tag}: {reader.label} opens it, audit chain intact',
        f'{writer.label}: {chain}\n{reader.label}: {chain2}\n{res.stdout}{res.stderr}')
    read, res = records(reader, office, pw)
    tap(read is not None and read == written,
        f'{tag}: {reader.label} finds every registration {writer.label} made',
        res.stderr if read is None else f'{len(read)} read, {len(written or {})} written')
    if written:
        rid, (cert, names, _, _) = sorted((k, v) for k, v in written.items() if v[0])[0]
        by_cert, res = records(reader, office, pw, cert)
        tap(by_cert is not None and list(by_cert) == [rid],
            f'{tag}: {reader.label} finds certificate {cert}', res.stdout + res.stderr)
        by_name, res = records(reader, office, pw, names[0])
        tap(by_name is not None and rid in by_name,
            f'{tag}: {reader.label} finds the registration by name', res.stdout + res.stderr)

    # The reader writes in its generation; the writer reads that back.
    res = reader.run('--json', 'demo-data', '--marriages', '10', '--seed', str(seed + 100),
                     data_dir=office, password_file=pw)
    demo = parse(res)
    tap(res.returncode == 0 and demo is not None and demo['marriages'] == 10,
        f'{tag}: {reader.label} registers 10 more', res.stdout + res.stderr)
    after, res = records(reader, office, pw)
    back, res2 = records(writer, office, pw)
    tap(after is not None and written is not None and back == after and len(after) >= len(written) + 10,
        f'{tag}: {writer.label} reopens it and finds the {reader.label} registrations too',
        res.stderr + res2.stderr)
    chain3, res = audit(writer, office, pw)
    tap(chain3 is not None and chain3['ok'] and chain2 is not None and chain3['checked'] > chain2['checked'],
        f'{tag}: {writer.label} audit chain intact after {reader.label} wrote', res.stdout + res.stderr)


def main():
    root = os.environ.get('CIVREG_MODERN_ROOT')
    modern_cli = os.environ.get('CIVREG_MODERN_CLI')
    cli = os.environ.get('CIVREG_CLI')
    if not root or not modern_cli:
        print('1..0 # SKIP needs the Debian 13 chroot: run `make test-modern`')
        return 0
    if not cli:
        print('Bail out! CIVREG_CLI is not set (run through meson test)')
        return 1

    src = os.environ.get('CIVREG_SOURCE_ROOT', '')
    inner_env = ['/usr/bin/env', '-i', 'PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
                 'LANG=C.UTF-8', 'HOME=/root']
    for var in ('ASAN_OPTIONS', 'UBSAN_OPTIONS', 'LSAN_OPTIONS', 'CIVREG_SHARED_DATA',
                'G_DEBUG', 'CIVREG_LOCALEDIR'):
        if var in os.environ:
            inner_env.append(f'{var}={os.environ[var]}')
    debian12 = Side('debian12', [], cli, dict(os.environ))
    debian13 = Side('debian13', ['chroot', root] + inner_env, modern_cli, dict(os.environ))

    print('1..26')
    v12, d12 = debian12.sqlcipher_version()
    v13, d13 = debian13.sqlcipher_version()
    print(f'# debian12: {d12}')
    print(f'# debian13: {d13}')
    tap(bool(v12) and v12.startswith('3.'), f'debian12 links SQLCipher 3 ({v12})', d12)
    tap(bool(v13) and v13.startswith('4.'), f'debian13 links SQLCipher 4 ({v13})', d13)
    if src and not os.path.isdir(os.path.join(root, src.lstrip('/'))):
        print(f'Bail out! the tree {src} is not bound in {root}')
        return 1

    base = os.environ.get('CIVREG_BUILD_ROOT') or None
    workdir = tempfile.mkdtemp(prefix='sqlcipher-cross-', dir=base)
    try:
        with open(os.path.join(workdir, 'pw'), 'w', encoding='utf-8') as f:
            f.write(PASSWORD + '\n')
        os.chmod(os.path.join(workdir, 'pw'), 0o600)
        cross(debian12, debian13, workdir, 21)
        cross(debian13, debian12, workdir, 42)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    while len(results) < 26:
        tap(False, 'not reached (an earlier step failed)')
    return 0 if all(results) else 1


if __name__ == '__main__':
    sys.exit(main())
