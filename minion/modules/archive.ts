// archive: list and unpack tar and zip archives with the tar and unzip binaries (Salt's archive module).
import { mkdir } from 'node:fs/promises';
import { pyStr } from '../../shared/output/py-str.js';
import { runTool } from '../platform/run-tool.js';
import { splitShellWords } from './cmd/shell-words.js';
import { CommandExecutionError } from './command-error.js';
import { archiveMembers, guessFormat, type ArchiveFormat } from './archive/members.js';
import type { ExecModule } from './types.js';

const OUTPUT_LIMIT = 256 * 1024 * 1024;

/** The format given, or the one the file name implies. */
function formatOf(file: string, given: unknown): ArchiveFormat {
  const format = given == null || given === '' ? guessFormat(file) : pyStr(given);
  if (format !== 'tar' && format !== 'zip') {
    throw new CommandExecutionError(`Unable to guess archive format of ${file}; set archive_format to tar or zip`);
  }
  return format;
}

/** Runs the tool and returns its output lines; a non-zero exit raises with its message. */
async function lines(argv: string[], cwd: string | undefined, install: string): Promise<string[]> {
  const outcome = await runTool(argv, { cwd, limit: OUTPUT_LIMIT }, install);
  if (outcome.retcode !== 0) throw new CommandExecutionError(`${argv.join(' ')} failed: ${outcome.stderr.text().trim() || outcome.stdout.text().trim()}`);
  return outcome.stdout.text().split('\n').filter(Boolean);
}

export const archiveModule: ExecModule = {
  name: 'archive',
  doc: 'List and unpack tar and zip archives.',
  functions: {
    tar: {
      doc: "Run tar with options (e.g. 'xzf', or a dash form) on tarfile, with sources (a list or comma-separated) and dest (-C) or cwd; return tar's output lines.",
      params: [{ name: 'options' }, { name: 'tarfile' }, { name: 'sources', default: null }, { name: 'dest', default: null }, { name: 'cwd', default: null }],
      run: (_ctx, a) => {
        const options = splitShellWords(pyStr(a.options));
        // tar reads a first word without a dash as bundled short options, so 'xzf' works as it is.
        const sources = a.sources == null ? [] : Array.isArray(a.sources) ? a.sources.map(pyStr) : pyStr(a.sources).split(',');
        const dest = a.dest == null ? [] : ['-C', pyStr(a.dest)];
        return lines(['tar', ...options, pyStr(a.tarfile), ...dest, ...sources], a.cwd == null ? undefined : pyStr(a.cwd), 'Debian package tar');
      },
    },
    unzip: {
      doc: 'Extract zip_file into dest (created when missing), overwriting existing files; return the extracted member names.',
      params: [{ name: 'zip_file' }, { name: 'dest' }, { name: 'excludes', default: null }],
      run: async (_ctx, a) => {
        const file = pyStr(a.zip_file);
        const dest = pyStr(a.dest);
        const excludes = a.excludes == null ? [] : ['-x', ...(Array.isArray(a.excludes) ? a.excludes.map(pyStr) : pyStr(a.excludes).split(','))];
        await mkdir(dest, { recursive: true });
        await lines(['unzip', '-o', '-q', file, '-d', dest, ...excludes], undefined, 'Debian package unzip');
        const members = await archiveMembers(file, 'zip');
        return [...members.dirs, ...members.files];
      },
    },
    list: {
      doc: 'List the archive at name (tar or zip, archive_format guessed from the name); verbose=True returns {dirs, files, links, top_level_dirs, top_level_files, top_level_links}.',
      params: [{ name: 'name' }, { name: 'archive_format', default: null }, { name: 'verbose', default: false }],
      run: async (_ctx, a) => {
        const file = pyStr(a.name);
        const members = await archiveMembers(file, formatOf(file, a.archive_format));
        return a.verbose === true ? members : [...members.dirs, ...members.files, ...members.links].sort();
      },
    },
  },
};
