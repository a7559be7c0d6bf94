/**
 * The units that rebuild the running kernel's index whenever depmod rewrites
 * its modules.alias outside a kernel installation (a DKMS build, a manual
 * `depmod -a`), as text: a path unit watching the file (under
 * /usr/lib/modules and /lib/modules; `%v` is the running kernel's release),
 * the oneshot service it starts (`modalias compile`, `modalias` from
 * systemd's PATH), and the link that enables the path unit, as
 * `systemctl enable` would, relative so that it resolves under any root.
 */
import { MARKER } from "./marker.js";

/** The path unit, on the target system. */
export const INDEX_PATH_UNIT = "/usr/lib/systemd/system/modalias-index.path";
/** The service it starts. */
export const INDEX_SERVICE = "/usr/lib/systemd/system/modalias-index.service";
/** The link that enables the path unit. */
export const INDEX_PATH_LINK = "/etc/systemd/system/paths.target.wants/modalias-index.path";
/** The link's target, relative to the link's directory. */
export const INDEX_PATH_LINK_TARGET = "../../../../usr/lib/systemd/system/modalias-index.path";

/** The path unit's text. */
export function indexPathUnit(): string {
  return `${MARKER}
[Unit]
Description=Watch the running kernel's modules.alias for modalias's index

[Path]
PathChanged=/usr/lib/modules/%v/modules.alias
PathChanged=/lib/modules/%v/modules.alias
Unit=modalias-index.service

[Install]
WantedBy=paths.target
`;
}

/** The service's text. */
export function indexService(): string {
  return `${MARKER}
[Unit]
Description=Rebuild modalias's index of the running kernel's modules.alias

[Service]
Type=oneshot
ExecStart=/usr/bin/env modalias compile
`;
}
