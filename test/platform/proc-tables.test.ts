/** Parsing /proc/net/route, /proc/net/ipv6_route, /proc/self/mounts and /proc/swaps. */
import { expect, it } from "vitest";
import { parseMounts, parseSwaps, routedInterfaces } from "../../src/platform/proc.js";

const IPV4 =
  "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\neno1\t00000000\t0102A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n";
const z = "0".repeat(32);
const IPV6 = [
  `20010db8000000000000000000000000 40 ${z} 00 ${z} 00000100 00000001 00000000 00000001     eno2`,
  `fe800000000000000000000000000000 40 ${z} 00 ${z} 00000100 00000001 00000000 00000001     eno3`,
  `ff000000000000000000000000000000 08 ${z} 00 ${z} 00000100 00000001 00000000 00000001     eno3`,
  `00000000000000000000000000000001 80 ${z} 00 ${z} 00000000 00000001 00000000 80200001       lo`,
  "",
].join("\n");

it("collects interfaces with IPv4 and global IPv6 routes, not link-local, multicast or lo", () => {
  expect([...routedInterfaces(IPV4, IPV6)].sort()).toEqual(["eno1", "eno2"]);
});

it("keeps device-backed mounts and decodes octal escapes", () => {
  const text = "proc /proc proc rw 0 0\n/dev/nvme0n1p2 / ext4 rw 0 0\n/dev/mapper/vg-home /home/a\\040b xfs rw 0 0\n";
  expect(parseMounts(text)).toEqual([
    { source: "/dev/nvme0n1p2", target: "/" },
    { source: "/dev/mapper/vg-home", target: "/home/a b" },
  ]);
});

it("reads swap devices after the header", () => {
  expect(parseSwaps("Filename\tType\tSize\tUsed\tPriority\n/dev/dm-1   partition\t1\t0\t-2\n")).toEqual([
    { source: "/dev/dm-1", target: "[swap]" },
  ]);
});
