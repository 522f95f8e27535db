// network: the minion's interfaces and addresses, and ping (Salt's network module, the
// common functions).
import { pyStr } from '../../shared/output/py-str.js';
import { which } from '../platform/which.js';
import { prepareCommand } from './cmd/command.js';
import { runCommand } from './cmd/run-command.js';
import { CommandExecutionError } from './command-error.js';
import { hostAddresses } from './network/addresses.js';
import { networkInterfaces } from './network/interfaces.js';
import type { ExecModule } from './types.js';

export const networkModule: ExecModule = {
  name: 'network',
  doc: "The minion's network interfaces and addresses, and ping.",
  functions: {
    interfaces: {
      doc: 'Return every interface: {name: {hwaddr, up, inet: [{address, netmask, broadcast, label}], inet6: [{address, prefixlen, scope}]}} (and secondary, parent when there are any).',
      run: (ctx) => networkInterfaces(ctx.opts.cmd_output_limit),
    },
    ip_addrs: {
      doc: "Return the host's IPv4 addresses, sorted, without 127.0.0.1 unless include_loopback; interface (a name, glob or list) picks interfaces, cidr a subnet, type 'public' or 'private'.",
      params: [{ name: 'interface', default: null }, { name: 'include_loopback', default: false }, { name: 'cidr', default: null }, { name: 'type', default: null }],
      run: async (ctx, a) =>
        hostAddresses(await networkInterfaces(ctx.opts.cmd_output_limit), 'inet', {
          interface: a.interface,
          includeLoopback: a.include_loopback === true,
          cidr: a.cidr,
          type: a.type,
        }),
    },
    ip_addrs6: {
      doc: "Return the host's IPv6 addresses, sorted, without ::1 unless include_loopback; interface (a name, glob or list) picks interfaces, cidr a subnet.",
      params: [{ name: 'interface', default: null }, { name: 'include_loopback', default: false }, { name: 'cidr', default: null }],
      run: async (ctx, a) =>
        hostAddresses(await networkInterfaces(ctx.opts.cmd_output_limit), 'inet6', {
          interface: a.interface,
          includeLoopback: a.include_loopback === true,
          cidr: a.cidr,
          type: null,
        }),
    },
    ping: {
      doc: 'Ping the host (`ping -c count`, with -W timeout when given) and return its output, or True/False with return_boolean; a failed ping sets the job retcode.',
      params: [{ name: 'host' }, { name: 'timeout', default: null }, { name: 'return_boolean', default: false }, { name: 'count', default: 4 }],
      run: async (ctx, a) => {
        if (!(await which('ping'))) throw new CommandExecutionError("The 'ping' command is not available on this minion (install iputils-ping)");
        // Salt keeps only host name characters; ':' too here, for IPv6 addresses.
        const host = pyStr(a.host).replace(/[^A-Za-z0-9._:-]/g, '').slice(0, 255);
        const argv = ['ping', ...(a.timeout ? ['-W', pyStr(a.timeout)] : []), '-c', pyStr(a.count), '--', host];
        const result = await runCommand(ctx, await prepareCommand({ cmd: argv }, false), { mergeStderr: true, rstrip: true, ignoreRetcode: false });
        return a.return_boolean === true ? result.retcode === 0 : result.stdout;
      },
    },
  },
};
