// Salt's `virtual` grain from the file checks of salt/grains/core.py _virtual().
// Its command probes (systemd-detect-virt, virt-what, dmidecode, lspci) are left out
// to keep grain gathering fast; the DMI files carry what dmidecode would report.
import { readFile } from 'node:fs/promises';

const DMI_DIR = '/sys/devices/virtual/dmi/id';
const DOCKER_CGROUPS = [':/system.slice/docker', ':/docker/', ':/docker-ce/'];

function readText(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '');
}

function hypervisorFromDmi(dmi: string): string {
  if (/VirtualBox|innotek/.test(dmi)) return 'VirtualBox';
  if (dmi.includes('VMware')) return 'VMware';
  if (dmi.includes('Microsoft') && dmi.includes('Virtual Machine')) return 'VirtualPC';
  if (dmi.includes('Parallels')) return 'Parallels';
  if (dmi.includes('Google')) return 'gce';
  if (dmi.includes('BHYVE')) return 'bhyve';
  if (dmi.includes('Amazon EC2')) return 'Nitro';
  if (/QEMU|Bochs|SeaBIOS|oVirt|RHEV Hypervisor/.test(dmi)) return 'kvm';
  if (dmi.includes('Xen')) return 'xen';
  return 'physical';
}

export async function detectVirtual(): Promise<string> {
  if (process.platform !== 'linux') return 'physical';
  const [vendor, product, biosVendor, cpuinfo, initCgroup, initEnviron] = await Promise.all([
    readText(`${DMI_DIR}/sys_vendor`),
    readText(`${DMI_DIR}/product_name`),
    readText(`${DMI_DIR}/bios_vendor`),
    readText('/proc/cpuinfo'),
    readText('/proc/1/cgroup'),
    readText('/proc/1/environ'),
  ]);
  // Containers are checked last, as Salt does, so a container inside a VM says 'container'.
  const inContainer =
    initCgroup.includes(':/lxc/') ||
    DOCKER_CGROUPS.some((marker) => initCgroup.includes(marker)) ||
    initEnviron.includes('container=lxc');
  if (inContainer) return 'container';
  const hypervisor = hypervisorFromDmi(`${vendor}\n${product}\n${biosVendor}`);
  if (hypervisor === 'physical' && cpuinfo.includes('QEMU Virtual CPU')) return 'kvm';
  return hypervisor;
}
