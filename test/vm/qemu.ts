/**
 * Booting the real-kernel test's guest under qemu: a q35 machine with an
 * emulated Intel IOMMU (vfio needs IOMMU groups; Debian kernels have no vfio
 * no-IOMMU mode), an e1000, an empty PCIe root port, and a two-function e1000
 * at 00:06 (conventional PCI functions have no ACS, so the kernel puts both in
 * one IOMMU group: qemu's closest to a GPU and its audio function), the serial
 * console on stdout. KVM when the CPU offers it, else TCG. The guest powers itself off;
 * `timeout` ends it if it hangs.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

/** What the guest printed and how qemu ended. */
export interface Boot {
  console: string;
  status: number | null;
}

/** Boots `kernel` with `initrd` and resolves with the console output once qemu exits. */
export function bootGuest(kernel: string, initrd: string, timeoutSeconds: number): Promise<Boot> {
  const args = [
    "--kill-after=10",
    String(timeoutSeconds),
    "qemu-system-x86_64",
    "-machine",
    "q35",
    ...accel(),
    "-smp",
    "1",
    "-m",
    "1G",
    "-nodefaults",
    "-no-user-config",
    "-nographic",
    "-serial",
    "stdio",
    "-no-reboot",
    "-device",
    "intel-iommu,intremap=off",
    "-netdev",
    "user,id=n0",
    "-device",
    "e1000,netdev=n0,romfile=",
    "-device",
    "pcie-root-port,id=rp0,chassis=1",
    "-netdev",
    "user,id=n1",
    "-device",
    "e1000,netdev=n1,romfile=,addr=06.0,multifunction=on",
    "-netdev",
    "user,id=n2",
    "-device",
    "e1000,netdev=n2,romfile=,addr=06.1,multifunction=on",
    "-kernel",
    kernel,
    "-initrd",
    initrd,
    "-append",
    "console=ttyS0 intel_iommu=on quiet panic=-1",
  ];
  return new Promise((resolve, reject) => {
    const qemu = spawn("timeout", args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    qemu.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("latin1")));
    qemu.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("latin1")));
    qemu.on("error", reject);
    qemu.on("close", (status) => resolve({ console: output.replaceAll("\r", ""), status }));
  });
}

/** KVM only when the CPU has hardware virtualization and /dev/kvm exists; TCG otherwise. */
function accel(): string[] {
  const cpu = readFileSync("/proc/cpuinfo", "utf8");
  const hardware = /^flags\s*:.*\b(vmx|svm)\b/m.test(cpu) && existsSync("/dev/kvm");
  return hardware ? ["-accel", "kvm", "-cpu", "host"] : ["-accel", "tcg", "-cpu", "max"];
}
