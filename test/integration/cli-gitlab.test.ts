// The built `latch` program for GitLab (a self-managed stand-in on this machine), as a child process with
// its own LATCH_HOME and the real keychain. The account is added with a personal token with the api
// scope, which Latch keeps and manages tokens with: personal tokens listed (every page), revoked and
// rotated; project and group tokens created with a role; a personal token made on the prefilled page
// and checked with GET /personal_access_tokens/self; and the account's own token rotated.
import { describe, expect, it } from 'vitest';
import { filesContaining } from '../e2e/support/canary';
import { oneSentence } from '../cli/fixture';
import { dayAhead, gitlabWorld, TOKEN_FIELDS as FIELDS } from '../cli/host-worlds';

// Only the command asked for a secret may print it, on stdout (w.run checks every output).
const w = gitlabWorld();
const run = (args: string[], input?: string, allowed?: string) => w.run(args, input, allowed);
const issue = (...args: Parameters<typeof w.issue>) => w.issue(...args);
const ACCOUNT = () => w.account;
const addJane = (...args: Parameters<typeof w.addAccount>) => w.addAccount(...args);

const listJson = async (...owner: string[]) => {
  const result = await run(['token', 'list', '--account', ACCOUNT(), ...owner, '--json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Array<Record<string, unknown>>;
};

describe('latch account add --host gitlab', () => {
  it('keeps a token with the api scope, names its own expiry, and says nothing on stderr while it is far off', async () => {
    const { id, json, result } = await addJane();
    expect(json).toEqual({ id: json.id, readOnly: false, tokenId: String(id), expiresAt: `${dayAhead(200)}T00:00:00.000Z` });
    expect(result.stderr).toBe('');
    const human = await run(['account', 'list']);
    expect(human.stdout).toContain(`jane@${w.host}`);
    expect(human.stdout).toContain('token in keychain');
    expect(human.stderr).toBe('');
    // The management token is listed as kept, among the personal tokens.
    expect((await listJson()).find((token) => token.id === String(id))).toMatchObject({ name: 'latch management', stored: true, scopes: ['api'] });
  });

  it('shows the token expiry in words and warns when it is near, naming the rotate command', async () => {
    const made = issue(['api'], 'soon', dayAhead(10));
    const result = await run(['account', 'add', '--host', 'gitlab', '--url', w.sim.baseUrl, '--token-stdin'], `${made.secret}\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Latch signs in with the personal access token "soon" (id ${made.id}), kept in the keychain; it expires on ${dayAhead(10)}`);
    expect(result.stderr).toMatch(/expires in (9|10) days; rotate it now with: latch account rotate-token '?jane@/);
    expect((await run(['account', 'list'])).stderr).toContain('latch account rotate-token');
  });

  it('accepts read_api as read-only and says so; refuses a git-only token naming the scope it lacks, keeping nothing', async () => {
    const readOnly = issue(['read_api'], 'look');
    const result = await run(['account', 'add', '--host', 'gitlab', '--url', w.sim.baseUrl, '--token-stdin', '--json'], `${readOnly.secret}\n`);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ readOnly: true });
    expect(result.stderr).toContain('read_api but not api');
    await run(['account', 'remove', ACCOUNT(), '--yes']);

    const gitOnly = issue(['read_repository', 'write_repository'], 'git');
    const refused = oneSentence(await run(['account', 'add', '--host', 'gitlab', '--url', w.sim.baseUrl, '--token-stdin'], `${gitOnly.secret}\n`));
    expect(refused).toContain('needs the api scope');
    expect(refused).toContain('read_repository, write_repository');
    expect(JSON.parse((await run(['account', 'list', '--json'])).stdout)).toEqual([]);
  });
});

describe('latch token list, create, revoke and rotate on GitLab', () => {
  it('lists every page of personal tokens (past 100) with the seven fields', async () => {
    await addJane();
    w.sim.seedPersonalTokens('jane', 130);
    w.sim.requests.length = 0;
    const tokens = await listJson();
    expect(tokens).toHaveLength(131);
    for (const token of tokens) expect(Object.keys(token).sort()).toEqual(FIELDS);
    expect(w.sim.requests.filter((r) => r.url.startsWith('/api/v4/personal_access_tokens?')).map((r) => /[?&]page=(\d+)/.exec(r.url)![1])).toEqual(['1', '2']);
  });

  it('creates a project token with a role, shows it once, keeps it, and lists it with accessLevel; then revokes it', async () => {
    await addJane();
    const created = await run(['token', 'create', '--account', ACCOUNT(), '--project', 'acme/tools/app', '--name', 'deploy', '--scope', 'read_repository',
      '--scope', 'write_repository', '--access-level', 'developer', '--expiry-days', '30', '--store', '--json']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const { token, secret } = JSON.parse(created.stdout) as { token: Record<string, unknown>; secret: string };
    w.secrets.push(secret);
    expect(secret).toMatch(/^glpat-/);
    expect(token).toMatchObject({ name: 'deploy', accessLevel: 30, stored: true, scopes: ['read_repository', 'write_repository'] });
    const listed = await listJson('--project', 'acme/tools/app');
    expect(listed).toEqual([expect.objectContaining({ id: token.id, accessLevel: 30, stored: true })]);
    for (const row of listed) expect(Object.keys(row).sort()).toEqual([...FIELDS, 'accessLevel'].sort());
    const table = await run(['token', 'list', '--account', ACCOUNT(), '--project', 'acme/tools/app']);
    expect(table.stdout).toContain('(developer)');

    const revoked = await run(['token', 'revoke', '--account', ACCOUNT(), String(token.id), '--project', 'acme/tools/app', '--yes']);
    expect(revoked.code).toBe(0);
    expect(w.sim.tokenState(Number(token.id))).toBe('revoked');
    expect(await listJson('--project', 'acme/tools/app')).toEqual([]);
  });

  it('creates, rotates and revokes a group token; refuses a role GitLab lacks and a developer-less usage', async () => {
    await addJane();
    const created = await run(['token', 'create', '--account', ACCOUNT(), '--group', 'acme', '--name', 'mirror', '--scope', 'read_repository',
      '--access-level', 'reporter', '--expiry-days', '20', '--json']);
    expect(created.code).toBe(0);
    const { token, secret } = JSON.parse(created.stdout) as { token: { id: string }; secret: string };
    w.secrets.push(secret);
    expect((await listJson('--group', 'acme'))[0]).toMatchObject({ id: token.id, accessLevel: 20, stored: false });
    const rotated = await run(['token', 'rotate', '--account', ACCOUNT(), token.id, '--group', 'acme', '--json']);
    expect(rotated.code).toBe(0);
    const next = JSON.parse(rotated.stdout) as { token: { id: string }; secret: string };
    w.secrets.push(next.secret);
    expect(w.sim.tokenState(Number(token.id))).toBe('revoked');
    expect((await run(['token', 'revoke', '--account', ACCOUNT(), next.token.id, '--group', 'acme', '--yes'])).code).toBe(0);
    expect(w.sim.tokenState(Number(next.token.id))).toBe('revoked');

    const badRole = await run(['token', 'create', '--account', ACCOUNT(), '--group', 'acme', '--name', 'x', '--scope', 'read_repository', '--access-level', 'boss']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('guest, planner, reporter, developer, maintainer, owner');
    const both = await run(['token', 'list', '--account', ACCOUNT(), '--group', 'acme', '--project', 'acme/app']);
    expect(both.code).toBe(2);
  });

  it('makes a personal token on the prefilled page: the page is printed, the pasted token checked with GitLab and kept with GitLab\'s name', async () => {
    await addJane();
    const made = issue(['read_repository', 'write_repository'], 'laptop git');
    w.sim.requests.length = 0;
    const result = await run(['token', 'create', '--account', ACCOUNT(), '--name', 'laptop git', '--scope', 'read_repository', '--scope', 'write_repository',
      '--token-stdin', '--json'], `${made.secret}\n`);
    if (result.code !== 0) console.log(result.stderr);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`${w.sim.baseUrl}/-/user_settings/personal_access_tokens?name=laptop%20git&scopes=read_repository,write_repository`);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: String(made.id), name: 'laptop git', stored: true, scopes: ['read_repository', 'write_repository'] });
    expect(w.sim.requests.some((r) => r.url === '/api/v4/personal_access_tokens/self' && r.status === 200)).toBe(true);
    expect((await listJson()).find((token) => token.id === String(made.id))).toMatchObject({ stored: true });
    // token add does the same without a name: GitLab names it.
    const other = issue(['read_repository'], 'ci reader');
    const added = await run(['token', 'add', '--account', ACCOUNT(), '--token-stdin', '--json'], `${other.secret}\n`);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ id: String(other.id), name: 'ci reader' });
  });

  it('rotates a kept personal token: the new secret once on stdout, the kept copy replaced, token get answers the new one as Bearer', async () => {
    await addJane();
    const made = issue(['read_repository'], 'git laptop');
    const added = await run(['token', 'add', '--account', ACCOUNT(), '--token-stdin'], `${made.secret}\n`);
    if (added.code !== 0) console.log(added.stderr);
    expect(added.code).toBe(0);
    const rotated = await run(['token', 'rotate', '--account', ACCOUNT(), String(made.id), '--expiry-days', '40']);
    expect(rotated.code).toBe(0);
    const secret = rotated.stdout.trim();
    w.secrets.push(secret);
    expect(secret).toMatch(/^glpat-/);
    expect(rotated.stderr).toContain('Latch replaced its kept copy in the keychain');
    expect(rotated.stderr).toContain(`expires ${dayAhead(40)}`);
    expect(w.sim.tokenState(made.id)).toBe('revoked');
    const got = await run(['token', 'get', '--host', w.host, '--field', 'authorization'], undefined, secret);
    expect(got.stdout).toBe(`Bearer ${secret}\n`);
    const listed = await listJson();
    expect(listed.some((token) => token.id === String(made.id))).toBe(false);
    expect(listed.filter((token) => token.stored).map((token) => token.name).sort()).toEqual(['git laptop', 'latch management']);
  });

  it('rotates the account\'s own token: the new one is kept and used, the old one is dead, and no secret is printed', async () => {
    const { id } = await addJane();
    w.sim.requests.length = 0;
    const rotated = await run(['account', 'rotate-token', ACCOUNT(), '--json']);
    // GitLab refuses a token rotating itself by its id: the sign-in token goes through /self/rotate.
    expect(w.sim.requests.filter((r) => r.method === 'POST').map((r) => `${r.url} ${r.status}`)).toEqual(['/api/v4/personal_access_tokens/self/rotate 200']);
    expect(rotated.code).toBe(0);
    const answer = JSON.parse(rotated.stdout) as { id: string; name: string };
    expect(answer).toMatchObject({ name: 'latch management' });
    expect(answer.id).not.toBe(String(id));
    expect(w.sim.tokenState(id)).toBe('revoked');
    // Signed in with the new token: the list works, and shows the new one kept.
    expect((await listJson()).find((token) => token.id === answer.id)).toMatchObject({ stored: true });
  });

  it('leaves no secret on disk but in the keychain (canary)', async () => {
    const { secret } = await addJane();
    const created = await run(['token', 'create', '--account', ACCOUNT(), '--project', 'acme/tools/app', '--name', 'canary', '--scope', 'read_repository',
      '--expiry-days', '5', '--store', '--json']);
    const made = (JSON.parse(created.stdout) as { secret: string }).secret;
    w.secrets.push(made);
    const rotated = await run(['account', 'rotate-token', ACCOUNT()]);
    expect(rotated.code).toBe(0);
    for (const value of [secret, made]) expect(filesContaining(w.home.dir, value)).toEqual([]);
    expect(JSON.stringify(w.sim.requests)).not.toContain('glpat-');
  });
});
