/**
 * The completion scripts mark an option repeatable from its definition (it
 * collects its values), not from the words of its description: exactly -C/--config,
 * match's --device and devices' --bus; and match --device completes PCI addresses.
 */
import { expect, it } from "vitest";
import { modaliasInProcess } from "../helpers/cli.js";

it("stars exactly the options that collect their values in the zsh script", async () => {
  const run = await modaliasInProcess(["completion", "zsh"]);
  const starred = new Set([...run.stdout.matchAll(/'\*(-[-\w]+)[=+[]/g)].map((m) => m[1]));
  expect([...starred].sort()).toEqual(["--bus", "--config", "--device", "-C"]);
});

it("completes match --device with the PCI addresses in sysfs, as the device arguments", async () => {
  const run = await modaliasInProcess(["completion", "bash"]);
  expect(run.stdout).toContain(
    '--device) _modalias_words "$(command ls -1 /sys/bus/pci/devices 2>/dev/null)"; return ;;',
  );
});
