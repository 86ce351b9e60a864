#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes resources/countries.tsv: the countries and regions of GB/T 2659
(ISO 3166-1) with their Chinese short names.

  make-countries.py [OUTPUT]        (default: resources/countries.tsv)

The codes come from Debian's iso-codes (/usr/share/iso-codes/json/
iso_3166-1.json), the names from its zh_CN translation (iso_3166-1.mo),
preferring the common name ("韩国") to the formal one ("大韩民国"). Then
CORRECTIONS replaces the names where Chinese official usage (GB/T 2659, the
Ministry of Foreign Affairs' country pages) differs: Hong Kong, Macao and
Taiwan are 中国香港, 中国澳门, 中国台湾; short names rather than formal
ones; misspellings of the translation fixed. Review a change of the table as
a diff of resources/countries.tsv.

Format (app/domain/civ-countries.c parses it): UTF-8, one country a line,
'alpha-3 TAB numeric TAB name', LF line ends; lines starting with '#' are
comments. Sorted by alpha-3 code.
"""
import gettext
import json
import os
import sys

ISO_JSON = '/usr/share/iso-codes/json/iso_3166-1.json'
LOCALEDIR = '/usr/share/locale'

CORRECTIONS = {
    # Parts of China (GB/T 2659; domain.md R-ID7, R-M9).
    'HKG': '中国香港',
    'MAC': '中国澳门',
    'TWN': '中国台湾',
    # Short names as GB/T 2659 and the Ministry of Foreign Affairs write them.
    'BGD': '孟加拉国',
    'COD': '刚果（金）',
    'COG': '刚果（布）',
    'DOM': '多米尼加',
    'FSM': '密克罗尼西亚联邦',
    'SMR': '圣马力诺',
    'KGZ': '吉尔吉斯斯坦',
    # Misspellings and dated transcriptions in the translation.
    'BOL': '玻利维亚',
    'BWA': '博茨瓦纳',
    'GTM': '危地马拉',
    'KHM': '柬埔寨',
    'LCA': '圣卢西亚',
    'VAT': '梵蒂冈',
    'PYF': '法属波利尼西亚',
    'IMN': '马恩岛',
    'MSR': '蒙特塞拉特',
    'PCN': '皮特凯恩',
    'BVT': '布韦岛',
    'CCK': '科科斯（基林）群岛',
    'HMD': '赫德岛和麦克唐纳群岛',
    'ATF': '法属南部领地',
    'FLK': '马尔维纳斯群岛（福克兰）',
    'SJM': '斯瓦尔巴和扬马延',
    'SHN': '圣赫勒拿',
}

HEADER = """\
# SPDX-License-Identifier: GPL-3.0-or-later
# Countries and regions (GB/T 2659, ISO 3166-1): alpha-3 code, numeric code,
# Chinese short name, separated by tabs. Written by tools/make-countries.py
# from Debian's iso-codes with hand corrections; edit the script, not this file.
"""


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'countries.tsv')
    with open(ISO_JSON, encoding='utf-8') as f:
        entries = json.load(f)['3166-1']
    zh = gettext.translation('iso_3166-1', localedir=LOCALEDIR, languages=['zh_CN'])

    rows = []
    for e in entries:
        code = e['alpha_3']
        name = zh.gettext(e.get('common_name') or e['name'])
        if code in CORRECTIONS:
            name = CORRECTIONS[code]
        elif name == (e.get('common_name') or e['name']):
            sys.exit(f'{code}: no Chinese name in iso-codes; add one to CORRECTIONS')
        name = name.strip()
        if not name or '\t' in name or '\n' in name:
            sys.exit(f'{code}: unusable name {name!r}')
        rows.append((code, e['numeric'], name))
    rows.sort()
    unknown = set(CORRECTIONS) - {code for code, _, _ in rows}
    if unknown:
        sys.exit(f'corrections for codes iso-codes lacks: {sorted(unknown)}')

    with open(out, 'w', encoding='utf-8', newline='\n') as f:
        f.write(HEADER)
        for code, numeric, name in rows:
            f.write(f'{code}\t{numeric}\t{name}\n')
    print(f'{out}: {len(rows)} countries')
    return 0


if __name__ == '__main__':
    sys.exit(main())
