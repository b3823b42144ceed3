// The import as the CLI and the app use it: scan (and, when asked, check with each credential's own
// host), then move the live ones in, remove the dead ones when asked, and set git up for each host
// that now has a credential in Latch.
import type { GitSetup } from '../../../shared/domain';
import type { HostKind } from '../../../shared/hosts';
import { DEAD_APP_PASSWORD_WAY_OUT, type ImportFinding, type ImportScan } from '../../../shared/imports';
import type { GitTarget } from '../git/target';
import type { HostAdapter } from '../hosts/adapter';
import { sentenceOf } from '../leaks/errors';
import type { IndexStore } from '../vault/index-store';
import type { Keychain } from '../vault/types';
import { checkAll } from './check';
import type { Found } from './found';
import { moveIn, removePlaintext } from './move';
import { repositoriesIn } from './remote-urls';
import { scanForCredentials } from './scan';

export interface ImportDeps {
  store: IndexStore;
  keychain: Keychain;
  env: NodeJS.ProcessEnv;
  adapter(kind: HostKind, baseUrl: string): HostAdapter;
  /** Makes git ask Latch for one host (git/setup.ts); absent where git cannot be set up. */
  setupGit?: (target: GitTarget) => Promise<GitSetup>;
  now: () => number;
}

export interface ImportRequest {
  /** Repositories given one by one (`--repo`). */
  repos?: readonly string[];
  /** Folders that are repositories or hold them one level down (the app's folder list). */
  folders?: readonly string[];
  check?: boolean;
}

export interface MoveRequest extends ImportRequest {
  /** Remove dead Bitbucket app passwords without keeping them. */
  removeDead?: boolean;
  /** Only these findings (the app's per-item Import); every one when absent. */
  ids?: readonly string[];
}

export interface ImportService {
  scan(request: ImportRequest): Promise<ImportScan>;
  move(request: MoveRequest): Promise<ImportScan>;
}

export function createImportService(deps: ImportDeps): ImportService {
  async function find(request: ImportRequest): Promise<{ found: Found[]; problems: string[] }> {
    const given = await repositoriesIn(request.repos ?? [], false);
    const nested = await repositoriesIn(request.folders ?? [], true);
    const repos = [...new Set([...given.repos, ...nested.repos])];
    const scanned = await scanForCredentials({ env: deps.env, repos });
    const found = scanned.found;
    for (const item of found) explainShape(item.finding);
    if (request.check) {
      const { accounts } = await deps.store.read();
      const outcomes = await checkAll({ accounts, adapter: deps.adapter }, found);
      for (const [item, outcome] of outcomes) Object.assign(item.finding, outcome);
    }
    return { found, problems: [...given.problems, ...nested.problems, ...scanned.problems] };
  }

  return {
    async scan(request) {
      const { found, problems } = await find(request);
      return { findings: found.map((item) => item.finding), problems, gitSetUp: [] };
    },

    async move(request) {
      const { found, problems } = await find(request);
      const wanted = request.ids ? new Set(request.ids) : null;
      const targets = new Map<string, GitTarget>();
      for (const item of found) {
        const { finding } = item;
        if (wanted && !wanted.has(finding.id)) continue;
        try {
          if (finding.status === 'dead') {
            if (!request.removeDead) continue;
            await removePlaintext(deps, item);
            setOutcome(finding, 'removed', null);
            continue;
          }
          // Never movable, so not a failure: it is named, and stays.
          if (finding.host === null || finding.protocol === null) continue;
          if (finding.status === 'refused') {
            setOutcome(finding, 'left', `${finding.reason ?? 'Its host refused it.'} A credential that no longer works was not moved; remove it by hand.`);
            continue;
          }
          const { accounts } = await deps.store.read();
          await moveIn(deps, item, accounts);
          setOutcome(finding, 'moved', null);
          if (finding.protocol === 'http' || finding.protocol === 'https') {
            targets.set(`${finding.protocol}://${finding.host}`, { protocol: finding.protocol, host: finding.host });
          }
        } catch (error) {
          setOutcome(finding, 'left', sentenceOf(error));
        }
      }
      const gitSetUp: string[] = [];
      if (deps.setupGit) {
        for (const target of targets.values()) {
          try {
            gitSetUp.push((await deps.setupGit(target)).host);
          } catch (error) {
            problems.push(`Latch keeps the credentials for ${target.host}, but could not set git up to ask it: ${sentenceOf(error)}`);
          }
        }
      }
      return { findings: found.map((item) => item.finding), problems, gitSetUp };
    },
  };
}

function explainShape(finding: ImportFinding): void {
  if (finding.status === 'dead') finding.reason = DEAD_APP_PASSWORD_WAY_OUT;
  if (finding.host === null) finding.reason = 'A .netrc default entry answers every host, so Latch cannot tell which host it is for; it stays where it is.';
}

function setOutcome(finding: ImportFinding, status: ImportFinding['status'], reason: string | null): void {
  finding.status = status;
  finding.reason = reason;
}
