import type { ComponentRowView, StructureItemView } from '../../domain/page-view.js';
import { StatusLabel } from './status-label.js';
import { UptimeBar } from './uptime-bar.js';

function ComponentRow({ row }: { row: ComponentRowView }) {
  return (
    <li class="row">
      <div class="row-head">
        <span class="name">{row.name}</span>
        <StatusLabel status={row.status} label={row.statusLabel} />
      </div>
      {row.description && <p class="desc">{row.description}</p>}
      {row.history && <UptimeBar name={row.name} history={row.history} />}
    </li>
  );
}

type GroupItem = Extract<StructureItemView, { kind: 'group' }>;

/** A group folds away behind its worst status; it starts open when something in it is wrong. */
function GroupRow({ group }: { group: GroupItem }) {
  const count = group.components.length;
  return (
    <li class="row group">
      <details open={group.status !== 'operational'}>
        <summary>
          <span class="row-head">
            <span class="name">
              <svg class="chev" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <path d="M6 3.5 10.5 8 6 12.5" />
              </svg>
              {group.name}
              <span class="count">
                {count} {count === 1 ? 'component' : 'components'}
              </span>
            </span>
            <span class="group-meta">
              {group.uptimeText && <span class="pct">{group.uptimeText} uptime</span>}
              <StatusLabel status={group.status} label={group.statusLabel} />
            </span>
          </span>
        </summary>
        {group.description && <p class="desc">{group.description}</p>}
        <ul class="rows members">
          {group.components.map((row) => (
            <ComponentRow row={row} />
          ))}
        </ul>
      </details>
    </li>
  );
}

/** The page's structure: components and groups in page order. */
export function ComponentList({ items }: { items: StructureItemView[] }) {
  return (
    <ul class="card rows">
      {items.map((item) => (item.kind === 'component' ? <ComponentRow row={item.component} /> : <GroupRow group={item} />))}
    </ul>
  );
}
