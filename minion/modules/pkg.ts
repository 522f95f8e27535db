// pkg: install, remove, purge and query Debian packages with apt and dpkg.
import { refreshDb } from './pkg/apt.js';
import { installPackages, uninstallPackages } from './pkg/change.js';
import { installedPackages, joinVersions } from './pkg/dpkg.js';
import { installedVersionsOf, latestVersionsOf } from './pkg/query.js';
import { installTargets, removeTargets } from './pkg/targets.js';
import type { ExecModule } from './types.js';

/** An optional text argument. */
const optionalText = (value: unknown): string | null => (value == null || value === '' ? null : String(value));

export const pkgModule: ExecModule = {
  name: 'pkg',
  doc: 'Install, remove, purge and query Debian packages (apt-get, apt-cache, dpkg).',
  functions: {
    install: {
      doc: "Install name (or pkgs=[name or {name: version}], or sources=[{name: /path/to.deb}]), refresh=True runs apt-get update first; return {pkg: {old, new}}.",
      params: [
        { name: 'name', default: null },
        { name: 'refresh', default: false },
        { name: 'fromrepo', default: null },
        { name: 'skip_verify', default: false },
        { name: 'pkgs', default: null },
        { name: 'sources', default: null },
        { name: 'version', default: null },
      ],
      run: async (_ctx, a) => {
        const targets = installTargets(a.name, a.pkgs, a.sources, a.version);
        if (!targets) return {};
        return installPackages(targets, { refresh: a.refresh === true, fromrepo: optionalText(a.fromrepo), skipVerify: a.skip_verify === true });
      },
    },
    remove: {
      doc: 'Remove name (or pkgs=[...]) with apt-get remove; return {pkg: {old, new}} for the packages removed.',
      params: [{ name: 'name', default: null }, { name: 'pkgs', default: null }],
      run: (_ctx, a) => uninstallPackages(removeTargets(a.name, a.pkgs), 'remove'),
    },
    purge: {
      doc: "Remove name (or pkgs=[...]) and its configuration files with apt-get purge, also when only its configuration files are left; return {pkg: {old, new}}.",
      params: [{ name: 'name', default: null }, { name: 'pkgs', default: null }],
      varkw: true,
      run: (_ctx, a) => uninstallPackages(removeTargets(a.name, a.pkgs), 'purge'),
    },
    version: {
      doc: "Return the installed version of a package ('' when not installed), or {name: version} for several names or a glob.",
      varargs: true,
      run: (_ctx, a) => installedVersionsOf((a.args ?? []).map(String)),
    },
    list_pkgs: {
      doc: 'Return {name: version} of the installed packages; versions_as_list=True gives lists of versions.',
      params: [{ name: 'versions_as_list', default: false }],
      run: async (_ctx, a) => {
        const installed = await installedPackages();
        return a.versions_as_list === true ? installed : joinVersions(installed);
      },
    },
    latest_version: {
      doc: "Return the version apt would install ('' when the installed one is the latest), or {name: version} for several; refresh=True (default) runs apt-get update first.",
      varargs: true,
      varkw: true,
      run: (_ctx, a) => {
        const { refresh = true, show_installed: showInstalled = false, fromrepo = null } = a.kwargs ?? {};
        return latestVersionsOf((a.args ?? []).map(String), { refresh: refresh === true, showInstalled: showInstalled === true, fromrepo: optionalText(fromrepo) });
      },
    },
    refresh_db: {
      doc: 'Run apt-get update; return {source: True (fetched) / None (current) / False (failed)}; skipped when the lists are younger than cache_valid_time seconds.',
      params: [{ name: 'cache_valid_time', default: 0 }, { name: 'failhard', default: false }],
      run: (_ctx, a) => refreshDb(Number(a.cache_valid_time) || 0, a.failhard === true),
    },
  },
};
