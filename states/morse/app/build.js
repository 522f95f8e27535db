// npm run build: records the release this checkout is (package version and git commit)
// in build/release.json, which the server reports on /health.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: new URL('.', import.meta.url), encoding: 'utf8' }).trim();
mkdirSync(new URL('./build/', import.meta.url), { recursive: true });
writeFileSync(new URL('./build/release.json', import.meta.url), `${JSON.stringify({ version, rev })}\n`);
console.log(`built morse ${version} (${rev})`);
