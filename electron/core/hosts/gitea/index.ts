import { notYetSpoken } from '../not-yet';
import type { HostPlugin } from '../plugin';
import { byHand } from './leak';

export const gitea: HostPlugin = { createAdapter: () => notYetSpoken('gitea'), byHand };
