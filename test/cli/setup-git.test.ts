// `latch setup-git` and `latch doctor` against real git and the Data Center simulator: a host Latch
// cannot answer for is refused (and reported when set up by hand), the protocol comes from the account.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cliWorld, expectRefusal } from './fixture';

const w = cliWorld();
const gitConfig = () => {
  try {
    return execFileSync('git', ['config', '--global', '--list'], { env: w.env, encoding: 'utf8' });
  } catch {
    return '';
  }
};

describe('latch setup-git', () => {
  it('refuses a host Latch has no account on, naming the hosts it knows, and leaves git alone', async () => {
    await w.addAlice();
    const result = await w.run(['setup-git', '--host', 'git.elsewhere.example']);
    // A host that names nothing Latch knows is a usage error, like an unknown account.
    expectRefusal(result, 2);
    expect(result.stderr).toContain('latch: Latch has no account on git.elsewhere.example');
    expect(result.stderr).toContain(`Latch answers for http://${w.host}.`);
    expect(gitConfig()).not.toContain('credential');
  });

  it('refuses every host when Latch has no account at all', async () => {
    const result = await w.run(['setup-git', '--host', 'bitbucket.example.com']);
    expectRefusal(result, 2);
    expect(result.stderr).toMatch(/Latch has no accounts yet/);
  });

  it("takes the protocol from the account whether given host:port or a URL with another protocol", async () => {
    await w.addAlice();
    for (const given of [w.host, `https://${w.host}`, `http://${w.host}/scm/prj/app.git`]) {
      const result = await w.run(['setup-git', '--host', given, '--json']);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ host: w.host, protocol: 'http', configured: true });
    }
    const config = gitConfig();
    expect(config).toContain(`credential.http://${w.host}.helper=`);
    expect(config).not.toContain('https://');
  });

  it('undoes a setup for a host Latch no longer has an account on', async () => {
    await w.addAlice();
    expect((await w.run(['setup-git', '--host', w.host])).code).toBe(0);
    expect((await w.run(['account', 'remove', 'Alice', '--yes'])).code).toBe(0);
    const undone = await w.run(['setup-git', '--host', `http://${w.host}`, '--undo']);
    expect(undone.code).toBe(0);
    expect(gitConfig()).not.toContain('credential');
  });
});

describe('latch doctor', () => {
  it('shows the protocol, lists an http host once, and reports a configured host with nothing to answer', async () => {
    await w.addAlice();
    expect((await w.run(['setup-git', '--host', `https://${w.host}`])).code).toBe(0);
    const before = await w.run(['doctor', '--json']);
    const helpers = (JSON.parse(before.stdout) as Array<{ check: string; host?: string; protocol?: string; status: string; message: string }>).filter(
      (f) => f.check === 'git-helpers',
    );
    expect(helpers).toEqual([expect.objectContaining({ host: w.host, protocol: 'http', status: 'ok' })]);
    expect((await w.run(['doctor'])).stdout).toContain(`http://${w.host}`);

    // Set up by hand (or before the account went) for a host Latch has nothing for.
    const command = execFileSync('git', ['config', '--global', '--get-all', `credential.http://${w.host}.helper`], { env: w.env, encoding: 'utf8' })
      .split('\n')
      .find((line) => line.startsWith('!'))!;
    execFileSync('git', ['config', '--global', '--add', 'credential.https://git.elsewhere.example.helper', ''], { env: w.env });
    execFileSync('git', ['config', '--global', '--add', 'credential.https://git.elsewhere.example.helper', command], { env: w.env });
    const after = await w.run(['doctor']);
    expect(after.code).toBe(1);
    expect(after.stdout).toMatch(/problem {2}git asks only Latch for credentials on https:\/\/git\.elsewhere\.example, but Latch has no account there/);
    expect(after.stdout).toContain('latch setup-git --host https://git.elsewhere.example --undo');
  });
});
