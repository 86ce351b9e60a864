#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Test certificates for the reporting tests and `make run`, made fresh with
# the openssl CLI (P-256 keys, 30 days):
#   ca.pem/ca.key               the test "provincial" CA
#   server.pem/server.key       127.0.0.1 and localhost, signed by ca
#   client.pem/client.key       the workstation, signed by ca (and client.p12,
#                               password in client.p12.pw)
#   other-ca.pem                an unrelated CA, with other-server.pem/.key
#                               (127.0.0.1) and other-client.pem/.key
# Usage: make-certs.sh OUTDIR
set -eu
out=$1
mkdir -p "$out"
cd "$out"
umask 077

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

ca() { # name subject
  key "$1.key"
  openssl req -x509 -new -key "$1.key" -out "$1.pem" -days 30 -subj "$2" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
}

leaf() { # name subject ca usage
  key "$1.key"
  openssl req -new -key "$1.key" -out "$1.csr" -subj "$2"
  if [ "$4" = server ]; then
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n' > "$1.ext"
  else
    printf 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n' > "$1.ext"
  fi
  openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial \
    -out "$1.pem" -days 30 -extfile "$1.ext" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}

ca ca "/CN=Civreg Test Provincial CA"
leaf server "/CN=localhost" ca server
leaf client "/CN=Civreg test workstation" ca client
ca other-ca "/CN=Unrelated CA"
leaf other-server "/CN=localhost" other-ca server
leaf other-client "/CN=Unrelated workstation" other-ca client
printf 'p12-secret\n' > client.p12.pw
openssl pkcs12 -export -in client.pem -inkey client.key -out client.p12 -passout pass:p12-secret
# SHA-256 SPKI pin of the server key (for --pin sha256//…)
openssl x509 -in server.pem -pubkey -noout | openssl pkey -pubin -outform der |
  openssl dgst -sha256 -binary | openssl base64 > server.pin
openssl x509 -in other-server.pem -pubkey -noout | openssl pkey -pubin -outform der |
  openssl dgst -sha256 -binary | openssl base64 > other-server.pin
