import type { Component } from '../../../../domain/status/component.js';
import type { ComponentBody } from '../status/components-schema.js';

export const presentComponent = (component: Component): ComponentBody => ({
  id: component.id,
  name: component.name,
  description: component.description,
  created_at: component.createdAt.toISOString(),
  updated_at: component.updatedAt.toISOString(),
});
