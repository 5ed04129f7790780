import type { CatalogType } from '../../../domain/catalog/catalog.js';
import type { Page } from '../../../domain/pages/page.js';
import { type SelectOption, SelectField, TextField } from '../views/fields.js';

/** Each type with each of its `component` attributes (a choice posts its ids joined by `/`): what a parent page can be made from. */
function parentOptions(types: readonly CatalogType[]): SelectOption[] {
  return types.flatMap((type) =>
    type.attributes
      .filter((a) => a.kind === 'component')
      .map((a) => ({ value: `${type.id}/${a.id}`, label: `${type.name}: components from “${a.name}”` })),
  );
}

/** Each type with an `email_domain` and a `component` attribute: what a customer page set can be made from. */
function customerSetOptions(types: readonly CatalogType[]): SelectOption[] {
  return types.flatMap((type) =>
    type.attributes
      .filter((a) => a.kind === 'email_domain')
      .flatMap((domains) =>
        type.attributes
          .filter((a) => a.kind === 'component')
          .map((components) => ({
            value: `${type.id}/${domains.id}/${components.id}`,
            label: `${type.name}: domains from “${domains.name}”, components from “${components.name}”`,
          })),
      ),
  );
}

const MAIL_DETAIL_OPTIONS: SelectOption[] = [
  { value: 'full', label: 'The update itself: status, message and components' },
  { value: 'notice', label: 'Only that there is an update, with a link to sign in and read it' },
];

export interface KindFormState {
  /** Which form was refused, with its message in place and its choice kept. */
  form: 'parent' | 'customer-set';
  binding: string;
  newType: string;
  errors: { binding?: string; newType?: string };
}

function BindingSelect(props: {
  id: string;
  label: string;
  options: SelectOption[];
  value: string;
  error?: string | undefined;
  empty?: string;
}) {
  const { empty, ...rest } = props;
  const options = empty === undefined ? props.options : [{ value: '', label: empty }, ...props.options];
  return <SelectField {...rest} name="binding" options={options} />;
}

/**
 * What the page is and what it can become: a standalone page can become the parent of a sub-page
 * per catalog entry, or a customer page set (a private page per customer); a parent can go back.
 */
export function PageKindSection({
  page,
  types,
  canWrite,
  state,
  mailDetail,
}: {
  page: Page;
  types: readonly CatalogType[];
  canWrite: boolean;
  state?: KindFormState | undefined;
  mailDetail?: 'full' | 'notice' | undefined;
}) {
  const base = `/admin/pages/${encodeURIComponent(page.id)}`;
  const typeName = (id: string) => types.find((type) => type.id === id)?.name ?? id;
  const parent = parentOptions(types);
  const sets = customerSetOptions(types);
  const parentState = state?.form === 'parent' ? state : undefined;
  const setState = state?.form === 'customer-set' ? state : undefined;
  return (
    <section class="card" aria-labelledby="kind">
      <h2 id="kind">Kind of page</h2>
      {page.kind === 'standalone' && <p class="lead">A standalone page: it shows the structure above.</p>}
      {page.binding?.kind === 'parent' && (
        <p class="lead">
          A parent page: every entry of the catalog type <strong>{typeName(page.binding.catalogTypeId)}</strong> has a sub-page at /
          {page.slug}/…, showing its own components laid out as above.
        </p>
      )}
      {page.binding?.kind === 'customer_set' && (
        <p class="lead">
          A customer page set: every entry of <strong>{typeName(page.binding.catalogTypeId)}</strong> has a private customer page showing
          the structure above and its own components. The set itself is not served.
        </p>
      )}
      {page.binding?.kind === 'customer_set' && mailDetail && (
        <>
          <h3>Notification mail</h3>
          {canWrite ? (
            <form class="row-form" method="post" action={`${base}/mail-detail`}>
              <SelectField
                id="mailDetail"
                name="mailDetail"
                label="What subscribers' mails carry"
                value={mailDetail}
                options={MAIL_DETAIL_OPTIONS}
              />
              <button type="submit">Save</button>
            </form>
          ) : (
            <p>{MAIL_DETAIL_OPTIONS.find((option) => option.value === mailDetail)?.label}</p>
          )}
        </>
      )}
      {canWrite && page.kind === 'parent' && (
        <form class="row-form" method="post" action={`${base}/standalone`}>
          <button type="submit" class="danger">
            Make standalone again (its sub-pages go)
          </button>
        </form>
      )}
      {canWrite && page.kind === 'standalone' && (
        <>
          <h3>Make it a parent of sub-pages</h3>
          {parent.length === 0 ? (
            <p class="muted">No catalog type has a component attribute yet.</p>
          ) : (
            <form class="row-form" method="post" action={`${base}/parent`} novalidate>
              <BindingSelect
                id="parent-binding"
                label="Sub-pages from"
                options={parent}
                value={parentState?.binding ?? ''}
                error={parentState?.errors.binding}
              />
              <button type="submit">Make parent</button>
            </form>
          )}
          <h3>Make it a customer page set</h3>
          <p class="muted">Its public address stops answering: each customer signs in to a private page instead.</p>
          <form class="row-form" method="post" action={`${base}/customer-set`} novalidate>
            <BindingSelect
              id="set-binding"
              label="Customers from"
              options={sets}
              value={setState?.binding ?? ''}
              error={setState?.errors.binding}
              empty="A new catalog type (name it below)"
            />
            <TextField
              id="set-new-type"
              name="newType"
              label="New catalog type name"
              value={setState?.newType ?? ''}
              error={setState?.errors.newType}
              maxlength={200}
            />
            <button type="submit">Make customer page set</button>
          </form>
        </>
      )}
    </section>
  );
}
