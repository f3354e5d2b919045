#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Differential test of the vtund.conf parser against Debian's vtund 3.0.4 (issue 12).
#   tests/config/differential.sh N SEED     run N generated cases (tests/lib/confgen.py)
# Each case is checked with our `--check-config`, then both daemons are started as servers on it
# in a throwaway network namespace (2 namespaces, 2 cases at a time) and compared: do they run
# or refuse, where do they listen, which FLAGS do they announce for each host. Disagreements are
# printed one per line with the case file kept in the result dir ($DIFF_OUT, default a new temp
# dir, printed at the end); the last line is "differential: N cases, K disagreements ...".
# Exit 1 when a disagreement is not matched by tests/config/differential-known.txt, 77 (skip)
# without /usr/sbin/vtund or root.
# VTUND: our binary (default build/vtund of this tree); DEBIAN_VTUND: the reference.
set -u
here=$(cd "$(dirname "$0")" && pwd)
n=${1:-200}
seed=${2:-1}
vtun=${DEBIAN_VTUND:-/usr/sbin/vtund}
ours=$(realpath "${VTUND:-$here/../../build/vtund}")
[ -x "$vtun" ] || { echo "SKIP differential: $vtun missing (install Debian's vtun)"; exit 77; }
[ "$(id -u)" = 0 ] || { echo "SKIP differential: needs root (network namespaces)"; exit 77; }
[ -x "$ours" ] || { echo "differential: $ours is not built"; exit 2; }

out=${DIFF_OUT:-$(mktemp -d /tmp/vtdiff.XXXXXX)}
mkdir -p "$out"
tag=vtdf$$r$RANDOM
nss=()
cleanup() {
	for ns in "${nss[@]}"; do ip netns del "$ns" 2>/dev/null; done
	rm -rf "$out/work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for w in 0 1; do
	ip netns add "$tag$w" || exit 2
	nss+=("$tag$w")
	# Besides loopback a veth pair with IPv4/IPv6 addresses: Debian's vtund resolves with
	# AI_ADDRCONFIG, which fails ("Can't resolv ... address") where only loopback is configured.
	ip netns exec "$tag$w" sh -ec 'ip link set lo up
		ip link add v0 type veth peer name v1
		ip addr add 10.250.0.1/24 dev v0
		ip -6 addr add fd00:250::1/64 dev v0 nodad
		ip link set v0 up; ip link set v1 up' || exit 2
done
python3 "$here/differential.py" --vtun "$vtun" --ours "$ours" --ns "$(IFS=,; echo "${nss[*]}")" \
	--out "$out" --known "$here/differential-known.txt" "$n" "$seed"
rc=$?
echo "differential: results in $out"
exit $rc
