import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it, vi } from 'vitest';
import { renderSync } from './render-sync.js';

const Item = (props: { label: string; children?: unknown }) => (
  <li title={props.label}>
    {props.label}
    {props.children}
  </li>
);
const List = (props: { labels: string[] }) => (
  <>
    <ul>
      {props.labels.map((label) => (
        <Item label={label}>
          <b>{label.length}</b>
        </Item>
      ))}
    </ul>
    {null}
    {false}
    {0}
  </>
);

describe('renderSync', () => {
  it('renders exactly what toString() renders, escaping included', () => {
    const element = <List labels={['a < b', '"quoted" & \'single\'', 'plain', '日本']} />;
    expect(renderSync(element)).toBe(element.toString());
    expect(renderSync(<p>x</p>)).toBe('<p>x</p>');
  });

  it('refuses an asynchronous component instead of rendering a Promise', () => {
    const Slow = async () => <p>late</p>;
    expect(() => renderSync(<div>{(<Slow />) as never}</div>)).toThrow(/synchronously/);
  });

  it('leaves the AsyncLocalStorage alone, which toString() runs every render in (and so turns async hooks on)', () => {
    const run = vi.spyOn(AsyncLocalStorage.prototype, 'run');
    try {
      renderSync(<List labels={['a', 'b']} />);
      expect(run).not.toHaveBeenCalled();
      (<List labels={['a', 'b']} />).toString();
      expect(run).toHaveBeenCalled();
    } finally {
      run.mockRestore();
    }
  });
});
