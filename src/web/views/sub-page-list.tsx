import { componentStatusLabel } from '../../domain/status/status-labels.js';
import type { SubPageListView } from './models/sub-page-list-view.js';
import { statusOfIndicator } from './icons.js';
import { Section } from './section.js';
import { StatusLabel } from './status-label.js';

/**
 * A parent page's sub-pages as tiles, each a link to the sub-page named by its entry and showing its
 * own overall status in words and shape. Renders nothing when every sub-page is disabled (or none exists).
 */
export function SubPageList({ list }: { list: SubPageListView }) {
  if (list.subPages.length === 0) return null;
  return (
    <Section id="sub-pages" title={list.title}>
      <ul class="sub-pages">
        {list.subPages.map((subPage) => {
          const status = statusOfIndicator(subPage.indicator);
          return (
            <li>
              <a class="card sub-page" href={subPage.path}>
                <span class="name">{subPage.name}</span>
                <StatusLabel status={status} label={componentStatusLabel(status)} />
              </a>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
