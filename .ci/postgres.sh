# Sourced by .ci/run: starts a throw-away PostgreSQL for the store tests and
# exports NATTER_TEST_POSTGRES; it is stopped and deleted when the calling
# shell exits. A NATTER_TEST_POSTGRES given by the caller is used as is.
#
# The server runs as a normal user (PostgreSQL refuses root): the caller
# itself, or under root the user natterci, created when missing. Data and
# socket live in a temporary directory; it listens on loopback only, on the
# first free port from 55432.

natter_pg_bindir() {
  if command -v initdb >/dev/null; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return
  fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

natter_pg_start() {
  if [ -n "${NATTER_TEST_POSTGRES:-}" ]; then
    echo "== PostgreSQL: using NATTER_TEST_POSTGRES from the environment"
    return
  fi
  local bin
  bin=$(natter_pg_bindir)
  if [ -z "$bin" ]; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    bin=$(natter_pg_bindir)
  fi
  local run=()
  if [ "$(id -u)" = 0 ]; then
    id natterci >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin natterci
    run=(runuser -u natterci --)
  fi
  NATTER_PG_DIR=$(mktemp -d /tmp/natter-pg.XXXXXX)
  [ ${#run[@]} -eq 0 ] || chown natterci "$NATTER_PG_DIR"
  NATTER_PG_STOP=(true)
  trap natter_pg_stop EXIT
  "${run[@]}" "$bin/initdb" -D "$NATTER_PG_DIR/data" -U natter -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$NATTER_PG_DIR/initdb.log"
  local port=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  # fsync off: the cluster is deleted at exit, so durability buys nothing.
  "${run[@]}" "$bin/pg_ctl" -D "$NATTER_PG_DIR/data" -l "$NATTER_PG_DIR/server.log" -w -s \
    -o "-p $port -k $NATTER_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start
  NATTER_PG_STOP=("${run[@]}" "$bin/pg_ctl" -D "$NATTER_PG_DIR/data" -m fast -w -s stop)
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U natter natter_test
  export NATTER_TEST_POSTGRES="postgres://natter@127.0.0.1:$port/natter_test?sslmode=disable"
  echo "== PostgreSQL $("$bin/postgres" --version | sed "s/.*(PostgreSQL) \([^ ]*\).*/\1/") on 127.0.0.1:$port (NATTER_TEST_POSTGRES exported)"
}

natter_pg_stop() {
  if [ -n "${NATTER_PG_DIR:-}" ]; then
    "${NATTER_PG_STOP[@]}" || true
    rm -rf "$NATTER_PG_DIR"
    NATTER_PG_DIR=
  fi
}
