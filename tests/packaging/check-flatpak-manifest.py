#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the structure of flatpak/org.civreg.Civreg.json (it cannot be built
here: no Flathub access, see flatpak/README.md).

  check-flatpak-manifest.py MANIFEST
"""
import json
import re
import sys

APP_ID = 'org.civreg.Civreg'
# GNOME 48: GTK 4.18, libadwaita 1.7, GLib 2.84, json-glib 1.10, the library
# generation of Debian 13 that `make test-modern` builds and tests against.
RUNTIME_VERSION = '48'
# The SQLCipher the manifest builds is the one Debian 13 ships (4.6.1): the
# version `make test-modern` and its cross-version test run.
SQLCIPHER_VERSION = '4.6.1'
# The counter's devices (README, "Why the Flatpak needs these permissions"):
# serial ID-card readers and USB scanners need --device=all (Flatpak has no
# finer serial or USB permission), the camera portal's PipeWire stream needs
# the PipeWire socket, and SANE is built in the manifest (the GNOME runtime
# has no libsane): Debian 12's release, the one the tests run.
DEVICE_ARGS = ('--device=all', '--filesystem=xdg-run/pipewire-0')
SANE_VERSION = '1.2.1'


def flatten(modules):
    for module in modules:
        if isinstance(module, dict):
            yield module
            yield from flatten(module.get('modules', []))


def main():
    path = sys.argv[1]
    problems = []
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f'FAIL: cannot read {path}: {e}')
        return 1

    def expect(key, value):
        if manifest.get(key) != value:
            problems.append(f'{key} is {manifest.get(key)!r}, expected {value!r}')

    expect('app-id', APP_ID)
    expect('runtime', 'org.gnome.Platform')
    expect('sdk', 'org.gnome.Sdk')
    expect('runtime-version', RUNTIME_VERSION)
    expect('command', 'civreg')

    finish = manifest.get('finish-args', [])
    for arg in ('--share=network', '--share=ipc', '--socket=wayland', '--socket=fallback-x11'):
        if arg not in finish:
            problems.append(f'finish-args lacks {arg}')
    for arg in DEVICE_ARGS:
        if arg not in finish:
            problems.append(f'finish-args lacks {arg} (the counter\'s devices, see README)')
    if '--socket=x11' in finish:
        problems.append('finish-args has --socket=x11; use --socket=fallback-x11')

    modules = list(flatten(manifest.get('modules', [])))
    names = [m.get('name') for m in modules]
    sqlcipher = next((m for m in modules if m.get('name') == 'sqlcipher'), None)
    civreg = next((m for m in modules if m.get('name') == 'civreg'), None)

    if sqlcipher is None:
        problems.append('no module named sqlcipher')
    else:
        opts = list(sqlcipher.get('config-opts', []))
        build = sqlcipher.get('build-options', {})
        flags = ' '.join(opts + [build.get('cflags', ''), build.get('cppflags', '')]
                         + list(build.get('env', {}).values()))
        if '-DSQLITE_HAS_CODEC' not in flags:
            problems.append('the sqlcipher module does not enable the codec (-DSQLITE_HAS_CODEC)')
        if '--enable-tempstore=yes' not in opts and '--with-tempstore=yes' not in opts:
            problems.append('the sqlcipher module lacks --enable-tempstore=yes')
        if not any(o in ('--with-crypto-lib=openssl',) for o in opts) and '-lcrypto' not in flags:
            problems.append('the sqlcipher module does not use the OpenSSL crypto provider')
        archives = [s for s in sqlcipher.get('sources', []) if s.get('type') == 'archive']
        if not archives:
            problems.append('the sqlcipher module has no release archive source')
        for src in archives:
            if not re.search(r'sqlcipher.*v?' + re.escape(SQLCIPHER_VERSION) + r'\b', src.get('url', '')):
                problems.append(f'sqlcipher archive URL names no {SQLCIPHER_VERSION} release '
                                f'(the one make test-modern tests): {src.get("url")!r}')
            if not re.fullmatch(r'[0-9a-f]{64}', src.get('sha256', '')):
                problems.append('sqlcipher archive has no sha256')

    if civreg is None:
        problems.append('no module named civreg')
    else:
        if civreg.get('buildsystem') != 'meson':
            problems.append(f'civreg buildsystem is {civreg.get("buildsystem")!r}, expected meson')
        if not civreg.get('sources'):
            problems.append('the civreg module has no sources')
        if names and names[-1] != 'civreg':
            problems.append('civreg must be the last module')
    # The build dirs are never copied into the Flatpak's source.
    if civreg is not None:
        dirs = [s for s in civreg.get('sources', []) if s.get('type') == 'dir']
        for src in dirs:
            for build in ('_build', '_build-test', '_build-modern'):
                if build not in src.get('skip', []):
                    problems.append(f'the civreg dir source does not skip {build}')
    if sqlcipher is not None and civreg is not None and names.index('sqlcipher') > names.index('civreg'):
        problems.append('sqlcipher must be built before civreg')

    # The document preview renders PDF pages with poppler-glib, which the
    # GNOME runtime does not ship.
    poppler = next((m for m in modules if m.get('name') == 'poppler'), None)
    if poppler is None:
        problems.append('no module named poppler (ui/ needs poppler-glib)')
    else:
        if '-DENABLE_GLIB=ON' not in poppler.get('config-opts', []):
            problems.append('the poppler module does not build the GLib binding (-DENABLE_GLIB=ON)')
        archives = [s for s in poppler.get('sources', []) if s.get('type') == 'archive']
        if not archives or not all(re.fullmatch(r'[0-9a-f]{64}', s.get('sha256', '')) for s in archives):
            problems.append('the poppler module has no release archive with a sha256')
        if civreg is not None and names.index('poppler') > names.index('civreg'):
            problems.append('poppler must be built before civreg')

    # Scanners: libsane and its backends.
    sane = next((m for m in modules if m.get('name') == 'sane-backends'), None)
    if sane is None:
        problems.append('no module named sane-backends (app/capture needs libsane)')
    else:
        archives = [s for s in sane.get('sources', []) if s.get('type') == 'archive']
        if not archives:
            problems.append('the sane-backends module has no release archive source')
        for src in archives:
            if not re.search(r'sane-backends-' + re.escape(SANE_VERSION) + r'\.tar', src.get('url', '')):
                problems.append(f'sane-backends archive URL names no {SANE_VERSION} release: '
                                f'{src.get("url")!r}')
            if not re.fullmatch(r'[0-9a-f]{64}', src.get('sha256', '')):
                problems.append('sane-backends archive has no sha256')
        if civreg is not None and names.index('sane-backends') > names.index('civreg'):
            problems.append('sane-backends must be built before civreg')

    for problem in problems:
        print('FAIL: ' + problem)
    if problems:
        return 1
    print(f'OK: {path}: modules {", ".join(names)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
