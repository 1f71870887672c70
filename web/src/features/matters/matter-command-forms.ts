import type { Component } from 'vue';
import type { MatterCommand } from '../../../../domain/matters/stages';
import StageCommandButton from './StageCommandButton.vue';

/**
 * The slot for later stages' forms: each engineer registers the component that runs their command
 * (announce, startDeliberation, resolve …). It receives `matter`, `command` and `blockers` props and emits `done`.
 * Vetting commands (accept, decline, merge, refer, escalate) use MatterVetSheet and are not listed here.
 */
export const matterCommandForms: Partial<Record<MatterCommand, Component>> = {
  announce: StageCommandButton,
  startDeliberation: StageCommandButton,
  resolve: StageCommandButton,
  startImplementation: StageCommandButton,
  startReview: StageCommandButton,
  archive: StageCommandButton,
};
