#!/usr/bin/env bash
# test-hosts.sh - real, throwaway "hosts" for the staging tests (adapted from reference/real-hosts.md §6).
# Needs root with CAP_SYS_ADMIN + CAP_NET_ADMIN, and the Debian packages openssh-server iproute2
# util-linux (+ ganeti for up-ganeti). No systemd is used. Every host is a network namespace with its
# own IP on a private LAN, its own hostname (UTS ns) and private copy-on-write /etc /root /run /srv /usr /var
# (overlayfs in a private mount ns; /usr too, so /usr/lib/synnefo/tools can exist on one host only);
# /tmp /home /opt /work are SHARED with the machine and every host.
#
#   check                      can this machine do it? (root, ip netns, unshare --mount --uts, overlayfs)
#   up-hosts NAME...           LAN $SUBNET.0/24 (bridge in netns ${NSP}lan) + host "admin" ($SUBNET.10,
#                              always added: run the tests there) + one host per NAME ($SUBNET.11, .12, …),
#                              each NAME with sshd on :22 (PermitUserEnvironment yes, so /root/.ssh/environment
#                              can set PATH), its own host keys, and root's authorized_keys = the client key.
#                              Writes $STATE/hosts.json, $STATE/known_hosts, $STATE/client_ed25519.
#   exec HOST CMD...           run CMD "on" HOST (nsenter into its namespaces, no ssh; cwd kept)
#   up-ganeti HOST [CLUSTER]   single-node Ganeti cluster CLUSTER.test (default: the first of
#                              $REALHOSTS_CLUSTERS) on HOST: fake hypervisor, file/sharedfile/diskless/ext,
#                              OS "noop", RAPI user synnefo/s3cret
#   down                       kill everything inside our namespaces, delete them and $STATE
#
# Environment: REALHOSTS_STATE (state dir; use a fresh temp dir per run, outside the private dirs),
#   REALHOSTS_NS_PREFIX (netns name prefix, machine-global: unique per run), REALHOSTS_SUBNET (default 10.77.0),
#   REALHOSTS_CLUSTERS (Ganeti cluster names given addresses $SUBNET.100, .101, …; default "cluster").
set -euo pipefail
STATE=${REALHOSTS_STATE:-/tmp/snf-hosts/state}
SUBNET=${REALHOSTS_SUBNET:-10.77.0}
NSP=${REALHOSTS_NS_PREFIX:-rh-}
CLUSTERS=${REALHOSTS_CLUSTERS:-cluster}
PRIVATE='etc root run srv usr var'     # copy-on-write per host; /tmp /home /opt /work stay shared

case "$STATE/" in
	/etc/* | /root/* | /run/* | /srv/* | /usr/* | /var/*)
		echo "REALHOSTS_STATE=$STATE lies under a directory the hosts overlay; use one under /tmp" >&2; exit 2 ;;
esac

wait_port() { # wait_port ADDR PORT NETNS
	local i; for i in $(seq 1 200); do
		if ip netns exec "$3" bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; then return 0; fi; sleep 0.05
	done; echo "port $1:$2 not up in $3" >&2; return 1
}
holder() { cat "$STATE/hosts.d/$1/holder.pid"; }
hexec() { local h=$1; shift; nsenter -t "$(holder "$h")" -m -u -n --wd="$PWD" "$@"; }  # --wd: nsenter -m would cd to /
ip_of() { awk -v n="$1.test" '$2==n{print $1}' "$STATE/hosts"; }

# ---------- 0. privileges ----------
check() {
	local fail=0 probe="${NSP}probe$$" t
	if [ "$(id -u)" != 0 ]; then echo "not root (uid $(id -u)): the staging hosts need root"; fail=1; fi
	for t in ip nsenter unshare mount /usr/sbin/sshd ssh-keygen; do
		command -v "$t" >/dev/null || { echo "missing program: $t"; fail=1; }
	done
	if ip netns add "$probe" 2>/tmp/.rh-check.$$; then ip netns del "$probe"
	else echo "'ip netns add' fails (needs CAP_SYS_ADMIN + CAP_NET_ADMIN): $(cat /tmp/.rh-check.$$)"; fail=1; fi
	if ! unshare --mount --uts --propagation private true 2>/tmp/.rh-check.$$; then
		echo "'unshare --mount --uts' fails (needs CAP_SYS_ADMIN): $(cat /tmp/.rh-check.$$)"; fail=1
	else
		t=$(mktemp -d /tmp/.rh-ovl.XXXXXX); mkdir "$t/lo" "$t/up" "$t/wk" "$t/mnt"
		if ! unshare --mount --propagation private \
			mount -t overlay overlay -o "lowerdir=$t/lo,upperdir=$t/up,workdir=$t/wk" "$t/mnt" 2>/tmp/.rh-check.$$; then
			echo "overlayfs mount fails in a private mount namespace: $(cat /tmp/.rh-check.$$)"; fail=1
		fi
		rm -rf "$t"
	fi
	rm -f /tmp/.rh-check.$$
	[ $fail = 0 ] && echo "ok: root, ip netns, unshare --mount --uts, overlayfs"
	return $fail
}

# ---------- 1. namespace hosts ----------
host_up() { # host_up NAME IP
	local h=$1 ip=$2 d=$STATE/hosts.d/$1 m
	mkdir -p "$d"; for m in $PRIVATE; do mkdir -p "$d/up/$m" "$d/work/$m"; done
	ip netns add "${NSP}$h"
	ip -n "${NSP}$h" link set lo up
	ip -n "${NSP}lan" link add "v-$h" type veth peer name eth0 netns "${NSP}$h"
	ip -n "${NSP}lan" link set "v-$h" master br0 up
	ip -n "${NSP}$h" addr add "$ip/24" dev eth0
	ip -n "${NSP}$h" link set eth0 up
	cat > "$d/init.sh" <<EOF
set -e
for m in $PRIVATE; do
	mount -t overlay overlay -o lowerdir=/\$m,upperdir=$d/up/\$m,workdir=$d/work/\$m /\$m
done
hostname $h.test
echo $h.test > /etc/hostname
{ echo '127.0.0.1 localhost'; cat $STATE/hosts; } > /etc/hosts
: > /root/.bashrc
rm -rf /root/.ssh
touch $d/ready
exec sleep infinity
EOF
	rm -f "$d/ready"
	ip netns exec "${NSP}$h" unshare --mount --uts --propagation private bash "$d/init.sh" </dev/null >"$d/holder.log" 2>&1 &
	echo $! > "$d/holder.pid"
}
host_wait() {
	local d=$STATE/hosts.d/$1 i
	for i in $(seq 1 200); do [ -f "$d/ready" ] && return 0; sleep 0.05; done
	cat "$d/holder.log" >&2; echo "host $1 did not come up" >&2; return 1
}
host_sshd() { # fresh host keys + root authorized_keys + sshd on :22, all inside the host's private /etc /root /run
	local h=$1 ip; ip=$(ip_of "$h")
	hexec "$h" sh -ec "
		rm -f /etc/ssh/ssh_host_*          # private copy-on-write /etc: the machine's own host keys stay untouched
		ssh-keygen -q -t ed25519 -N '' -C $h.test -f /etc/ssh/ssh_host_ed25519_key
		ssh-keygen -q -t rsa -b 2048 -N '' -C $h.test -f /etc/ssh/ssh_host_rsa_key   # Ganeti's init reads ssh_host_rsa_key.pub
		install -d -m 700 /root/.ssh
		cat $STATE/client_ed25519.pub > /root/.ssh/authorized_keys; chmod 600 /root/.ssh/authorized_keys
		mkdir -p /etc/ssh/sshd_config.d
		printf '%s\n' 'HostKey /etc/ssh/ssh_host_ed25519_key' 'HostKey /etc/ssh/ssh_host_rsa_key' 'UsePAM no' \
			'PasswordAuthentication no' 'KbdInteractiveAuthentication no' 'PermitRootLogin prohibit-password' \
			'PermitUserEnvironment yes' 'UseDNS no' 'PrintMotd no' 'PrintLastLog no' 'MaxSessions 100' \
			'MaxStartups 100:30:200' 'AcceptEnv LANG LC_*' > /etc/ssh/sshd_config.d/00-test.conf
		install -d -m 755 /run/sshd
		/usr/sbin/sshd -t
		/usr/sbin/sshd -E /var/log/sshd-test.log" </dev/null
	wait_port "$ip" 22 "${NSP}$h"
	echo "$h.test,$ip $(hexec "$h" cut -d' ' -f1,2 /etc/ssh/ssh_host_ed25519_key.pub)" > "$STATE/hosts.d/$h/known_host"
}
up_hosts() {
	[ $# -gt 0 ] || { echo "usage: up-hosts NAME..." >&2; exit 2; }
	mkdir -p "$STATE"; chmod 755 "$STATE"
	[ -f "$STATE/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C staging-test -f "$STATE/client_ed25519"
	local names="admin $*" h i=10 c pids=()
	: > "$STATE/hosts"
	for h in $names; do echo "$SUBNET.$i $h.test $h" >> "$STATE/hosts"; i=$((i+1)); done
	i=100; for c in $CLUSTERS; do echo "$SUBNET.$i $c.test $c" >> "$STATE/hosts"; i=$((i+1)); done
	ip netns add "${NSP}lan"
	ip -n "${NSP}lan" link set lo up
	ip -n "${NSP}lan" link add br0 type bridge
	ip -n "${NSP}lan" link set br0 up
	i=10; for h in $names; do host_up "$h" "$SUBNET.$i"; i=$((i+1)); done
	for h in $names; do host_wait "$h"; done
	for h in "$@"; do host_sshd "$h" & pids+=($!); done
	for i in "${pids[@]}"; do wait "$i"; done
	for h in "$@"; do cat "$STATE/hosts.d/$h/known_host"; done > "$STATE/known_hosts"
	# plain `ssh root@astakos.test` works on the admin host (private /root)
	hexec admin sh -ec "install -d -m 700 /root/.ssh; cp $STATE/client_ed25519 /root/.ssh/id_ed25519
		cp $STATE/client_ed25519.pub /root/.ssh/id_ed25519.pub; cp $STATE/known_hosts /root/.ssh/known_hosts" </dev/null
	{ printf '{"state":"%s","nsPrefix":"%s","key":"%s","knownHosts":"%s","hosts":{' \
		"$STATE" "$NSP" "$STATE/client_ed25519" "$STATE/known_hosts"
		awk '{printf "%s\"%s\":\"%s\"", (NR>1?",":""), $2, $1}' "$STATE/hosts"; printf '}}\n'; } > "$STATE/hosts.json"
	echo "hosts up: $names"
}
down_hosts() {
	local ns pids i
	for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^${NSP}" || true); do
		pids=$(ip netns pids "$ns" | tr '\n' ' ')
		[ -z "$pids" ] || kill $pids 2>/dev/null || true
	done
	for i in $(seq 1 40); do   # up to 2 s for a clean exit, then SIGKILL
		pids=$(for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^${NSP}" || true); do ip netns pids "$ns"; done)
		[ -z "$pids" ] && break; sleep 0.05
	done
	for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^${NSP}" || true); do
		pids=$(ip netns pids "$ns" | tr '\n' ' ')
		[ -z "$pids" ] || kill -9 $pids 2>/dev/null || true
		ip netns del "$ns"
	done
}

# ---------- 2. Ganeti on one namespace host ----------
up_ganeti() {
	local h=$1 cluster=${2:-${CLUSTERS%% *}}
	hexec "$h" bash -se "$cluster" <<'EOF'
cluster=$1
# the private /run starts as a copy of the machine's: drop pid files of Ganeti daemons a package install may
# have started outside (same pid namespace: start-stop-daemon would take them for ours)
rm -f /run/ganeti/*.pid
printf '/srv/ganeti/file-storage\n/srv/ganeti/shared-file-storage\n' > /etc/ganeti/file-storage-paths
mkdir -p /srv/ganeti/file-storage /srv/ganeti/shared-file-storage /srv/ganeti/os/noop
# minimal OS definition (API 20) so that gnt-instance add works with the fake hypervisor
echo 20 > /srv/ganeti/os/noop/ganeti_api_version; : > /srv/ganeti/os/noop/parameters.list
for s in create export import rename verify; do printf '#!/bin/sh\nexit 0\n' > /srv/ganeti/os/noop/$s; chmod 755 /srv/ganeti/os/noop/$s; done
ip link add br-gnt type bridge && ip link set br-gnt up          # NIC link for mode=bridged
# root ssh key to itself, so that gnt-cluster verify's ssh check passes
[ -f /root/.ssh/id_rsa ] || ssh-keygen -q -t rsa -b 2048 -N '' -f /root/.ssh/id_rsa
cat /root/.ssh/id_rsa.pub >> /root/.ssh/authorized_keys
gnt-cluster init --enabled-hypervisors=fake --enabled-disk-templates=file,sharedfile,diskless,ext \
	--master-netdev=eth0 --no-etc-hosts --no-ssh-init --nic-parameters=mode=bridged,link=br-gnt "$cluster.test"
# RAPI reachable from the other hosts, user synnefo/s3cret
echo 'synnefo s3cret write' > /var/lib/ganeti/rapi/users
sed -i 's/^RAPI_ARGS=.*/RAPI_ARGS="--require-authentication"/' /etc/default/ganeti
/usr/lib/ganeti/daemon-util stop ganeti-rapi; /usr/lib/ganeti/daemon-util start ganeti-rapi
EOF
	echo "ganeti cluster $cluster.test up on $h"
}

case "${1:-}" in
	check) check ;;
	up-hosts) shift; up_hosts "$@" ;;
	exec) shift; h=$1; shift; hexec "$h" "$@" ;;
	up-ganeti) up_ganeti "$2" "${3:-}" ;;
	down) down_hosts; rm -rf "$STATE" ;;
	*) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 2 ;;
esac
