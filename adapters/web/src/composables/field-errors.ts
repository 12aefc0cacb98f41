import { nextTick, reactive } from 'vue';
import { isApiError } from '../api/client';
import { showError } from './errors';

/**
 * Field errors of a form from the API's VALIDATION_FAILED details (`candidate.idNumber`,
 * `segments.0.endsOn` …), shown at their fields; other refusals as a message.
 *
 * @example
 * const { errors, run } = useFieldErrors();
 * await run(() => unwrap(api.POST(...)));
 */
export function useFieldErrors() {
  const errors = reactive<Record<string, string>>({});
  const clear = () => {
    for (const key of Object.keys(errors)) delete errors[key];
  };
  async function run<T>(call: () => Promise<T>, reload?: () => unknown): Promise<T | undefined> {
    clear();
    try {
      return await call();
    } catch (e) {
      if (isApiError(e) && Object.keys(e.fieldMessages()).length > 0) {
        Object.assign(errors, e.fieldMessages());
        await nextTick();
        document.querySelector('.el-form-item.is-error')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      }
      await showError(e, reload);
      return undefined;
    }
  }
  return { errors, run, clear };
}
