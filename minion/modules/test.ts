// test: functions for checking that minions answer and that jobs behave.
import { setTimeout as sleep } from 'node:timers/promises';
import { VERSION } from '../../shared/version.js';
import type { ExecModule } from './types.js';

export const testModule: ExecModule = {
  name: 'test',
  doc: 'Functions for checking that minions answer and that jobs behave.',
  functions: {
    ping: { doc: 'Return True: the minion is up and answering jobs.', run: () => true },
    echo: { doc: 'Return the given text unchanged.', params: [{ name: 'text' }], run: (_ctx, a) => a.text },
    version: { doc: 'Return the salt-ts version the minion runs.', run: () => VERSION },
    sleep: {
      doc: 'Sleep for the given number of seconds, then return True.',
      params: [{ name: 'length' }],
      run: async (_ctx, a) => {
        const seconds = Number(a.length);
        if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`length must be a number of seconds, got ${JSON.stringify(a.length)}`);
        await sleep(seconds * 1000);
        return true;
      },
    },
    arg: {
      doc: 'Return the positional and keyword arguments it was given.',
      varargs: true,
      varkw: true,
      run: (_ctx, a) => ({ args: a.args, kwargs: a.kwargs }),
    },
    kwarg: { doc: 'Return the keyword arguments it was given.', varkw: true, run: (_ctx, a) => a.kwargs },
    true: { doc: 'Return True.', run: () => true },
    false: {
      doc: 'Return False and set the job retcode to 1.',
      run: (ctx) => {
        ctx.setRetcode(1);
        return false;
      },
    },
    exception: {
      doc: 'Raise an exception with the given message (for testing error paths).',
      params: [{ name: 'message', default: 'Test exception' }],
      run: (_ctx, a) => {
        throw new Error(String(a.message));
      },
    },
  },
};
