#!/usr/bin/env bash
# Idle connections and heap per connection on the sente4j Jetty server (BENCHMARKS.md, "Idle connections").
#
#   benchmarks/run-idle-connections.sh [connections] [client-processes]
#
# Defaults: 15000 connections; client processes enough that none opens more than 5000 (or the file limit allows).
# One server JVM (2 GiB heap) starts the client JVMs (1 GiB each), which open the connections with the sente4j JDK
# client; the server forces GCs and reads its used heap before, at half and with all connections open. Ends with a
# line starting IDLE-CONNECTIONS; the figures also go to benchmarks/target/idle-connections.json.
# Needs `ulimit -n` above the connection count (the server holds one socket per connection).
set -euo pipefail
cd "$(dirname "$0")/.."
connections="${1:-15000}"
clients="${2:-0}"
echo "file limit per process (ulimit -n): $(ulimit -n)"
exec nice -n 10 mvn -B -q -P load -pl benchmarks -am verify -DskipTests \
  -Didle.connections="$connections" -Didle.clients="$clients" \
  -Didle.json="$PWD/benchmarks/target/idle-connections.json"
