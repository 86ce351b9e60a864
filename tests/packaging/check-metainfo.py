#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validates the merged AppStream metainfo offline and checks its content.

  check-metainfo.py METAINFO_FILE
"""
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

LANG = '{http://www.w3.org/XML/1998/namespace}lang'


def main():
    path = sys.argv[1]
    appstreamcli = shutil.which('appstreamcli')
    if appstreamcli is None:
        print('SKIP: appstreamcli is not installed')
        return 77
    args = [appstreamcli, 'validate', '--no-net', '--explain']
    # AppStream 1.0 (Debian 13) warns, and so fails, on a missing homepage
    # URL, which 0.16 (Debian 12) does not know about. Civreg has no public
    # homepage to name yet: an information, as on 0.16, not a made-up URL.
    res = subprocess.run(args + ['--override=url-homepage-missing=info', path],
                         capture_output=True, text=True)
    if 'not recognized' in res.stdout + res.stderr:
        res = subprocess.run(args + [path], capture_output=True, text=True)
    print((res.stdout + res.stderr).strip())
    problems = []
    if res.returncode != 0:
        problems.append('appstreamcli validate --no-net failed')

    root = ET.parse(path).getroot()

    def text(tag):
        node = root.find(tag)
        return node.text.strip() if node is not None and node.text else None

    expected = {
        'id': 'org.civreg.Civreg',
        'metadata_license': 'CC0-1.0',
        'project_license': 'GPL-3.0-or-later',
        'launchable': 'org.civreg.Civreg.desktop',
    }
    for tag, value in expected.items():
        if text(tag) != value:
            problems.append(f'<{tag}> is {text(tag)!r}, expected {value!r}')
    binaries = {b.text for b in root.findall('provides/binary')}
    for binary in ('civreg', 'civreg-cli'):
        if binary not in binaries:
            problems.append(f'<provides> lacks <binary>{binary}</binary>')
    if root.find('content_rating') is None:
        problems.append('no <content_rating>')
    if root.find("releases/release[@version='0.1.0']") is None:
        problems.append('no release 0.1.0')
    # gettext 0.21 (Debian 12) writes xml:lang="zh_CN", gettext 0.23
    # (Debian 13) the BCP 47 tag "zh-Hans-CN": both name the same language.
    zh_cn = ('zh_CN', 'zh-CN', 'zh-Hans-CN')
    if not [n for n in root.findall('name') if n.get(LANG) in zh_cn]:
        problems.append('the zh_CN <name> was not merged from po/zh_CN.po')
    if not [n for n in root.findall('summary') if n.get(LANG) in zh_cn]:
        problems.append('the zh_CN <summary> was not merged from po/zh_CN.po')

    for problem in problems:
        print('FAIL: ' + problem)
    if problems:
        return 1
    print(f'OK: {path}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
