import { ref } from 'vue';
import { errorText } from '../../components/error-text';
import type { ProjectView } from './projects.api';

/** One command at a time on a project page: busy flag, the refusal in the reader's words, the new view out. */
export function useProjectAction(onChanged: (view: ProjectView) => void) {
  const isBusy = ref(false);
  const error = ref('');
  async function act(command: () => Promise<ProjectView>): Promise<boolean> {
    isBusy.value = true;
    error.value = '';
    try {
      onChanged(await command());
      return true;
    } catch (e) {
      error.value = errorText(e);
      return false;
    } finally {
      isBusy.value = false;
    }
  }
  return { isBusy, error, act };
}
