// The offline check of pasted GitLab secrets: each gl…- prefix named, routable tokens held to their
// own CRC32 so any single mistyped, lost, doubled or swapped character is caught, legacy tokens to
// their length, and no message repeating the secret. Tokens come from the GitLab simulator (its own
// generator, built on node's zlib) and from GitLab's own test suite, so the product's CRC is checked
// against two independent makers.
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitlabRoutingPayload, gitlabSecretKind, gitlabSecretProblem } from '../../../../electron/core/hosts/gitlab/secret-format';
import { ACCESS, startGitLabSimulator, type GitLabSimulator } from '../../../hosts/gitlab';

// From GitLab's spec/lib/authn/token_field/decoders/v1/routable_payload_spec.rb: a runner token whose
// payload decodes to { c: 1, g: 8, o: 1007, t: 2 }, and the same token with its last CRC character changed.
const GITLAB_EXAMPLE = 'glrtr-W5m1cHR6skC98Bx7XkuYjmM6MQpnOjgKbzpyegp0OjIQ.01.181uebm4k';
const GITLAB_BAD_CRC = 'glrtr-W5m1cHR6skC98Bx7XkuYjmM6MQpnOjgKbzpyegp0OjIQ.01.181uebm4l';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';

let sim: GitLabSimulator;
let janeId: number;
const routable: string[] = [];
let legacy = '';
let projectToken = { token: '', user_id: 0 };

beforeAll(async () => {
  sim = await startGitLabSimulator();
  janeId = sim.addUser({ username: 'jane' }).id;
  sim.addProject('acme/app', { jane: ACCESS.maintainer });
  for (const scopes of [['api'], ['read_repository'], ['write_repository', 'self_rotate']]) {
    routable.push(sim.issuePersonalToken({ user: 'jane', name: scopes.join(' '), scopes }).secret);
  }
  legacy = sim.issuePersonalToken({ user: 'jane', name: 'old', scopes: ['api'], format: 'legacy' }).secret;
  const response = await fetch(`${sim.apiBase}/projects/acme%2Fapp/access_tokens`, {
    method: 'POST',
    headers: { 'private-token': routable[0]!, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'ci', scopes: ['read_repository'], access_level: 20 }),
  });
  projectToken = (await response.json()) as typeof projectToken;
  routable.push(projectToken.token);
});
afterAll(() => sim.stop());

describe('recognising GitLab secrets', () => {
  it('names every prefix GitLab documents', () => {
    const kinds: Record<string, string> = {
      'glpat-': 'personal-access-token',
      'gloas-': 'oauth-application-secret',
      'gldt-': 'deploy-token',
      'glrt-': 'runner-token',
      'glrtr-': 'runner-token',
      'glcbt-': 'ci-job-token',
      'glptt-': 'trigger-token',
      'glft-': 'feed-token',
      'glimt-': 'incoming-mail-token',
      'glagent-': 'agent-token',
      'glwt-': 'workspace-token',
      'glsoat-': 'scim-token',
      'glffct-': 'feature-flag-client-token',
    };
    for (const [prefix, kind] of Object.entries(kinds)) expect(gitlabSecretKind(`${prefix}abc123`), prefix).toBe(kind);
    expect(gitlabSecretKind('ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toBeNull();
    expect(gitlabSecretKind('glxyz-abc')).toBeNull();
    expect(gitlabSecretKind('GLPAT-abc')).toBeNull();
  });

  it('accepts what the simulator issues: routable personal and project tokens, and the legacy form', () => {
    for (const secret of [...routable, legacy]) {
      expect(gitlabSecretKind(secret)).toBe('personal-access-token');
      expect(gitlabSecretProblem(secret)).toBeNull();
    }
    expect(legacy).toMatch(/^glpat-[A-Za-z0-9_-]{20}$/);
  });

  it("agrees with GitLab's own example, CRC and payload", () => {
    expect(gitlabSecretKind(GITLAB_EXAMPLE)).toBe('runner-token');
    expect(gitlabSecretProblem(GITLAB_EXAMPLE)).toBeNull();
    expect(gitlabRoutingPayload(GITLAB_EXAMPLE)).toEqual({ c: 1, g: 8, o: 1007, t: 2 });
    expect(gitlabSecretProblem(GITLAB_BAD_CRC)).toMatch(/checksum/);
    expect(gitlabRoutingPayload(GITLAB_BAD_CRC)).toBeNull();
  });

  it('reads the owner out of a routable token: the person, or the bot a project token acts as', () => {
    expect(gitlabRoutingPayload(routable[0]!)).toEqual({ o: 1, u: janeId });
    expect(gitlabRoutingPayload(projectToken.token)).toEqual({ o: 1, u: projectToken.user_id });
    expect(gitlabRoutingPayload(legacy)).toBeNull();
  });

  it('checks the earlier routable form, which had no version', () => {
    const encoded = `glpat-${Buffer.concat([Buffer.alloc(16, 7), Buffer.from('o:1\nu:2a'), Buffer.from([8])]).toString('base64url')}`;
    const withLength = `${encoded}.${(encoded.length - 6).toString(36).padStart(2, '0')}`;
    const secret = `${withLength}${crc32(withLength).toString(36).padStart(7, '0')}`;
    expect(gitlabSecretProblem(secret)).toBeNull();
    expect(gitlabRoutingPayload(secret)).toEqual({ o: 1, u: 82 });
    expect(gitlabSecretProblem(secret.replace('.', 'x.'))).not.toBeNull();
  });
});

describe('catching what copying does to a secret', () => {
  const problems: string[] = [];
  const mangled = (secret: string, changed: string) => {
    const problem = gitlabSecretProblem(changed);
    if (problem) problems.push(problem);
    return problem;
  };
  const token = () => fc.constantFrom(...routable);

  it('catches any single changed character in a routable token', () => {
    fc.assert(
      fc.property(token(), fc.nat(), fc.constantFrom(...ALPHABET), (secret, at, char) => {
        const i = at % secret.length;
        fc.pre(secret[i] !== char);
        expect(mangled(secret, secret.slice(0, i) + char + secret.slice(i + 1))).not.toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('catches a lost, doubled or swapped character anywhere in a routable token', () => {
    fc.assert(
      fc.property(token(), fc.nat(), fc.constantFrom('lost', 'doubled', 'swapped'), (secret, at, what) => {
        const i = at % (secret.length - 1);
        fc.pre(what !== 'swapped' || secret[i] !== secret[i + 1]);
        const changed =
          what === 'lost' ? secret.slice(0, i) + secret.slice(i + 1)
          : what === 'doubled' ? secret.slice(0, i + 1) + secret.slice(i)
          : secret.slice(0, i) + secret[i + 1] + secret[i] + secret.slice(i + 2);
        expect(mangled(secret, changed)).not.toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('says how many characters a routable token lost or gained', () => {
    const secret = routable[1]!;
    const dot = secret.indexOf('.');
    expect(gitlabSecretProblem(secret.slice(0, 10) + secret.slice(12))).toBe('The token is 2 characters short: part of it was lost when it was copied.');
    expect(gitlabSecretProblem(`${secret.slice(0, dot)}X${secret.slice(dot)}`)).toBe('The token has 1 character too many: something was added to it when it was copied.');
    expect(gitlabSecretProblem(secret.slice(0, -1))).toMatch(/should end in a dot and its checksum/);
  });

  it('holds a legacy token to its 20 characters, which is all it carries', () => {
    expect(gitlabSecretProblem(legacy.slice(0, -1))).toMatch(/this one has 19/);
    expect(gitlabSecretProblem(`${legacy}x`)).toMatch(/this one has 21/);
    expect(gitlabSecretProblem(`${legacy.slice(0, -1)}!`)).toMatch(/never have/);
    // A changed character in the legacy form cannot be seen offline; only GitLab can tell.
    expect(gitlabSecretProblem(`${legacy.slice(0, -1)}${legacy.endsWith('a') ? 'b' : 'a'}`)).toBeNull();
  });

  it('names whitespace and foreign text before anything else', () => {
    expect(gitlabSecretProblem(`${routable[0]}\n`)).toMatch(/spaces or line breaks/);
    expect(gitlabSecretProblem(` ${legacy}`)).toMatch(/spaces or line breaks/);
    expect(gitlabSecretProblem('')).toBe('The token is empty.');
    expect(gitlabSecretProblem('ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toMatch(/^This is not a GitLab token/);
    // Kinds whose format carries nothing to check pass when their characters are GitLab's.
    expect(gitlabSecretProblem('gldt-abcdefghijklmnopqrst')).toBeNull();
  });

  it('never repeats the secret, or any long piece of it, in its sentences', () => {
    expect(problems.length).toBeGreaterThan(1000);
    const pieces = [...routable, legacy].flatMap((secret) => Array.from({ length: secret.length - 11 }, (_, i) => secret.slice(i + 6, i + 12)));
    for (const problem of new Set(problems)) for (const piece of pieces) expect(problem).not.toContain(piece);
  });
});
