import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SaltTsError } from '../shared/errors.js';
import {
  Inboxes,
  nameFromToken,
  parseMinionNoticeSubject,
  parseReturnSubject,
  Subjects,
  subjectToken,
} from '../shared/protocol/subjects.js';
import { minionPermissions } from '../shared/protocol/permissions.js';
import { callsOf, parseAuthRequest, parseJob, parseJobReturn, parsePublishRequest } from '../shared/protocol/messages.js';
import { createUser } from '@nats-io/nkeys';

/** Does a NATS subject pattern (with * and >) cover a concrete subject? */
function covers(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length) return false;
    if (p[i] !== '*' && p[i] !== s[i]) return false;
  }
  return p.length === s.length;
}
const allowed = (patterns: string[], subject: string) => patterns.some((p) => covers(p, subject));

function badMessage(field: string): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof SaltTsError, `expected a SaltTsError, got ${String(err)}`);
    assert.equal(err.code, 'SALTTS_BAD_MESSAGE');
    assert.ok(err.message.includes(`'${field}'`), `message names '${field}': ${err.message}`);
    return true;
  };
}

describe('subject tokens', () => {
  const ids = ['web1', 'web1.example.com', 'a@b', 'x-y_z', 'web*', 'a>b', '100%', 'ünïcode', ''];

  test('nameFromToken(subjectToken(id)) gives back the id', () => {
    for (const id of ids) assert.equal(nameFromToken(subjectToken(id)), id, id);
  });

  test('safe ids are their own token', () => {
    assert.equal(subjectToken('web1'), 'web1');
    assert.equal(subjectToken('x-y_z'), 'x-y_z');
  });

  test('a token never holds ., *, > or whitespace', () => {
    for (const id of [...ids, 'a b', 'a\tb']) assert.doesNotMatch(subjectToken(id), /[.*>\s]/, id);
  });

  test('a dotted id is one token', () => {
    assert.equal(subjectToken('web1.example.com'), 'web1%2Eexample%2Ecom');
    assert.equal(Subjects.jobsFor('web1.example.com').split('.').length, 3);
  });

  test('distinct ids give distinct tokens', () => {
    const tokens = ['a.b', 'a%2Eb', 'a_b', 'a-b', 'a@b', 'a%40b'].map(subjectToken);
    assert.equal(new Set(tokens).size, tokens.length);
  });

  test('the empty name has a non-empty token', () => {
    assert.equal(subjectToken(''), '%');
    assert.equal(nameFromToken('%'), '');
  });
});

describe('minionPermissions', () => {
  test("web1 may publish only its own returns and notices", () => {
    const perms = minionPermissions('web1');
    assert.equal(allowed(perms.publish, Subjects.returnFrom('web1', '20240101120000000000')), true);
    assert.equal(allowed(perms.publish, Subjects.minionNotice('web1', 'start')), true);
    assert.equal(allowed(perms.publish, Subjects.returnFrom('web2', '20240101120000000000')), false);
    assert.equal(allowed(perms.publish, Subjects.minionNotice('web2', 'start')), false);
    assert.equal(allowed(perms.publish, Subjects.api('publish')), false);
    assert.equal(allowed(perms.publish, Subjects.jobsAll), false);
    assert.equal(allowed(perms.publish, Subjects.event('salt/job/1/new')), false);
  });

  test('web1 may subscribe to broadcast jobs, its own jobs and its own inbox only', () => {
    const perms = minionPermissions('web1');
    assert.equal(allowed(perms.subscribe, Subjects.jobsAll), true);
    assert.equal(allowed(perms.subscribe, Subjects.jobsFor('web1')), true);
    assert.equal(allowed(perms.subscribe, `${Inboxes.minion('web1')}.abc`), true);
    assert.equal(allowed(perms.subscribe, Subjects.jobsFor('web2')), false);
    assert.equal(allowed(perms.subscribe, `${Inboxes.minion('web2')}.abc`), false);
    assert.equal(allowed(perms.subscribe, Subjects.returnFrom('web2', '20240101120000000000')), false);
    assert.equal(allowed(perms.subscribe, `${Inboxes.cli}.abc`), false);
  });

  test('a dotted id gets subjects with exactly the expected number of tokens', () => {
    const perms = minionPermissions('web1.example.com');
    const tokenCounts = (subjects: string[]) => subjects.map((s) => s.split('.').length);
    assert.deepEqual(tokenCounts(perms.publish), [4, 4]); // salt.ret.<id>.*, salt.minion.<id>.*
    assert.deepEqual(tokenCounts(perms.subscribe), [3, 3, 4]); // salt.pub.all, salt.pub.<id>, _INBOX.m.<id>.>
    for (const s of [...perms.publish, ...perms.subscribe]) assert.ok(!s.includes('example.com'), s);
  });

  test('a dotted id cannot reach another minion whose id is a prefix', () => {
    const perms = minionPermissions('web1.example.com');
    assert.equal(allowed(perms.publish, Subjects.returnFrom('web1', '20240101120000000000')), false);
    assert.equal(allowed(perms.subscribe, Subjects.jobsFor('web1')), false);
    assert.equal(allowed(perms.publish, Subjects.returnFrom('web1.example.com', '20240101120000000000')), true);
  });

  test('an id with wildcard characters gets no wildcard permissions', () => {
    const perms = minionPermissions('*');
    assert.equal(allowed(perms.publish, Subjects.returnFrom('web1', '20240101120000000000')), false);
    assert.equal(allowed(perms.subscribe, Subjects.jobsFor('web1')), false);
  });

  test('minions may answer requests', () => {
    assert.equal(minionPermissions('web1').allowResponses, true);
  });
});

describe('subject parsers', () => {
  test('parseReturnSubject gives back the id and jid', () => {
    assert.deepEqual(parseReturnSubject(Subjects.returnFrom('web1.example.com', '20240101120000000000')), {
      id: 'web1.example.com',
      jid: '20240101120000000000',
    });
    assert.deepEqual(parseReturnSubject('salt.ret.web1.123'), { id: 'web1', jid: '123' });
  });

  test('parseReturnSubject refuses other subjects', () => {
    assert.equal(parseReturnSubject('salt.ret.web1'), null);
    assert.equal(parseReturnSubject('salt.ret.web1.example.123'), null);
    assert.equal(parseReturnSubject('salt.minion.web1.start'), null);
    assert.equal(parseReturnSubject('x.ret.web1.123'), null);
  });

  test('parseMinionNoticeSubject gives back the id and notice', () => {
    assert.deepEqual(parseMinionNoticeSubject(Subjects.minionNotice('a@b', 'start')), { id: 'a@b', notice: 'start' });
  });

  test('parseMinionNoticeSubject refuses other subjects', () => {
    assert.equal(parseMinionNoticeSubject('salt.ret.web1.start'), null);
    assert.equal(parseMinionNoticeSubject('salt.minion.web1'), null);
    assert.equal(parseMinionNoticeSubject('salt.minion.web1.a.b'), null);
  });
});

describe('parseJob', () => {
  const good = () => ({
    jid: '20240101120000000001',
    tgt: 'web*',
    tgt_type: 'glob',
    fun: 'test.ping',
    arg: [1, 'a'],
    kwarg: { x: 1 },
    user: 'root',
  });

  test('accepts a job of several functions, one argument list and keyword mapping each', () => {
    const multi = { ...good(), fun: ['test.echo', 'test.ping'], arg: [['hi'], []], kwarg: [{}, {}] };
    assert.deepEqual(parseJob(multi), multi);
    assert.deepEqual(callsOf(multi), [{ fun: 'test.echo', arg: ['hi'], kwarg: {} }, { fun: 'test.ping', arg: [], kwarg: {} }]);
  });

  test('refuses a job of several functions whose arguments do not line up', () => {
    assert.throws(() => parseJob({ ...good(), fun: ['test.echo', 'test.ping'], arg: [['hi']], kwarg: [{}, {}] }), badMessage('arg'));
    assert.throws(() => parseJob({ ...good(), fun: ['test.echo', 'test.ping'], arg: [[], []], kwarg: [{}] }), badMessage('kwarg'));
    assert.throws(() => parseJob({ ...good(), fun: ['test.echo', 'nodot'], arg: [[], []], kwarg: [{}, {}] }), badMessage('fun'));
  });

  test('accepts a good job', () => {
    assert.deepEqual(parseJob(good()), good());
  });

  test('accepts a list target', () => {
    assert.deepEqual(parseJob({ ...good(), tgt: ['web1', 'web2'], tgt_type: 'list' }).tgt, ['web1', 'web2']);
  });

  test('drops unknown fields', () => {
    assert.deepEqual(parseJob({ ...good(), extra: 1 }), good());
  });

  test('refuses a non-object', () => {
    for (const v of [null, 'job', 3, []]) {
      assert.throws(() => parseJob(v), (err: unknown) => err instanceof SaltTsError && err.code === 'SALTTS_BAD_MESSAGE');
    }
  });

  test('refuses a missing field, naming it', () => {
    for (const field of ['jid', 'tgt', 'tgt_type', 'fun', 'arg', 'kwarg', 'user']) {
      const job: Record<string, unknown> = good();
      delete job[field];
      assert.throws(() => parseJob(job), badMessage(field));
    }
  });

  test('refuses a field of the wrong type, naming it', () => {
    assert.throws(() => parseJob({ ...good(), fun: 5 }), badMessage('fun'));
    assert.throws(() => parseJob({ ...good(), arg: {} }), badMessage('arg'));
    assert.throws(() => parseJob({ ...good(), kwarg: [] }), badMessage('kwarg'));
    assert.throws(() => parseJob({ ...good(), kwarg: null }), badMessage('kwarg'));
    assert.throws(() => parseJob({ ...good(), tgt: ['a', 1] }), badMessage('tgt'));
    assert.throws(() => parseJob({ ...good(), tgt: 1 }), badMessage('tgt'));
  });

  test('refuses a bad jid', () => {
    for (const jid of ['123', '2024010112000000000a', '', '202401011200000000011']) {
      assert.throws(() => parseJob({ ...good(), jid }), badMessage('jid'));
    }
  });

  test('refuses an unknown tgt_type', () => {
    assert.throws(() => parseJob({ ...good(), tgt_type: 'bogus' }), badMessage('tgt_type'));
  });
});

describe('parseJobReturn', () => {
  const good = () => ({ jid: '20240101120000000001', fun: 'test.ping', fun_args: [], return: true, retcode: 0, success: true });

  test('accepts a good return, whatever the return value', () => {
    assert.deepEqual(parseJobReturn(good()), good());
    assert.deepEqual(parseJobReturn({ ...good(), return: { a: [1] } }).return, { a: [1] });
    assert.equal(parseJobReturn({ ...good(), return: null }).return, null);
  });

  test('refuses wrong fields, naming them', () => {
    assert.throws(() => parseJobReturn({ ...good(), jid: 'x' }), badMessage('jid'));
    assert.throws(() => parseJobReturn({ ...good(), retcode: 1.5 }), badMessage('retcode'));
    assert.throws(() => parseJobReturn({ ...good(), retcode: '0' }), badMessage('retcode'));
    assert.throws(() => parseJobReturn({ ...good(), success: 'yes' }), badMessage('success'));
    assert.throws(() => parseJobReturn({ ...good(), fun_args: 'a' }), badMessage('fun_args'));
    const missing: Record<string, unknown> = good();
    delete missing.fun;
    assert.throws(() => parseJobReturn(missing), badMessage('fun'));
  });
});

describe('parsePublishRequest', () => {
  const good = () => ({ tgt: '*', tgt_type: 'glob', fun: 'test.ping', arg: [], kwarg: {}, user: 'root', timeout: 5 });

  test('accepts a good request', () => {
    assert.deepEqual(parsePublishRequest(good()), good());
    assert.equal(parsePublishRequest({ ...good(), timeout: 0.5 }).timeout, 0.5);
  });

  test('refuses a malformed fun', () => {
    for (const fun of ['test', 'test.', '.ping', 'test.ping.x', 'test ping', '1test.ping', 'test.ping;rm']) {
      assert.throws(() => parsePublishRequest({ ...good(), fun }), badMessage('fun'), fun);
    }
  });

  test('refuses wrong fields, naming them', () => {
    assert.throws(() => parsePublishRequest({ ...good(), tgt_type: 'bogus' }), badMessage('tgt_type'));
    assert.throws(() => parsePublishRequest({ ...good(), timeout: '5' }), badMessage('timeout'));
    assert.throws(() => parsePublishRequest({ ...good(), timeout: Infinity }), badMessage('timeout'));
    assert.throws(() => parsePublishRequest({ ...good(), user: undefined }), badMessage('user'));
  });
});

describe('parseAuthRequest', () => {
  const pub = createUser().getPublicKey();
  const good = () => ({ id: 'web1.example.com', pub, ts: 1700000000000, sig: 'c2ln' });

  test('accepts a good request', () => {
    assert.deepEqual(parseAuthRequest(good()), good());
  });

  test('refuses a bad minion id', () => {
    for (const id of ['../etc', '.hidden', '', 'a/b', 'a b']) {
      assert.throws(() => parseAuthRequest({ ...good(), id }), badMessage('id'), id);
    }
  });

  test('refuses a key that is not a user nkey', () => {
    for (const bad of ['', 'not-a-key', pub.slice(1), 'A' + pub.slice(1), pub.toLowerCase()]) {
      assert.throws(() => parseAuthRequest({ ...good(), pub: bad }), badMessage('pub'));
    }
  });

  test('refuses a non-integer ts and a missing sig', () => {
    assert.throws(() => parseAuthRequest({ ...good(), ts: '1' }), badMessage('ts'));
    assert.throws(() => parseAuthRequest({ ...good(), ts: 1.5 }), badMessage('ts'));
    assert.throws(() => parseAuthRequest({ ...good(), sig: undefined }), badMessage('sig'));
  });
});
