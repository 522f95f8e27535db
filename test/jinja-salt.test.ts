// salt['mod.fn'](...) and salt.mod.fn(...) reach the TemplateCaller with keyword
// arguments as kwargs; raise() stops the render with its message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SaltTsError } from '../shared/errors.js';
import { RenderError } from '../shared/render/errors.js';
import { recordingCaller, render } from './support/jinja-render.js';

test('both spellings call the function with positional and keyword arguments', () => {
  const { salt, calls } = recordingCaller((fun) => (fun === 'pillar.get' ? 'db.internal' : { ok: true }));
  const out = render("{{ salt['pillar.get']('app:db', 'x') }}|{{ salt.test.arg('a', 2, arg=[1], flag=True).ok }}", {}, { salt });
  assert.equal(out, 'db.internal|True');
  assert.deepEqual(calls, [
    { fun: 'pillar.get', args: ['app:db', 'x'], kwargs: {} },
    { fun: 'test.arg', args: ['a', 2], kwargs: { arg: [1], flag: true } },
  ]);
});

test('template values reach the function as plain data (floats, tuples, namespaces)', () => {
  const { salt, calls } = recordingCaller();
  render("{% do salt['x.y'](2.0, (1, 2), {'k': 10 / 4}) %}", {}, { salt });
  assert.deepEqual(calls[0].args, [2, [1, 2], { k: 2.5 }]);
  assert.ok(!(calls[0].args[1] as unknown[]).constructor.name.includes('Tuple'));
});

test('a call inside a filtered loop runs once per item (the orchestration idiom)', () => {
  const { salt, calls } = recordingCaller((_fun, args) => ({ [String(args[0])]: { ret: args[0] !== 'db1' } }));
  const tpl = "{% set ns = namespace(m=None) %}{% for h in hosts if salt.saltutil.cmd(h, 'file.search', arg=['/f', 'MASTER']).get(h).get('ret') %}{% if loop.first %}{% set ns.m = h %}{% endif %}{% endfor %}{{ ns.m }}";
  assert.equal(render(tpl, { hosts: ['db1', 'db2', 'db3'] }, { salt }), 'db2');
  assert.equal(calls.length, 3);
});

test('a failing function names itself', () => {
  const salt = () => {
    throw new Error('boom');
  };
  assert.throws(() => render("{{ salt['cmd.run']('x') }}", {}, { salt }), /salt\['cmd\.run'\] failed: boom/);
});

test('raise() fails the render with the message and the line', () => {
  assert.throws(
    () => render("ok\n{% if not pillar.get('required') %}{{ raise('required pillar missing') }}{% endif %}"),
    (err: unknown) => err instanceof RenderError && err.reason === 'required pillar missing' && err.line === 2 && err.stage === 'jinja',
  );
});

test('the context variables Salt provides are visible', () => {
  assert.equal(render('{{ saltenv }}|{{ sls }}|{{ opts.id }}|{{ tpldir }}', { tpldir: 'webapp' }), 'base|webapp|web01|webapp');
});

test('a salt-ts error from the function keeps its code in the reason', () => {
  const salt = () => {
    throw new SaltTsError('SALTTS_UNKNOWN_FUNCTION', "'nope.fn' is not available");
  };
  assert.throws(() => render("{{ salt['nope.fn']() }}", {}, { salt }), /\[SALTTS_UNKNOWN_FUNCTION\] 'nope\.fn' is not available/);
});
