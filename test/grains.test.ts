import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gatherCoreGrains } from '../minion/grains/core.js';
import { mergeGrains } from '../minion/grains/merge.js';
import { distributionGrains, parseOsRelease } from '../minion/grains/os-release.js';

const STRING_GRAINS = [
  'host',
  'fqdn',
  'nodename',
  'os',
  'os_family',
  'osrelease',
  'oscodename',
  'osfullname',
  'kernel',
  'kernelrelease',
  'cpuarch',
  'cpu_model',
  'machine_id',
  'virtual',
];

describe('gatherCoreGrains on this machine', async () => {
  const started = Date.now();
  const grains = await gatherCoreGrains('3006.9');
  const elapsed = Date.now() - started;

  it('finishes within about a second', () => {
    assert.ok(elapsed < 1500, `took ${elapsed} ms`);
  });

  it('returns the core string grains, non-empty', () => {
    for (const key of STRING_GRAINS) {
      assert.equal(typeof grains[key], 'string', key);
      assert.notEqual(grains[key], '', key);
    }
    assert.equal(typeof grains.domain, 'string');
  });

  it('splits the fqdn into host and domain', () => {
    const fqdn = grains.fqdn as string;
    const domain = grains.domain as string;
    assert.equal(fqdn, domain ? `${grains.host}.${domain}` : grains.host);
  });

  it('returns integer counts and MiB sizes', () => {
    assert.ok(Number.isInteger(grains.num_cpus) && (grains.num_cpus as number) > 0);
    assert.ok(Number.isInteger(grains.osmajorrelease));
    assert.ok(Number.isInteger(grains.mem_total));
    // More than 64 MiB and less than 64 TiB: a MiB count, not bytes or KiB.
    assert.ok((grains.mem_total as number) > 64 && (grains.mem_total as number) < 64 * 1024 * 1024);
    assert.ok(Number.isInteger(grains.swap_total) && (grains.swap_total as number) >= 0);
  });

  it('lists every address, loopback included', () => {
    assert.ok(Array.isArray(grains.ipv4) && grains.ipv4.includes('127.0.0.1'));
    assert.ok(Array.isArray(grains.ipv6));
    assert.equal(new Set(grains.ipv4).size, grains.ipv4.length);
  });

  it('carries the version and leaves out the id', () => {
    assert.equal(grains.saltversion, '3006.9');
    assert.equal('id' in grains, false);
    assert.equal('pythonversion' in grains, false);
  });
});

describe('distribution grains', () => {
  const none = { distro: '', release: '', codename: '' };

  it('derives Debian as Salt does', () => {
    const fields = parseOsRelease(
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n',
    );
    assert.deepEqual(distributionGrains(fields, none, 'Linux'), {
      os: 'Debian',
      os_family: 'Debian',
      osfullname: 'Debian GNU/Linux',
      osrelease: '12',
      oscodename: 'bookworm',
      osrelease_info: [12],
      osmajorrelease: 12,
      osfinger: 'Debian-12',
    });
  });

  it('maps Ubuntu to the Debian family and Rocky to RedHat', () => {
    const ubuntu = distributionGrains(
      parseOsRelease('NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="22.04"\nVERSION_CODENAME=jammy\n'),
      none,
      'Linux',
    );
    assert.equal(ubuntu.os_family, 'Debian');
    assert.equal(ubuntu.osmajorrelease, 22);
    assert.equal(ubuntu.osfinger, 'Ubuntu-22.04');
    const rocky = distributionGrains(
      parseOsRelease('NAME="Rocky Linux"\nID="rocky"\nVERSION="9.3 (Blue Onyx)"\nVERSION_ID="9.3"\n'),
      none,
      'Linux',
    );
    assert.deepEqual([rocky.os, rocky.os_family, rocky.oscodename, rocky.osmajorrelease], ['Rocky', 'RedHat', 'Blue Onyx', 9]);
  });
});

describe('mergeGrains', () => {
  it('lets configured grains replace core grains key by key, in a new object', () => {
    const core = { os: 'Debian', roles: { a: 1 }, num_cpus: 2 };
    const configured = { roles: ['web'], datacenter: 'east' };
    const merged = mergeGrains(core, configured);
    assert.deepEqual(merged, { os: 'Debian', roles: ['web'], num_cpus: 2, datacenter: 'east' });
    assert.notEqual(merged, core);
    assert.deepEqual(core, { os: 'Debian', roles: { a: 1 }, num_cpus: 2 });
  });
});
