#!/usr/bin/env bash
# Start a throwaway PostgreSQL on 127.0.0.1 for the store tests; print its URL on stdout.
# Usage: url=$(bash .ci/start-postgres.sh DIR PORT)
set -euo pipefail
dir=${1:-/tmp/civility-pg}
port=${2:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
rm -rf "$dir" && mkdir -p "$dir" && chown postgres "$dir"
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
as_pg "$bin/initdb -D '$dir/data' -U civility --auth=trust -E UTF8" > "$dir/initdb.log" 2>&1
as_pg "$bin/pg_ctl -D '$dir/data' -l '$dir/server.log' -w -o \"-h 127.0.0.1 -p $port -k '$dir'\" start" > /dev/null
echo "postgresql://civility@127.0.0.1:$port/postgres"
