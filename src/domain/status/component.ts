/** One part of the product whose health is reported. Belongs to the organisation, not to a page. */
export interface Component {
  id: string;
  name: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A named, ordered set of components, placed on pages as one item. */
export interface Group {
  id: string;
  name: string;
  description: string | null;
  componentIds: string[];
  /** Present only on the group a customer page adds (built, never stored) of the customer's own components; `name` is the customer's. */
  dedicated?: true;
  createdAt: Date;
  updatedAt: Date;
}

export const COMPONENT_STATUSES = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'full_outage'] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];
