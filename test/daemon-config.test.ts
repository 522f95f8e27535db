// The daemons refuse a broken config, or a missing broker binary, with a message
// that names the file and option, and a non-zero exit.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BINS, runNode } from '../scripts/local-cluster.js';

function configDir(file: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'salt-ts-config-'));
  writeFileSync(join(dir, file), text);
  return dir;
}

describe('daemon start-up checks', () => {
  test('a minion with an option of the wrong type exits non-zero, naming the file and option', async () => {
    const dir = configDir('minion', 'id: web1\nnats_port: abc\n');
    const res = await runNode(BINS['salt-ts-minion'], ['-c', dir]);
    rmSync(dir, { recursive: true });
    assert.equal(res.code, 1);
    assert.match(res.stderr, new RegExp(`SALTTS_CONFIG_TYPE.*${join(dir, 'minion')}: option 'nats_port' must be an integer`));
  });

  test('a master config that is not valid YAML exits non-zero, naming the file and line', async () => {
    const dir = configDir('master', 'auto_accept: True\nfile_roots: [unclosed\n');
    const res = await runNode(BINS['salt-ts-master'], ['-c', dir]);
    rmSync(dir, { recursive: true });
    assert.equal(res.code, 1);
    assert.match(res.stderr, new RegExp(`SALTTS_CONFIG_YAML.*${join(dir, 'master')}, line \\d+`));
  });

  test('an unknown option is warned about by name', async () => {
    const dir = configDir('minion', 'id: web1\nmaster_port: 4506\nnats_port: "x"\n');
    const res = await runNode(BINS['salt-ts-minion'], ['-c', dir]);
    rmSync(dir, { recursive: true });
    assert.match(res.stderr, /unknown option 'master_port'/);
  });

  test('a missing nats-server binary stops the master with install advice', async () => {
    const dir = configDir('master', `root_dir: ${'.'}\nnats_server_bin: nats-server-not-installed\nnats_port: 1\n`);
    const res = await runNode(BINS['salt-ts-master'], ['-c', dir]);
    rmSync(dir, { recursive: true });
    assert.equal(res.code, 1);
    assert.match(res.stderr, /SALTTS_BROKER_MISSING.*apt-get install nats-server/);
  });
});
