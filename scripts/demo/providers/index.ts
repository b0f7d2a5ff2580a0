/**
 * The providers the sandbox starts, in order. A new provider (Housecall Pro, Worklayer, Planado) is
 * one module next to these and one entry here; its example workflows go to ../workflows/.
 */
import type { DemoProvider } from '../provider';
import { accelo } from './accelo';
import { fsmNavigator } from './fsmNavigator';

export const PROVIDERS: readonly DemoProvider[] = [fsmNavigator, accelo];
