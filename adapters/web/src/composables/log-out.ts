import { useRouter } from 'vue-router';
import { api } from '../api/client';
import { session } from '../api/session';

/** 退出登录: ends the session on the server (DELETE /sessions/current), then 登录. */
export function useLogOut() {
  const router = useRouter();
  return async () => {
    await api.DELETE('/api/v1/sessions/current').catch(() => undefined);
    session.clear();
    await router.push('/login');
  };
}
