/** One entry of a page's structure: a single component or a group, each optionally with an uptime bar. */
export type PageItem =
  | { kind: 'component'; componentId: string; showUptime: boolean }
  | { kind: 'group'; groupId: string; showUptime: boolean };

export const PAGE_KINDS = ['standalone'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

export interface Page {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  /** IANA zone, e.g. `Europe/Berlin`: the days of uptime history and times shown without scripts. */
  timeZone: string;
  isDefault: boolean;
  kind: PageKind;
  items: PageItem[];
  createdAt: Date;
  updatedAt: Date;
}
