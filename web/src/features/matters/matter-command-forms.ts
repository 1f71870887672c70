import type { Component } from 'vue';
import type { MatterCommand } from '../../../../domain/matters/stages';

/**
 * The slot for later stages' forms: each engineer registers the component that runs their command
 * (announce, startDeliberation, resolve …). It receives `matter` and `command` props and emits `done`.
 * Vetting commands (accept, decline, merge, refer, escalate) use MatterVetSheet and are not listed here.
 */
export const matterCommandForms: Partial<Record<MatterCommand, Component>> = {};
