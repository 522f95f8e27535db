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

const grains = {
  os: 'Debian',
  os_family: 'Debian',
  osrelease: 12,
  virtual: null,
  roles: ['web', 'db'],
  ec2: { tags: { env: 'prod:eu', team: 'core' } },
  disks: [{ name: 'sda', size: 100 }, { name: 'sdb', size: 20 }],
  empty: {},
  ipv4: ['127.0.0.1', '192.168.1.17'],
  ipv6: ['::1', 'fe80::a00:27ff:fe4e:66a1'],
};
const web1 = { id: 'web1', grains };
const grain = (tgt: string) => matchesTarget(tgt, 'grain', web1);
const badTarget = (messagePart: string) => (err: unknown) =>
  err instanceof SaltTsError && err.code === 'SALTTS_BAD_TARGET' && err.message.includes(messagePart);

describe('grain targets', () => {
  test('the value part is a glob', () => {
    assert.equal(grain('os:Debian'), true);
    assert.equal(grain('os:Deb*'), true);
    assert.equal(grain('os:Ubuntu'), false);
    assert.equal(grain('os:Deb'), false);
  });

  test('values compare without regard to case, as Salt lowercases both sides', () => {
    assert.equal(grain('os:debian'), true);
    assert.equal(grain('os:DEB*'), true);
  });

  test('keys are case-sensitive', () => {
    assert.equal(grain('OS:Debian'), false);
  });

  test('numbers, booleans and null compare as Python prints them', () => {
    assert.equal(grain('osrelease:12'), true);
    assert.equal(grain('osrelease:1*'), true);
    assert.equal(grain('virtual:None'), true);
  });

  test('a list grain matches when any element does', () => {
    assert.equal(grain('roles:web'), true);
    assert.equal(grain('roles:db'), true);
    assert.equal(grain('roles:d*'), true);
    assert.equal(grain('roles:mail'), false);
  });

  test('nested dict keys are joined with :', () => {
    assert.equal(grain('ec2:tags:team:core'), true);
    assert.equal(grain('ec2:tags:team:other'), false);
  });

  test('the value may itself hold the delimiter', () => {
    assert.equal(grain('ec2:tags:env:prod:eu'), true);
    assert.equal(grain('ec2:tags:env:prod:*'), true);
    assert.equal(grain('ec2:tags:env:prod'), false);
  });

  test('naming a key of a dict grain matches when the key exists', () => {
    assert.equal(grain('ec2:tags'), true);
    assert.equal(grain('ec2:tags:env'), true);
    assert.equal(grain('ec2:*'), true);
    assert.equal(grain('ec2:nope'), false);
  });

  test('an empty dict grain matches nothing', () => {
    assert.equal(grain('empty:*'), false);
  });

  test('a list of dicts is entered through the dict holding the key, or by index', () => {
    assert.equal(grain('disks:name:sda'), true);
    assert.equal(grain('disks:size:100'), true);
    assert.equal(grain('disks:name:sdb'), true);
    assert.equal(grain('disks:0:name:sda'), true);
    assert.equal(grain('disks:1:name:sdb'), true);
    assert.equal(grain('disks:-1:size:20'), true);
    assert.equal(grain('disks:2:name:sda'), false);
  });

  test('*: as the key searches every top-level grain, and the keys of dicts below', () => {
    assert.equal(grain('*:Debian'), true);
    assert.equal(grain('*:db'), true);
    assert.equal(grain('*:tags'), true);
    // As in Salt, a nested dict is searched for the key only, not for values.
    assert.equal(grain('*:core'), false);
    assert.equal(grain('*:nothing'), false);
  });

  test('a missing key is no match, never an error', () => {
    assert.equal(grain('nope:x'), false);
    assert.equal(grain('os:sub:x'), false);
    assert.equal(grain('roles:web:x'), false);
    assert.equal(matchesTarget('os:Debian', 'grain', { id: 'db1' }), false);
  });

  test('checkTarget refuses a grain target with no value part', () => {
    assert.throws(() => checkTarget('os', 'grain'), badTarget('needs a key and a value'));
    assert.doesNotThrow(() => checkTarget('os:Deb*', 'grain'));
  });
});

describe('grain_pcre targets', () => {
  const pcre = (tgt: string) => matchesTarget(tgt, 'grain_pcre', web1);

  test('the value part is a regular expression anchored at the start, like re.match', () => {
    assert.equal(pcre('os:Deb.*'), true);
    assert.equal(pcre('os:Deb'), true);
    assert.equal(pcre('os:ebian'), false);
    assert.equal(pcre('os:(Debian|Ubuntu)$'), true);
    assert.equal(pcre('os:Debian|ebian'), true);
    assert.equal(pcre('os:x|ebian'), false);
  });

  test('case is ignored, but escapes keep their meaning', () => {
    assert.equal(pcre('os:DEBIAN'), true);
    assert.equal(pcre('os:\\D+$'), true);
    assert.equal(pcre('osrelease:\\d+$'), true);
  });

  test('lists, nested keys and colons in the value work as for grain', () => {
    assert.equal(pcre('roles:d.'), true);
    assert.equal(pcre('ec2:tags:env:prod:(eu|us)'), true);
    assert.equal(pcre('disks:name:sd[a-z]'), true);
  });

  test('checkTarget refuses an invalid regular expression', () => {
    assert.throws(() => checkTarget('os:Deb(', 'grain_pcre'), badTarget('Deb('));
    assert.throws(() => checkTarget('os', 'grain_pcre'), badTarget('needs a key and a value'));
  });

  test('a regular expression holding the delimiter is read whole', () => {
    assert.doesNotThrow(() => checkTarget('ipv6:(fe80:.*)', 'grain_pcre'));
    assert.equal(pcre('ipv6:(fe80:.*)'), true);
  });
});

describe('pillar targets', () => {
  const pillar = { role: 'db', users: { alice: { shell: '/bin/zsh' } } };
  const db1 = { id: 'db1', grains, pillar };

  test('pillar and pillar_pcre read facts.pillar as grain targets read grains', () => {
    assert.equal(matchesTarget('role:db', 'pillar', db1), true);
    assert.equal(matchesTarget('role:web', 'pillar', db1), false);
    assert.equal(matchesTarget('users:alice:shell:*zsh', 'pillar', db1), true);
    assert.equal(matchesTarget('role:d.$', 'pillar_pcre', db1), true);
    assert.equal(matchesTarget('os:Debian', 'pillar', db1), false);
  });

  test('without a known pillar, a pillar target does not match', () => {
    assert.equal(matchesTarget('role:db', 'pillar', web1), false);
    assert.equal(matchesTarget('role:d.*', 'pillar_pcre', web1), false);
  });

  test('checkTarget accepts a well-formed pillar target', () => {
    assert.doesNotThrow(() => checkTarget('role:db', 'pillar'));
    assert.throws(() => checkTarget('role:(', 'pillar_pcre'), badTarget('invalid regular expression'));
  });
});

describe('ipcidr targets', () => {
  const ipcidr = (tgt: string) => matchesTarget(tgt, 'ipcidr', web1);

  test('a subnet matches when any ipv4 address lies in it', () => {
    assert.equal(ipcidr('192.168.1.0/24'), true);
    assert.equal(ipcidr('192.168.0.0/16'), true);
    assert.equal(ipcidr('127.0.0.0/8'), true);
    assert.equal(ipcidr('10.0.0.0/8'), false);
    assert.equal(ipcidr('0.0.0.0/0'), true);
  });

  test('an address without a mask must be equal', () => {
    assert.equal(ipcidr('192.168.1.17'), true);
    assert.equal(ipcidr('192.168.1.17/32'), true);
    assert.equal(ipcidr('192.168.1.1'), false);
  });

  test('an IPv6 target is matched against the ipv6 grain', () => {
    assert.equal(ipcidr('fe80::/10'), true);
    assert.equal(ipcidr('::1'), true);
    assert.equal(ipcidr('0:0:0:0:0:0:0:1'), true);
    assert.equal(ipcidr('fe80:0:0:0:a00:27ff:fe4e:66a1'), true);
    assert.equal(ipcidr('2001:db8::/32'), false);
    assert.equal(ipcidr('::ffff:192.168.1.17'), false);
  });

  test('a minion without address grains matches nothing', () => {
    assert.equal(matchesTarget('192.168.1.0/24', 'ipcidr', { id: 'x' }), false);
    assert.equal(matchesTarget('192.168.1.0/24', 'ipcidr', { id: 'x', grains: { ipv4: 'oops' } }), false);
  });

  test('checkTarget refuses what Python ip_address/ip_network refuse', () => {
    for (const bad of ['192.168.1.5/24', '192.168.1.0/33', '300.1.1.1', '10.0.0', '010.0.0.1', 'fe80::/129', '1::2::3', 'web1', '10.0.0.0/8/8', '10.0.0.0/']) {
      assert.throws(() => checkTarget(bad, 'ipcidr'), badTarget(bad), bad);
    }
    for (const good of ['192.168.1.0/24', '10.1.2.3', '::', '::ffff:10.0.0.1', 'fe80::/10', '2001:db8::1/128']) {
      assert.doesNotThrow(() => checkTarget(good, 'ipcidr'), good);
    }
  });
});

describe('nodegroup targets', () => {
  test('minions refuse an unexpanded nodegroup', () => {
    assert.throws(() => matchesTarget('group1', 'nodegroup', web1), badTarget('nodegroups must be expanded by the master'));
  });

  test('checkTarget only asks for a name, which the master then expands', () => {
    assert.doesNotThrow(() => checkTarget('group1', 'nodegroup'));
    assert.throws(() => checkTarget(' ', 'nodegroup'), badTarget('nodegroup'));
  });
});
