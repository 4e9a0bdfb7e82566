# pg_lib.sh - a throwaway PostgreSQL cluster for a test; source it after
# lib.sh.  Never the machine's own cluster: initdb in a temporary folder,
# a Unix socket in that folder only (no TCP), fsync on, run by a user who
# is not root (PostgreSQL refuses root: as root, the postgres user through
# runuser).  pg_start sets PGDIR, PGSOCK (the socket's folder), PGPORT_T
# and ADMIN (a connection string of the cluster's superuser, database
# antri); pg_stop and pg_restart act on it; pg_cleanup removes it.
# pg_skip_reason says why no cluster can be had, or nothing.

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

pg_skip_reason() {
	if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
		echo "PostgreSQL's server (postgresql-15) is not installed"
		return
	fi
	command -v psql >/dev/null || { echo "psql is not installed"; return; }
	if [ "$(id -u)" = 0 ]; then
		id postgres >/dev/null 2>&1 ||
		    { echo "running as root and there is no postgres user"; return; }
		command -v runuser >/dev/null ||
		    { echo "running as root without runuser"; return; }
	fi
}

# as the cluster's owner
pg_as() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
	PGDIR=$(mktemp -d /tmp/antri-pg.XXXXXX) || return 1
	chmod 0755 "$PGDIR"
	[ "$(id -u)" = 0 ] && chown postgres: "$PGDIR"
	PGSOCK=$PGDIR
	PGPORT_T=$((20000 + $$ % 20000))
	pg_as "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth-local=trust \
	    --auth-host=reject -E UTF8 --locale=C.UTF-8 >"$PGDIR/initdb.log" 2>&1 ||
	    pg_as "$PGBIN/initdb" -D "$PGDIR/data" -U postgres \
	    --auth-local=trust --auth-host=reject -E UTF8 --no-locale \
	    >"$PGDIR/initdb.log" 2>&1 || return 1
	# the superuser by the socket without a password; every other role
	# with its password (SCRAM)
	printf 'local all postgres trust\nlocal all all scram-sha-256\n' |
	    pg_as tee "$PGDIR/data/pg_hba.conf" >/dev/null
	pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
	    -o "-k $PGSOCK -p $PGPORT_T -c listen_addresses='' -c fsync=on" \
	    start >/dev/null || return 1
	ADMIN="host=$PGSOCK port=$PGPORT_T user=postgres dbname=antri"
	psql -X -q "host=$PGSOCK port=$PGPORT_T user=postgres dbname=postgres" \
	    -c "CREATE DATABASE antri" >/dev/null
}

pg_stop() {
	pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1
}

pg_restart() {
	pg_as "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
	    -o "-k $PGSOCK -p $PGPORT_T -c listen_addresses='' -c fsync=on" \
	    start >/dev/null
}

pg_cleanup() {
	[ -n "${PGDIR:-}" ] || return 0
	pg_stop
	rm -rf "$PGDIR"
}

# psql as the superuser: one value
pgq() {
	psql -X -qAt "$ADMIN" -c "$1"
}

# pg_outlet_conf NAME: $OUT/NAME.conf of the outlet jkt-NAME, its database
# $OUT/NAME.db, its antri-sync's connection to this cluster as its own
# role with the passfile $OUT/pass.NAME (antri-central office add
# --passfile)
pg_outlet_conf() {
	cat >"$OUT/$1.conf" <<EOC
[database]
path = $OUT/$1.db
[central]
pg = host=$PGSOCK port=$PGPORT_T dbname=antri user=antri_jkt-$1 passfile=$OUT/pass.$1 connect_timeout=5
office = jkt-$1
EOC
}
