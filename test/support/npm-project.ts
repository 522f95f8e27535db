// Temp npm projects that install without a network: an app depending on a local
// package through `file:`, and npm itself kept offline with its cache in the temp dir.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NpmProject {
  root: string;
  /** The app's directory: package.json with dependency dep (file:../dep). */
  app: string;
}

function writePackage(dir: string, manifest: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'index.js'), `module.exports = ${JSON.stringify(manifest.name)};\n`);
}

/** A fresh app and its local packages dep (1.2.0) and other (0.3.0); npm runs offline from now on in this process. */
export function npmProject(): NpmProject {
  const root = mkdtempSync(join(tmpdir(), 'salt-ts-npm-'));
  writePackage(join(root, 'dep'), { name: 'dep', version: '1.2.0' });
  writePackage(join(root, 'other'), { name: 'other', version: '0.3.0' });
  writePackage(join(root, 'app'), { name: 'app', version: '1.0.0', private: true, dependencies: { dep: 'file:../dep' } });
  process.env.npm_config_offline = 'true';
  process.env.npm_config_cache = join(root, '.npm-cache');
  process.env.npm_config_update_notifier = 'false';
  return { root, app: join(root, 'app') };
}
