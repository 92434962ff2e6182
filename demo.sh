#!/usr/bin/env bash
# Runs two sample services under the agent, sends them a few requests, and prints the traces with the
# agent's local receiver (it stands in for the X-Ray daemon: no AWS account needed).
set -euo pipefail
cd "$(dirname "$0")"

JAR=agent/target/xray-agent.jar
APPS=smoke-tests/target/test-classes
PORT=${XRAY_DEMO_PORT:-2000}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

if [ ! -f "$JAR" ] || [ ! -f "$APPS/io/xrayagent/smoke/apps/HttpServiceApp.class" ]; then
  echo "Building the agent (first run only)..."
  ./mvnw -q -B -DskipTests package
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

"$JAVA" -jar "$JAR" listen "127.0.0.1:$PORT" &
pids+=($!)

start_service() { # name, downstream url (optional); prints the port it listens on
  local name=$1 downstream=${2:-}
  "$JAVA" -Dsun.net.httpserver.nodelay=true \
    -javaagent:"$JAR"=serviceName="$name",daemonAddress="127.0.0.1:$PORT" \
    -cp "$APPS" io.xrayagent.smoke.apps.HttpServiceApp 0 $downstream >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!)
  for _ in $(seq 1 100); do
    if grep -q '^LISTENING' "$work/$name.out" 2>/dev/null; then
      sed -n 's/^LISTENING //p' "$work/$name.out"
      grep '^\[xray-agent\]' "$work/$name.err" >&2 || true
      return
    fi
    sleep 0.1
  done
  echo "$name did not start:" >&2; cat "$work/$name.err" >&2; exit 1
}

inventory=$(start_service inventory)
orders=$(start_service orders "http://127.0.0.1:$inventory")

"$JAVA" -cp "$APPS" io.xrayagent.smoke.apps.DemoRequests \
  "http://127.0.0.1:$orders/call" \
  "http://127.0.0.1:$orders/call-statuses" \
  "http://127.0.0.1:$orders/post" \
  "http://127.0.0.1:$orders/call-refused" \
  "http://127.0.0.1:$orders/error"
sleep 2
