#!/usr/bin/env bash
# Same environment contract as the postgres image's entrypoint (written anew, not copied):
#   POSTGRES_PASSWORD          superuser password; required unless POSTGRES_HOST_AUTH_METHOD=trust
#   POSTGRES_USER              superuser name (default postgres)
#   POSTGRES_DB                database created on first start (default: the user's name)
#   POSTGRES_INITDB_ARGS       extra initdb arguments, e.g. "--auth-host=scram-sha-256 --auth-local=scram-sha-256"
#   POSTGRES_HOST_AUTH_METHOD  pg_hba method for remote hosts (default scram-sha-256)
#   PGDATA                     the cluster (default /var/lib/postgresql/data)
# Each of the first four may instead come from a file named by <NAME>_FILE (Docker secrets).
# On first start (empty PGDATA): initdb, create the database, run /docker-entrypoint-initdb.d/*.sh, *.sql and
# *.sql.gz against a temporary server reachable only through its unix socket; then run postgres in the foreground.
# No -u: *.sh init scripts are sourced into this shell, as upstream does, and may read unset variables.
set -Eeo pipefail

# `docker run postgres -c fsync=off`: options go to postgres.
if [ "${1:0:1}" = - ]; then
	set -- postgres "$@"
fi

for var in POSTGRES_PASSWORD POSTGRES_USER POSTGRES_DB POSTGRES_INITDB_ARGS; do
	file_var=${var}_FILE
	if [ -n "${!file_var:-}" ]; then
		[ -z "${!var:-}" ] || { echo "error: both $var and $file_var are set" >&2; exit 1; }
		export "$var"="$(<"${!file_var}")"
		unset "$file_var"
	fi
done
export PGDATA=${PGDATA:-/var/lib/postgresql/data}
export POSTGRES_USER=${POSTGRES_USER:-postgres}
export POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}

# Started as root: make the data dir (maybe a fresh volume or bind mount) the postgres user's, then run this
# script again as that user (upstream uses gosu; setpriv is in util-linux).
if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
	mkdir -p "$PGDATA"
	find "$PGDATA" \! -user postgres -exec chown postgres:postgres '{}' +
	chmod 700 "$PGDATA"
	exec setpriv --reuid=postgres --regid=postgres --init-groups "$BASH_SOURCE" "$@"
fi

# The temporary server gets the caller's options but no TCP listener, so nothing outside sees a half-made database.
start_temporary_server() {
	local opts
	opts=$(printf '%q ' "${@:2}" -c listen_addresses= -p "${PGPORT:-5432}")
	pg_ctl -D "$PGDATA" -o "$opts" -w start
}

run_init_scripts() {
	local psql=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc)
	local f
	for f in /docker-entrypoint-initdb.d/*; do
		case $f in
			*.sh) echo "running $f"; if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
			*.sql) echo "running $f"; "${psql[@]}" --dbname "$POSTGRES_DB" -f "$f" ;;
			*.sql.gz) echo "running $f"; gunzip -c "$f" | "${psql[@]}" --dbname "$POSTGRES_DB" ;;
			*) [ ! -e "$f" ] || echo "ignoring $f" ;;
		esac
	done
}

init_cluster() {
	if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "${POSTGRES_HOST_AUTH_METHOD:-}" != trust ]; then
		cat >&2 <<-'MSG'
		error: the database is uninitialized and no superuser password is set.
		       Set POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE), or POSTGRES_HOST_AUTH_METHOD=trust to allow
		       every connection without a password (not recommended).
		MSG
		exit 1
	fi

	# The password reaches initdb through a pipe, never argv. eval: POSTGRES_INITDB_ARGS may quote its words.
	local pwfile=
	[ -z "${POSTGRES_PASSWORD:-}" ] || pwfile='--pwfile=<(printf "%s\n" "$POSTGRES_PASSWORD")'
	eval 'initdb --username="$POSTGRES_USER" '"$pwfile ${POSTGRES_INITDB_ARGS:-}"

	local method=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
	[ "$method" != trust ] || echo "warning: POSTGRES_HOST_AUTH_METHOD=trust: every host connects without a password" >&2
	printf '\nhost all all all %s\n' "$method" >>"$PGDATA/pg_hba.conf"

	# With --auth-local=scram-sha-256 even the socket wants the password.
	export PGPASSWORD=${PGPASSWORD:-${POSTGRES_PASSWORD:-}}
	start_temporary_server "$@"
	if [ "$POSTGRES_DB" != postgres ]; then
		psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc --dbname postgres \
			--set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
	fi
	run_init_scripts
	pg_ctl -D "$PGDATA" -m fast -w stop
	unset PGPASSWORD
	echo "PostgreSQL init process complete; ready for start up."
}

if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
	init_cluster "$@"
fi

exec "$@"
