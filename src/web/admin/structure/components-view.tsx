import type { ComponentListing } from '../../../store/status/components.js';
import { type ArchivableKind, ArchivableItem, ArchivableList, type ItemScreenProps, type ListScreenProps } from './archivable-view.js';

export const COMPONENTS: ArchivableKind = { path: '/admin/components', one: 'component', many: 'components', title: 'Components' };

/** `/admin/components`: every component by name, searched and paged in the store, with the form to add one. */
export const ComponentsScreen = (props: ListScreenProps<ComponentListing>) => (
  <ArchivableList
    {...props}
    kind={COMPONENTS}
    headings={['Description', 'Changed']}
    cells={(component) => (
      <>
        <td>{component.description ?? ''}</td>
        <td>{component.updatedAt.toISOString().slice(0, 10)}</td>
      </>
    )}
  />
);

/** `/admin/components/:id`: change a component's name and description; archive it or restore it. */
export const ComponentScreen = ({ component, ...props }: ItemScreenProps & { component: ComponentListing }) => (
  <ArchivableItem
    {...props}
    kind={COMPONENTS}
    item={component}
    archivedAt={component.archivedAt}
    archivedLead={`Archived on ${component.archivedAt?.toISOString().slice(0, 10)}: it shows on no page until it is restored.`}
    archiveLead={{
      archive:
        'Archiving takes it off every page, sub-page and customer page at once; past incidents keep naming it. You can restore it later.',
      restore: 'Restoring puts it back on the pages and in the groups that still place it.',
    }}
  />
);
