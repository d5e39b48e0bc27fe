#!/usr/bin/env bash
# Signed /slack/events load, side by side, one core each: the bot (inbox on SQLite, every event recorded durably
# before the ack) pinned to core 0, then a minimal @slack/bolt app (verify + ack only) pinned to core 0; the load
# generator pinned to core 1.   Usage: bash bench/slack-vs-bolt.sh [events per run, default 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS="${1:-20000}"
SECRET="bench-signing-secret-0123456789"
PORT=3199
WORK="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

dotnet build -c Release -v q -nologo bench/Negotiation.Bench >/dev/null
(cd bench/slack-bolt && npm ci --no-audit --no-fund --silent)
LOAD=(taskset -c 1 dotnet bench/Negotiation.Bench/bin/Release/net10.0/Negotiation.Bench.dll slack-load "http://127.0.0.1:$PORT/" "$SECRET")

wait_up() { for _ in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:$PORT/$1" && return 0; sleep 0.1; done; echo "server did not start" >&2; exit 1; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr)"
for CONNECTIONS in 1 16 64; do
  rm -rf "$WORK/data"; mkdir -p "$WORK/data"
  DOTNET_gcServer=0 taskset -c 0 dotnet src/Negotiation.Bot/bin/Release/net10.0/negotiation-bot.dll serve --urls "http://127.0.0.1:$PORT" \
    --Slack:SigningSecret="$SECRET" --Slack:BotToken=xoxb-bench --Slack:ApiBaseUrl=http://127.0.0.1:9/api/ \
    --Storage:ConnectionString="Data Source=$WORK/data/negotiation.db" --Workers:ProcessInbox=false --Workers:SendOutbox=false \
    --Logging:LogLevel:Default=Error >"$WORK/bot.log" 2>&1 &
  BOT=$!; wait_up healthz
  printf 'bot  (SQLite inbox) '; "${LOAD[@]}" "$CONNECTIONS" "$EVENTS"
  kill $BOT; wait $BOT 2>/dev/null || true

  (cd bench/slack-bolt && SLACK_SIGNING_SECRET="$SECRET" PORT=$PORT exec taskset -c 0 node app.js) >"$WORK/bolt.log" 2>&1 &
  BOLT=$!; wait_up ""
  printf 'bolt (ack only)     '; "${LOAD[@]}" "$CONNECTIONS" "$EVENTS"
  kill $BOLT; wait $BOLT 2>/dev/null || true
done
