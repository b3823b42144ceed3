// Exit codes by kind: 2 for every usage error (bad, missing or unknown values included), checked before
// the host is asked anything; 1 for a refusal by the host, the keychain or the person.
import { describe, expect, it } from 'vitest';
import { cliWorld, expectRefusal } from './fixture';

const w = cliWorld();
const create = ['token', 'create', '--account', 'Alice', '--name', 'ci'];

describe('exit codes', () => {
  it.each([
    [[...create, '--scope', 'REPO_READD'], /"REPO_READD" is not a Bitbucket Data Center permission\. Did you mean --scope REPO_READ\?/],
    [[...create, '--scope', 'read:repository'], /not a Bitbucket Data Center permission/],
    [[...create, '--scope', 'REPO_READ'], /needs a project permission as well: add --scope PROJECT_READ/],
    [[...create, '--scope', 'PROJECT_WRITE', '--scope', 'REPO_READ'], /REPO_ level must be at least the PROJECT_ level/],
    [[...create, '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--expiry-days', '-5'], /--expiry-days takes/],
    [[...create, '--scope', 'PROJECT_READ', '--scope', 'REPO_READ', '--expiry-days', '0'], /--expiry-days takes/],
    [['token', 'create', '--account', 'Alise', '--name', 'ci', '--scope', 'REPO_READ'], /Latch has no account "Alise"\. .*Did you mean 'Alice@/],
    [['token', 'list', '--account', 'nobody'], /Latch has no account "nobody"/],
    [['token', 'get', '--host', 'elsewhere.example'], /Latch has no account on elsewhere\.example/],
    [['setup-git', '--host', 'bad_host!'], /--host takes host\[:port\]/],
    [['setup-git', '--host', 'elsewhere.example'], /Latch has no account on elsewhere\.example/],
    [['token', 'get', '--host', 'localhost', '--field', 'password'], /--field must be one of/],
    [['exec', '--account', 'Alice', '--env', '1X', '--', 'true'], /--env takes an environment variable name/],
    [['account', 'add', '--host', 'bitbucket-datacenter', '--url', 'https://bb.example.com', '--username', 'Alice'], /pass it on stdin with --password-stdin/],
  ])('%j is a usage error: exit 2, one line, nothing asked of the host', async (argv, message) => {
    await w.addAlice();
    w.sim.requests.length = 0;
    const result = await w.run(argv);
    expectRefusal(result, 2);
    expect(result.stderr).toMatch(/^latch: /);
    expect(result.stderr).toMatch(message);
    expect(w.sim.requests).toEqual([]);
  });

  it('a refusal by the host is exit 1', async () => {
    await w.addAlice();
    const result = await w.run(['token', 'revoke', '--account', 'Alice', '999999999999', '--yes']);
    expectRefusal(result, 1);
  });

  it('a refusal by the person (no password on stdin) is exit 1', async () => {
    await w.addAlice(false);
    const result = await w.run(['token', 'list', '--account', 'Alice', '--password-stdin'], '');
    expectRefusal(result, 1);
  });
});
