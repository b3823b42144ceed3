// `latch leak` in a real terminal (a pseudo-terminal): it asks for the secret without echo, and asks for
// the account password only when the host step needs one; a secret the host already refuses needs none.
import { describe, expect, it } from 'vitest';
import { cliWorld, PASSWORD } from './fixture';
import { latchInTerminal } from './run';

const w = cliWorld();

async function storedToken(): Promise<{ id: string; secret: string }> {
  await w.addAlice(false); // the password is not kept: each command needs it again
  const made = await w.run(
    ['token', 'create', '--account', 'Alice', '--name', 'leaky', '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--store', '--password-stdin', '--json'],
    `${PASSWORD}\n`,
  );
  expect(made.code, made.stderr).toBe(0);
  const { token, secret } = JSON.parse(made.stdout) as { token: { id: string }; secret: string };
  return { id: token.id, secret };
}

describe('latch leak in a terminal', () => {
  it('asks for the secret, then the account password the revoke needs, and revokes', async () => {
    const { secret } = await storedToken();
    const result = await latchInTerminal(['leak'], {
      env: w.env,
      answers: [
        { after: /Paste the secret .*Enter: $/, type: secret },
        { after: /\[y\/N\] $/, type: 'y' },
        { after: /Latch needs the password of Alice on .* to revoke it there\. Password: $/, type: PASSWORD },
      ],
    });
    expect(result.code, result.screen).toBe(0);
    expect(result.screen).toContain('Revoked at the host: it no longer works.');
    expect(w.sim.tokens()).toEqual([]);
    // Canary: neither secret is echoed or printed.
    expect(result.screen).not.toContain(secret);
    expect(result.screen).not.toContain(PASSWORD);
  });

  it('asks for no password when the host already refuses the secret', async () => {
    const { id, secret } = await storedToken();
    await fetch(`${w.baseUrl}/rest/access-tokens/latest/users/alice/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from(`Alice:${PASSWORD}`).toString('base64')}` },
    });
    const result = await latchInTerminal(['leak'], {
      env: w.env,
      answers: [
        { after: /Paste the secret .*Enter: $/, type: secret },
        { after: /\[y\/N\] $/, type: 'y' },
      ],
    });
    expect(result.code, result.screen).toBe(0);
    expect(result.screen).not.toMatch(/Password( for .*)?: $/m);
    expect(result.screen).toContain('no password was needed');
    expect(result.screen).toContain('It already no longer works anywhere.');
    expect((await w.run(['token', 'get', '--host', w.host])).code).toBe(1);
  });
});
