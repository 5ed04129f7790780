import type { Context, Hono } from 'hono';
import { BeaconError } from '../../../domain/errors.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../services/sessions/api-keys.js';
import { staffActor } from '../../../services/staff/staff-audit.js';
import type { StaffIdentity } from '../../../services/staff/staff-sessions.js';
import { readForm } from '../../customer/form-body.js';
import { sendSeeOther } from '../../customer/respond.js';
import { type AdminKit, viewerOf } from '../admin-kit.js';
import { ADMIN_ASSETS, toAdminHtml } from '../render.js';
import { type ApiKeyForm, ApiKeysPage, type ApiKeysPageProps } from './api-keys-page.js';

const NOTICES: Readonly<Record<string, string>> = { revoked: 'Key revoked. Requests with it are refused from now on.' };

/** STF-3: keys carry any role, admin included, so only admins see and make them. */
const MANAGES_KEYS = { resource: 'api-keys', writes: true } as const;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const texts = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((item) => typeof item === 'string');

/** `/admin/api-keys`: the REST API's keys; create (the token shown once, in the answer itself, never in a URL) and revoke. */
export function mountApiKeyScreens(routes: Hono, kit: AdminKit): void {
  const { ctx } = kit.deps;

  const screen = async (c: Context, who: StaffIdentity, status: 200 | 400 | 404, extra: Partial<ApiKeysPageProps> = {}) => {
    const keys = (await listApiKeys(ctx)).reverse();
    const notice = kit.notice(c, NOTICES);
    const props = { viewer: viewerOf(who), keys, ...(notice ? { notice: { text: notice } } : {}), ...extra };
    return kit.html(c, status, toAdminHtml(<ApiKeysPage {...props} assets={ADMIN_ASSETS} />));
  };

  routes.get(
    '/admin/api-keys',
    kit.allowed(MANAGES_KEYS, (c, who) => screen(c, who, 200)),
  );

  routes.post(
    '/admin/api-keys',
    kit.allowed(MANAGES_KEYS, async (c, who) => {
      const fields = await readForm(c);
      const form: ApiKeyForm = {
        name: text(fields?.name).slice(0, 1000),
        role: text(fields?.role),
        scope: texts(fields?.scope),
        errors: {},
      };
      try {
        const created = await createApiKey(
          ctx,
          { name: form.name, role: form.role, scope: form.scope.length === 0 ? null : form.scope },
          staffActor(who.member.email),
        );
        return screen(c, who, 200, { created });
      } catch (error) {
        if (!(error instanceof BeaconError) || error.code !== 'validation') throw error;
        const issue = error.issues[0];
        const field = issue?.path === 'role' || issue?.path === 'scope' ? issue.path : 'name';
        return screen(c, who, 400, { form: { ...form, errors: { [field]: issue?.message ?? error.message } } });
      }
    }),
  );

  routes.post(
    '/admin/api-keys/revoke',
    kit.allowed(MANAGES_KEYS, async (c, who) => {
      try {
        await revokeApiKey(ctx, text((await readForm(c))?.id), staffActor(who.member.email));
      } catch (error) {
        if (!(error instanceof BeaconError) || error.code !== 'not_found') throw error;
        return screen(c, who, 404, { notice: { text: 'There is no such key.', error: true } });
      }
      return sendSeeOther(c, '/admin/api-keys?notice=revoked');
    }),
  );
}
