// Asks `Proceed? [n/Y]` on the terminal, as salt-key does.
import { createInterface } from 'node:readline/promises';

export async function confirm(defaultYes: boolean): Promise<boolean> {
  if (!process.stdin.isTTY) {
    process.stderr.write('not asking without a terminal: pass -y to proceed\n');
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question(defaultYes ? 'Proceed? [n/Y] ' : 'Proceed? [N/y] ')).trim().toLowerCase();
    return answer === '' ? defaultYes : answer.startsWith('y');
  } finally {
    rl.close();
  }
}
