/** The search form and the in-use/archived switch above a dashboard list (GET: a link to the same list works). */
export function ListFilter({ action, text, archived, noun }: { action: string; text: string; archived: boolean; noun: string }) {
  return (
    <form class="row-form" method="get" action={action} role="search">
      <div class="field">
        <label for="q">Search {noun} by name</label>
        <input id="q" name="q" type="search" value={text} maxlength={200} />
      </div>
      {archived && <input type="hidden" name="archived" value="1" />}
      <button type="submit">Search</button>
    </form>
  );
}

/** Links to the in-use and archived halves of a list, the current one marked. */
export function ArchiveTabs({ action, archived }: { action: string; archived: boolean }) {
  return (
    <p class="tabs">
      <a href={action} aria-current={archived ? undefined : 'page'}>
        In use
      </a>
      <a href={`${action}?archived=1`} aria-current={archived ? 'page' : undefined}>
        Archived
      </a>
    </p>
  );
}

/** The link to the next page of a list, when there is one. */
export function NextPage({ href }: { href: string | null }) {
  return href ? (
    <p>
      <a href={href}>Next page</a>
    </p>
  ) : null;
}
