// What `--scope` takes on each host, read from the host table (and Bitbucket Data Center's levels).
import { HOSTS, type HostEntry, type HostKind } from './hosts';
import { PROJECT_PERMISSIONS, REPO_PERMISSIONS } from './permissions';

/**
 * The permission or scope names a token of this host is made with, as the host writes them; null
 * where the host has none Latch can list (GitHub's page takes any of its scopes).
 */
export function scopeValues(host: HostKind): readonly string[] | null {
  const entry: HostEntry = HOSTS[host];
  if (entry.scopeModel === 'bitbucket-datacenter-levels') return [...PROJECT_PERMISSIONS, ...REPO_PERMISSIONS];
  return entry.scopeModel === 'named-scopes' ? (entry.namedScopes ?? null) : null;
}
