import { useResource, type Resource } from '../../api/use-resource';
import { implementationApi, type ImplementationView } from './implementation.api';

/** The matter's tasks, follow-ups, reviews and evaluation; reloaded whenever the page bumps `reloadKey`. */
export function useImplementation(props: {
  view: { matter: { id: number } };
  reloadKey: number;
}): Resource<ImplementationView> {
  return useResource(
    () => implementationApi.get(props.view.matter.id),
    () => [props.view.matter.id, props.reloadKey],
  );
}
