import type { Group } from '../../../../domain/status/component.js';
import type { GroupBody } from '../status/groups-schema.js';

export const presentGroup = (group: Group): GroupBody => ({
  id: group.id,
  name: group.name,
  description: group.description,
  component_ids: [...group.componentIds],
  created_at: group.createdAt.toISOString(),
  updated_at: group.updatedAt.toISOString(),
});
