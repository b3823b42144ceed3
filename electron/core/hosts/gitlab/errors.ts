// GitLab's error answers as sentences a person can act on. GitLab answers in three shapes (its own
// {"message"}, Grape's {"error"}, OAuth's {"error":"invalid_token"|"insufficient_scope"}); each is
// read in wire.ts, and any token-looking text in the host's words is cut out before it is shown.
import type { TokenOwner } from '../../../../shared/domain';
import { LatchError } from '../../../../shared/result';
import type { HttpResponse } from '../../http/client';
import { waitWords } from '../wait-words';
import { complaintOf, type HostComplaint } from './wire';

/** What the request was about, for the sentences. */
export interface Subject {
  owner?: TokenOwner;
  tokenId?: string;
  /** What Latch was doing, e.g. "create a project access token". */
  action?: string;
  /** gitlab.com: where project and group tokens need a paid plan. */
  dotCom?: boolean;
}

export function ownerWords(owner: TokenOwner | undefined): string {
  if (!owner || owner.kind === 'user') return 'your account';
  return `the ${owner.kind === 'group' ? 'group' : 'project'} "${projectPath(owner)}"`;
}

/** GitLab's full path for an owner: a group's, or a project's (on GitLab a repository is a project at namespace/name). */
export function projectPath(owner: Exclude<TokenOwner, { kind: 'user' }>): string {
  if (owner.kind === 'group') return owner.groupPath;
  return owner.kind === 'project' ? owner.projectKey : `${owner.projectKey}/${owner.repoSlug}`;
}

function withHostWords(sentence: string, complaint: HostComplaint): string {
  return complaint.text === '' ? sentence : `${sentence} GitLab says: ${complaint.text}.`.replace(/\.\.$/, '.');
}

const NO_PERMISSION = /does not have permission to create (project|group) access token/i;
const TOKEN_REVOKED = /already revoked/i;

/** A 401 about the token Latch signed in with: expired, revoked, or not a token GitLab knows. */
export function signInRefusal(complaint: HostComplaint, whose = 'the token Latch signs in to GitLab with'): LatchError {
  const said = `${complaint.description ?? ''} ${complaint.text}`;
  if (/expired/i.test(said)) return new LatchError('auth', `GitLab refused ${whose}: it has expired. Make a new personal access token and sign in with it.`);
  if (/revoked/i.test(said)) return new LatchError('auth', `GitLab refused ${whose}: it has been revoked. Make a new personal access token and sign in with it.`);
  return new LatchError('auth', `GitLab did not accept ${whose}: it may be mistyped, revoked or expired, or belong to another GitLab server.`);
}

export function errorFor(response: HttpResponse, subject: Subject = {}): LatchError {
  const complaint = complaintOf(response.json);
  const status = response.status;
  if (status === 400) {
    if (NO_PERMISSION.test(complaint.text)) {
      const kind = /group/i.test(complaint.text) ? 'group' : 'project';
      const plan = subject.dotCom
        ? `On GitLab.com, ${kind} access tokens need the Premium or Ultimate plan, and you need the ${kind === 'project' ? 'Maintainer' : 'Owner'} role.`
        : `You need the ${kind === 'project' ? 'Maintainer' : 'Owner'} role there (and on GitLab.com, a Premium or Ultimate plan).`;
      return new LatchError('forbidden', `GitLab would not let your account make ${kind} access tokens for ${ownerWords(subject.owner)}. ${plan}`);
    }
    if (TOKEN_REVOKED.test(complaint.text)) {
      return new LatchError('conflict', `The token ${subject.tokenId ?? ''} is already revoked, so it cannot be rotated. Make a new one instead.`.replace('  ', ' '));
    }
    if (subject.tokenId && subject.owner?.kind === 'user' && complaint.text === '400 Bad request') {
      return new LatchError('forbidden', `GitLab refused to ${subject.action ?? 'change'} token ${subject.tokenId}: it may belong to another user.`);
    }
    const text = complaint.text === '' || /^400 Bad request$/i.test(complaint.text) ? 'GitLab refused the request as invalid.' : `GitLab refused the request: ${complaint.text}.`;
    return new LatchError('validation', text.replace(/\.\.$/, '.'));
  }
  if (status === 401) {
    if (complaint.error === 'invalid_token') return signInRefusal(complaint);
    if (subject.owner && subject.owner.kind !== 'user') {
      return new LatchError('auth', `GitLab refused: the sign-in token is not valid, or your account cannot manage the tokens of ${ownerWords(subject.owner)} (that takes the Maintainer role).`);
    }
    if (subject.tokenId) return new LatchError('not-found', `GitLab does not know a token ${subject.tokenId} of yours: it may be gone, or belong to someone else.`);
    return signInRefusal(complaint);
  }
  if (status === 403) {
    if (complaint.error === 'insufficient_scope') {
      const needed = complaint.scopes.length > 0 ? complaint.scopes.join(' or ') : 'api';
      return new LatchError('forbidden', `The token Latch signs in to GitLab with lacks the scope this needs (${needed}). Sign in with a personal access token that has the api scope.`);
    }
    return new LatchError('forbidden', withHostWords('Your GitLab account is not allowed to do this.', complaint));
  }
  if (status === 404) {
    const what = subject.tokenId ? `the token ${subject.tokenId} of ${ownerWords(subject.owner)}` : ownerWords(subject.owner);
    return new LatchError('not-found', `GitLab could not find ${what}, or your account cannot see it.`);
  }
  if (status === 405) {
    return new LatchError('unsupported', 'This GitLab server does not offer that through its API; it may be an older version.');
  }
  if (status === 429) {
    return new LatchError('rate-limited', `GitLab is limiting how often it can be asked right now. ${waitWords(response.retryAfterMs)}`);
  }
  if (status >= 500) {
    return new LatchError('host-error', `GitLab had a problem of its own (HTTP ${status}). Try again later; if it keeps happening, tell the server's administrator.`);
  }
  return new LatchError('host-error', `GitLab answered in a way Latch did not expect (HTTP ${status}).`);
}

export function malformed(what: string): LatchError {
  return new LatchError('host-error', `GitLab's answer to ${what} did not look like a GitLab answer. Check the server address (without /api/v4).`);
}
