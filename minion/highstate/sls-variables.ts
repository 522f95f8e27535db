// The variables Salt gives an SLS template about where it lives (sls, slspath, tpldir...).
import { posix } from 'node:path';
import { treePath } from './tree-files.js';

export function slsVariables(sls: string, url: string, saltenv: string): Record<string, string> {
  const tplfile = treePath(url);
  const tpldir = posix.dirname(tplfile) === '.' ? '' : posix.dirname(tplfile);
  return {
    sls,
    saltenv,
    slspath: tpldir,
    sls_path: tpldir.replaceAll('/', '_'),
    slsdotpath: tpldir.replaceAll('/', '.'),
    tplpath: tplfile,
    tplfile,
    tpldir,
    tpldot: tpldir.replaceAll('/', '.'),
  };
}
