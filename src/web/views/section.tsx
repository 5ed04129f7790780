import type { Child } from 'hono/jsx';

/** A titled part of a page: an `h2` that also names the region for assistive technology. */
export function Section({ id, title, children, aside }: { id: string; title: string; children?: Child; aside?: Child }) {
  return (
    <section class="section" aria-labelledby={id}>
      <div class="section-head">
        <h2 id={id}>{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  );
}
