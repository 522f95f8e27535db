import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { RenderError } from '../shared/render/errors.js';
import { RenderThread, type RenderHost } from '../shared/render/thread/render-thread.js';
import type { LoadedTemplate } from '../shared/render/types.js';

const run = promisify(execFile);
const options = (source = 'salt://web/init.sls', context: Record<string, unknown> = {}) => ({ source, context });

/** A host whose answers are real Promises settled from a timer, as a NATS round trip would be. */
class TimerHost implements RenderHost {
  readonly calls: { fun: string; args: unknown[]; kwargs: Record<string, unknown> }[] = [];
  readonly loads: { name: string; from: string }[] = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly templates: Record<string, string> = {}) {}

  async call(fun: string, args: unknown[], kwargs: Record<string, unknown>): Promise<unknown> {
    this.calls.push({ fun, args, kwargs });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await sleep(1);
      if (fun === 'test.echo') return args[0] ?? kwargs.text;
      if (fun === 'test.kwargs') return kwargs;
      throw new Error(`'${fun}' is not available`);
    } finally {
      this.inFlight--;
    }
  }

  async load(name: string, from: string): Promise<LoadedTemplate | null> {
    this.loads.push({ name, from });
    await sleep(1);
    const text = this.templates[name];
    return text === undefined ? null : { source: `salt://${name}`, text };
  }
}

const threads: RenderThread[] = [];
function thread(host: RenderHost, limits?: ConstructorParameters<typeof RenderThread>[1]): RenderThread {
  const created = new RenderThread(host, limits);
  threads.push(created);
  return created;
}
after(() => Promise.all(threads.map((t) => t.close())));

describe('render thread', () => {
  it('gives a template the answer of an asynchronous call', async () => {
    const host = new TimerHost();
    const rendered = await thread(host).renderSls("greeting: {{ salt['test.echo']('hello') }}\n", options());
    assert.deepEqual(rendered, { greeting: 'hello' });
    assert.deepEqual(host.calls, [{ fun: 'test.echo', args: ['hello'], kwargs: {} }]);
  });

  it('answers many calls made one after another by one template', async () => {
    const host = new TimerHost();
    const count = 200;
    const template = Array.from({ length: count }, (_, i) => `{{ salt['test.echo'](${i}) }}`).join(',');
    const text = await thread(host).renderText(template, 'jinja', options('salt://many.conf'));
    assert.equal(text, Array.from({ length: count }, (_, i) => String(i)).join(','));
    assert.equal(host.calls.length, count);
    assert.equal(host.maxInFlight, 1);
  });

  it('answers calls made in a jinja loop, keyword arguments included', async () => {
    const host = new TimerHost();
    const template = "{% for i in range(50) %}{{ salt['test.echo'](text=i) }}{% if not loop.last %} {% endif %}{% endfor %}";
    const text = await thread(host).renderText(template, 'jinja', options('salt://loop.conf'));
    assert.equal(text, Array.from({ length: 50 }, (_, i) => String(i)).join(' '));
    assert.deepEqual(host.calls[7], { fun: 'test.echo', args: [], kwargs: { text: 7 } });
  });

  it('throws a failed call into the template, keeping its message', async () => {
    const render = thread(new TimerHost()).renderSls("x: {{ salt['no.such']() }}\n", options('salt://broken.sls'));
    await assert.rejects(render, (err: unknown) => {
      assert.ok(err instanceof RenderError, String(err));
      assert.equal(err.source, 'salt://broken.sls');
      assert.match(err.message, /'no\.such' is not available/);
      return true;
    });
  });

  it('loads included templates through the host, and they can call too', async () => {
    const host = new TimerHost({ 'web/ports.sls': "port: {{ salt['test.echo'](8080) }}\n" });
    const rendered = await thread(host).renderSls("name: web\n{% include 'web/ports.sls' %}\n", options());
    assert.deepEqual(rendered, { name: 'web', port: 8080 });
    assert.deepEqual(host.loads, [{ name: 'web/ports.sls', from: 'salt://web/init.sls' }]);
    assert.equal(host.calls.length, 1);
  });

  it('brings a RenderError back as the same class with the same fields', async () => {
    const rt = thread(new TimerHost());
    await assert.rejects(rt.renderSls('#!py\ndef run(): pass\n', options('salt://py.sls')), (err: unknown) => {
      assert.ok(err instanceof RenderError);
      assert.deepEqual([err.code, err.stage, err.source, err.line], ['SALTTS_RENDER', 'shebang', 'salt://py.sls', 1]);
      assert.match(err.reason, /unknown renderer 'py'/);
      return true;
    });
    await assert.rejects(rt.renderSls('#!yaml\na: 1\nb: c: d\n', options('salt://bad.sls')), (err: unknown) => {
      assert.ok(err instanceof RenderError);
      assert.deepEqual([err.stage, err.line], ['yaml', 3]);
      assert.match(err.message, /^3: b: c: d {4}<=+$/m);
      return true;
    });
  });

  it('reuses one thread for later renders', async () => {
    const rt = thread(new TimerHost());
    assert.equal(rt.threadId, undefined);
    await rt.renderSls('#!yaml\na: 1\n', options());
    const first = rt.threadId;
    assert.ok(first !== undefined && first > 0);
    await assert.rejects(rt.renderSls('#!yaml\na: [\n', options()));
    await rt.renderText('{{ 1 }}', 'jinja', options());
    assert.equal(rt.threadId, first);
  });

  it('queues concurrent renders so their calls never overlap', async () => {
    const host = new TimerHost();
    const rt = thread(host);
    const template = (tag: string) => Array.from({ length: 20 }, (_, i) => `{{ salt['test.echo']('${tag}${i}') }}`).join(' ');
    const [a, b] = await Promise.all([
      rt.renderText(template('a'), 'jinja', options('salt://a.conf')),
      rt.renderText(template('b'), 'jinja', options('salt://b.conf')),
    ]);
    assert.equal(a, Array.from({ length: 20 }, (_, i) => `a${i}`).join(' '));
    assert.equal(b, Array.from({ length: 20 }, (_, i) => `b${i}`).join(' '));
    assert.equal(host.maxInFlight, 1);
    // The first render ran to its end before the second began.
    assert.deepEqual(host.calls.map((c) => String(c.args[0])[0]).join(''), 'a'.repeat(20) + 'b'.repeat(20));
  });

  it('rejects the render of a thread that dies, and starts a fresh thread for the next', async () => {
    const rt = thread(new TimerHost(), { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 4 });
    await rt.renderSls('#!yaml\na: 1\n', options());
    const first = rt.threadId;
    // Its data outgrows the thread's heap one small object at a time (a single huge
    // allocation can be fatal to the whole process instead of stopping the thread).
    const huge = `#!json\n[${'{"a":[1,2,3]},'.repeat(1_000_000)}[]]`;
    await assert.rejects(rt.renderSls(huge, options('salt://huge.sls')), /rendering 'salt:\/\/huge\.sls' did not finish: .*memory/);
    assert.deepEqual(await rt.renderSls('#!yaml\nb: 2\n', options()), { b: 2 });
    assert.notEqual(rt.threadId, first);
  });

  it('refuses the running and the queued renders on close, even while a call is pending', async () => {
    let called!: () => void;
    const calledOnce = new Promise<void>((resolve) => (called = resolve));
    const host: RenderHost = {
      call: () => {
        called();
        return new Promise(() => {}); // never answers
      },
      load: async () => null,
    };
    const rt = thread(host);
    const running = rt.renderText("{{ salt['test.hang']() }}", 'jinja', options('salt://hang.conf'));
    const queued = rt.renderText('{{ 1 }}', 'jinja', options('salt://next.conf'));
    const refused = Promise.all([
      assert.rejects(running, /rendering 'salt:\/\/hang\.conf' did not finish: the render thread was closed/),
      assert.rejects(queued, /closed before this render started/),
    ]);
    await calledOnce;
    await rt.close();
    await refused;
    assert.equal(rt.threadId, undefined);
  });

  it('starts a fresh thread for a render asked for while closing', async () => {
    const rt = thread(new TimerHost());
    await rt.renderText('{{ 1 }}', 'jinja', options());
    const first = rt.threadId;
    const closing = rt.close();
    const next = rt.renderText("{{ salt['test.echo']('again') }}", 'jinja', options());
    await closing;
    assert.equal(await next, 'again');
    assert.ok(rt.threadId !== undefined && rt.threadId !== first);
  });

  it('does not keep an idle process alive', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'render-thread-'));
    const script = join(dir, 'render-once.mjs');
    await writeFile(
      script,
      `import { RenderThread } from ${JSON.stringify(new URL('../shared/render/thread/render-thread.js', import.meta.url).href)};
      const rt = new RenderThread({ call: async (fun, args) => args[0], load: async () => null });
      console.log(JSON.stringify(await rt.renderSls("v: {{ salt['test.echo'](5) }}", { source: 'x.sls', context: {} })));`,
    );
    try {
      // A top-level await left unsettled would exit with code 13; a thread kept alive would hang.
      const { stdout } = await run(process.execPath, [script], { timeout: 60_000 });
      assert.equal(stdout, '{"v":5}\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
