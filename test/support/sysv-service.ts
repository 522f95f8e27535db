// A throwaway sysvinit service for the service module and state tests: /etc/init.d/NAME
// with start, stop, restart, reload (which touches a marker file) and status, whose daemon
// is a shell command run in the background and tracked by a pid file in /tmp.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

export interface SysvService {
  pidfile: string;
  /** Touched by the script's reload. */
  reloaded: string;
  /** The daemon's pid from the pid file, or null when there is none. */
  pid(): number | null;
  /** Writes the init script, after removing what an earlier run left behind. */
  install(): void;
  /** Stops the daemon and removes the boot links, the script and its files. */
  remove(): void;
}

export function sysvService(name: string, daemon: string): SysvService {
  const script = `/etc/init.d/${name}`;
  const pidfile = `/tmp/${name}.pid`;
  const reloaded = `/tmp/${name}.reloaded`;
  const text = `#!/bin/sh
### BEGIN INIT INFO
# Provides:          ${name}
# Required-Start:
# Required-Stop:
# Default-Start:     2 3 4 5
# Default-Stop:      0 1 6
# Short-Description: salt-ts test daemon
### END INIT INFO
running() { [ -f ${pidfile} ] && kill -0 "$(cat ${pidfile})" 2>/dev/null; }
case "$1" in
  start) running || { ${daemon} & echo $! > ${pidfile}; } ;;
  stop) if running; then kill "$(cat ${pidfile})"; fi; rm -f ${pidfile} ;;
  restart) "$0" stop; "$0" start ;;
  reload) running || exit 7; touch ${reloaded} ;;
  status) running || exit 3 ;;
  *) echo "Usage: $0 {start|stop|restart|reload|status}" >&2; exit 2 ;;
esac
`;
  const pid = () => (existsSync(pidfile) ? Number(readFileSync(pidfile, 'utf8')) : null);
  const remove = () => {
    const running = pid();
    if (running) {
      try {
        process.kill(running);
      } catch {
        // gone already
      }
    }
    if (existsSync(script)) execFileSync('update-rc.d', ['-f', name, 'remove'], { stdio: 'ignore' });
    for (const file of [script, pidfile, reloaded]) rmSync(file, { force: true });
  };
  return {
    pidfile,
    reloaded,
    pid,
    install() {
      remove();
      writeFileSync(script, text);
      chmodSync(script, 0o755);
    },
    remove,
  };
}
