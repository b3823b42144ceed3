// The built `latch` program for Bitbucket Cloud, as a child process against the Cloud simulator over a
// real socket, with its own LATCH_HOME and the real keychain (scripts/with-keyring.sh). Cloud has no
// token API: the person pastes an API token made at id.atlassian.com, Latch checks it with GET /2.0/user
// and keeps it for git; revoking happens in the browser.
import { describe, expect, it } from 'vitest';
import { CLOUD_GIT_USERNAME } from '../hosts/bitbucket-cloud';
import { oneSentence as expectOneSentence } from '../cli/fixture';
import { CLOUD_EMAIL as EMAIL, CLOUD_EXPIRES_ON as EXPIRES_ON, cloudWorld, TOKEN_FIELDS as FIELDS } from '../cli/host-worlds';

const TOKEN_PAGE = 'https://id.atlassian.com/manage-profile/security/api-tokens';

// Only `latch token get` may print a secret (w.run checks every output).
const w = cloudWorld();
const run = (args: string[], input?: string) => w.run(args, input);
const issue = (...args: Parameters<typeof w.issue>) => w.issue(...args);
const addArgs = (extra?: string[]) => w.addArgs(extra);

const addAlice = () => w.addAccount();

const listJson = async () => {
  const result = await run(['token', 'list', '--account', EMAIL, '--json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Array<Record<string, unknown>>;
};

describe('latch account add --host bitbucket-cloud', () => {
  it('checks the pasted API token with the host, then lists the account as one signed in with an API token', async () => {
    const { id } = await addAlice();
    // Checked with Basic email:token on GET /2.0/user, nothing else asked.
    expect(w.sim.requests.map((r) => `${r.method} ${r.url} ${r.status}`)).toEqual(['GET /2.0/user 200']);

    const accounts = JSON.parse((await run(['account', 'list', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(accounts).toEqual([
      expect.objectContaining({ id, host: 'bitbucket-cloud', baseUrl: w.baseUrl, username: EMAIL, userSlug: 'alice-bb', displayName: 'Alice Example', isDefault: true, signIn: 'api-token', rememberPassword: false }),
    ]);
    const plain = await run(['account', 'list']);
    expect(plain.stdout).toMatch(/SIGN-IN/);
    expect(plain.stdout).toMatch(new RegExp(`${EMAIL}@${w.host}\\s.*\\syes\\s+API token\\s`));
    expect(plain.stdout).not.toMatch(/password/i);
  });

  it('says in words what it added and that it keeps the token for git', async () => {
    const secret = issue();
    const result = await run(addArgs(['--token-stdin']), `  ${secret}  \n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Added ${EMAIL} \\(Bitbucket username alice-bb\\) on ${w.host} \\(id [0-9a-f-]+\\), the default account for that host\\.\\n`));
    expect(result.stdout).toContain(`Latch keeps the API token "laptop" in the keychain and gives it to git (username ${CLOUD_GIT_USERNAME}) until ${EXPIRES_ON}.`);
  });

  it('refuses a token the host does not accept (exit 1, one sentence) and saves nothing', async () => {
    const wrong = issue('mallory@example.com'); // someone else's token: not valid with alice's email
    const refused = await run(addArgs(['--token-stdin']), `${wrong}\n`);
    expect(expectOneSentence(refused)).toMatch(/rejected|refused|not accepted|did not accept/i);
    const revoked = issue();
    w.sim.revokeToken(revoked);
    expectOneSentence(await run(addArgs(['--token-stdin']), `${revoked}\n`));
    const unscoped = issue(EMAIL, { scopes: ['read:repository:bitbucket'] });
    expect(expectOneSentence(await run(addArgs(['--token-stdin']), `${unscoped}\n`))).toMatch(/read:user:bitbucket/);

    expect(JSON.parse((await run(['account', 'list', '--json'])).stdout)).toEqual([]);
    // No account there: a value that names nothing Latch knows, a usage error.
    expectOneSentence(await run(['token', 'get', '--host', w.host]), 2);
  });

  it('needs the token on stdin or a terminal: without --token-stdin and no terminal it stops (a usage error) before asking the host', async () => {
    const secret = issue();
    const result = await run(addArgs(), `${secret}\n`);
    expect(expectOneSentence(result, 2)).toBe('latch: Latch needs the API token: pass it on stdin with --token-stdin, or run this in a terminal to paste it.');
    expect(w.sim.requests).toEqual([]);
    expect(expectOneSentence(await run(addArgs(['--token-stdin']), '\n'))).toBe('No API token was given.');
  });

  it('refuses other servers, past expiry dates and app passwords before anything is sent', async () => {
    const secret = issue();
    const elsewhere = await run([...addArgs(['--token-stdin']).filter((a) => a !== w.baseUrl && a !== '--url'), '--url', 'https://bitbucket.example.com'], `${secret}\n`);
    expect(expectOneSentence(elsewhere)).toMatch(/https:\/\/bitbucket\.org/);
    const past = await run(['account', 'add', '--host', 'bitbucket-cloud', '--url', w.baseUrl, '--email', EMAIL, '--token-name', 'old', '--expires-on', '2020-01-31', '--token-stdin'], `${secret}\n`);
    expect(expectOneSentence(past)).toMatch(/expired on 2020-01-31/);
    const appPassword = await run(addArgs(['--token-stdin']), 'ATBB0123456789abcdefghijklmnopqrstuv\n');
    expect(expectOneSentence(appPassword)).toMatch(/app password/);
    expect(w.sim.requests).toEqual([]);
  });

  it.each([
    [['--token-stdin', '--password-stdin'], /--password-stdin is not for Bitbucket Cloud accounts/],
    [['--token-stdin', '--username', 'alice'], /--username is not for Bitbucket Cloud accounts/],
    [['--token-stdin', '--expires-on', '2027-02-30'], /given twice/],
  ])('treats %j as a usage error (exit 2)', async (extra, message) => {
    expect(expectOneSentence(await run(addArgs(extra as string[]), 'x\n'), 2)).toMatch(message);
  });

  it('asks for what Cloud needs as usage errors (exit 2)', async () => {
    const base = ['account', 'add', '--host', 'bitbucket-cloud', '--token-stdin'];
    expect(expectOneSentence(await run([...base, '--token-name', 'n', '--expires-on', EXPIRES_ON]), 2)).toMatch(/needs --email for Bitbucket Cloud/);
    expect(expectOneSentence(await run([...base, '--email', EMAIL, '--expires-on', EXPIRES_ON]), 2)).toMatch(/needs --token-name/);
    expect(expectOneSentence(await run([...base, '--email', EMAIL, '--token-name', 'n']), 2)).toMatch(/needs --expires-on/);
    expect(expectOneSentence(await run([...base, '--email', EMAIL, '--token-name', 'n', '--expires-on', '2027-02-30']), 2)).toMatch(/YYYY-MM-DD/);
    const dc = await run(['account', 'add', '--host', 'bitbucket-datacenter', '--url', w.baseUrl, '--username', 'a', '--token-stdin']);
    expect(expectOneSentence(dc, 2)).toMatch(/--token-stdin is not for Bitbucket Data Center accounts/);
    expect(w.sim.requests).toEqual([]);
  });
});

describe('latch token on a Bitbucket Cloud account', () => {
  it('adds a second token, lists both with the documented fields, forgets one, and never prints a secret', async () => {
    const { secret: first } = await addAlice();
    const second = issue();
    const added = await run(['token', 'add', '--account', EMAIL, '--name', 'ci runner', '--expires-on', EXPIRES_ON, '--token-stdin', '--json'], `${second}\n`);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const kept = JSON.parse(added.stdout) as Record<string, unknown>;
    expect(Object.keys(kept).sort()).toEqual(FIELDS);
    expect(kept).toMatchObject({ name: 'ci runner', scopes: [], expiresAt: `${EXPIRES_ON}T23:59:59.000Z`, lastUsedAt: null, stored: true });
    expect(kept.id).toMatch(/^pasted-[0-9a-f]{12}$/);

    const listed = await listJson();
    expect(listed).toHaveLength(2);
    for (const token of listed) expect(Object.keys(token).sort()).toEqual(FIELDS);
    // Newest first, each under its own id; git and scripts get the newest.
    expect(listed.map((t) => t.name)).toEqual(['ci runner', 'laptop']);
    const [ci, laptop] = listed as [Record<string, unknown>, Record<string, unknown>];
    expect(ci.id).toBe(kept.id);
    expect(laptop.id).toMatch(/^pasted-[0-9a-f]{12}$/);
    expect(laptop.id).not.toBe(ci.id);
    expect((await run(['token', 'get', '--host', w.host])).stdout).toBe(`${second}\n`);

    const plain = await run(['token', 'list', '--account', EMAIL]);
    expect(plain.stdout).toMatch(/laptop\s+-\s+\d{4}-\d\d-\d\d\s+\d{4}-\d\d-\d\d\s+-\s+(yes|-)\s+yes/);

    // Forgetting the newest: it leaves the list, and git and scripts fall back to the other one.
    const ciId = ci.id as string;
    expect(expectOneSentence(await run(['token', 'remove', '--account', EMAIL, ciId]), 2)).toMatch(/--yes/);
    const forgot = await run(['token', 'remove', '--account', EMAIL, ciId, '--yes']);
    expect(forgot.code).toBe(0);
    expect(forgot.stdout).toMatch(new RegExp(`^Deleted Latch's copy of "[^"]+" \\(token ${ciId}, personal[^)]*\\)\\.\n$`));
    expect((await listJson()).map((t) => t.id)).toEqual([laptop.id]);
    expect((await run(['token', 'get', '--host', w.host])).stdout).toBe(`${first}\n`);
  });

  it('prints in words what it kept', async () => {
    await addAlice();
    const result = await run(['token', 'add', '--account', EMAIL, '--name', 'desk', '--expires-on', EXPIRES_ON, '--token-stdin'], `${issue()}\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Kept "desk" \\(id pasted-[0-9a-f]{12}\\) for ${EMAIL} on ${w.host}\\. Latch keeps the API token "desk"`));
  });

  it("refuses another person's token for the account (exit 1) and keeps nothing", async () => {
    await addAlice();
    const result = await run(['token', 'add', '--account', EMAIL, '--name', 'x', '--expires-on', EXPIRES_ON, '--token-stdin'], `${issue('mallory@example.com')}\n`);
    expectOneSentence(result);
    expect(await listJson()).toHaveLength(1);
  });

  it('hands the kept token to scripts: the secret, git\'s username, and an Authorization header the REST API accepts', async () => {
    const { secret } = await addAlice();
    expect((await run(['token', 'get', '--host', w.host])).stdout).toBe(`${secret}\n`);
    expect((await run(['token', 'get', '--host', w.host, '--field', 'username'])).stdout).toBe(`${CLOUD_GIT_USERNAME}\n`);
    const authorization = await run(['token', 'get', '--host', w.host, '--field', 'authorization']);
    expect(authorization.code).toBe(0);
    // REST takes the Atlassian email with an API token, not git's username: the header must work there.
    expect(authorization.stdout).toBe(`Basic ${Buffer.from(`${EMAIL}:${secret}`).toString('base64')}\n`);
    const me = await fetch(`${w.baseUrl}/2.0/user`, { headers: { authorization: authorization.stdout.trim() } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { username: string }).username).toBe('alice-bb');
  });

  it('cannot revoke: exit 1 with the page to revoke it at and the forget command; nothing changes', async () => {
    await addAlice();
    const [token] = await listJson();
    w.sim.requests.length = 0;
    const result = await run(['token', 'revoke', '--account', EMAIL, token!.id as string, '--yes']);
    const sentence = expectOneSentence(result);
    expect(sentence).toMatch(/id\.atlassian\.com/);
    expect(sentence).toContain(`latch token remove --account '${EMAIL}@${w.host}' ${token!.id as string} --yes`);
    expect(w.sim.requests).toEqual([]);
    expect(await listJson()).toHaveLength(1);
  });

  it('without --yes and with no terminal, revoke still says where to revoke (exit 1, not a usage error); nothing changes', async () => {
    await addAlice();
    const [token] = await listJson();
    const id = token!.id as string;
    w.sim.requests.length = 0;
    // stdin is a pipe here, not a terminal: there is nothing to confirm, so no prompt and no --yes needed.
    const sentence = expectOneSentence(await run(['token', 'revoke', '--account', EMAIL, id]));
    expect(sentence).toMatch(/id\.atlassian\.com/);
    expect(sentence).toContain(`latch token remove --account '${EMAIL}@${w.host}' ${id} --yes`);
    expect(w.sim.requests).toEqual([]);
    expect((await listJson()).map((t) => t.id)).toEqual([id]);
  });

  it('cannot create: exit 1 pointing to the browser and latch token add, with or without --scope', async () => {
    await addAlice();
    w.sim.requests.length = 0;
    for (const extra of [[], ['--scope', 'REPO_READ']]) {
      const sentence = expectOneSentence(await run(['token', 'create', '--account', EMAIL, '--name', 'x', ...extra]));
      expect(sentence).toContain(TOKEN_PAGE);
      expect(sentence).toContain(`latch token add --account '${EMAIL}@${w.host}' --name NAME --expires-on YYYY-MM-DD --token-stdin`);
    }
    expect(w.sim.requests).toEqual([]);
  });

  it('takes no password and no project: usage errors (exit 2)', async () => {
    await addAlice();
    expect(expectOneSentence(await run(['token', 'list', '--account', EMAIL, '--password-stdin'], 'pw\n'), 2)).toMatch(/no password in Latch/);
    expect(expectOneSentence(await run(['token', 'list', '--account', EMAIL, '--project', 'PRJ']), 2)).toMatch(/leave out --project/);
    expect(expectOneSentence(await run(['token', 'add', '--account', EMAIL, '--name', 'x', '--token-stdin']), 2)).toMatch(/needs --expires-on/);
  });

  it('removes the account with every kept token', async () => {
    await addAlice();
    await run(['token', 'add', '--account', EMAIL, '--name', 'two', '--expires-on', EXPIRES_ON, '--token-stdin'], `${issue()}\n`);
    expect((await run(['account', 'remove', EMAIL, '--yes'])).code).toBe(0);
    expect(JSON.parse((await run(['account', 'list', '--json'])).stdout)).toEqual([]);
    expectOneSentence(await run(['token', 'get', '--host', w.host]), 2);
  });
});
