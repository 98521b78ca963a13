#!/usr/bin/env bash
# A simulated classroom network made of Linux network namespaces, for
# `make classroom-test` (classroom/) and `make screenshots-classroom`.
# Needs root. Every name carries the run's ID, so runs never touch each
# other, and `down ID` removes exactly what `up ID` made.
#
#   scripts/classroom-net.sh up ID      make the network (ID: 1-6 letters/digits)
#   scripts/classroom-net.sh down ID    remove it (safe to run twice, or after a failed up)
#
# The network, all inside namespaces (nothing is added to the host's own):
#
#   slc-ID-teacher  10.199.1.1/24   fd99:199:1::1/64 \
#   slc-ID-s1       10.199.1.11/24  fd99:199:1::11/64 |
#   slc-ID-s2       10.199.1.12/24                    |-- bridge br0 in slc-ID-switch
#   slc-ID-s3       10.199.1.13/24                    |
#   slc-ID-router   10.199.1.254/24                   /
#   slc-ID-router   10.199.2.254/24 --- slc-ID-other 10.199.2.10/24
#
# The LAN's hosts route everything else through the router, which forwards
# between the two subnets only: 10.199.3.0/24 (or any other address) is a
# route that leads nowhere, answered by the router with "network
# unreachable". 10.199.1.99 is a missing host on the LAN.
set -Eeuo pipefail

die() {
	echo "classroom-net: $*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: $0 up|down ID"
cmd=$1 id=$2
[[ $id =~ ^[a-z0-9]{1,6}$ ]] || die "ID is 1-6 lower-case letters or digits, not '$id'"
p="slc-$id"
hosts=(teacher s1 s2 s3)

down() {
	local ns
	for ns in switch "${hosts[@]}" router other; do
		ip netns del "$p-$ns" 2>/dev/null || true
		rm -rf "/etc/netns/$p-$ns"
	done
	rmdir /etc/netns 2>/dev/null || true # only if no one else has a file there
}

if [ "$cmd" = down ]; then
	down
	exit 0
fi
[ "$cmd" = up ] || die "usage: $0 up|down ID"
[ "$(id -u)" -eq 0 ] || die "needs root to make network namespaces (CI runs this as root; locally: sudo)"
command -v ip >/dev/null || die "ip (iproute2) is missing: make deps-test"
trap 'echo "classroom-net: failed at line $LINENO: $BASH_COMMAND" >&2; down' ERR

nsx() { ip netns exec "$p-$1" "${@:2}"; }

for ns in switch "${hosts[@]}" router other; do
	ip netns add "$p-$ns"
	nsx "$ns" ip link set lo up
done
nsx switch ip link add br0 type bridge
nsx switch ip link set br0 up

# plug NS IFADDR: a veth from NS (eth0) to a port of the switch's bridge.
# IPv6 addresses skip duplicate detection, so they work at once.
plug() {
	local ns=$1 v4=$2 v6=${3:-} ifname=${4:-eth0}
	ip link add "$ifname" netns "$p-$ns" type veth peer name "$ns-$ifname" netns "$p-switch"
	nsx switch ip link set "$ns-$ifname" master br0 up
	nsx "$ns" ip addr add "$v4" dev "$ifname"
	if [ -n "$v6" ]; then nsx "$ns" ip addr add "$v6" dev "$ifname" nodad; fi
	nsx "$ns" ip link set "$ifname" up
}
plug teacher 10.199.1.1/24 fd99:199:1::1/64
plug s1 10.199.1.11/24 fd99:199:1::11/64
plug s2 10.199.1.12/24
plug s3 10.199.1.13/24
plug router 10.199.1.254/24

# The second subnet: a cable straight from the router to the other student.
ip link add eth1 netns "$p-router" type veth peer name eth0 netns "$p-other"
nsx router ip addr add 10.199.2.254/24 dev eth1
nsx router ip link set eth1 up
nsx other ip addr add 10.199.2.10/24 dev eth0
nsx other ip link set eth0 up
nsx router sysctl -qw net.ipv4.ip_forward=1

for ns in "${hosts[@]}"; do
	nsx "$ns" ip route add default via 10.199.1.254
done
nsx other ip route add default via 10.199.2.254

# s1 knows the teacher's computer by name, with both of its addresses, as a
# classroom's DNS would: `ip netns exec` shows this file as /etc/hosts.
mkdir -p "/etc/netns/$p-s1"
printf '127.0.0.1 localhost\n::1 localhost\nfd99:199:1::1 teacher-pc\n10.199.1.1 teacher-pc\n' >"/etc/netns/$p-s1/hosts"
