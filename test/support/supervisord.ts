// A real supervisord of a test's own: config, unix socket, logs and programs in a temp
// dir, started in the foreground and stopped (with its programs) by stop().
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

export interface Supervisord {
  dir: string;
  /** The config file to pass as conf_file. */
  conf: string;
  /** Where [include] picks up more programs (for add/update). */
  confd: string;
  /** `supervisorctl -c conf words...` output, as the test's own check. */
  ctl(...words: string[]): string;
  stop(): Promise<void>;
}

/** Programs that never start by themselves: `program` (sleep 1000) and group web of web1
 * and web2 (sleep 1001 and 1002). */
export const sleepers = (program: string): string => [
  `[program:${program}]`, 'command=sleep 1000', 'autostart=false', 'startsecs=0',
  '[program:web1]', 'command=sleep 1001', 'autostart=false', 'startsecs=0',
  '[program:web2]', 'command=sleep 1002', 'autostart=false', 'startsecs=0',
  '[group:web]', 'programs=web1,web2',
].join('\n');

/** Starts supervisord with `programs` (ini text of [program:x]/[group:y] sections). */
export async function startSupervisord(programs: string): Promise<Supervisord> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'salt-ts-supervisord-')));
  const confd = join(dir, 'conf.d');
  mkdirSync(confd);
  const conf = join(dir, 'supervisord.conf');
  writeFileSync(conf, [
    '[unix_http_server]', `file=${dir}/supervisor.sock`, 'chmod=0700',
    '[supervisord]', `logfile=${dir}/supervisord.log`, `pidfile=${dir}/supervisord.pid`, `childlogdir=${dir}`, 'nodaemon=true', 'user=root',
    '[rpcinterface:supervisor]', 'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface',
    '[supervisorctl]', `serverurl=unix://${dir}/supervisor.sock`,
    '[include]', `files = ${confd}/*.conf`,
    programs, '',
  ].join('\n'));
  const daemon: ChildProcess = spawn('supervisord', ['-c', conf], { stdio: 'ignore' });
  const ctl = (...words: string[]) => spawnSync('supervisorctl', ['-c', conf, ...words], { encoding: 'utf8' }).stdout;
  // supervisorctl exits 4 (or fails to connect) until the socket answers; 0 or 3 (some program not running) once it does.
  while (![0, 3].includes(spawnSync('supervisorctl', ['-c', conf, 'status'], { encoding: 'utf8' }).status ?? -1)) {
    if (daemon.exitCode != null) throw new Error(`supervisord exited (${daemon.exitCode}); see ${dir}/supervisord.log`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    dir, conf, confd, ctl,
    stop: async () => {
      if (daemon.exitCode != null) return;
      const exited = once(daemon, 'exit');
      daemon.kill('SIGTERM');
      await exited;
    },
  };
}
