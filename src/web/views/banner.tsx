import type { OverallView } from './models/page-view.js';
import { StatusIcon, statusOfIndicator } from './icons.js';
import { latin1Html } from './entities.js';

const SUMMARIES = {
  none: 'We’re not aware of any issues affecting our services.',
  minor: 'Some services are experiencing issues. Details below.',
  major: 'Some services are partly unavailable. Details below.',
  critical: 'Some services are unavailable. Details below.',
  maintenance: 'Scheduled maintenance is under way. Details below.',
} as const;

/**
 * The page's overall status, in colour, shape and words. No "updated at" time: the bytes are cached
 * until the data changes, so the render time would read as stale while the status is current.
 * `embedded`: drawn inside another screen (the dashboard's preview), whose own h1 and ids come first.
 */
export function Banner({ overall, embedded = false }: { overall: OverallView; embedded?: boolean }) {
  const Heading = embedded ? 'h4' : 'h1';
  const id = embedded ? 'preview-overall-status' : 'overall-status';
  return (
    <section class={`banner bn-${overall.indicator}`} aria-labelledby={id}>
      <StatusIcon status={statusOfIndicator(overall.indicator)} className="banner-icon" />
      <div>
        <Heading id={id}>{overall.description}</Heading>
        <p>{latin1Html(SUMMARIES[overall.indicator])}</p>
      </div>
    </section>
  );
}
