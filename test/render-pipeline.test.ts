import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RenderError } from '../shared/render/errors.js';
import { renderSls, renderText } from '../shared/render/pipeline.js';
import type { RenderOptions } from '../shared/render/types.js';

const options = (context: Record<string, unknown> = {}): RenderOptions => ({ source: 'salt://web/init.sls', context });

function renderError(stage: RenderError['stage'], line: number | undefined, ...fragments: string[]) {
  return (err: unknown) => {
    assert.ok(err instanceof RenderError, `expected a RenderError, got ${String(err)}`);
    assert.equal(err.code, 'SALTTS_RENDER');
    assert.equal(err.stage, stage);
    assert.equal(err.source, 'salt://web/init.sls');
    assert.equal(err.line, line);
    for (const fragment of fragments) assert.ok(err.message.includes(fragment), `'${fragment}' not in:\n${err.message}`);
    return true;
  };
}

describe('SLS renderer pipeline', () => {
  it('renders jinja then yaml by default', () => {
    const sls = 'nginx:\n  pkg.installed:\n    - version: {{ version }}\n';
    assert.deepEqual(renderSls(sls, options({ version: '1.2' })), { nginx: { 'pkg.installed': [{ version: 1.2 }] } });
  });

  it('leaves a #!yaml file unrendered and loads it as YAML 1.1 the way Salt does', () => {
    const sls = '#!yaml\nmotd:\n  file.managed:\n    - contents: "{{ x }}"\n    - mode: 0755\n    - replace: yes\n';
    assert.deepEqual(renderSls(sls, options()), {
      motd: { 'file.managed': [{ contents: '{{ x }}' }, { mode: 755 }, { replace: true }] },
    });
  });

  it('takes the default renderer from the options when there is no shebang', () => {
    assert.deepEqual(renderSls('a: "{{ x }}"\n', { ...options(), defaultRenderer: 'yaml' }), { a: '{{ x }}' });
  });

  it('reads JSON, rendered through jinja first with #!jinja|json', () => {
    assert.deepEqual(renderSls('#!json\n{"a": {"b": [1, true]}}', options()), { a: { b: [1, true] } });
    assert.deepEqual(renderSls('#!jinja|json\n{"port": {{ port }}}', options({ port: 8080 })), { port: 8080 });
    assert.deepEqual(renderSls('#! jinja | yaml \nport: {{ port }}', options({ port: 22 })), { port: 22 });
  });

  it('returns the text of a pipeline of text renderers only', () => {
    assert.equal(renderSls('#!jinja\nhello {{ who }}', options({ who: 'world' })), '\nhello world');
  });

  it('treats #!/path as an ordinary first line, not a shebang', () => {
    assert.deepEqual(renderSls('#!/bin/sh\na: 1\n', options()), { a: 1 });
  });

  it('gives empty high data for an empty rendering', () => {
    assert.deepEqual(renderSls('', options()), {});
    assert.deepEqual(renderSls(' \n\t\n', options()), {});
    assert.deepEqual(renderSls('#!yaml\n# nothing here\n', options()), {});
    assert.deepEqual(renderSls('{% if false %}a: 1{% endif %}\n', options()), {});
    assert.deepEqual(renderSls('#!yaml\n[]\n', options()), {});
    assert.deepEqual(renderSls('#!json\n', options()), {});
  });

  it('refuses renderers it does not have, naming them and the line', () => {
    assert.throws(() => renderSls('#!py\ndef run(): pass', options()), renderError('shebang', 1, "'py'", 'jinja, yaml, json'));
    assert.throws(() => renderSls('#!mako|yaml\na: 1', options()), renderError('shebang', 1, "'mako'"));
    assert.throws(() => renderSls('a: 1', { ...options(), defaultRenderer: 'cheetah' }), renderError('shebang', undefined, "'cheetah'"));
  });

  it('refuses a data renderer that is not last in the pipe', () => {
    assert.throws(() => renderSls('#!yaml|jinja\na: 1', options()), renderError('shebang', 1, "'yaml' produces data", "'yaml|jinja'"));
  });

  it('reports a YAML error at its line, counting the shebang line, with the text around it', () => {
    const sls = '#!yaml\none: 1\ntwo: 2\nthree:\n  - a\n   b: [\nfour: 4\n';
    assert.throws(
      () => renderSls(sls, options()),
      (err: unknown) => {
        assert.ok(err instanceof RenderError && err.stage === 'yaml');
        assert.equal(err.source, 'salt://web/init.sls');
        const marked = err.message.split('\n').filter((line) => line.endsWith('<======================'));
        assert.equal(marked.length, 1);
        assert.equal(marked[0], `${err.line}: ${sls.split('\n')[err.line! - 1]}    <======================`);
        assert.ok(err.line! >= 5 && err.line! <= 7, `line ${err.line}`);
        return true;
      },
    );
  });

  it('shows the rendered text, not the template, around a YAML error after jinja', () => {
    const sls = 'a: 1\nb: {{ broken }}\nc: 3\n';
    assert.throws(
      () => renderSls(sls, options({ broken: 'x: y' })),
      renderError('yaml', 2, 'Nested mappings', '---\n1: a: 1\n2: b: x: y    <======================\n3: c: 3\n---'),
    );
  });

  it('marks the excerpt as cut when the file goes on beyond it', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `k${i + 1}: ${i + 1}`);
    lines[9] = 'k10: [';
    assert.throws(
      () => renderSls(`#!yaml\n${lines.join('\n')}\n`, options()),
      (err: unknown) => {
        assert.ok(err instanceof RenderError);
        const excerpt = err.message.split('\n').slice(1);
        assert.equal(excerpt[0], '---');
        assert.equal(excerpt[1], '[...]');
        assert.equal(excerpt.at(-2), '[...]');
        assert.equal(excerpt.at(-1), '---');
        assert.equal(excerpt.length, 2 + 2 + 7);
        return true;
      },
    );
  });

  it('reports a JSON error with its line when the parser gives a position', () => {
    assert.throws(() => renderSls('#!json\n{\n  "a": 1\n  "b": 2\n}', options()), renderError('json', 4, "Expected ',' or '}'", '<======='));
    assert.throws(() => renderSls('#!json\n{"a": }', options()), renderError('json', undefined, "Unexpected token '}'"));
  });
});

describe('file template rendering', () => {
  it('renders jinja templates', () => {
    assert.equal(renderText('listen {{ port }}\n', 'jinja', options({ port: 80 })), 'listen 80\n');
  });

  it('passes text through unchanged without a template renderer', () => {
    assert.equal(renderText('listen {{ port }}\n', '', options()), 'listen {{ port }}\n');
    assert.equal(renderText('listen {{ port }}\n', 'none', options()), 'listen {{ port }}\n');
  });

  it('refuses a template renderer it does not have', () => {
    assert.throws(() => renderText('x', 'mako', options()), renderError('shebang', undefined, "'mako'", 'none, jinja'));
    assert.throws(() => renderText('x', 'yaml', options()), renderError('shebang', undefined, "'yaml'"));
  });
});
