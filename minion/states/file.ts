// file: Salt's file state module, the functions that make files, directories and links on
// the minion match what the SLS describes (each in its own file under file/).
import type { StateModule } from '../../shared/state/types.js';
import { append } from './file/append.js';
import { copy } from './file/copy.js';
import { directory } from './file/directory.js';
import { line } from './file/line.js';
import { managed } from './file/managed.js';
import { absent, exists, missing } from './file/presence.js';
import { recurse } from './file/recurse.js';
import { replace } from './file/replace.js';
import { symlink } from './file/symlink.js';
import { touch } from './file/touch.js';

export const fileStates: StateModule = {
  name: 'file',
  doc: 'Manage files, directories and symlinks on the minion.',
  functions: { managed, directory, absent, symlink, append, replace, line, recurse, touch, copy, exists, missing },
};
