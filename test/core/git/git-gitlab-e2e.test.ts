// Real git against the GitLab origin on 127.0.0.1 (GROUP/…/PROJECT.git through `git http-backend`, the
// REST API from the simulator on the same origin), with git-credential-latch set up by `latch setup-git`
// in an isolated HOME, the real keychain and GIT_TERMINAL_PROMPT=0, so any prompt would be a failure.
// git gets the narrowest token Latch keeps that covers the path, the account's own management token only
// when nothing narrower does, and after a rotate the new secret at once, never the old one.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filesContaining } from '../../e2e/support/canary';
import { ACCESS, startGitLabSimulator, type GitLabSimulator } from '../../hosts/gitlab';
import { startGitLabGitServer } from '../../hosts/gitlab-git';
import { useGitOrigin } from './git-origin';

describe('git with git-credential-latch on GitLab', () => {
  let sim: GitLabSimulator;
  const origin = useGitOrigin([['acme', 'tools', 'app.git'], ['acme', 'web.git'], ['other', 'lib.git']], async (projectRoot) => {
    sim = await startGitLabSimulator();
    sim.addUser({ username: 'jane', name: 'Jane Doe' });
    sim.addGroup('acme', { jane: ACCESS.owner });
    sim.addGroup('other', { jane: ACCESS.maintainer });
    sim.addProject('acme/tools/app');
    sim.addProject('acme/web');
    sim.addProject('other/lib');
    return startGitLabGitServer(sim, sim.baseUrl, projectRoot);
  });
  afterAll(() => sim.stop());
  const { run, git, index } = origin;
  const lastSubject = (repo: string) => execFileSync('git', ['--git-dir', join(origin.projectRoot, `${repo}.git`), 'log', '-1', '--format=%s', 'main'], { encoding: 'utf8' });
  const account = () => `jane@${origin.server.host}`;
  /** The token ids the origin let in, in order. */
  const usedTokens = () => origin.server.requests.filter((request) => request.tokenId !== null).map((request) => request.tokenId);

  async function addJane(): Promise<{ id: number; secret: string }> {
    const made = sim.issuePersonalToken({ user: 'jane', name: 'latch management', scopes: ['api'] });
    const added = await run(['account', 'add', '--host', 'gitlab', '--url', origin.server.baseUrl, '--token-stdin'], `${made.secret}\n`);
    expect(added.stderr).toBe('');
    expect((await run(['setup-git', '--host', origin.server.host])).code).toBe(0);
    return made;
  }

  async function createStored(owner: string[], name: string, scopes: string[]): Promise<{ id: string; secret: string }> {
    const created = await run(['token', 'create', '--account', account(), ...owner, '--name', name, ...scopes.flatMap((scope) => ['--scope', scope]),
      '--access-level', 'developer', '--expiry-days', '30', '--store', '--json']);
    expect(created.stderr).toBe('');
    const parsed = JSON.parse(created.stdout) as { token: { id: string }; secret: string };
    return { id: parsed.token.id, secret: parsed.secret };
  }

  async function cloneCommitPush(repo: string, subject: string, dir = 'work'): Promise<{ cloned: number | null; pushed: number | null; stderr: string }> {
    const cloned = await git(['clone', `http://${origin.server.host}/${repo}.git`, dir]);
    if (cloned.code !== 0) return { cloned: cloned.code, pushed: null, stderr: cloned.stderr };
    const work = join(origin.home.dir, dir);
    expect((await git(['commit', '--allow-empty', '-m', subject], work)).code).toBe(0);
    const pushed = await git(['push', 'origin', 'main'], work);
    return { cloned: 0, pushed: pushed.code, stderr: pushed.stderr };
  }

  it('uses the management token only when nothing narrower is kept, then a personal token, with the account username', async () => {
    const management = await addJane();
    expect(await cloneCommitPush('other/lib', 'with the management token')).toMatchObject({ cloned: 0, pushed: 0 });
    expect(new Set(usedTokens())).toEqual(new Set([String(management.id)]));
    expect(origin.server.requests.filter((request) => request.sentUsername !== null).every((request) => request.sentUsername === 'jane')).toBe(true);

    const personal = sim.issuePersonalToken({ user: 'jane', name: 'laptop git', scopes: ['read_repository', 'write_repository'] });
    expect((await run(['token', 'add', '--account', account(), '--token-stdin'], `${personal.secret}\n`)).code).toBe(0);
    origin.server.requests.length = 0;
    expect(await cloneCommitPush('other/lib', 'with the personal token', 'work2')).toMatchObject({ cloned: 0, pushed: 0 });
    expect(new Set(usedTokens())).toEqual(new Set([String(personal.id)]));
    expect(lastSubject('other/lib')).toBe('with the personal token\n');
    for (const secret of [management.secret, personal.secret]) expect(filesContaining(origin.home.dir, secret)).toEqual([]);
  });

  it('gives a project token for its project and a group token for the rest of its group', async () => {
    await addJane();
    const project = await createStored(['--project', 'acme/tools/app'], 'app deploy', ['read_repository', 'write_repository']);
    const group = await createStored(['--group', 'acme'], 'acme mirror', ['read_repository', 'write_repository']);
    expect(await cloneCommitPush('acme/tools/app', 'through the project token')).toMatchObject({ cloned: 0, pushed: 0 });
    expect(new Set(usedTokens())).toEqual(new Set([project.id]));
    origin.server.requests.length = 0;
    expect(await cloneCommitPush('acme/web', 'through the group token', 'web')).toMatchObject({ cloned: 0, pushed: 0 });
    expect(new Set(usedTokens())).toEqual(new Set([group.id]));
  });

  it('after a rotate, git uses the new secret at once with no prompt, and never presents the old one', async () => {
    await addJane();
    const project = await createStored(['--project', 'acme/tools/app'], 'app rotating', ['read_repository', 'write_repository']);
    expect(await cloneCommitPush('acme/tools/app', 'before the rotate')).toMatchObject({ cloned: 0, pushed: 0 });
    expect(new Set(usedTokens())).toEqual(new Set([project.id]));

    const rotated = await run(['token', 'rotate', '--account', account(), project.id, '--json']);
    expect(rotated.code).toBe(0);
    const next = JSON.parse(rotated.stdout) as { token: { id: string; stored: boolean }; secret: string };
    expect(next.token.stored).toBe(true);
    expect(sim.tokenState(Number(project.id))).toBe('revoked');

    origin.server.requests.length = 0;
    const work = join(origin.home.dir, 'work');
    expect((await git(['commit', '--allow-empty', '-m', 'after the rotate'], work)).code).toBe(0);
    const pushed = await git(['push', 'origin', 'main'], work);
    expect(pushed.code).toBe(0);
    expect(pushed.stderr).not.toMatch(/could not read|terminal prompts disabled/);
    expect(lastSubject('acme/tools/app')).toBe('after the rotate\n');
    // Only the new token was presented: not one 401 for the old one, which a family reset would punish.
    expect(new Set(usedTokens())).toEqual(new Set([next.token.id]));
    expect(origin.server.requests.every((request) => request.status !== 401 || request.sentUsername === null)).toBe(true);
    expect(index().storedTokens.map((token) => token.tokenId)).not.toContain(project.id);
    for (const secret of [project.secret, next.secret]) expect(filesContaining(origin.home.dir, secret)).toEqual([]);
  });
});
