#!/usr/bin/env bash
# Load tests against a running Natter on loopback, as docs/benchmarks.md
# reports them. Needs wrk and sqlite3 (Debian: apt-get install wrk sqlite3).
# Usage: bash docs/bench/run.sh [duration, default 15s]
set -euo pipefail
cd "$(dirname "$0")/../.."
dur=${1:-15s}
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT

go build -o "$work/natter" ./cmd/natter
go run ./cmd/natter-seed -db "$work/bench.db" -threads 20 -comments 200

export NATTER_GENERAL_DBPATH="$work/bench.db" NATTER_SERVER_LISTEN=http://127.0.0.1:18080 \
  NATTER_NATTER_LOG_LEVEL=warn NATTER_GUARD_ENABLED=false
"$work/natter" serve &
pid=$!
base=http://127.0.0.1:18080
until curl -sf "$base/readyz" >/dev/null; do sleep 0.1; done
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$pid/status"; }
echo "idle RSS: $(rss)"

thread="$base/?uri=/bench/0&sort=oldest&offset=0&nested_limit=5"
echo "thread JSON bytes: $(curl -s "$thread" | wc -c)"
echo "== (a) thread fetch"; wrk -t2 -c32 -d"$dur" --latency "$thread" | sed -n '/Latency Distribution/,$p'
echo "== (b) POST /count, 20 URIs"; wrk -t2 -c32 -d"$dur" --latency -s docs/bench/count.lua "$base/count" | sed -n '/Latency Distribution/,$p'
frag="$base/embed/thread?uri=/bench/0"
echo "== widget fragment, first page of the same thread (gzip)"
wrk -t2 -c32 -d"$dur" --latency -H 'HX-Request: true' -H 'Accept-Encoding: gzip' "$frag" | sed -n '/Latency Distribution/,$p'
echo "== first visit, gzip bytes"
for u in /embed.js $(curl -s "$base/embed.js" | grep -o '/static/[^"]*\(htmx[^"]*\|natter[^"]*\)' | sort -u); do
  echo "$u $(curl -s -H 'Accept-Encoding: gzip' "$base$u" | wc -c)"
done
echo "fragment $(curl -s -H 'HX-Request: true' -H 'Accept-Encoding: gzip' "$frag" | wc -c)"
before=$(sqlite3 "$work/bench.db" 'SELECT count(*) FROM comments')
echo "== (c) POST /new, unique text"
out=$(wrk -t2 -c32 -d"$dur" --latency -s docs/bench/new.lua "$base")
echo "$out" | sed -n '/Latency Distribution/,$p'
total=$(echo "$out" | awk '/requests in/ {print $1}')
non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
sleep 1
after=$(sqlite3 "$work/bench.db" 'SELECT count(*) FROM comments')
echo "answered: $total (non-2xx: ${non2xx:-0}); rows added: $((after - before)) (>= answered 2xx: requests still in flight when wrk stops are stored too)"
echo "RSS after load: $(rss)"
for round in 1 2 3; do # growth check: the same mixed load again
  wrk -t2 -c32 -d5s "$thread" >/dev/null
  wrk -t2 -c32 -d5s -s docs/bench/count.lua "$base/count" >/dev/null
  echo "RSS after extra round $round: $(rss)"
done
