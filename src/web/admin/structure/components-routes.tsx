import type { Hono } from 'hono';
import {
  archiveComponent,
  createComponent,
  findComponentsById,
  findComponentsPage,
  restoreComponent,
  updateComponent,
} from '../../../services/status/components.js';
import type { AdminKit } from '../admin-kit.js';
import { toAdminHtml } from '../render.js';
import { mountArchivableScreens } from './archivable-routes.js';
import { COMPONENTS, ComponentScreen, ComponentsScreen } from './components-view.js';

/** `/admin/components`: list (searched and paged in the store), create, edit, archive and restore components. */
export function mountComponentScreens(routes: Hono, kit: AdminKit): void {
  const { ctx } = kit.deps;
  mountArchivableScreens(routes, kit, {
    kind: COMPONENTS,
    /** STF-3: admins only write them. */
    resource: 'components',
    subjectType: 'component',
    notices: {
      created: 'Component created. Place it on a page from the Pages screen.',
      saved: 'Component saved.',
      archived: 'Component archived: it is on no page now.',
      restored: 'Component restored.',
    },
    findPage: findComponentsPage,
    create: createComponent,
    update: updateComponent,
    archive: archiveComponent,
    restore: restoreComponent,
    listScreen: (props) => <ComponentsScreen {...props} />,
    itemScreen: async (c, _who, status, screen, refusal) => {
      const id = c.req.param('id') ?? '';
      const component = (await findComponentsById(ctx, [id])).get(id);
      if (!component) return kit.notFound(c);
      const notice = refusal?.message ? { text: refusal.message, error: true } : screen.notice;
      return kit.html(c, status, toAdminHtml(<ComponentScreen {...screen} notice={notice} component={component} />));
    },
  });
}
