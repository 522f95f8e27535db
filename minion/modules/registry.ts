// The loader: maps `module.function` to execution functions, the way Salt's
// loader maps names to its modules. Every module is registered here.
import type { ExecFunction, ExecModule } from './types.js';
import { testModule } from './test.js';
import { grainsModule } from './grains.js';
import { sysModule } from './sys.js';
import { saltutilModule } from './saltutil.js';
import { serviceModule } from './service.js';
import { pkgModule } from './pkg.js';
import { cmdModule } from './cmd.js';
import { fileModule } from './file.js';
import { statusModule } from './status.js';
import { diskModule } from './disk.js';
import { networkModule } from './network.js';
import { userModule } from './user.js';
import { shadowModule } from './user/shadow.js';
import { groupModule } from './group.js';
import { gitModule } from './git.js';
import { archiveModule } from './archive.js';
import { cronModule } from './cron.js';
import { scheduleModule } from './schedule.js';
import { cpModule } from './cp.js';
import { stateModule } from './state.js';
import { slsutilModule } from './slsutil.js';
import { pillarModule } from './pillar.js';
import { supervisordModule } from './supervisord.js';
import { haproxyModule } from './haproxy.js';
import { httpModule } from './http.js';
import { smtpModule } from './smtp.js';
import { npmModule } from './npm.js';
import { eventModule } from './event.js';
import { beaconsModule } from './beacons.js';

const MODULES: ExecModule[] = [
  testModule, cmdModule, fileModule, grainsModule, sysModule, saltutilModule, statusModule, diskModule, networkModule, serviceModule, pkgModule, cpModule,
  userModule, shadowModule, groupModule, gitModule, archiveModule, cronModule, scheduleModule, stateModule, slsutilModule, pillarModule, httpModule, smtpModule,
  npmModule,
  supervisordModule, haproxyModule, eventModule, beaconsModule,
];

export class ModuleRegistry {
  private readonly functions = new Map<string, ExecFunction>();

  constructor(modules: ExecModule[] = MODULES) {
    for (const mod of modules) {
      for (const [name, fn] of Object.entries(mod.functions)) this.functions.set(`${mod.name}.${name}`, fn);
    }
  }

  get(fullName: string): ExecFunction | undefined {
    return this.functions.get(fullName);
  }

  all(): ReadonlyMap<string, ExecFunction> {
    return this.functions;
  }
}
