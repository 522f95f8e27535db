// pkg: keep Debian packages installed, at their latest version, removed or purged
// (Salt's states/pkg.py), through the pkg execution module (apt and dpkg).
import type { StateModule } from '../../shared/state/types.js';
import { installed } from './pkg/installed.js';
import { latest } from './pkg/latest.js';
import { uninstall } from './pkg/uninstall.js';

export const pkgStates: StateModule = {
  name: 'pkg',
  doc: 'Keep Debian packages installed, at their latest version, removed or purged.',
  functions: {
    installed: {
      doc: 'Install `name` (at `version` if given), or every package of `pkgs` (names or {name: version}) or `sources` ({name: .deb path}); refresh, fromrepo, skip_verify.',
      run: installed,
    },
    latest: { doc: 'Install or upgrade `name` (or each of `pkgs`) to the newest version available; refresh, fromrepo.', run: latest },
    removed: { doc: 'Remove `name` (or each of `pkgs`) when installed.', run: (ctx, args) => uninstall(ctx, args, 'remove') },
    purged: { doc: 'Remove `name` (or each of `pkgs`) with its configuration files (needs the pkg.purge execution function).', run: (ctx, args) => uninstall(ctx, args, 'purge') },
  },
};
