#!/usr/bin/env bash
# Start PostgreSQL and Redis when they are not running (tests of the scale-out mode use them for real).
set -u
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if ! port_open 5432 && command -v pg_ctlcluster >/dev/null; then
    echo "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
fi
if ! port_open 6379 && command -v redis-server >/dev/null; then
    echo "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
        --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
fi
for _ in $(seq 1 30); do
    { port_open 5432 || ! command -v pg_ctlcluster >/dev/null; } && { port_open 6379 || ! command -v redis-server >/dev/null; } && exit 0
    sleep 1
done
echo "warning: PostgreSQL or Redis did not come up; tests that need them will be skipped" >&2
exit 0
