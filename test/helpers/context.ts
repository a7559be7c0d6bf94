/**
 * A BinderContext on a fake tree: the fake kernel as writer and a fake
 * modprobe as loader.
 */
import { type BinderContext, binderContext } from "../../src/binder/transaction.js";
import type { FakeKernel } from "./fake-kernel.js";
import type { FakeModprobe } from "./fake-modprobe.js";
import type { FakeSysfs } from "./fake-sysfs.js";

/** The context the binder runs in for a test. */
export function testContext(fake: FakeSysfs, kernel: FakeKernel, modprobe: FakeModprobe): BinderContext {
  return { ...binderContext({ sysfsRoot: fake.sys, procRoot: fake.proc, modprobe: modprobe.command }), writer: kernel };
}
