// The distribution grains Salt derives from os-release (salt/grains/core.py):
// os, os_family, osfullname, osrelease, oscodename and, from osrelease,
// osrelease_info, osmajorrelease and osfinger.
import { readFile } from 'node:fs/promises';

export type OsRelease = Record<string, string>;

export interface DistroFallback {
  distro: string;
  release: string;
  codename: string;
}

// Python's platform.freedesktop_os_release() reads the first of these that exists.
const OS_RELEASE_FILES = ['/etc/os-release', '/usr/lib/os-release'];

// The first ten characters (spaces removed, lowercased) of the distribution name
// mapped to the `os` value Salt has always used; unlisted names are kept as is.
const OS_NAME_MAP: Record<string, string> = {
  redhatente: 'RedHat',
  gentoobase: 'Gentoo',
  archarm: 'Arch ARM',
  arch: 'Arch',
  debian: 'Debian',
  raspbian: 'Raspbian',
  fedoraremi: 'Fedora',
  amazonami: 'Amazon',
  enterprise: 'OEL',
  oracleserv: 'OEL',
  cloudlinux: 'CloudLinux',
  almalinux: 'AlmaLinux',
  scientific: 'ScientificLinux',
  manjaro: 'Manjaro',
  sles: 'SUSE',
  void: 'Void',
  linuxmint: 'Mint',
  neon: 'KDE neon',
  rocky: 'Rocky',
};

// `os` to `os_family`; an unlisted os is its own family (Debian, RedHat, Arch, Alpine...).
const OS_FAMILY_MAP: Record<string, string> = {
  Ubuntu: 'Debian',
  Mint: 'Debian',
  Raspbian: 'Debian',
  Devuan: 'Debian',
  Kali: 'Debian',
  Pop: 'Debian',
  'KDE neon': 'Debian',
  'elementary OS': 'Debian',
  Fedora: 'RedHat',
  CentOS: 'RedHat',
  'CentOS Stream': 'RedHat',
  AlmaLinux: 'RedHat',
  Rocky: 'RedHat',
  Amazon: 'RedHat',
  OEL: 'RedHat',
  CloudLinux: 'RedHat',
  ScientificLinux: 'RedHat',
  SUSE: 'Suse',
  SLES: 'Suse',
  openSUSE: 'Suse',
  'openSUSE Leap': 'Suse',
  'openSUSE Tumbleweed': 'Suse',
  'Arch ARM': 'Arch',
  Manjaro: 'Arch',
  EndeavourOS: 'Arch',
};

export function parseOsRelease(text: string): OsRelease {
  const fields: OsRelease = {};
  for (const line of text.split('\n')) {
    const match = /^(\w+)=['"]?(.*?)['"]?$/.exec(line.trim());
    // Shell specials inside the value are backslash-escaped.
    if (match) fields[match[1]!] = match[2]!.replace(/\\([$"'\\`])/g, '$1');
  }
  return fields;
}

export async function readOsRelease(): Promise<OsRelease> {
  for (const path of OS_RELEASE_FILES) {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text !== undefined) return parseOsRelease(text);
  }
  return {};
}

function deriveOs(fullname: string, id: string | undefined): string {
  if (id === 'pop') return 'Pop'; // NAME is "Pop!_OS"
  const distroname = fullname.replace(/\W(?:gnu\/)?linux/gi, '').trim();
  return OS_NAME_MAP[distroname.replace(/ /g, '').toLowerCase().slice(0, 10)] ?? distroname;
}

function codename(fields: OsRelease): string | undefined {
  if (fields.VERSION_CODENAME) return fields.VERSION_CODENAME;
  // Rocky and Alma only name it in VERSION: "9.3 (Blue Onyx)".
  if (fields.ID === 'rocky' || fields.ID === 'almalinux') {
    return /^\d[\d.+\-a-z]* \((.+)\)/.exec(fields.VERSION ?? '')?.[1];
  }
  return undefined;
}

function releaseGrains(os: string, fullname: string, osrelease: string): Record<string, unknown> {
  const info = osrelease.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const major = info[0];
  const fingerName = ['Debian', 'FreeBSD', 'OpenBSD', 'NetBSD', 'Mac', 'Raspbian'].includes(os) ? os : fullname;
  const fingerVersion = os === 'Ubuntu' || os === 'Pop' ? osrelease : major;
  return {
    osrelease_info: info,
    ...(typeof major === 'number' ? { osmajorrelease: major } : {}),
    osfinger: `${fingerName}-${fingerVersion}`,
  };
}

/** os-release wins, as in Salt; the fallback (systeminformation's osInfo) covers systems without it. */
export function distributionGrains(fields: OsRelease, fallback: DistroFallback, kernel: string): Record<string, unknown> {
  const osfullname = (fields.NAME ?? fallback.distro).trim() || kernel;
  const os = deriveOs(osfullname, fields.ID);
  const osrelease = fields.VERSION_ID ?? fallback.release;
  return {
    os,
    os_family: OS_FAMILY_MAP[os] ?? os,
    osfullname,
    osrelease,
    oscodename: codename(fields) ?? fallback.codename,
    ...(osrelease ? releaseGrains(os, osfullname, osrelease) : {}),
  };
}
