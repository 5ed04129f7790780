/** The names the pages print for what the domain builds from parts (it gives the parts, the words are made here). */

/** A sub-page's name: its parent's, then its entry's, e.g. "Platform — EU". */
export const subPageName = (parentName: string, entryName: string): string => `${parentName} — ${entryName}`;

/** The group a customer page adds of the customer's own components, e.g. "Acme Corp — dedicated". */
export const dedicatedGroupName = (customerName: string): string => `${customerName} — dedicated`;
