import { describe, expect, it } from 'vitest';
import { createRevisionFeed } from './revision-feed.js';

describe('createRevisionFeed', () => {
  it('passes each newer revision once to every subscriber, in the order they subscribed', () => {
    const feed = createRevisionFeed();
    const heard: string[] = [];
    feed.subscribe((revision) => heard.push(`a${revision}`));
    feed.subscribe((revision) => heard.push(`b${revision}`));
    feed.publish(3);
    feed.publish(3); // the poll reading the same revision again
    feed.publish(2); // a late NOTIFY of an older write
    feed.publish(5);
    expect(heard).toEqual(['a3', 'b3', 'a5', 'b5']);
    expect(feed.latest).toBe(5);
  });
});
