import type { WorkflowDocument } from '../types.js';
import { classic } from './classic.js';

export const PRESETS = { classic } satisfies Record<string, WorkflowDocument>;
export type PresetName = keyof typeof PRESETS;
