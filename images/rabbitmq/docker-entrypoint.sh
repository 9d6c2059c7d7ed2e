#!/bin/sh
# Same contract as the rabbitmq image's entrypoint: `rabbitmq-server [erl arguments]`, as the rabbitmq user.
set -e

# Debian's 3.10 broker does not read RABBITMQ_DEFAULT_USER/PASS itself (4.x does): they become its default user,
# created when the data folder is new, from a file only the broker's user can read. Once written they are unset,
# so the second pass (as rabbitmq, below) keeps the file.
if [ "$1" = rabbitmq-server ] && [ -n "$RABBITMQ_DEFAULT_PASS" ]; then
	escape() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
	umask 0077
	printf '[{rabbit, [{default_user, <<"%s"/utf8>>}, {default_pass, <<"%s"/utf8>>}]}].\n' \
		"$(escape "${RABBITMQ_DEFAULT_USER:-guest}")" "$(escape "${RABBITMQ_DEFAULT_PASS:-guest}")" > /etc/rabbitmq/advanced.config
	export RABBITMQ_ADVANCED_CONFIG_FILE=/etc/rabbitmq/advanced.config
	unset RABBITMQ_DEFAULT_USER RABBITMQ_DEFAULT_PASS
fi

# The -management tags enable the management plugin; which tag ran is not visible here, so the management listener
# the AppHost configures on the command line (-rabbitmq_management tcp_config) is what enables it.
case " $* " in
	*" -rabbitmq_management "*) echo '[rabbitmq_management].' > /etc/rabbitmq/enabled_plugins ;;
	*) echo '[].' > /etc/rabbitmq/enabled_plugins ;;
esac

# Started as root: own the data and config, then run as rabbitmq (setpriv is in util-linux).
if [ "$1" = rabbitmq-server ] && [ "$(id -u)" = 0 ]; then
	chown -R rabbitmq:rabbitmq /var/lib/rabbitmq /etc/rabbitmq
	if [ ! -f /var/lib/rabbitmq/.erlang.cookie ]; then
		head -c 15 /dev/urandom | od -An -tx1 | tr -d ' \n' > /var/lib/rabbitmq/.erlang.cookie
		chown rabbitmq:rabbitmq /var/lib/rabbitmq/.erlang.cookie
		chmod 0400 /var/lib/rabbitmq/.erlang.cookie
	fi
	exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups "$0" "$@"
fi

exec "$@"
