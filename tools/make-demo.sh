#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Creates the demo office used by `make run`, inside the build tree, once,
# and enrolls it with the reference provincial server that tools/run-demo.sh
# starts on loopback (demo certificates in DEMO_DIR/province/certs, made
# again when they are about to expire).
# Usage: tools/make-demo.sh BUILD_DIR DEMO_DIR SHARED_DATA_DIR [reenroll]
#   reenroll: enroll again with the port in DEMO_DIR/province/port, keeping
#   the signing key (tools/run-demo.sh, when the demo's port was taken).
#
# Demo accounts (README.md): every password is "Civreg-demo".
set -euo pipefail

build=$1
demo=$2
shared=$3
mode=${4:-}
cli="$build/app/cli/civreg-cli"
here=$(cd "$(dirname "$0")" && pwd)
province="$demo/province"

pw=$(mktemp)
trap 'rm -f "$pw"' EXIT
printf 'Civreg-demo\n' > "$pw"
as_admin=("$cli" --data-dir "$demo" --user admin --password-file "$pw")

# Enrolls the office with the demo server (URL from $province/port, or a
# placeholder port until tools/run-demo.sh has found a free one) and lists
# the workstation's signing key where the server reads it.
enroll() { # [--keep-signing-key]
  local port=18443 out
  [ -s "$province/port" ] && port=$(cat "$province/port")
  out=$(LANGUAGE=C "${as_admin[@]}" enroll --json "$@" \
    --server "https://127.0.0.1:$port" --ca "$province/certs/ca.pem" \
    --cert "$province/certs/client.pem" --key "$province/certs/client.key" \
    --pin "sha256//$(cat "$province/certs/server.pin")")
  printf '%s %s\n' \
    "$(printf '%s' "$out" | sed -n 's/.*"workstation" *: *"\([^"]*\)".*/\1/p')" \
    "$(printf '%s' "$out" | sed -n 's/.*"public_key" *: *"\([^"]*\)".*/\1/p')" \
    > "$province/workstations.txt"
  printf '%s\n' "$port" > "$province/port"
}

if [ "$mode" = reenroll ]; then
  enroll --keep-signing-key > /dev/null
  exit 0
fi

if [ -f "$demo/civreg.db" ] && [ -f "$demo/civreg.keys" ]; then
  # An existing demo: enroll it once, and again with fresh certificates
  # when they expire within a day (the signing key stays).
  if [ ! -f "$province/workstations.txt" ]; then
    mkdir -p "$province"
    sh "$here/../tests/app/report/make-certs.sh" "$province/certs" > /dev/null
    enroll
    echo "Demo office enrolled with the demo provincial server."
  elif ! openssl x509 -checkend 86400 -noout -in "$province/certs/client.pem" > /dev/null; then
    rm -rf "$province/certs"
    sh "$here/../tests/app/report/make-certs.sh" "$province/certs" > /dev/null
    enroll --keep-signing-key
    echo "Demo certificates renewed."
  fi
  exit 0
fi

mkdir -p "$demo"

"$cli" init --data-dir "$demo" --office-code 110101 \
  --office-name "北京市东城区民政局婚姻登记处（演示）" \
  --supervisor admin --supervisor-name "王建国" --password-file "$pw" \
  > "$demo/recovery-code.txt"
chmod 600 "$demo/recovery-code.txt"

"${as_admin[@]}" operator add dengji --role registrar --name "李秀英" --new-password-file "$pw"
"${as_admin[@]}" operator add dangan --role archivist --name "张伟" --new-password-file "$pw"
"${as_admin[@]}" operator add binzang --role funeral_clerk --name "刘洋" --new-password-file "$pw"
"${as_admin[@]}" operator add shenji --role auditor --name "陈静" --new-password-file "$pw"

# Reference data arrives from the province at run time; the demo imports the
# shared tables when they are there.
if [ -f "$shared/division-codes/result.csv" ]; then
  "${as_admin[@]}" refdata import divisions "$shared/division-codes/result.csv"
fi
if compgen -G "$shared/holidays/20*.json" > /dev/null; then
  "${as_admin[@]}" refdata import holidays "$shared"/holidays/20*.json
fi

# Synthetic registrations to search and open (1950 to today; none of them
# reported), and open divorce applications, some due today on the overview.
"${as_admin[@]}" demo-data --marriages 3000 --seed 1 --divorce-applications 12 2> /dev/null

# Funeral and cremation: the area's fee list and 惠民殡葬 policy (example
# data of this repository, tools/demo/), a batch of cremation certificate
# blanks, and two cases on the funeral clerk's day board: one reported at
# night and not yet collected, one in storage.
as_funeral=("$cli" --data-dir "$demo" --user binzang --password-file "$pw")
"${as_funeral[@]}" funeral fees import "$here/demo/funeral-fees.json" > /dev/null
"${as_funeral[@]}" funeral policy import "$here/demo/funeral-policy.json" > /dev/null
"${as_funeral[@]}" funeral stock receive --first HZ0000001 --last HZ0000200 \
  --reference "演示批次" > /dev/null
today=$(date +%F)
report=$(mktemp)
trap 'rm -f "$pw" "$report"' EXIT
printf '{"name": "张大山", "sex": 1, "ethnicity": "01", "id_type": 1, "id_number": "110101194003150115",
  "death_at": "%s", "death_place": 3, "marital_status": 3, "address": "北京市东城区景山前街4号",
  "cause_of_death": "心力衰竭", "agent": {"name": "张小山", "relationship": "子",
  "phone": "13800138000"}}' "$today" > "$report"
case_no=$("${as_funeral[@]}" funeral case report "$report" --json \
  | sed -n 's/.*"case_no" *: *"\([^"]*\)".*/\1/p')
"${as_funeral[@]}" funeral case step "$case_no" collected --place "景山前街4号" \
  --vehicle "京A·12345" --staff "赵师傅" > /dev/null
"${as_funeral[@]}" funeral case step "$case_no" stored --unit "冷藏柜A-01" > /dev/null
"${as_funeral[@]}" funeral bill "$case_no" add JY01 1 > /dev/null
printf '{"unidentified": true, "description": "男性，约60岁，灰色外套，护城河边发现",
  "death_at": "%s", "agent": {"name": "东城公安分局", "phone": "010-64040000"}}' "$today" \
  > "$report"
"${as_funeral[@]}" funeral case report "$report" > /dev/null

# The demo reports to the reference provincial server (tools/run-demo.sh).
mkdir -p "$province"
sh "$here/../tests/app/report/make-certs.sh" "$province/certs" > /dev/null
enroll
echo "Demo office created in $demo (recovery code in $demo/recovery-code.txt)."
