import { notYetSpoken } from '../not-yet';
import type { HostPlugin } from '../plugin';
import { byHand } from './leak';

export const gitlab: HostPlugin = { createAdapter: () => notYetSpoken('gitlab'), byHand };
