/**
 * The public pages' stylesheet, served as a content-hashed asset. Status is never colour alone: every
 * coloured thing has an icon shape or words beside it, and outage days in the bars are hatched. Text
 * never sits on gradients or pseudo-element backgrounds, so axe can verify every contrast.
 */
import { COMPONENTS_CSS } from './styles/components.js';
import { INCIDENTS_CSS } from './styles/incidents.js';
import { PAGE_CSS } from './styles/page.js';
import { RESPONSIVE_CSS } from './styles/responsive.js';
import { SUB_PAGES_CSS } from './styles/sub-pages.js';
import { TOKENS_CSS } from './styles/tokens.js';

export const STYLESHEET_CSS = [TOKENS_CSS, PAGE_CSS, COMPONENTS_CSS, SUB_PAGES_CSS, INCIDENTS_CSS, RESPONSIVE_CSS].join('\n');
