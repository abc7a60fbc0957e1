#!/usr/bin/env bash
# Issue 3's load tests (thread fetch, counts, writes; the SQLite runs are
# now cmd/natter-bench) on PostgreSQL, with one process and then two
# processes on the same database (wrk split over both ports).
# Needs wrk and psql, and a database URL in NATTER_TEST_POSTGRES (bash
# .ci/run's server, or any scratch database: the script works in a schema
# of its own and drops it at exit).
# Usage: bash docs/bench/run-pg.sh [duration, default 10s]
set -euo pipefail
cd "$(dirname "$0")/../.."
dur=${1:-10s}
: "${NATTER_TEST_POSTGRES:?set NATTER_TEST_POSTGRES to a PostgreSQL URL}"
work=$(mktemp -d)
schema=natter_bench_$$
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q "$NATTER_TEST_POSTGRES" -c "DROP SCHEMA IF EXISTS $schema CASCADE" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -q "$NATTER_TEST_POSTGRES" -c "CREATE SCHEMA $schema"
sep='?'; [[ $NATTER_TEST_POSTGRES == *\?* ]] && sep='&'
dsn="$NATTER_TEST_POSTGRES${sep}search_path=$schema"

go build -o "$work/natter" ./cmd/natter
go run ./cmd/natter-seed -db "$dsn" -threads 20 -comments 200

free_port() { # the first port from $1 nobody listens on (others may run benchmarks too)
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}
start() { # port
  NATTER_GENERAL_DBPATH="$dsn" NATTER_SERVER_LISTEN="http://127.0.0.1:$1" \
    NATTER_NATTER_LOG_LEVEL=warn NATTER_GUARD_ENABLED=false "$work/natter" serve &
  pids+=($!)
  until curl -sf "http://127.0.0.1:$1/readyz" >/dev/null; do sleep 0.1; done
}
rows() { psql -Atq "$NATTER_TEST_POSTGRES" -c "SELECT count(*) FROM $schema.comments"; }
# load PORTS... runs each workload with wrk's 32 connections split over
# the given ports and prints requests/s (summed) and each wrk's p99.
load() {
  local n=$# c=$((32 / $#)) t=$((2 / $# > 0 ? 2 / $# : 1))
  local q="/?uri=/bench/0&sort=oldest&offset=0&nested_limit=5"
  for w in thread count new; do
    local before wpids=(); before=$(rows)
    for p in "$@"; do
      case $w in
        thread) wrk -t$t -c$c -d"$dur" --latency "http://127.0.0.1:$p$q" >"$work/$w.$p" & wpids+=($!) ;;
        count) wrk -t$t -c$c -d"$dur" --latency -s docs/bench/count.lua "http://127.0.0.1:$p/count" >"$work/$w.$p" & wpids+=($!) ;;
        new) wrk -t$t -c$c -d"$dur" --latency -s docs/bench/new.lua "http://127.0.0.1:$p" >"$work/$w.$p" & wpids+=($!) ;;
      esac
    done
    wait "${wpids[@]}"
    local rps=0 p99="" answered=0 non2xx=0
    for p in "$@"; do
      rps=$(awk -v s="$rps" '/Requests\/sec/ {print s + $2}' "$work/$w.$p")
      p99="$p99 $(awk '$1 == "99%" {print $2}' "$work/$w.$p")"
      answered=$((answered + $(awk '/requests in/ {print $1}' "$work/$w.$p")))
      non2xx=$((non2xx + $(awk '/Non-2xx/ {print $NF}' "$work/$w.$p" | grep . || echo 0)))
    done
    echo "$n process(es) $w: $rps req/s, p99$p99, non-2xx $non2xx"
    if [ $w = new ]; then sleep 1; echo "  answered $answered, rows added $(( $(rows) - before ))"; fi
  done
}
echo "cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
p1=$(free_port 18181); start "$p1"
load "$p1"
p2=$(free_port $((p1 + 1))); start "$p2"
load "$p1" "$p2"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
