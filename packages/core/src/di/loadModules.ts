import type { Container, ContainerModule } from 'inversify';

/** The only caller of `container.load*` in the code base (the API changed across inversify majors). */
export function loadModules(container: Container, ...modules: ContainerModule[]): void {
  container.loadSync(...modules);
}
