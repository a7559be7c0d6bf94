#!/bin/busybox sh
# /init of the real-kernel test's guest (see binder.vm.ts): runs the modalias CLI
# against a real kernel's sysfs, on the e1000, on the PCIe root port and on the
# two-function e1000 qemu gives it, and prints one line per check on the console:
#   RESULT <check> PASS|FAIL <detail>
# then DONE, and powers off. Each CLI run is echoed with its output, prefixed "| ".
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
dmesg -n 1
modprobe e1000

V=$(uname -r)
ALIASES=/lib/modules/$V/modules.alias
CLI="node /modalias/dist/cli/modalias.cjs"
export NODE_OPTIONS=--no-warnings

result() { # CHECK OK DETAIL
  if [ "$2" = 0 ]; then echo "RESULT $1 PASS $3"; else echo "RESULT $1 FAIL $3"; fi
}
run() { # runs the CLI with the arguments; output in $OUT, exit status in $RC
  OUT=$($CLI "$@" 2>&1)
  RC=$?
  echo "\$ modalias $*"
  echo "$OUT" | sed 's/^/| /'
  echo "| (exit $RC)"
}
driver() { [ -e "$1/driver" ] && basename "$(readlink "$1/driver")" || echo none; }
override() { cat "$1/driver_override"; }
has() { case "$OUT" in *"$1"*) return 0 ;; esac; return 1; }
find_device() { # VENDOR DEVICE: the first PCI device with these ids
  for d in /sys/bus/pci/devices/*; do
    [ "$(cat "$d/vendor")" = "$1" ] && [ "$(cat "$d/device")" = "$2" ] && { echo "$d"; return; }
  done
}

DEV=$(find_device 0x8086 0x100e)
A=$(basename "$DEV")
G=$(basename "$(readlink "$DEV/iommu_group")")
echo "e1000 at $A, IOMMU group $G, driver $(driver "$DEV"), kernel $V"

# 1. status and vfio name vfio_pci and the device's IOMMU group.
run status "$A"
has "$A 8086:100e driver=e1000 override=- vfio=vfio_pci group=$G"; ok=$?
[ $RC = 0 ] || ok=1
result status $ok "exit $RC, group $G"
run vfio "$A"
has "$A: vfio_pci"; ok=$?
[ $RC = 0 ] || ok=1
result vfio $ok "exit $RC"

# 2. bind refuses a device held by a host driver (and one whose interface carries routes),
#    takes it with --force, and is idempotent.
run bind "$A"
ok=0
[ $RC = 1 ] && has "refused: bound to host driver e1000" || ok=1
[ "$(driver "$DEV")" = e1000 ] && [ "$(override "$DEV")" = "(null)" ] || ok=1
result bind-refused $ok "exit $RC, driver $(driver "$DEV"), override $(override "$DEV")"

# With an address on its interface (a route in /proc/net/route), the routes are a reason too.
NET=$(basename "$(ls -d "$DEV"/net/* | head -n 1)")
ip link set "$NET" up && ip addr add 10.0.2.15/24 dev "$NET"
run bind "$A"
ok=0
[ $RC = 1 ] && has "refused: bound to host driver e1000; network interface $NET carries routes" || ok=1
[ "$(driver "$DEV")" = e1000 ] || ok=1
result bind-refused-routes $ok "exit $RC, interface $NET, driver $(driver "$DEV")"
ip addr flush dev "$NET" && ip link set "$NET" down

run bind --force "$A"
ok=0
[ $RC = 0 ] && has "bound to vfio-pci (module vfio_pci), was e1000" || ok=1
[ "$(driver "$DEV")" = vfio-pci ] && [ -c "/dev/vfio/$G" ] || ok=1
result bind-force $ok "exit $RC, driver $(driver "$DEV"), /dev/vfio/$G $([ -c "/dev/vfio/$G" ] && echo present || echo missing)"

run bind "$A"
ok=0
[ $RC = 0 ] && has "already bound to vfio-pci" && [ "$(driver "$DEV")" = vfio-pci ] || ok=1
result bind-again $ok "exit $RC, driver $(driver "$DEV")"

# 3. unbind gives the device back to e1000.
run unbind "$A"
ok=0
[ $RC = 0 ] && has "now bound to e1000" || ok=1
[ "$(driver "$DEV")" = e1000 ] && [ "$(override "$DEV")" = "(null)" ] || ok=1
result unbind $ok "exit $RC, driver $(driver "$DEV"), override $(override "$DEV")"

# 4. A more specific alias naming a module that does not exist: bind fails, the device stays on e1000.
{ cat "$ALIASES"; echo "alias vfio_pci:v00008086d0000100Esv*sd*bc*sc*i* vfio_e1000_missing"; } >/tmp/modules.alias
run bind --force --json --alias-file /tmp/modules.alias "$A"
ok=0
[ $RC = 1 ] && has '"outcome":"failed"' && has '"step":"load"' && has vfio_e1000_missing || ok=1
[ "$(driver "$DEV")" = e1000 ] && [ "$(override "$DEV")" = "(null)" ] || ok=1
result rollback-missing-module $ok "exit $RC, driver $(driver "$DEV"), override $(override "$DEV")"

# 5. vfio-pci declines a bridge (not a normal header) though the drivers_probe write succeeds:
#    bind must notice and give the port back to pcieport with the override cleared.
PORT=$(find_device 0x1b36 0x000c)
P=$(basename "$PORT")
run bind --json "$P"
ok=0
[ $RC = 1 ] && has '"step":"verify"' && has '"rollback":"complete"' || ok=1
[ "$(driver "$PORT")" = pcieport ] && [ "$(override "$PORT")" = "(null)" ] || ok=1
result rollback-probe-declined $ok "exit $RC, driver $(driver "$PORT"), override $(override "$PORT")"

# 6. The real kernel's built-in drivers' aliases: a key only a built-in driver claims is answered
#    from modules.builtin.modinfo, as modprobe -R answers it (kmod's, by path: the shell would run
#    busybox's own modprobe applet, which has no -R).
KEY=$(tr '\0' '\n' <"/lib/modules/$V/modules.builtin.modinfo" | sed -n 's/^[a-z0-9_]*\.alias=\([^*?[]*\)$/\1/p' | head -n 1)
THEIRS=$(/bin/modprobe -R "$KEY" | awk '!seen[$0]++' | tr '\n' ' ' | sed 's/ $//')
run match --all "$KEY"
OURS=$OUT
run match --json "$KEY"
ok=0
[ -n "$KEY" ] && [ -n "$OURS" ] && [ "$OURS" = "$THEIRS" ] && has '"origin":"builtin"' || ok=1
result builtin-alias $ok "key $KEY: modalias '$OURS', modprobe -R '$THEIRS'"

# 7. modprobe's configuration: an alias there comes first, as for modprobe -R, and vfio says
#    that a blacklisted vfio module will not be loaded, naming the line.
mkdir -p /etc/modprobe.d
printf 'alias pci:v00008086d0000100E* e1000-local\nblacklist vfio-pci\n' >/etc/modprobe.d/local.conf
MODALIAS=$(cat "$DEV/modalias")
THEIRS=$(/bin/modprobe -R "$MODALIAS" | awk '!seen[$0]++' | tr '\n' ' ' | sed 's/ $//')
run match --all "$MODALIAS"
OURS=$OUT
run vfio "$A"
ok=0
[ "$OURS" = e1000_local ] && [ "$OURS" = "$THEIRS" ] || ok=1
has "vfio_pci is blacklisted by /etc/modprobe.d/local.conf line 2" || ok=1
result config $ok "modalias '$OURS', modprobe -R '$THEIRS'"
rm /etc/modprobe.d/local.conf

# 8. A two-device IOMMU group: the two functions of a multi-function e1000 without ACS, which the
#    kernel puts in one group, bound with --group (the second taken along) and released together.
F0=/sys/bus/pci/devices/0000:00:06.0
F1=/sys/bus/pci/devices/0000:00:06.1
G2=$(basename "$(readlink "$F0/iommu_group")")
G3=$(basename "$(readlink "$F1/iommu_group")")
run bind --group --force 0000:00:06.0
ok=0
[ "$G2" = "$G3" ] && [ $RC = 0 ] || ok=1
has "0000:00:06.1: bound to vfio-pci (module vfio_pci), was e1000 (IOMMU group $G2, taken along)" || ok=1
[ "$(driver "$F0")" = vfio-pci ] && [ "$(driver "$F1")" = vfio-pci ] && [ -c "/dev/vfio/$G2" ] || ok=1
result bind-group $ok "exit $RC, groups $G2 $G3, drivers $(driver "$F0") $(driver "$F1")"
run unbind --group 0000:00:06.0
ok=0
[ $RC = 0 ] && has "0000:00:06.1: released from vfio-pci; now bound to e1000 (IOMMU group $G2)" || ok=1
[ "$(driver "$F0")" = e1000 ] && [ "$(driver "$F1")" = e1000 ] || ok=1
[ "$(override "$F0")" = "(null)" ] && [ "$(override "$F1")" = "(null)" ] || ok=1
result unbind-group $ok "exit $RC, drivers $(driver "$F0") $(driver "$F1"), overrides $(override "$F0") $(override "$F1")"

# 9. devices: every device's modules, for every device the guest has, are what the guest's own
#    modprobe -R answers for its modalias.
$CLI devices --json >/tmp/devices.json 2>/tmp/devices.err
RC=$?
echo "\$ modalias devices --json"
sed 's/^/| /' /tmp/devices.json /tmp/devices.err
node -e 'for (const line of require("fs").readFileSync("/tmp/devices.json", "utf8").split("\n")) {
  if (line !== "") { const r = JSON.parse(line); console.log(`${r.modalias}\t${r.modules.map((m) => m.module).join(" ")}`); }
}' >/tmp/devices.tsv
TAB=$(printf '\t')
ok=0
n=0
bad=""
while IFS=$TAB read -r M OURS; do
  n=$((n + 1))
  THEIRS=$(/bin/modprobe -R "$M" 2>/dev/null | awk '!seen[$0]++' | tr '\n' ' ' | sed 's/ $//')
  [ "$OURS" = "$THEIRS" ] || { ok=1; bad="$bad; $M: modalias '$OURS', modprobe -R '$THEIRS'"; }
done </tmp/devices.tsv
[ $RC = 0 ] && [ $n -gt 0 ] || ok=1
result devices $ok "exit $RC, $n devices$bad"

echo DONE
poweroff -f
