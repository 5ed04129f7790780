import { it, expect } from 'vitest';
import { createTestDatabase } from '/work/main/test/helpers/databases.js';
import { createTestApp } from '/work/main/test/helpers/test-app.js';
it('doc', async () => {
  const db = await createTestDatabase('sqlite');
  const t = await createTestApp(db);
  const res = await t.app.request('/api/v1/openapi.json');
  const doc = await res.json() as any;
  console.log(res.status, Object.keys(doc.paths).filter(p => /incident|mainten/.test(p)));
  console.log(JSON.stringify(doc.paths['/incidents'].post.parameters), JSON.stringify(doc.paths['/incidents/{id}/resolve'].post.requestBody).slice(0,200));
  console.log(JSON.stringify(doc.components.schemas.CreateIncident).slice(0,600));
  await t.close(); await db.close();
});
