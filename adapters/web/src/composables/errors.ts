import { ElMessage, ElMessageBox } from 'element-plus';
import { isApiError } from '../api/client';

/**
 * Shows an API refusal: the server's Chinese message, and for a 409 VERSION_CONFLICT an explanation
 * with a reload (someone else changed the object since it was shown).
 *
 * @example
 * try { await send() } catch (e) { await showError(e, reload) }
 */
export async function showError(error: unknown, reload?: () => unknown): Promise<void> {
  if (!isApiError(error)) {
    ElMessage.error(error instanceof Error ? error.message : String(error));
    return;
  }
  if (error.code === 'UNAUTHENTICATED') return; // the router sends the user to 登录
  if (error.code === 'VERSION_CONFLICT' && reload) {
    await ElMessageBox.alert('该记录已被他人修改，页面将重新载入最新内容后再操作。', '数据已更新', { confirmButtonText: '重新载入', type: 'warning' }).catch(
      () => undefined,
    );
    await reload();
    return;
  }
  ElMessage.error({ message: error.message, duration: 5000 });
}
