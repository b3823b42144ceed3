// Token owners as the UI names and keys them.
import type { TokenOwner } from '../../shared/domain';

export const USER_OWNER: TokenOwner = { kind: 'user' };

/** A stable key for caching one owner's token list of one account. */
export function listKey(accountId: string, owner: TokenOwner): string {
  switch (owner.kind) {
    case 'user':
      return `${accountId}|user`;
    case 'project':
      return `${accountId}|project|${owner.projectKey}`;
    case 'repository':
      return `${accountId}|repository|${owner.projectKey}/${owner.repoSlug}`;
    case 'group':
      return `${accountId}|group|${owner.groupPath}`;
  }
}

/** "personal tokens", "tokens of project KEY", "tokens of repository KEY/slug". */
export function ownerPhrase(owner: TokenOwner): string {
  switch (owner.kind) {
    case 'user':
      return 'personal tokens';
    case 'project':
      return `tokens of project ${owner.projectKey}`;
    case 'repository':
      return `tokens of repository ${owner.projectKey}/${owner.repoSlug}`;
    case 'group':
      return `tokens of group ${owner.groupPath}`;
  }
}

export function sameOwner(a: TokenOwner, b: TokenOwner): boolean {
  return listKey('', a) === listKey('', b);
}
