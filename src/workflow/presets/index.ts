import type { WorkflowDocument } from '../types.js';
import { classic } from './classic.js';
import { escalation } from './escalation.js';
import { portal } from './portal.js';
import { subscription } from './subscription.js';

export const PRESETS = { portal, classic, escalation, subscription } satisfies Record<
  string,
  WorkflowDocument
>;
export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export const isPresetName = (name: string): name is PresetName => Object.hasOwn(PRESETS, name);

/** A fresh copy, so editing a loaded preset never changes the shipped value. */
export const presetDocument = (name: PresetName): WorkflowDocument => structuredClone(PRESETS[name]);
