// Every git-credential-store file to search: the two git uses by default, and each file a `store`
// helper is pointed at with `--file` in any scope git reads (system, global, and the repository's
// when run inside one). A file that git no longer asks, because a later empty helper reset the list,
// is searched too: it still holds passwords in plain text.
import { homedir } from 'node:os';
import { LatchError } from '../../../shared/result';
import { readHelperEntries, type ConfigEntry } from '../git/helper-chain';
import { sentenceOf } from './errors';
import { credentialStoreFiles } from './git-credentials-file';
import { helperStoreFile } from './store-helper-file';

export interface StoreFileSearch {
  files: string[];
  /** Files Latch knows of but cannot search, as sentences that name where the helper was set. */
  problems: string[];
}

/** `credential.helper` and `credential.<url>.helper`; git gives section and name in lower case. */
const HELPER_KEY = /^credential\.(?:.*\.)?helper$/;

/** `repos`: repositories whose own settings are read too (the import's `--repo`). */
export async function storeFilesToSearch(env: NodeJS.ProcessEnv, repos: readonly string[] = []): Promise<StoreFileSearch> {
  const files = new Set(credentialStoreFiles(env));
  const problems = new Set<string>();
  let entries: ConfigEntry[] = [];
  try {
    entries = await readHelperEntries({ env });
    for (const repo of repos) entries.push(...(await readHelperEntries({ env, cwd: repo })).filter((entry) => entry.scope === 'local' || entry.scope === 'worktree'));
  } catch (error) {
    // Without git no store helper runs, so only the default files can hold its lines.
    if (!(error instanceof LatchError && error.code === 'unsupported')) {
      problems.add(`Latch could not ask git which other credential files it uses, so it searched only ${[...files].join(' and ')}: ${sentenceOf(error)}`);
    }
  }
  const home = env.HOME || homedir();
  for (const entry of entries) {
    if (!HELPER_KEY.test(entry.key) || entry.value === '') continue;
    const named = helperStoreFile(entry.value, home);
    const where = describeOrigin(entry);
    if (named.kind === 'file') files.add(named.path);
    else if (named.kind === 'relative') {
      problems.add(
        `A credential helper set in ${where} keeps passwords in ${named.path}, relative to the folder git runs in, so Latch could not search it: ` +
          'look for that file in your repositories.',
      );
    } else if (named.kind === 'unknown') {
      problems.add(`A credential helper set in ${where} keeps passwords in a file Latch cannot work out from its setting, so Latch could not search it.`);
    }
  }
  return { files: [...files], problems: [...problems] };
}

function describeOrigin(entry: ConfigEntry): string {
  return entry.origin.startsWith('file:') ? entry.origin.slice('file:'.length) : `git's ${entry.scope} settings`;
}
