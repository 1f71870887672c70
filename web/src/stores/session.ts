import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SessionAction } from '../../../domain/access/scope';
import { authApi, type SessionAccount, type SessionView } from '../features/auth/auth.api';

/** The logged-in account (or none) and whether the server runs in demo mode. */
export const useSessionStore = defineStore('session', () => {
  const account = ref<SessionAccount | null>(null);
  const isDemo = ref(false);
  const isLoaded = ref(false);
  let loading: Promise<void> | null = null;

  function accept(view: SessionView): void {
    account.value = view.account;
    isDemo.value = view.isDemo;
    isLoaded.value = true;
  }

  /** Loads GET /api/session once (or again with `force`). */
  function load(force = false): Promise<void> {
    if (isLoaded.value && !force) return Promise.resolve();
    loading ??= authApi
      .session()
      .then(accept)
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  async function loginWithCode(phone: string, code: string): Promise<void> {
    accept(await authApi.loginWithCode(phone, code));
  }

  async function loginWithPassword(phone: string, password: string): Promise<void> {
    accept(await authApi.loginWithPassword(phone, password));
  }

  async function logout(): Promise<void> {
    accept(await authApi.logout());
  }

  const isLoggedIn = computed(() => account.value !== null);
  const isResident = computed(() => account.value?.residentId != null);
  /** Logged in with a one-time password: the change-password page is the only one open. */
  const mustChangePassword = computed(() => account.value?.mustChangePassword === true);
  /** Grants that give a place to browse from (a resident's own grant is not staff work). */
  const grants = computed(() => account.value?.grants ?? []);
  /** Whether any grant lets the account do `action` (for menus). */
  const isAble = (action: SessionAction) => grants.value.some((g) => g.abilities[action]);
  /** The grants that let the account do `action`, one per place, in grant order (for place pickers). */
  const grantsAble = (action: SessionAction) => {
    const seen = new Set<number>();
    return grants.value.filter((g) => g.abilities[action] && !seen.has(g.placeId) && seen.add(g.placeId));
  };

  return {
    account,
    isDemo,
    isLoaded,
    isLoggedIn,
    isResident,
    mustChangePassword,
    grants,
    isAble,
    grantsAble,
    load,
    loginWithCode,
    loginWithPassword,
    logout,
  };
});
