import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SaltTsError } from '../shared/errors.js';
import { globMatch, globToRegExp } from '../shared/targeting/glob.js';
import { checkTarget, matchesTarget } from '../shared/targeting/match.js';

const matches = (tgt: string | string[], type: 'glob' | 'pcre' | 'list', id: string) => matchesTarget(tgt, type, { id });

describe('globMatch', () => {
  test('* matches any run of characters, including none', () => {
    assert.equal(globMatch('*', 'web1'), true);
    assert.equal(globMatch('*', ''), true);
    assert.equal(globMatch('web*', 'web'), true);
    assert.equal(globMatch('web*', 'web12.example.com'), true);
    assert.equal(globMatch('web*', 'db1'), false);
    assert.equal(globMatch('*.example.com', 'web1.example.com'), true);
  });

  test('? matches exactly one character', () => {
    assert.equal(globMatch('web?', 'web1'), true);
    assert.equal(globMatch('web?', 'web'), false);
    assert.equal(globMatch('web?', 'web12'), false);
  });

  test('[abc] matches one listed character', () => {
    assert.equal(globMatch('web[12]', 'web1'), true);
    assert.equal(globMatch('web[12]', 'web2'), true);
    assert.equal(globMatch('web[12]', 'web3'), false);
  });

  test('[!a] matches one character not listed', () => {
    assert.equal(globMatch('web[!1]', 'web2'), true);
    assert.equal(globMatch('web[!1]', 'web1'), false);
    assert.equal(globMatch('web[!12]', 'web2'), false);
  });

  test('[a-c] matches a range', () => {
    assert.equal(globMatch('[a-c]x', 'bx'), true);
    assert.equal(globMatch('[a-c]x', 'dx'), false);
  });

  test('dots and other regex characters are literal', () => {
    assert.equal(globMatch('web1.example.com', 'web1.example.com'), true);
    assert.equal(globMatch('web1.example.com', 'web1xexample.com'), false);
    assert.equal(globMatch('a+b', 'a+b'), true);
    assert.equal(globMatch('a+b', 'aab'), false);
    assert.equal(globMatch('(x)', '(x)'), true);
  });

  test('a glob is anchored at both ends', () => {
    assert.equal(globMatch('web', 'web1'), false);
    assert.equal(globMatch('web', 'myweb'), false);
    assert.equal(globMatch('eb?', 'web1'), false);
  });

  test('an unclosed [ is a literal bracket', () => {
    assert.equal(globMatch('web[1', 'web[1'), true);
    assert.equal(globMatch('web[1', 'web1'), false);
  });

  test('] right after [ is a member of the class, as in fnmatch', () => {
    assert.equal(globMatch('[]a]', ']'), true);
    assert.equal(globMatch('[]a]', 'a'), true);
    assert.equal(globMatch('[]a]', 'b'), false);
  });

  test('] right after [! is a member of the negated class, as in fnmatch', () => {
    // fnmatch.translate('[!]a]') is '[^]a]': anything but ']' and 'a'.
    assert.equal(globMatch('[!]a]', 'b'), true);
    assert.equal(globMatch('[!]a]', ']'), false);
    assert.equal(globMatch('[!]a]', 'a'), false);
    // '[!]' has no closing bracket for its class, so fnmatch reads it literally.
    assert.equal(globMatch('[!]', '[!]'), true);
    assert.equal(globMatch('[!]', 'x'), false);
  });

  test('compiled patterns are reused', () => {
    assert.equal(globToRegExp('web*'), globToRegExp('web*'));
  });
});

describe('matchesTarget', () => {
  test('glob targets match the minion id', () => {
    assert.equal(matches('web*', 'glob', 'web1'), true);
    assert.equal(matches('web*', 'glob', 'db1'), false);
  });

  test('pcre is anchored at the start only, like re.match', () => {
    assert.equal(matches('web', 'pcre', 'web1'), true);
    assert.equal(matches('web', 'pcre', 'myweb1'), false);
    assert.equal(matches('web\\d+$', 'pcre', 'web12'), true);
    assert.equal(matches('web\\d+$', 'pcre', 'web12x'), false);
  });

  test('pcre alternation stays anchored at the start', () => {
    assert.equal(matches('db|web', 'pcre', 'web1'), true);
    assert.equal(matches('db|web', 'pcre', 'myweb'), false);
  });

  test('a list string is split on commas, spaces trimmed', () => {
    assert.equal(matches('web1,web2', 'list', 'web2'), true);
    assert.equal(matches('web1, web2', 'list', 'web2'), true);
    assert.equal(matches('web1,web2', 'list', 'web3'), false);
  });

  test('a list is exact: no globbing, no substrings', () => {
    assert.equal(matches('web*', 'list', 'web1'), false);
    assert.equal(matches('web12', 'list', 'web1'), false);
  });

  test('a list may be an array', () => {
    assert.equal(matches(['web1', 'db1'], 'list', 'db1'), true);
    assert.equal(matches(['web1', 'db1'], 'list', 'db2'), false);
  });
});

describe('checkTarget', () => {
  test('an invalid regular expression is SALTTS_BAD_TARGET', () => {
    assert.throws(
      () => checkTarget('web(', 'pcre'),
      (err: unknown) => err instanceof SaltTsError && err.code === 'SALTTS_BAD_TARGET' && err.message.includes('web('),
    );
  });

  test('matching an invalid regular expression is SALTTS_BAD_TARGET too', () => {
    assert.throws(() => matches('[', 'pcre', 'web1'), (err: unknown) => err instanceof SaltTsError && err.code === 'SALTTS_BAD_TARGET');
  });

  test('valid targets pass', () => {
    assert.doesNotThrow(() => checkTarget('web\\d+', 'pcre'));
    assert.doesNotThrow(() => checkTarget('web*', 'glob'));
    assert.doesNotThrow(() => checkTarget(['a', 'b'], 'list'));
  });

  test('a glob with a reversed range never throws past checkTarget', () => {
    // Python's fnmatch drops an empty range such as [z-a] (it then matches nothing);
    // either checkTarget refuses it, or matching it must not throw.
    let refused = false;
    try {
      checkTarget('web[z-a]', 'glob');
    } catch (err) {
      assert.ok(err instanceof SaltTsError && err.code === 'SALTTS_BAD_TARGET', String(err));
      refused = true;
    }
    if (!refused) assert.equal(matches('web[z-a]', 'glob', 'webz'), false);
  });
});
