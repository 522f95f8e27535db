// Salt's core grains (salt/grains/core.py) for this host, with Salt's names and value
// shapes. Readings run in parallel and each has a fallback, so a failing or slow
// source leaves a default instead of failing the set.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { mem, osInfo, uuid } from 'systeminformation';
import { ipAddresses } from './addresses.js';
import { distributionGrains, readOsRelease } from './os-release.js';
import { detectVirtual } from './virtual.js';

export type Grains = Record<string, unknown>;

// A reading still pending after this is abandoned, keeping gathering near a second.
const READING_TIMEOUT_MS = 800;
const MIB = 1024 * 1024;

function within<T>(reading: Promise<T>, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), READING_TIMEOUT_MS);
    timer.unref();
    reading.then(resolve, () => resolve(fallback)).finally(() => clearTimeout(timer));
  });
}

function attempt<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

async function readMachineId(): Promise<string> {
  for (const path of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
    const id = (await readFile(path, 'utf8').catch(() => '')).trim();
    if (id) return id;
  }
  return (await uuid()).os;
}

interface UnameGrains {
  kernel: string;
  nodename: string;
  kernelrelease: string;
  kernelversion: string;
  cpuarch: string;
}

function unameGrains(): UnameGrains {
  return attempt(
    () => ({
      kernel: os.type(),
      nodename: os.hostname(),
      kernelrelease: os.release(),
      kernelversion: os.version(),
      cpuarch: os.machine(),
    }),
    { kernel: 'Unknown', nodename: 'localhost', kernelrelease: '', kernelversion: '', cpuarch: process.arch },
  );
}

// Salt splits the fqdn at its first dot into host and domain.
function hostGrains(fqdn: string): Grains {
  const dot = fqdn.indexOf('.');
  return { fqdn, host: dot < 0 ? fqdn : fqdn.slice(0, dot), domain: dot < 0 ? '' : fqdn.slice(dot + 1) };
}

// os.cpus() carries /proc/cpuinfo's "model name" and one entry per logical CPU,
// which is what Salt reads; systeminformation's cpu() reformats the brand.
function cpuGrains(): Grains {
  const cpus = attempt(() => os.cpus(), []);
  return {
    num_cpus: cpus.length || attempt(() => os.availableParallelism(), 1),
    cpu_model: cpus[0]?.model.trim() || 'Unknown',
  };
}

export async function gatherCoreGrains(version: string): Promise<Grains> {
  const [info, osRelease, memory, machineId, virtual] = await Promise.all([
    within(osInfo(), undefined),
    within(readOsRelease(), {}),
    within(mem(), undefined),
    within(readMachineId(), ''),
    within(detectVirtual(), 'physical'),
  ]);
  const uname = unameGrains();
  const fallback = { distro: info?.distro ?? '', release: info?.release ?? '', codename: info?.codename ?? '' };
  return {
    ...uname,
    // systeminformation asks `hostname -f`, the canonical name Salt's getaddrinfo lookup gives.
    ...hostGrains(info?.fqdn || uname.nodename),
    ...distributionGrains(osRelease, fallback, uname.kernel),
    ...cpuGrains(),
    mem_total: Math.floor((memory?.total ?? attempt(() => os.totalmem(), 0)) / MIB),
    swap_total: Math.floor((memory?.swaptotal ?? 0) / MIB),
    ...attempt(ipAddresses, { ipv4: [], ipv6: [] }),
    machine_id: machineId,
    virtual,
    saltversion: version,
  };
}
