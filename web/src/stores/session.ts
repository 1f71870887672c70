import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SessionAction } from '../../../domain/access/scope';
import { ApiError } from '../api/client';
import { authApi, type SessionAccount, type SessionView } from '../features/auth/auth.api';
import { API_CACHE } from '../offline-reads';

/**
 * The last session view, kept for this tab only: a reload without a network still knows who is
 * working (the outbox and the kept reads are per account). Never in localStorage, never across tabs.
 */
const OFFLINE_SESSION = 'yishi-session';

function keepForOffline(view: SessionView): void {
  try {
    if (view.account) sessionStorage.setItem(OFFLINE_SESSION, JSON.stringify(view));
    else sessionStorage.removeItem(OFFLINE_SESSION);
  } catch {
    // Storage refused (private mode): offline reloads start logged out, nothing else changes.
  }
}

function keptView(): SessionView | null {
  try {
    const text = sessionStorage.getItem(OFFLINE_SESSION);
    return text ? (JSON.parse(text) as SessionView) : null;
  } catch {
    return null;
  }
}

/** The logged-in account (or none) and whether the server runs in demo mode. */
export const useSessionStore = defineStore('session', () => {
  const account = ref<SessionAccount | null>(null);
  const isDemo = ref(false);
  const isLoaded = ref(false);
  let loading: Promise<void> | null = null;

  function accept(view: SessionView): void {
    keepForOffline(view);
    account.value = view.account;
    isDemo.value = view.isDemo;
    isLoaded.value = true;
  }

  /** Loads GET /api/session once (or again with `force`). */
  function load(force = false): Promise<void> {
    if (isLoaded.value && !force) return Promise.resolve();
    loading ??= authApi
      .session()
      .then(accept, (e: unknown) => {
        const kept = e instanceof ApiError && e.status === 0 ? keptView() : null;
        if (!kept) throw e;
        // Offline: work on as the account this tab last saw; the next navigation asks the server again.
        account.value = kept.account;
        isDemo.value = kept.isDemo;
      })
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
    // The kept reads are this account's view of the city: the next person on this phone must not see them.
    if (typeof caches !== 'undefined') await caches.delete(API_CACHE).catch(() => false);
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
