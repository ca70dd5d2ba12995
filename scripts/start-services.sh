#!/usr/bin/env bash
# Start PostgreSQL, Redis and (when installed) RabbitMQ if they are not running: the scale-out
# tests and the PostgreSQL half of the API suite use them for real. Idempotent; never fails the
# build (tests that need a missing service skip with the reason).
set -u
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wanted=()
if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    wanted+=(5432)
    if ! port_open 5432; then
        echo "starting PostgreSQL"
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start || true
    fi
fi
if command -v redis-server >/dev/null; then
    wanted+=(6379)
    if ! port_open 6379; then
        echo "starting Redis"
        mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
        redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
            --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
    fi
fi
if command -v rabbitmq-server >/dev/null; then
    wanted+=(5672)
    if ! port_open 5672; then
        echo "starting RabbitMQ"
        rabbitmq-server -detached >/dev/null 2>&1 || true
    fi
fi
for _ in $(seq 1 60); do
    missing=()
    for port in "${wanted[@]}"; do port_open "$port" || missing+=("$port"); done
    [ ${#missing[@]} -eq 0 ] && exit 0
    sleep 1
done
echo "warning: nothing listens on port(s) ${missing[*]}; tests that need them will be skipped" >&2
exit 0
