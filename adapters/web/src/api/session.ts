import { ref, shallowRef } from 'vue';
import type { components } from '../../../../docs/openapi.d.ts';

type Me = components['schemas']['Me'];

const storageKey = 'probation-workflow.token';

const token = ref<string | null>(sessionStorage.getItem(storageKey));
const me = shallowRef<Me | null>(null);
/** Set when the API answered 401 to a logged-in console: the router sends the user to 登录. */
const expired = ref(false);

/**
 * The console's session: the bearer token (kept in sessionStorage, so it ends with the tab) and the
 * account it belongs to (GET /me).
 */
export const session = {
  token,
  me,
  expired,
  start(newToken: string, account: Me) {
    sessionStorage.setItem(storageKey, newToken);
    token.value = newToken;
    me.value = account;
    expired.value = false;
  },
  clear() {
    sessionStorage.removeItem(storageKey);
    token.value = null;
    me.value = null;
  },
  expire() {
    this.clear();
    expired.value = true;
  },
};
