// npm run demo:release: the Morse environment on this host under .demo-release/: a master,
// app servers app1..app3 and load balancer lb1 (minions on loopback, each with its own
// srv_root and ports as grains), the app's git repository made from states/morse/app;
// then `salt-ts-run orchestrate deploy-environment pillarenv=prod` and a zero-downtime
// release of a new commit, and up until Ctrl-C, which stops every process it started.
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalCluster } from './local-cluster.js';
import { MorseRepo, morseHosts, morseMasterOptions, setAppVersion, stopSupervisords } from './morse-env.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEMO_DIR = join(ROOT, '.demo-release');

rmSync(DEMO_DIR, { recursive: true, force: true });
const cluster = await LocalCluster.create(DEMO_DIR, { auto_accept: true, ...morseMasterOptions(DEMO_DIR) });
const hosts = await morseHosts(cluster, 3);
const minions = [...hosts.apps, hosts.lb];
const say = (text: string) => process.stdout.write(`${text}\n`);

let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  say('\nstopping the app servers, the load balancer, the minions and the master...');
  await stopSupervisords(cluster, minions.map((m) => m.id));
  await cluster.stop();
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

type StateResult = { __id__: string; __run_num__: number; result: boolean | null; comment: string };

/** Runs salt-ts-run with `args` (shown as typed, with the pillar quoted) and prints one line
 * per state, as Salt's --state-output=terse would (without --out json the CLI prints them in full). */
async function run(args: string[]): Promise<boolean> {
  say(`\n$ salt-ts-run ${args.map((a) => (a.startsWith('pillar=') ? `pillar='${a.slice(7)}'` : a)).join(' ')}`);
  const res = await cluster.cli('salt-ts-run', [...args, '--out', 'json'], 600_000);
  let states: StateResult[] | undefined;
  try {
    const byMaster = Object.values(JSON.parse(res.stdout) as Record<string, Record<string, StateResult> | string[]>)[0];
    if (byMaster && !Array.isArray(byMaster)) states = Object.values(byMaster).sort((a, b) => a.__run_num__ - b.__run_num__);
  } catch {
    // not a state run's return: printed as it came below
  }
  if (!states) {
    process.stdout.write(res.stdout + res.stderr);
    return false;
  }
  for (const state of states) {
    const mark = state.result === true ? 'ok  ' : state.result === null ? 'test' : 'FAIL';
    say(`  ${mark} ${state.__id__}: ${state.comment.split('\n')[0]}`);
  }
  const failed = states.filter((state) => state.result === false).length;
  say(`  ${states.length} states, ${failed} failed`);
  return res.code === 0;
}

try {
  say(`starting a master (embedded nats-server on 127.0.0.1:${cluster.port}) under ${relative(ROOT, DEMO_DIR)}/`);
  await cluster.startMaster();
  cluster.startMinions(minions);
  say(`starting minions ${minions.map((m) => m.id).join(', ')} (auto_accept: True)`);
  await cluster.waitForMinions(minions.map((m) => m.id));
  const repo = MorseRepo.create(DEMO_DIR);
  say(`the Morse app's repository: ${repo.url} (made from states/morse/app, version ${repo.version()})`);

  if (!(await run(['orchestrate', 'deploy-environment', 'pillarenv=prod', `pillar=${JSON.stringify({ morse: { repo: repo.url } })}`]))) throw new Error('deploy-environment failed');

  const rev = repo.commit('morse 1.1.0', (work) => setAppVersion(work, '1.1.0'));
  say(`\ncommitted morse 1.1.0 as ${rev}; releasing it one app server at a time (pillar morse:batch):`);
  if (!(await run(['orchestrate', 'release', 'pillarenv=prod', `pillar=${JSON.stringify({ morse: { repo: repo.url, rev } })}`]))) throw new Error('release failed');

  const c = `-c ${relative(ROOT, cluster.masterDir)}`;
  say(
    [
      '',
      'The environment is running. From another terminal, in this folder:',
      `  curl 'http://127.0.0.1:${hosts.lbPort}/encode?text=hello+world'      # through haproxy`,
      `  curl -i http://127.0.0.1:${hosts.lbPort}/health`,
      `  npx --no-install salt-ts ${c} -G roles:app state.apply morse.health pillarenv=prod`,
      `  npx --no-install salt-ts-run ${c} orchestrate release pillarenv=prod pillar='${JSON.stringify({ morse: { repo: repo.url, rev: 'main' } })}'`,
      `Commit to ${relative(ROOT, repo.work)}/ and push (git push origin HEAD:main) to have something new to release.`,
      `Logs: ${relative(ROOT, DEMO_DIR)}/*/*.log and ${relative(ROOT, DEMO_DIR)}/*/srv/supervisord/log/. Press Ctrl-C to stop everything.`,
      '',
    ].join('\n'),
  );
} catch (err) {
  process.stderr.write(`demo failed: ${(err as Error).message}\n`);
  await stop(1);
}
