#!/bin/sh
# Same contract as the redis image's entrypoint.
set -e

# `docker run redis --port 7000` or `docker run redis /etc/my.conf`: options or a config file go to redis-server.
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
	set -- redis-server "$@"
fi

# Started as root: own the data dir, then run as redis (upstream uses gosu; setpriv is in util-linux).
if [ "$1" = redis-server ] && [ "$(id -u)" = 0 ]; then
	find . \! -user redis -exec chown redis '{}' +
	exec setpriv --reuid=redis --regid=redis --init-groups "$0" "$@"
fi

# Files redis writes (dump.rdb, appendonly) are private unless the caller chose another umask.
if [ "$(umask)" = 0022 ]; then
	umask 0077
fi

exec "$@"
