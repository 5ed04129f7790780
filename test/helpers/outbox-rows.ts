/** One outbox row as the store's records read it. */
export { findOutboxRecord as findOutboxMessage } from '../../src/store/outbox.js';
