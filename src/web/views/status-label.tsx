import type { ComponentStatus } from '../../domain/component.js';
import { StatusIcon } from './icons.js';

/** A status in words with its icon, in the status colour. */
export function StatusLabel({ status, label }: { status: ComponentStatus; label: string }) {
  return (
    <span class={`status st-${status}`}>
      <StatusIcon status={status} />
      <span>{label}</span>
    </span>
  );
}
