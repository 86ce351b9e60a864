#!/usr/bin/env bash
# Creates the demo office used by `make run`, inside the build tree, once.
# Usage: tools/make-demo.sh BUILD_DIR DEMO_DIR SHARED_DATA_DIR
#
# Demo accounts (README.md): every password is "civreg-demo".
set -euo pipefail

build=$1
demo=$2
shared=$3
cli="$build/app/cli/civreg-cli"

if [ -f "$demo/civreg.db" ] && [ -f "$demo/civreg.keys" ]; then
  exit 0
fi

mkdir -p "$demo"
pw=$(mktemp)
trap 'rm -f "$pw"' EXIT
printf 'civreg-demo\n' > "$pw"

"$cli" init --data-dir "$demo" --office-code 110101 \
  --office-name "北京市东城区民政局婚姻登记处（演示）" \
  --supervisor admin --supervisor-name "王建国" --password-file "$pw" \
  > "$demo/recovery-code.txt"
chmod 600 "$demo/recovery-code.txt"

as_admin=("$cli" --data-dir "$demo" --user admin --password-file "$pw")
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
echo "Demo office created in $demo (recovery code in $demo/recovery-code.txt)."
