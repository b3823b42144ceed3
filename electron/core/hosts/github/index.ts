import { notYetSpoken } from '../not-yet';
import type { HostPlugin } from '../plugin';
import { byHand } from './leak';

export const github: HostPlugin = { createAdapter: () => notYetSpoken('github'), byHand };
