// npm run demo: a master and three minions (web1, web2, db1) on the embedded
// broker under .demo/, serving this repository's states/ and pillar/; a first `salt-ts '*'
// test.ping` and state.apply (each minion's root_dir is its .demo/ folder, so the
// states write there), then up until Ctrl-C.
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalCluster, type MinionSpec } from './local-cluster.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEMO_DIR = join(ROOT, '.demo');

const MINIONS: MinionSpec[] = [
  { id: 'web1', grains: { roles: ['web'] } },
  { id: 'web2', grains: { roles: ['web'] } },
  { id: 'db1', grains: { roles: ['db'] } },
];

rmSync(DEMO_DIR, { recursive: true, force: true });
const cluster = await LocalCluster.create(DEMO_DIR, { auto_accept: true, file_roots: { base: [join(ROOT, 'states')] }, pillar_roots: { base: [join(ROOT, 'pillar')] } });
const stop = async () => {
  process.stdout.write('\nstopping the demo master and minions...\n');
  await cluster.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

try {
  process.stdout.write(`starting a master (embedded nats-server on 127.0.0.1:${cluster.port}) under ${relative(ROOT, DEMO_DIR)}/\n`);
  await cluster.startMaster();
  cluster.startMinions(MINIONS);
  process.stdout.write(`starting minions ${MINIONS.map((m) => m.id).join(', ')} (auto_accept: True)\n`);
  await cluster.waitForMinions(MINIONS.map((m) => m.id));

  for (const args of [['*', 'test.ping'], ['*', 'state.apply', 'test=True', '--state-output', 'terse'], ['*', 'state.apply', '--state-output', 'terse']]) {
    process.stdout.write(`\n$ salt-ts ${args.map((a) => (a === '*' ? "'*'" : a)).join(' ')}\n`);
    const res = await cluster.cli('salt-ts', args);
    process.stdout.write(res.stdout + res.stderr);
  }

  const c = `-c ${relative(ROOT, cluster.masterDir)}`;
  process.stdout.write(
    [
      '',
      'The demo is running. From another terminal, in this folder:',
      `  npx --no-install salt-ts ${c} '*' test.ping`,
      `  npx --no-install salt-ts ${c} 'web*' test.echo hello`,
      `  npx --no-install salt-ts ${c} -L web1,db1 test.version --out json`,
      `  npx --no-install salt-ts ${c} -G roles:web state.apply webserver`,
      `  npx --no-install salt-ts ${c} web1 state.show_lowstate`,
      `  npx --no-install salt-ts ${c} '*' pillar.get db_password`,
      `  npx --no-install salt-ts ${c} -I 'sites:shop' test.ping`,
      `  npx --no-install salt-ts-key ${c} -L`,
      `  npx --no-install salt-ts-run ${c} manage.status`,
      `Logs: ${relative(ROOT, DEMO_DIR)}/*/*.log. Press Ctrl-C to stop everything.`,
      '',
    ].join('\n'),
  );
} catch (err) {
  process.stderr.write(`demo failed: ${(err as Error).message}\n`);
  await cluster.stop();
  process.exit(1);
}
