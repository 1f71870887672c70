import type { Directive } from 'vue';

/**
 * Puts a `data-test` attribute on the native <input>/<textarea> inside a Vant Field, so browser
 * journeys can target the control itself: `v-input-test="'login-phone'"`.
 */
export const vInputTest: Directive<HTMLElement, string> = {
  mounted(el, binding) {
    el.querySelector('input, textarea')?.setAttribute('data-test', binding.value);
  },
  updated(el, binding) {
    el.querySelector('input, textarea')?.setAttribute('data-test', binding.value);
  },
};
